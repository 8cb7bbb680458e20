import { addCiphertexts, Ciphertext, zeroCiphertext } from '../elgamal';
import type { BallotStyle } from './ballot-style';
import type { VerifiedBallot } from './verification-result';

/**
 * Running homomorphic totals of verified ballots, per contest and option. Verification already
 * decoded every ciphertext, so accumulating here costs two point additions per option and no
 * decoding (decoding, not adding, is what makes re-reading ballots expensive).
 */
export class BallotTotals {
  private readonly totals = new Map<string, Ciphertext[]>();
  private counted = 0;

  constructor(styles: Iterable<BallotStyle>) {
    for (const style of styles) {
      for (const contest of style.contests) {
        const existing = this.totals.get(contest.id);
        if (existing && existing.length !== contest.optionIds.length) {
          throw new Error(`contest ${contest.id} has a different number of options in two styles`);
        }
        if (!existing) this.totals.set(contest.id, contest.optionIds.map(() => zeroCiphertext()));
      }
    }
  }

  add(ballot: VerifiedBallot): void {
    for (const contest of ballot.contests) {
      const sums = this.totals.get(contest.contestId);
      if (!sums || sums.length !== contest.ciphertexts.length) throw new Error(`contest ${contest.contestId} is not in these totals`);
      contest.ciphertexts.forEach((ct, i) => (sums[i] = addCiphertexts(sums[i], ct)));
    }
    this.counted++;
  }

  get ballots(): number {
    return this.counted;
  }

  /** The encrypted totals of a contest, one ciphertext per option, in style order. */
  contest(contestId: string): readonly Ciphertext[] {
    const sums = this.totals.get(contestId);
    if (!sums) throw new Error(`unknown contest ${contestId}`);
    return [...sums];
  }
}
