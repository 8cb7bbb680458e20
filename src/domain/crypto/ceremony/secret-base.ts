import { group } from '../active-group';
import type { GroupElement } from '../group';

/**
 * k·G for a SECRET k: polynomial coefficients, transport secrets, an envelope's r, proof nonces,
 * shares. `group.mul` is each backend's constant-time path (@noble/curves: Point.multiply, a
 * blinded scalar and table scans that read every entry; libsodium:
 * crypto_scalarmult_ristretto255_base). `generatorBase()` (elgamal.ts) is faster but reads its
 * table at positions given by k's digits, so the ceremony keeps it for public scalars only.
 * What stays variable-time (JavaScript BigInt arithmetic) is listed in
 * docs/spec/crypto-ceremony-tally.md §6.
 */
export const secretTimesGenerator = (k: bigint): GroupElement => group.mul(group.generator, k);
