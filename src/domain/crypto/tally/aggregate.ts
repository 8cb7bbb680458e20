import { group } from '../active-group';
import type { Ciphertext } from '../elgamal';
import type { GroupElement } from '../group';

/**
 * The homomorphic tally: per option, the component-wise sum of every ballot's ciphertext,
 * which encrypts the number of votes for that option. Sums are kept as decoded group elements
 * and added as ballots are verified (FACTS.md: re-decoding millions of points costs hours).
 */
export interface OptionTotal {
  readonly optionId: string;
  readonly ciphertext: Ciphertext;
}

export class TallyAccumulator {
  private readonly alphas: GroupElement[];
  private readonly betas: GroupElement[];
  private ballots = 0;

  constructor(readonly optionIds: readonly string[]) {
    if (new Set(optionIds).size !== optionIds.length) throw new Error('option ids must be distinct');
    this.alphas = optionIds.map(() => group.identity);
    this.betas = optionIds.map(() => group.identity);
  }

  /** Adds one ballot: one ciphertext per option, in the order of `optionIds`. */
  addBallot(ciphertexts: readonly Ciphertext[]): void {
    if (ciphertexts.length !== this.optionIds.length) {
      throw new Error(`a ballot has ${this.optionIds.length} ciphertexts here, got ${ciphertexts.length}`);
    }
    for (let k = 0; k < ciphertexts.length; k++) {
      this.alphas[k] = group.add(this.alphas[k], ciphertexts[k].alpha);
      this.betas[k] = group.add(this.betas[k], ciphertexts[k].beta);
    }
    this.ballots++;
  }

  get ballotCount(): number {
    return this.ballots;
  }

  totals(): OptionTotal[] {
    return this.optionIds.map((optionId, k) => ({ optionId, ciphertext: { alpha: this.alphas[k], beta: this.betas[k] } }));
  }
}

/** Σ of many ciphertexts of one option. */
export function sumCiphertexts(ciphertexts: Iterable<Ciphertext>): Ciphertext {
  let alpha = group.identity;
  let beta = group.identity;
  for (const c of ciphertexts) {
    alpha = group.add(alpha, c.alpha);
    beta = group.add(beta, c.beta);
  }
  return { alpha, beta };
}
