import { hashToScalar, u64, utf8 } from '../hash';
import { randomScalar } from '../scalar';
import type { ScalarSource } from '../proofs/dleq';

/**
 * Where the ceremony and the tally get their secret scalars (polynomial coefficients,
 * transport keys, proof nonces). Production uses `randomScalars` (Web Crypto). The published
 * test vectors use `seededScalars`, so that anyone can regenerate them byte for byte; a seeded
 * source must never be used for a real election (its secrets are as public as its seed).
 *
 *   seeded k-th scalar = hashToScalar("urna/v1/test-vector-scalars", utf8(seed), u64(k)),
 *   k = 0, 1, 2, …, skipping (never in practice) the value 0.
 */
export const randomScalars: ScalarSource = randomScalar;

export const TEST_VECTOR_SCALARS_TAG = 'urna/v1/test-vector-scalars';

export function seededScalars(seed: string): ScalarSource {
  let counter = 0n;
  return () => {
    for (;;) {
      const k = hashToScalar(TEST_VECTOR_SCALARS_TAG, utf8(seed), u64(counter++));
      if (k !== 0n) return k;
    }
  };
}
