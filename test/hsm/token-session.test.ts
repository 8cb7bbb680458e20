/** Finding tokens, their serial numbers, logging in, and the module's once-per-process life,
 * against a real SoftHSM 2 token store created for this file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HsmModuleBusyError,
  PinIncorrectError,
  TokenInUseError,
  TokenNotFoundError,
} from '../../src/hsm/hsm-errors';
import { getPkcs11Module } from '../../src/hsm/pkcs11-module';
import { createSoftHsmEnvironment, listSoftHsmTokens } from '../../src/hsm/softhsm/softhsm-environment';
import { findToken, listTokens, openTokenSession, readTokenSerial, withTokenSession } from '../../src/hsm/token-session';
import { createSoftHsmFixture, type SoftHsmFixture } from './softhsm-fixture';

let hsm: SoftHsmFixture;
beforeAll(() => {
  hsm = createSoftHsmFixture('token-session');
});
afterAll(() => hsm.dispose());

describe('token look-up', () => {
  it('lists exactly the tokens of this test store (never the system ones)', () => {
    expect(listTokens().map((t) => t.label).sort()).toEqual([...hsm.trustees.map((t) => t.label), 'urna-log'].sort());
  });

  it('reads each token serial, the same one softhsm2-util reports, all distinct', () => {
    const serials = hsm.trustees.map((t) => readTokenSerial(t.label));
    expect(serials).toEqual(hsm.trustees.map((t) => t.serialNumber));
    expect(serials.every((s) => /^[0-9a-f]{16}$/.test(s))).toBe(true);
    expect(new Set(serials).size).toBe(serials.length);
  });

  it('fails with a typed, bilingual error for an unknown label', () => {
    expect(() => findToken('no-such-card')).toThrow(TokenNotFoundError);
    expect(() => findToken('no-such-card')).toThrow(/No se encontró.*\/ No token labelled "no-such-card"/);
  });
});

describe('login', () => {
  it('runs work in a logged-in session with the right PIN', () => {
    const [t] = hsm.trustees;
    expect(withTokenSession(t.label, t.pin, (s) => s.token.serialNumber)).toBe(t.serialNumber);
  });

  it('maps CKR_PIN_INCORRECT to PinIncorrectError, including another trustee\'s PIN', () => {
    const [a, b] = hsm.trustees;
    const attempt = (pin: string) => () => withTokenSession(a.label, pin, () => 'unreachable');
    expect(attempt(b.pin)).toThrow(PinIncorrectError);
    expect(attempt('0000')).toThrow(expect.objectContaining({ code: 'HSM_PIN_INCORRECT', ckr: 'CKR_PIN_INCORRECT' }));
  });

  it('closes the session even when the work throws (a later login is not "already logged in")', () => {
    const t = hsm.trustees[1];
    expect(() =>
      withTokenSession(t.label, t.pin, () => {
        throw new Error('boom');
      }),
    ).toThrow();
    expect(withTokenSession(t.label, t.pin, () => 'fresh login')).toBe('fresh login');
  });

  it('refuses a second login while a session is open (its PIN would go unchecked)', () => {
    const t = hsm.trustees[2];
    const held = openTokenSession(t.label, t.pin);
    try {
      expect(() => openTokenSession(t.label, 'wrong-pin')).toThrow(TokenInUseError);
    } finally {
      held.close();
    }
    expect(() => openTokenSession(t.label, 'wrong-pin')).toThrow(PinIncorrectError);
  });
});

describe('module life (SoftHSM reads its configuration at C_Initialize)', () => {
  it('initialises once and reuses the module', () => {
    expect(getPkcs11Module()).toBe(getPkcs11Module());
  });

  it('sees a token created after initialisation (re-initialises on initToken)', () => {
    getPkcs11Module();
    const created = hsm.environment.initToken('late-card', 'so-late-1234', 'pin-late-1234');
    expect(readTokenSerial('late-card')).toBe(created.serialNumber);
  });

  it('switches to another token store in the same process, and refuses while a session is open', () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'urna-token-session-other-'));
    try {
      const other = createSoftHsmEnvironment(otherDir);
      const card = other.initToken('other-card', 'so-other-1234', 'pin-other-1234');
      expect(listSoftHsmTokens(other.confPath)).toEqual([card]);

      const held = openTokenSession(hsm.trustees[0].label, hsm.trustees[0].pin);
      other.activate();
      try {
        expect(() => getPkcs11Module()).toThrow(HsmModuleBusyError);
      } finally {
        held.close();
      }
      expect(listTokens().map((t) => t.label)).toEqual(['other-card']);
      hsm.environment.activate();
      expect(listTokens().map((t) => t.label)).toContain('trustee-1');
    } finally {
      hsm.environment.activate();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });
});
