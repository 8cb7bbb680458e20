import { group } from '../active-group';
import { ciphertextsEqual, generatorBase, type Ciphertext } from '../elgamal';
import type { GroupElement } from '../group';
import { toHex } from '../hash';
import type { Failure } from '../ceremony/wire';
import type { OptionTotal } from './aggregate';
import { combinePartialDecryptions, NotEnoughTrusteesError } from './combine';
import type { DiscreteLogTable } from './discrete-log';
import type { DecryptionScope } from './decryption-scope';
import { verifyPartialDecryption } from './partial-decryption';
import { ciphertextHex, isOptionId, readCiphertext, type HexCiphertext, type PartialDecryption } from './tally-wire';
import { domainText } from '../../shared/domain-text';

/**
 * The decrypted tally of one contest as published: the ballot box and ballot count its partial
 * decryptions are bound to, per option the encrypted total, the partial decryptions used (each
 * with its proof) and the count. Anyone can check it with `verifyTallyResult` without solving a
 * discrete log: count·G must equal β − Σ λⱼ·Dⱼ. Version 2 (crypto-ceremony-tally.md §4.6);
 * version 1, whose proofs bound no ballot box, is refused.
 */
export const TALLY_RESULT_TYPE = 'urna.tally.result';
export const TALLY_RESULT_VERSION = 2;

export interface TallyResultOption {
  readonly optionId: string;
  readonly ciphertext: HexCiphertext;
  readonly partialDecryptions: readonly PartialDecryption[];
  readonly count: number;
}

export interface TallyResult {
  readonly type: typeof TALLY_RESULT_TYPE;
  readonly version: typeof TALLY_RESULT_VERSION;
  /** The election's baseHash (hex) every proof is bound to. */
  readonly baseHash: string;
  /** BallotBoxExported.sha256 (hex), bound into every proof. */
  readonly ballotBoxHash: string;
  /** Ballots of the box holding this contest, bound into every proof. */
  readonly ballots: number;
  readonly threshold: number;
  /** The bound of the discrete-log search (the election's maximum voters). */
  readonly maxCount: number;
  readonly options: readonly TallyResultOption[];
}

export class TallyCountOutOfRangeError extends Error {
  constructor(readonly optionId: string, readonly maxCount: number) {
    super(domainText.both('crypto.countOutOfRange', { optionId, maxCount }));
    this.name = 'TallyCountOutOfRangeError';
  }
}

export interface TallyDecryptionInput {
  /** The election, box and ballot count the partial decryptions must be made for. */
  readonly scope: DecryptionScope;
  readonly threshold: number;
  readonly verificationKeys: ReadonlyMap<number, GroupElement>;
  readonly totals: readonly OptionTotal[];
  /** Partial decryptions as received (untrusted): each is verified; bad ones are named and set aside. */
  readonly partials: readonly unknown[];
  readonly table: DiscreteLogTable;
}

/** Verifies every partial decryption, combines the valid ones and solves each count. Throws
 * NotEnoughTrusteesError (naming the option) when fewer than t valid ones remain. */
export function decryptTally(input: TallyDecryptionInput): { result: TallyResult; failures: Failure[] } {
  const failures: Failure[] = [];
  const byOption = new Map<string, unknown[]>();
  const known = new Set(input.totals.map((t) => t.optionId));
  for (const p of input.partials) {
    const optionId = (p as { optionId?: unknown } | null)?.optionId;
    if (typeof optionId !== 'string' || !known.has(optionId)) {
      failures.push({ check: 'partial-decryption.option', field: 'optionId', reason: `no such option: ${JSON.stringify(optionId)}` });
      continue;
    }
    byOption.set(optionId, [...(byOption.get(optionId) ?? []), p]);
  }
  const options = input.totals.map(({ optionId, ciphertext }) => {
    const used: PartialDecryption[] = [];
    const valid: { trustee: number; share: GroupElement }[] = [];
    for (const p of byOption.get(optionId) ?? []) {
      const check = verifyPartialDecryption(input.scope, optionId, ciphertext, input.verificationKeys, p);
      if (!check.ok) failures.push(check.failure);
      else if (valid.some((v) => v.trustee === check.trustee)) {
        failures.push({ check: 'partial-decryption.duplicate', trustee: check.trustee, reason: `a second partial decryption for option ${optionId}` });
      } else {
        valid.push({ trustee: check.trustee, share: check.share });
        used.push(p as PartialDecryption);
      }
    }
    const m = combinePartialDecryptions(ciphertext, valid, input.threshold, optionId);
    const count = input.table.solve(m);
    if (count === undefined) throw new TallyCountOutOfRangeError(optionId, input.table.maxValue);
    const order = (a: PartialDecryption, b: PartialDecryption) => a.trustee - b.trustee;
    return { optionId, ciphertext: ciphertextHex(ciphertext), partialDecryptions: used.sort(order), count };
  });
  return {
    result: {
      type: TALLY_RESULT_TYPE,
      version: TALLY_RESULT_VERSION,
      baseHash: toHex(input.scope.context.baseHash),
      ballotBoxHash: toHex(input.scope.ballotBoxHash),
      ballots: input.scope.ballots,
      threshold: input.threshold,
      maxCount: input.table.maxValue,
      options,
    },
    failures,
  };
}

export interface TallyResultVerification {
  readonly ok: boolean;
  readonly failures: readonly Failure[];
}

/**
 * An auditor's check of a published tally result. `scope` is the auditor's own: its election
 * context, the box hash the log recorded at closing and the contest's ballot count it
 * recomputed; the result must name them and every proof must verify for them. `totals`, when
 * given, are the encrypted totals the auditor recomputed from the ballot box; the result must
 * carry exactly them. Never throws on hostile input.
 */
export function verifyTallyResult(input: {
  readonly scope: DecryptionScope;
  readonly threshold: number;
  readonly verificationKeys: ReadonlyMap<number, GroupElement>;
  readonly totals?: readonly OptionTotal[];
  readonly result: unknown;
}): TallyResultVerification {
  const failures: Failure[] = [];
  const r = input.result as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null) return { ok: false, failures: [{ check: 'tally.shape', reason: 'expected an object' }] };
  if (r.type !== TALLY_RESULT_TYPE || r.version !== TALLY_RESULT_VERSION) {
    failures.push({ check: 'tally.type', field: 'type', reason: `expected ${TALLY_RESULT_TYPE} version ${TALLY_RESULT_VERSION} (version 1 bound no ballot box into its proofs)` });
  }
  if (r.baseHash !== toHex(input.scope.context.baseHash)) failures.push({ check: 'tally.base-hash', field: 'baseHash', reason: 'made for another election or key' });
  if (r.ballotBoxHash !== toHex(input.scope.ballotBoxHash)) failures.push({ check: 'tally.ballot-box-hash', field: 'ballotBoxHash', reason: 'made for another ballot box than the one recorded at closing' });
  if (r.ballots !== input.scope.ballots) failures.push({ check: 'tally.ballots', field: 'ballots', reason: `expected ${input.scope.ballots} ballots in this contest` });
  if (r.threshold !== input.threshold) failures.push({ check: 'tally.threshold', field: 'threshold', reason: `expected threshold ${input.threshold}` });
  const maxCount = r.maxCount;
  if (typeof maxCount !== 'number' || !Number.isSafeInteger(maxCount) || maxCount < 0) {
    failures.push({ check: 'tally.max-count', field: 'maxCount', reason: 'expected a non-negative integer' });
  }
  if (!Array.isArray(r.options)) return { ok: false, failures: [...failures, { check: 'tally.shape', field: 'options', reason: 'expected an array' }] };
  const options = r.options as unknown[];
  if (input.totals) {
    const ids = options.map((o) => (o as { optionId?: unknown } | null)?.optionId);
    const expected = input.totals.map((t) => t.optionId);
    if (ids.length !== expected.length || ids.some((id, k) => id !== expected[k])) {
      failures.push({ check: 'tally.options', field: 'options', reason: `expected the options ${expected.join(', ')} in that order` });
    }
  }
  options.forEach((raw, k) => {
    const at = `options[${k}]`;
    const o = raw as Record<string, unknown> | null;
    if (typeof o !== 'object' || o === null || !isOptionId(o.optionId)) {
      failures.push({ check: 'tally.option', field: at, reason: 'expected {optionId, ciphertext, partialDecryptions, count}' });
      return;
    }
    const optionId = o.optionId;
    const c = readCiphertext(o.ciphertext, 'tally.ciphertext', `${at}.ciphertext`);
    if (!c.ok) return failures.push(c.failure);
    const ciphertext: Ciphertext = c.value;
    const expected = input.totals?.find((t) => t.optionId === optionId);
    if (expected && !ciphertextsEqual(expected.ciphertext, ciphertext)) {
      failures.push({ check: 'tally.ciphertext', field: `${at}.ciphertext`, reason: `not the encrypted total of option ${optionId} recomputed from the ballots` });
    }
    const valid: { trustee: number; share: GroupElement }[] = [];
    const partials = Array.isArray(o.partialDecryptions) ? o.partialDecryptions : [];
    for (const p of partials) {
      const check = verifyPartialDecryption(input.scope, optionId, ciphertext, input.verificationKeys, p);
      if (!check.ok) failures.push({ ...check.failure, field: `${at}.partialDecryptions: ${check.failure.field ?? ''}` });
      else if (valid.some((v) => v.trustee === check.trustee)) failures.push({ check: 'partial-decryption.duplicate', trustee: check.trustee, field: at, reason: 'two partial decryptions from one trustee' });
      else valid.push({ trustee: check.trustee, share: check.share });
    }
    if (valid.length < input.threshold) {
      failures.push({ check: 'tally.not-enough-trustees', field: at, reason: new NotEnoughTrusteesError(valid.length, input.threshold, optionId).message });
      return;
    }
    const count = o.count;
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || (typeof maxCount === 'number' && count > maxCount)) {
      failures.push({ check: 'tally.count-range', field: `${at}.count`, reason: `expected an integer in [0, ${String(maxCount)}]` });
      return;
    }
    const m = combinePartialDecryptions(ciphertext, valid, input.threshold, optionId);
    if (!group.equals(generatorBase().mul(BigInt(count)), m)) {
      failures.push({ check: 'tally.count', field: `${at}.count`, reason: `option ${optionId}: count·G ≠ β − Σ λⱼ·Dⱼ (the published count is not what the ciphertext decrypts to)` });
    }
  });
  return { ok: failures.length === 0, failures };
}
