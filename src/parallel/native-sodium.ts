import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SodiumRistretto255 } from '../domain/crypto/ristretto255-libsodium';

/**
 * The system's libsodium through the project's N-API addon (native/ristretto255): the fastest
 * backend, for the verifier and the tally's worker threads on a server. It is built by
 * `npm run build:native`, which needs Debian's libsodium-dev and a C compiler (`npm test` and
 * .ci/run install and build it); nothing else depends on it.
 */
export const NATIVE_ADDON = join(__dirname, '..', '..', 'native', 'ristretto255', 'build', 'Release', 'ristretto255_sodium.node');

interface Addon {
  isValid(p: Uint8Array): boolean;
  add(a: Uint8Array, b: Uint8Array): Uint8Array;
  sub(a: Uint8Array, b: Uint8Array): Uint8Array;
  mul(k: Uint8Array, p: Uint8Array): Uint8Array;
  mulBase(k: Uint8Array): Uint8Array;
  msm(points: Uint8Array, scalars: Uint8Array): Uint8Array;
  version(): string;
}

export const nativeSodiumBuilt = (): boolean => existsSync(NATIVE_ADDON);

export function loadNativeSodium(): SodiumRistretto255 {
  if (!nativeSodiumBuilt()) {
    throw new Error(`the native libsodium backend is not built (${NATIVE_ADDON}): run \`npm run build:native\` (needs libsodium-dev: apt-get install libsodium-dev) / el respaldo nativo no está compilado`);
  }
  // A built .node file is loaded by path; there is no package to import.
  const addon = require(NATIVE_ADDON) as Addon;
  return {
    implementation: `libsodium ${addon.version()} (native, system library through N-API)`,
    isValid: addon.isValid,
    add: addon.add,
    sub: addon.sub,
    mul: addon.mul,
    mulBase: addon.mulBase,
    msm: addon.msm,
  };
}
