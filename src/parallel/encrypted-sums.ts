import type { BallotStyle } from '../domain/crypto/ballot/ballot-style';
import { addCiphertexts, zeroCiphertext, type Ciphertext } from '../domain/crypto/elgamal';
import type { ContestSums } from './crypto-tasks';

/**
 * Homomorphic totals per contest and option, built from per-chunk sums (crypto-tasks.ts): the
 * same totals BallotTotals gives ballot by ballot (the group is commutative), with one addition
 * per option per chunk.
 */
export class EncryptedSums {
  private readonly totals = new Map<string, Ciphertext[]>();
  private readonly counts = new Map<string, number>();

  constructor(styles: Iterable<BallotStyle>) {
    for (const style of styles) {
      for (const contest of style.contests) {
        const existing = this.totals.get(contest.id);
        if (existing && existing.length !== contest.optionIds.length) throw new Error(`contest ${contest.id} has a different number of options in two styles`);
        if (!existing) this.totals.set(contest.id, contest.optionIds.map(() => zeroCiphertext()));
      }
    }
  }

  addSums(sums: ContestSums<Ciphertext>): void {
    for (const [contestId, cts] of sums) {
      const acc = this.totals.get(contestId);
      if (!acc || acc.length !== cts.length) throw new Error(`contest ${contestId} is not in these totals`);
      cts.forEach((ct, k) => (acc[k] = addCiphertexts(acc[k], ct)));
    }
  }

  /** Counts one more ballot in each of these contests. */
  countBallot(contestIds: readonly string[]): void {
    for (const id of contestIds) this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
  }

  ballotsIn(contestId: string): number {
    return this.counts.get(contestId) ?? 0;
  }

  contest(contestId: string): readonly Ciphertext[] {
    const sums = this.totals.get(contestId);
    if (!sums) throw new Error(`unknown contest ${contestId}`);
    return [...sums];
  }
}
