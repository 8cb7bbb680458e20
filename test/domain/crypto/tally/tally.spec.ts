import fc from 'fast-check';
import { group } from '../../../../src/domain/crypto/active-group';
import { electionContext } from '../../../../src/domain/crypto/election-context';
import { encrypt, encryptionTables, generatorBase, type Ciphertext } from '../../../../src/domain/crypto/elgamal';
import type { GroupElement } from '../../../../src/domain/crypto/group';
import { element, hash256, toHex, u32, utf8 } from '../../../../src/domain/crypto/hash';
import { proveDleq } from '../../../../src/domain/crypto/proofs/dleq';
import { mod, ORDER, randomScalar } from '../../../../src/domain/crypto/scalar';
import { elementHex, readElement, scalarHex } from '../../../../src/domain/crypto/ceremony/wire';
import {
  combinePartialDecryptions,
  decryptionScope,
  decryptTally,
  DiscreteLogTable,
  lagrangeAtZero,
  NotEnoughTrusteesError,
  partialDecrypt,
  TallyAccumulator,
  verifyPartialDecryption,
  verifyTallyResult,
  type PartialDecryption,
} from '../../../../src/domain/crypto/tally';
import { simulateCeremony } from '../ceremony/simulate-ceremony';

const ceremony = simulateCeremony({ ceremonyId: 'tally-5-of-3', n: 5, t: 3 });
const keys = ceremony.keys!;
const anyKeys = keys.get(1)!;
const context = electionContext(hash256('urna/test/manifest', utf8('tally test')), anyKeys.publicKey);
const verificationKeys = anyKeys.verificationKeys;
const T = 3;
// What every partial decryption here is bound to: a ballot box of 11 ballots, all holding the contest.
const boxHash = toHex(hash256('urna/test/ballot-box', utf8('tally test box')));
const scope = decryptionScope(context, boxHash, 11);

// A small election: 3 options, 11 voters, each choosing exactly one option.
const optionIds = ['party-a', 'party-b', 'null'];
const choices = [0, 1, 1, 2, 0, 1, 1, 0, 2, 1, 1];
const expected = [3, 6, 2];
const tables = encryptionTables(anyKeys.publicKey);
const accumulator = new TallyAccumulator(optionIds);
for (const choice of choices) accumulator.addBallot(optionIds.map((_, k) => encrypt(tables, k === choice ? 1n : 0n, randomScalar())));
const totals = accumulator.totals();
const table = new DiscreteLogTable(100);

const partialsBy = (trustees: readonly number[]): PartialDecryption[] =>
  trustees.flatMap((j) => totals.map((t) => partialDecrypt(scope, t.optionId, t.ciphertext, j, keys.get(j)!.share)));
const allPartials = new Map([1, 2, 3, 4, 5].map((j) => [j, partialsBy([j])]));
const pick = (trustees: readonly number[]) => trustees.flatMap((j) => allPartials.get(j)!);

function subsets<T>(xs: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  if (xs.length < k) return [];
  const [first, ...rest] = xs;
  return [...subsets(rest, k - 1).map((s) => [first, ...s]), ...subsets(rest, k)];
}

describe('threshold tally, n = 5, t = 3', () => {
  it('the homomorphic totals decrypt to the counts with every one of the 10 sets of 3 trustees', () => {
    const sets = subsets([1, 2, 3, 4, 5], 3);
    expect(sets).toHaveLength(10);
    for (const set of sets) {
      const { result, failures } = decryptTally({ scope, threshold: T, verificationKeys, totals, partials: pick(set), table });
      expect(failures).toEqual([]);
      expect(result.options.map((o) => o.count)).toEqual(expected);
      expect(verifyTallyResult({ scope, threshold: T, verificationKeys, totals, result })).toEqual({ ok: true, failures: [] });
    }
  });

  it('2 trustees cannot decrypt: combination refuses, and forcing it gives a wrong element', () => {
    expect(() => decryptTally({ scope, threshold: T, verificationKeys, totals, partials: pick([2, 5]), table })).toThrow(NotEnoughTrusteesError);
    expect(() => decryptTally({ scope, threshold: T, verificationKeys, totals, partials: pick([2, 5]), table })).toThrow(/at least 3 trustees/);
    // Forcing it: with two points, Lagrange interpolates the line through (2, x₂), (5, x₅), whose value at 0
    // is not the key s (F has degree 2), so β − λ₂D₂ − λ₅D₅ ≠ m·G.
    const c = totals[1].ciphertext;
    const lambdas = lagrangeAtZero([2, 5]);
    const forced = group.sub(c.beta, group.add(group.mul(c.alpha, mod(lambdas.get(2)! * keys.get(2)!.share)), group.mul(c.alpha, mod(lambdas.get(5)! * keys.get(5)!.share))));
    expect(group.equals(forced, generatorBase().mul(BigInt(expected[1])))).toBe(false);
    expect(table.solve(forced)).toBeUndefined();
    // …while the same formula with a third trustee is right.
    const three = lagrangeAtZero([2, 4, 5]);
    const sAlpha = [2, 4, 5].reduce((acc, j) => group.add(acc, group.mul(c.alpha, mod(three.get(j)! * keys.get(j)!.share))), group.identity);
    expect(group.equals(group.sub(c.beta, sAlpha), generatorBase().mul(BigInt(expected[1])))).toBe(true);
  });

  it('a bad partial decryption is caught and names its trustee; the others still decrypt', () => {
    const bad = allPartials.get(4)!.map((p, k) => (k === 0 ? { ...p, share: elementHex(group.add(readAnElement(p.share), group.generator)) } : p));
    const { result, failures } = decryptTally({ scope, threshold: T, verificationKeys, totals, partials: [...pick([1, 2]), ...bad, ...pick([5])], table });
    expect(failures).toEqual([expect.objectContaining({ check: 'partial-decryption.proof', trustee: 4 })]);
    expect(result.options.map((o) => o.count)).toEqual(expected);
    expect(result.options[0].partialDecryptions.map((p) => p.trustee)).toEqual([1, 2, 5]);
    // With only three partials, one bad, the option cannot be decrypted and the error says so.
    expect(() => decryptTally({ scope, threshold: T, verificationKeys, totals, partials: [...pick([1, 2]), ...bad], table })).toThrow(/party-a/);
  });

  it('any single tampered field of a partial decryption is rejected and names the trustee', () => {
    const fieldArb = fc.constantFrom('share', 'challenge', 'response', 'optionId', 'trustee-swap');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 2 }), fieldArb, fc.bigInt({ min: 1n, max: ORDER - 1n }), (j, k, field, s) => {
        const p = allPartials.get(j)![k];
        const t = totals[k];
        let tampered: PartialDecryption;
        if (field === 'share') tampered = { ...p, share: elementHex(group.mul(group.generator, s)) };
        else if (field === 'challenge' || field === 'response') tampered = { ...p, proof: { ...p.proof, [field]: scalarHex(s) } };
        else if (field === 'optionId') tampered = { ...p, optionId: optionIds[(k + 1) % 3] };
        else tampered = { ...p, trustee: (j % 5) + 1 };
        const v = verifyPartialDecryption(scope, t.optionId, t.ciphertext, verificationKeys, tampered);
        expect(v.ok).toBe(false);
        if (!v.ok) expect(v.failure.trustee).toBe(tampered.trustee);
        expect(verifyPartialDecryption(scope, t.optionId, t.ciphertext, verificationKeys, p)).toMatchObject({ ok: true, trustee: j });
      }),
      { numRuns: 30 },
    );
  });

  it('hostile partial decryptions never throw', () => {
    const t = totals[0];
    const p = allPartials.get(1)![0];
    for (const hostile of [null, 1, 'x', {}, { ...p, share: 'zz' }, { ...p, share: 'ff'.repeat(32) }, { ...p, share: '00'.repeat(31) },
      { ...p, proof: { challenge: 'ff'.repeat(32), response: p.proof.response } }, { ...p, proof: null }, { ...p, trustee: 9 }, { ...p, trustee: '1' }]) {
      const v = verifyPartialDecryption(scope, t.optionId, t.ciphertext, verificationKeys, hostile);
      expect(v.ok).toBe(false);
    }
  });

  it('the result check catches a wrong count, a swapped ciphertext and another election', () => {
    const { result } = decryptTally({ scope, threshold: T, verificationKeys, totals, partials: pick([1, 3, 4]), table });
    const wrongCount = { ...result, options: result.options.map((o, k) => (k === 2 ? { ...o, count: o.count + 1 } : o)) };
    expect(verifyTallyResult({ scope, threshold: T, verificationKeys, totals, result: wrongCount }).failures).toEqual([
      expect.objectContaining({ check: 'tally.count', field: 'options[2].count' }),
    ]);
    const swapped = { ...result, options: result.options.map((o, k) => (k === 0 ? { ...o, ciphertext: result.options[1].ciphertext } : o)) };
    const checks = verifyTallyResult({ scope, threshold: T, verificationKeys, totals, result: swapped }).failures.map((f) => f.check);
    expect(checks).toContain('tally.ciphertext');
    const other = electionContext(hash256('urna/test/manifest', utf8('another election')), anyKeys.publicKey);
    expect(verifyTallyResult({ scope: { ...scope, context: other }, threshold: T, verificationKeys, totals, result }).ok).toBe(false);
    expect(verifyTallyResult({ scope, threshold: T, verificationKeys, result: null }).ok).toBe(false);
  });
});

describe('a partial decryption is bound to the exported ballot box and the contest\'s ballot count (issue 12 §3)', () => {
  const j = 2;
  const t = totals[0];
  const made = partialDecrypt(scope, t.optionId, t.ciphertext, j, keys.get(j)!.share);
  const flip = (hex: string) => (hex[0] === 'a' ? 'b' : 'a') + hex.slice(1);

  it('verifies only for the box hash and count it was made for', () => {
    expect(verifyPartialDecryption(scope, t.optionId, t.ciphertext, verificationKeys, made)).toMatchObject({ ok: true, trustee: j });
    const otherBox = decryptionScope(context, flip(boxHash), 11);
    for (const other of [otherBox, decryptionScope(context, boxHash, 10), decryptionScope(context, boxHash, 12), decryptionScope(context, boxHash, 0)]) {
      expect(verifyPartialDecryption(other, t.optionId, t.ciphertext, verificationKeys, made)).toMatchObject({ ok: false, failure: { check: 'partial-decryption.proof', trustee: j } });
    }
  });

  it('a proof made with the retired v1 context (no box, no count) does not verify', () => {
    // Exactly what a v1 prover did: tag urna/v1/partial-decryption over baseHash, option, trustee, β.
    const x = keys.get(j)!.share;
    const d = group.mul(t.ciphertext.alpha, x);
    const v1Context = [context.baseHash, utf8(t.optionId), u32(j), element(t.ciphertext.beta)];
    const proof = proveDleq('urna/v1/partial-decryption', v1Context, { g1: group.generator, h1: verificationKeys.get(j)!, g2: t.ciphertext.alpha, h2: d }, x);
    const v1 = { trustee: j, optionId: t.optionId, share: elementHex(d), proof: { challenge: scalarHex(proof.challenge), response: scalarHex(proof.response) } };
    expect(v1.share).toBe(made.share); // the same Dⱼ: only the binding differs
    expect(verifyPartialDecryption(scope, t.optionId, t.ciphertext, verificationKeys, v1)).toMatchObject({ ok: false, failure: { check: 'partial-decryption.proof', trustee: j } });
  });

  it('the checker refuses a malformed scope of its own without throwing', () => {
    const bad = [{ ...scope, ballotBoxHash: new Uint8Array(31) }, { ...scope, ballots: -1 }, { ...scope, ballots: 1.5 }, { ...scope, ballots: Number.NaN }];
    for (const s of bad) expect(verifyPartialDecryption(s, t.optionId, t.ciphertext, verificationKeys, made)).toMatchObject({ ok: false, failure: { check: 'partial-decryption.scope' } });
    expect(() => decryptionScope(context, boxHash.toUpperCase(), 11)).toThrow(/64 lowercase/);
    expect(() => decryptionScope(context, boxHash, -1)).toThrow(/non-negative integer/);
  });

  it('a published result names its box and count, and its proofs must verify for the auditor\'s own', () => {
    const { result } = decryptTally({ scope, threshold: T, verificationKeys, totals, partials: pick([1, 2, 3]), table });
    expect(result).toMatchObject({ version: 2, ballotBoxHash: boxHash, ballots: 11 });
    expect(verifyTallyResult({ scope, threshold: T, verificationKeys, totals, result }).ok).toBe(true);
    // An auditor whose box is another (or whose recomputed count differs) refuses the result and every proof in it.
    const otherBox = verifyTallyResult({ scope: decryptionScope(context, flip(boxHash), 11), threshold: T, verificationKeys, totals, result }).failures.map((f) => f.check);
    expect(otherBox).toContain('tally.ballot-box-hash');
    expect(otherBox.filter((c) => c === 'partial-decryption.proof')).toHaveLength(9);
    const otherCount = verifyTallyResult({ scope: decryptionScope(context, boxHash, 12), threshold: T, verificationKeys, totals, result }).failures.map((f) => f.check);
    expect(otherCount).toContain('tally.ballots');
    expect(otherCount.filter((c) => c === 'partial-decryption.proof')).toHaveLength(9);
    // Rewriting the result's own copies does not help: the proofs still bind the real box.
    const relabelled = { ...result, ballotBoxHash: flip(boxHash) };
    expect(verifyTallyResult({ scope: decryptionScope(context, flip(boxHash), 11), threshold: T, verificationKeys, totals, result: relabelled }).failures.map((f) => f.check))
      .toContain('partial-decryption.proof');
    expect(verifyTallyResult({ scope, threshold: T, verificationKeys, totals, result: { ...result, version: 1 } }).failures.map((f) => f.check)).toEqual(['tally.type']);
  });
});

describe('Lagrange and baby-step giant-step', () => {
  it('any t points of a degree t − 1 polynomial give back its value at 0', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: ORDER - 1n }), { minLength: 1, maxLength: 5 }), fc.shuffledSubarray([1, 2, 3, 4, 5, 6, 7, 8]), (coeffs, pts) => {
        if (pts.length < coeffs.length) return;
        const f = (x: number) => coeffs.reduceRight((acc, a) => mod(acc * BigInt(x) + a), 0n);
        const chosen = pts.slice(0, coeffs.length);
        const l = lagrangeAtZero(chosen);
        expect(chosen.reduce((acc, j) => mod(acc + l.get(j)! * f(j)), 0n)).toBe(coeffs[0]);
      }),
    );
  });

  it('a set asked again (as a tally does for every option) gets the same coefficients, whatever an earlier caller did to its copy', () => {
    const first = lagrangeAtZero([1, 3, 4]);
    const expected = new Map(first);
    first.set(1, 0n);
    first.delete(3);
    expect(lagrangeAtZero([1, 3, 4])).toEqual(expected);
    // Many other sets in between (more than are kept), then the first again.
    for (let a = 1; a <= 14; a++) for (let b = a + 1; b <= 14; b++) lagrangeAtZero([a, b]);
    expect(lagrangeAtZero([1, 3, 4])).toEqual(expected);
    // The same set in another order: the caller's order, the same values.
    const reordered = lagrangeAtZero([4, 1, 3]);
    expect([...reordered.keys()]).toEqual([4, 1, 3]);
    for (const j of [1, 3, 4]) expect(reordered.get(j)).toBe(expected.get(j));
    // Refusals are not kept as answers.
    expect(() => lagrangeAtZero([2, 2])).toThrow(/distinct/);
    expect(() => lagrangeAtZero([2, 2])).toThrow(/distinct/);
  });

  it('solves every m in range (including both ends), and nothing out of range', () => {
    const small = new DiscreteLogTable(1000, 37); // a stride that does not divide the range
    fc.assert(fc.property(fc.integer({ min: 0, max: 1000 }), (m) => expect(small.solve(generatorBase().mul(BigInt(m)))).toBe(m)), { numRuns: 40 });
    expect(small.solve(group.identity)).toBe(0);
    expect(small.solve(generatorBase().mul(1000n))).toBe(1000);
    expect(small.solve(generatorBase().mul(1001n))).toBeUndefined();
    expect(small.solve(generatorBase().mul(ORDER - 1n))).toBeUndefined();
    expect(small.solve(group.hashToElement('urna/test', utf8('unknown log')))).toBeUndefined();
  });

  it('combination refuses duplicated trustees', () => {
    const c: Ciphertext = totals[0].ciphertext;
    const d = { trustee: 1, share: group.identity as GroupElement };
    expect(() => combinePartialDecryptions(c, [d, d, d], 3)).toThrow(/only one/);
  });
});

function readAnElement(hex: string): GroupElement {
  const r = readElement(hex, 't', 't');
  if (!r.ok) throw new Error(r.failure.reason);
  return r.value;
}
