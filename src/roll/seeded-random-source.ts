import { sha256 } from '@noble/hashes/sha2.js';
import { frame, utf8, u64 } from '../domain/crypto/hash';
import type { RandomSource } from '../domain/roll/random-source';

/**
 * A deterministic byte stream for simulacros and tests: block i = SHA-256(frame(
 * "urna/v1/simulacro-prng", seed, u64(i))). Same seed, same voters, same pseudonyms.
 * Never for a real election: anyone who knows the seed knows every secret drawn from it.
 */
export function seededRandomSource(seed: string): RandomSource {
  const seedBytes = utf8(seed);
  let counter = 0;
  let pool = new Uint8Array(0);
  let at = 0;
  return {
    bytes(length: number): Uint8Array {
      const out = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        if (at === pool.length) {
          pool = sha256(frame('urna/v1/simulacro-prng', [seedBytes, u64(counter++)]));
          at = 0;
        }
        out[i] = pool[at++];
      }
      return out;
    },
  };
}
