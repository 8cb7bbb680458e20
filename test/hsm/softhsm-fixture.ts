/**
 * One throw-away SoftHSM token store per test file: N trustee tokens with different PINs and
 * one log token. Created in beforeAll, removed (and the module finalised) in afterAll.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closePkcs11Module } from '../../src/hsm/pkcs11-module';
import { createSoftHsmEnvironment, type InitializedToken, type SoftHsmEnvironment } from '../../src/hsm/softhsm/softhsm-environment';

export interface TestToken extends InitializedToken {
  pin: string;
  soPin: string;
}

export interface SoftHsmFixture {
  environment: SoftHsmEnvironment;
  trustees: TestToken[];
  logToken: TestToken;
  dispose(): void;
}

export function createSoftHsmFixture(name: string, trusteeCount = 5): SoftHsmFixture {
  const dir = mkdtempSync(join(tmpdir(), `urna-${name}-`));
  const environment = createSoftHsmEnvironment(dir);
  environment.activate();
  const make = (label: string, pin: string, soPin: string): TestToken => ({ ...environment.initToken(label, soPin, pin), pin, soPin });
  const trustees = Array.from({ length: trusteeCount }, (_, i) => make(`trustee-${i + 1}`, `pin-${i + 1}-${1000 + i * 37}`, `so-${i + 1}-87654321`));
  const logToken = make('urna-log', 'log-pin-2468', 'log-so-13579');
  return {
    environment,
    trustees,
    logToken,
    dispose() {
      closePkcs11Module();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
