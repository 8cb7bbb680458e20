import { group } from '../../src/domain/crypto/active-group';
import { ballotStyles, type BallotStyle } from '../../src/domain/crypto/ballot/ballot-style';
import type { EncryptedBallotJson } from '../../src/domain/crypto/ballot/ballot-format';
import { encryptBallot } from '../../src/domain/crypto/ballot/encrypt-ballot';
import { computeTrackingCode } from '../../src/domain/crypto/ballot/tracking-code';
import { verifyBallots, type VerifyOptions } from '../../src/domain/crypto/ballot/verify-ballot';
import { signingKey } from '../../src/domain/crypto/credential/credential-signature';
import { electionContext } from '../../src/domain/crypto/election-context';
import { addCiphertexts, encryptionTables, type Ciphertext } from '../../src/domain/crypto/elgamal';
import { fromHex, hash256, toHex, utf8 } from '../../src/domain/crypto/hash';
import { decodeScalar, encodeScalar, mod, ORDER, randomScalar } from '../../src/domain/crypto/scalar';
import { freshWeights, verifyBallotsNative } from '../../src/native-verification/batch-verifier';
import { loadDecafAddon, type DecafAddon } from '../../src/parallel/native-decaf';
import { NATIVE_BATCH, verifyBallotChunkNative, type CryptoEnvironment } from '../../src/parallel/crypto-tasks';

/**
 * The native batch verifier (src/native-verification) gives verify-ballot.ts's verdicts, names
 * exactly the forged ballots of a batch, and cannot be fooled by forgeries built to cancel out
 * in a sum of equations: each equation has its own fresh random weight.
 */
const style: BallotStyle = { id: 'prueba', contests: [{ id: 'c1', optionIds: ['a', 'b', 'c'] }, { id: 'c2', optionIds: ['x', 'y'] }] };
const styles = ballotStyles([style]);
const publicKey = group.mul(group.generator, randomScalar());
const context = electionContext(hash256('urna/test/manifest', utf8('batch')), publicKey);
const keyBytes = group.encode(publicKey);
const tables = encryptionTables(publicKey);
const addon = loadDecafAddon();

/** A ballot as JSON a forger can edit. */
type Ballot = Omit<EncryptedBallotJson, 'contests'> & { trackingCode: string; contests: { options: { alpha: string; beta: string; proof: Record<string, string> }[]; sumProof: Record<string, string> }[] };
const honest: { ballot: Ballot; options: VerifyOptions }[] = Array.from({ length: 12 }, (_, i) => {
  const credential = signingKey(randomScalar());
  const pseudonym = `seudonimo-${i}`;
  const { ballot, secrets } = encryptBallot({ context, tables, style, pseudonym, credential, selections: { c1: ['a', 'b', 'c'][i % 3], c2: ['x', 'y'][i % 2] } });
  return { ballot: JSON.parse(JSON.stringify(ballot)) as Ballot, options: { expectedVoter: { pseudonym, credential: credential.publicKey, bindingNonce: secrets.bindingNonce, signature: secrets.signature } } };
});
const copy = (): Ballot[] => honest.map((h) => JSON.parse(JSON.stringify(h.ballot)) as Ballot);
/** A forger recomputes the tracking code (a public hash) so that only the proofs are wrong. */
const reseal = (b: Ballot): Ballot => Object.assign(b, { trackingCode: computeTrackingCode(b as unknown as EncryptedBallotJson) });
const shift = (hex: string, d: bigint) => toHex(encodeScalar(mod(decodeScalar(fromHex(hex, 32)) + d)));
const okPattern = (rs: readonly { ok: boolean }[]) => rs.map((r) => (r.ok ? '1' : '0')).join('');

/** The addon with every batchHolds call's weights recorded. */
function spied(): { addon: DecafAddon; weights: Uint8Array[] } {
  const weights: Uint8Array[] = [];
  // The addon's methods are read-only and not enumerable (N-API): shadow the one to watch.
  const batchHolds: DecafAddon['batchHolds'] = (h, c, t, w, r) => (weights.push(w.slice()), addon.batchHolds(h, c, t, w, r));
  return { weights, addon: Object.create(addon, { batchHolds: { value: batchHolds } }) as DecafAddon };
}

describe('native batch verification of ballots (libdecaf)', () => {
  it('accepts an honest batch, with verify-ballot.ts\'s verdicts and the same homomorphic sums', () => {
    const inputs = copy();
    const out = verifyBallotsNative(inputs, context, keyBytes, styles, honest.map((h) => h.options));
    expect(okPattern(out.results)).toBe('1'.repeat(12));
    const pure = verifyBallots(inputs, context, styles, honest.map((h) => h.options));
    expect(okPattern(pure)).toBe('1'.repeat(12));
    out.results.forEach((r, i) => expect(r).toEqual({ ok: true, trackingCode: inputs[i].trackingCode, styleId: 'prueba', voterBinding: inputs[i].voterBinding, contestIds: ['c1', 'c2'] }));
    for (const contest of style.contests) {
      const expected = contest.optionIds.map((_, k) => pure.reduce<Ciphertext | undefined>((acc, r) => {
        const ct = r.ok ? r.ballot.contests.find((c) => c.contestId === contest.id)!.ciphertexts[k] : undefined;
        return acc && ct ? addCiphertexts(acc, ct) : (acc ?? ct);
      }, undefined)!);
      expect(out.sums.get(contest.id)!.map((c) => [toHex(c.alpha), toHex(c.beta)])).toEqual(expected.map((c) => [toHex(group.encode(c.alpha)), toHex(group.encode(c.beta))]));
    }
  });

  it('an empty batch and a batch of one', () => {
    expect(verifyBallotsNative([], context, keyBytes, styles, []).results).toEqual([]);
    expect(okPattern(verifyBallotsNative([copy()[3]], context, keyBytes, styles, [honest[3].options]).results)).toBe('1');
  });

  it('names exactly the one forged ballot among twelve, with the failures verify-ballot.ts names', () => {
    const inputs = copy();
    const forged = inputs[7];
    forged.contests[1].options[0].proof.v0 = shift(forged.contests[1].options[0].proof.v0, 1n);
    reseal(forged);
    const { addon: spy, weights } = spied();
    const out = verifyBallotsNative(inputs, context, keyBytes, styles, [], spy);
    expect(okPattern(out.results)).toBe('111111101111');
    expect(out.results[7]).toEqual(verifyBallots([forged], context, styles)[0]);
    expect(out.results[7]).toMatchObject({ ok: false, failures: [{ check: 'option-proof', contest: 'c2', option: 0 }] });
    // Bisection: the batch, then halves down to the ballot (at most 2 checks per level).
    expect(weights.length).toBeLessThanOrEqual(1 + 2 * Math.ceil(Math.log2(12)));
    // The forged ballot's votes are not in the sums.
    const honestOnly = verifyBallotsNative(copy().filter((_, i) => i !== 7), context, keyBytes, styles);
    expect(out.sums.get('c1')!.map((c) => toHex(c.alpha))).toEqual(honestOnly.sums.get('c1')!.map((c) => toHex(c.alpha)));
  });

  it('every check draws fresh, non-zero weights: one per equation, never reused', () => {
    const inputs = copy();
    reseal(Object.assign(inputs[2].contests[0].options[1].proof, { v1: shift(inputs[2].contests[0].options[1].proof.v1, 5n) }) && inputs[2]);
    const { addon: spy, weights } = spied();
    verifyBallotsNative(inputs, context, keyBytes, styles, [], spy);
    expect(weights.length).toBeGreaterThan(2);
    const seen = new Set<string>();
    for (const w of weights) {
      // 4 per option, 2 per contest: 4·5 + 2·2 = 24 per ballot.
      expect(w.length).toBe(16 * 24 * 12);
      for (let i = 0; i < w.length; i += 16) {
        const one = toHex(w.subarray(i, i + 16));
        expect(one).not.toBe('00'.repeat(16));
        expect(seen.has(one)).toBe(false);
        seen.add(one);
      }
    }
  });

  it('a zero weight is drawn again (it would drop its equation)', () => {
    let calls = 0;
    const w = freshWeights(3, (b) => (calls++ === 0 ? b : b.fill(7)));
    expect(toHex(w)).toBe('07'.repeat(48));
    expect(calls).toBe(4);
  });

  it('refuses forgeries built to cancel in an unweighted sum: v0 + δ and v1 − δ in one option', () => {
    const inputs = copy();
    const proof = inputs[4].contests[0].options[2].proof;
    // Equations 1 and 3 (and 2 and 4) then fail by −δ·G and +δ·G: with equal weights they cancel.
    proof.v0 = shift(proof.v0, 99n);
    proof.v1 = shift(proof.v1, -99n);
    reseal(inputs[4]);
    expect(okPattern(verifyBallotsNative(inputs, context, keyBytes, styles).results)).toBe('111101111111');
  });

  it('refuses forgeries that cancel across two ballots', () => {
    const inputs = copy();
    inputs[1].contests[0].sumProof.v = shift(inputs[1].contests[0].sumProof.v, 3n);
    inputs[9].contests[0].sumProof.v = shift(inputs[9].contests[0].sumProof.v, -3n);
    reseal(inputs[1]);
    reseal(inputs[9]);
    const out = verifyBallotsNative(inputs, context, keyBytes, styles);
    expect(okPattern(out.results)).toBe('101111111011');
    expect(out.results[1]).toMatchObject({ ok: false, failures: [{ check: 'sum-proof', contest: 'c1' }] });
  });

  it('a point that does not decode fails its own ballot only, named as an encoding failure', () => {
    const inputs = copy();
    inputs[5].contests[1].options[1].proof.b1 = '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371'; // RFC 9496 A.2: not on the curve
    reseal(inputs[5]);
    const out = verifyBallotsNative(inputs, context, keyBytes, styles);
    expect(okPattern(out.results)).toBe('111110111111');
    expect(out.results[5]).toMatchObject({ ok: false, failures: [{ check: 'encoding', field: 'contests[1].options[1].proof.b1' }] });
  });

  it('checks outside the MSM hold on the received bytes: c0 + c1 = c, canonical scalars, α ≠ identity, tracking code', () => {
    const inputs = copy();
    const p0 = inputs[0].contests[0].options[0].proof;
    [p0.c0, p0.c1] = [shift(p0.c0, 1n), shift(p0.c1, -1n)]; // c0 + c1 unchanged…
    p0.v0 = shift(p0.v0, 0n);
    reseal(inputs[0]);
    const p1 = inputs[1].contests[0].options[0].proof;
    p1.c0 = shift(p1.c0, 1n); // c0 + c1 ≠ c
    reseal(inputs[1]);
    const v = decodeScalar(fromHex(inputs[2].contests[1].sumProof.v, 32));
    if (v + ORDER < 2n ** 256n) inputs[2].contests[1].sumProof.v = toHex(new Uint8Array(Buffer.from((v + ORDER).toString(16).padStart(64, '0'), 'hex').reverse()));
    else inputs[2].contests[1].sumProof.v = 'ff'.repeat(32);
    reseal(inputs[2]);
    inputs[3].contests[0].options[1].alpha = '00'.repeat(32);
    reseal(inputs[3]);
    inputs[6].trackingCode = inputs[8].trackingCode;
    const out = verifyBallotsNative(inputs, context, keyBytes, styles);
    expect(okPattern(out.results)).toBe('000011011111');
    expect(out.results[1]).toMatchObject({ ok: false, failures: [{ check: 'option-proof', contest: 'c1', option: 0 }] });
    expect(out.results[2]).toMatchObject({ ok: false, failures: [{ check: 'encoding', field: 'contests[1].sumProof.v' }] });
    expect(out.results[3]).toMatchObject({ ok: false, failures: [{ check: 'degenerate-ciphertext' }] });
    expect(out.results[6]).toMatchObject({ ok: false, failures: [{ check: 'tracking-code' }] });
    for (const i of [0, 1, 2, 3, 6]) expect(out.results[i]).toEqual(verifyBallots([inputs[i]], context, styles)[0]);
  });

  it('refuses a proof whose two branches are both simulated: every equation holds, only c0 + c1 = H(…) fails', () => {
    const inputs = copy();
    const o = inputs[6].contests[0].options[1];
    const [alpha, beta] = [group.decode(fromHex(o.alpha, 32)), group.decode(fromHex(o.beta, 32))];
    const [c0, c1, v0, v1] = [randomScalar(), randomScalar(), randomScalar(), randomScalar()];
    const hex = (e: ReturnType<typeof group.decode>) => toHex(group.encode(e));
    Object.assign(o.proof, {
      c0: toHex(encodeScalar(c0)), c1: toHex(encodeScalar(c1)), v0: toHex(encodeScalar(v0)), v1: toHex(encodeScalar(v1)),
      a0: hex(group.sub(group.mul(group.generator, v0), group.mul(alpha, c0))),
      b0: hex(group.sub(group.mul(publicKey, v0), group.mul(beta, c0))),
      a1: hex(group.sub(group.mul(group.generator, v1), group.mul(alpha, c1))),
      b1: hex(group.sub(group.mul(publicKey, v1), group.mul(group.sub(beta, group.generator), c1))),
    });
    reseal(inputs[6]);
    const out = verifyBallotsNative(inputs, context, keyBytes, styles);
    expect(okPattern(out.results)).toBe('111111011111');
    expect(out.results[6]).toEqual({ ok: false, failures: [{ check: 'option-proof', contest: 'c1', option: 1, reason: expect.stringMatching(/c0 \+ c1/) }] });
  });

  it('the voter\'s signature joins the batch: another ballot\'s signature, or a forged s, fails only that ballot', () => {
    const options = honest.map((h) => ({ expectedVoter: { ...h.options.expectedVoter! } }));
    options[3].expectedVoter.signature = options[4].expectedVoter.signature; // a valid signature, of another ballot and key
    const sig = options[10].expectedVoter.signature!;
    options[10].expectedVoter.signature = sig.slice(0, 64) + shift(sig.slice(64), 1n);
    const out = verifyBallotsNative(copy(), context, keyBytes, styles, options);
    expect(okPattern(out.results)).toBe('111011111101');
    expect(out.results[10]).toMatchObject({ ok: false, failures: [{ check: 'signature' }] });
    expect(out.results[3]).toMatchObject({ ok: false, failures: [{ check: 'signature' }] });
    // A key that is the identity, an s ≥ ℓ, an R that is not an element: refused, and named.
    const bad = (credential: string, signature: string) => verifyBallotsNative([copy()[0]], context, keyBytes, styles, [{ expectedVoter: { ...options[0].expectedVoter, credential, signature } }]).results[0];
    const good = options[0].expectedVoter;
    expect(bad('00'.repeat(32), good.signature!)).toMatchObject({ ok: false, failures: [{ check: 'voter-binding' }, { check: 'signature', reason: expect.stringMatching(/identity/) }] });
    expect(bad(good.credential, good.signature!.slice(0, 64) + 'ff'.repeat(32))).toMatchObject({ ok: false, failures: [{ check: 'signature', reason: expect.stringMatching(/order/) }] });
    expect(bad(good.credential, '26948d35ca62e643e26a83177332e6b6afeb9d08e4268b650f1f5bbd8d81d371' + good.signature!.slice(64))).toMatchObject({ ok: false, failures: [{ check: 'signature', reason: expect.stringMatching(/R is not/) }] });
    // A missing signature or a wrong binding nonce is refused before any arithmetic.
    const missing = verifyBallotsNative([copy()[0]], context, keyBytes, styles, [{ expectedVoter: { ...options[0].expectedVoter, signature: undefined } }]);
    expect(missing.results[0]).toMatchObject({ ok: false, failures: [{ check: 'signature' }] });
  });
});

describe('a chunk of several native batches (crypto-tasks.ts)', () => {
  it('adds every batch\'s sums into the chunk\'s, leaving out a forged ballot in a later batch', () => {
    // Two full batches and part of a third, from the twelve honest ballots (copies verify alike).
    const count = 2 * NATIVE_BATCH + 5;
    const inputs = Array.from({ length: count }, (_, i) => JSON.parse(JSON.stringify(honest[i % honest.length].ballot)) as Ballot);
    const options = inputs.map((_, i) => honest[i % honest.length].options);
    const forgedAt = NATIVE_BATCH + 3;
    const forged = inputs[forgedAt];
    forged.contests[0].options[1].proof.v1 = shift(forged.contests[0].options[1].proof.v1, 1n);
    reseal(forged);
    const env: CryptoEnvironment = { context, styles, verificationKeys: new Map(), threshold: 1, native: { addon, publicKey: keyBytes } };
    const out = verifyBallotChunkNative(env, inputs, options);
    expect(okPattern(out.verdicts)).toBe('1'.repeat(forgedAt) + '0' + '1'.repeat(count - forgedAt - 1));
    // What the sums must be: every accepted ballot's ciphertexts, added one by one in the group.
    const pure = verifyBallots(inputs, context, styles, options);
    for (const contest of style.contests) {
      const expected = contest.optionIds.map((_, k) => pure.reduce<Ciphertext | undefined>((acc, r) => {
        const ct = r.ok ? r.ballot.contests.find((c) => c.contestId === contest.id)!.ciphertexts[k] : undefined;
        return acc && ct ? addCiphertexts(acc, ct) : (acc ?? ct);
      }, undefined)!);
      expect(out.sums.get(contest.id)).toEqual(expected.map((c) => ({ alpha: toHex(group.encode(c.alpha)), beta: toHex(group.encode(c.beta)) })));
    }
  });
});

describe('a batch of ballots of different styles and sizes', () => {
  // The batch's buffers are sized by its first ballot and grow when a larger one comes; each
  // ballot's α and β indices are kept apart from its parsed form, for the sums.
  const larger: BallotStyle = { id: 'mayor', contests: [{ id: 'd1', optionIds: ['p', 'q', 'r', 's', 't'] }, { id: 'd2', optionIds: ['u', 'v', 'w'] }, { id: 'd3', optionIds: ['y', 'z'] }] };
  const both = ballotStyles([style, larger]);
  const big = Array.from({ length: 5 }, (_, i) => {
    const credential = signingKey(randomScalar());
    const pseudonym = `mayor-${i}`;
    const { ballot, secrets } = encryptBallot({ context, tables, style: larger, pseudonym, credential, selections: { d1: 'pqrst'[i], d2: 'uvw'[i % 3], d3: 'yz'[i % 2] } });
    return { ballot: JSON.parse(JSON.stringify(ballot)) as Ballot, options: { expectedVoter: { pseudonym, credential: credential.publicKey, bindingNonce: secrets.bindingNonce, signature: secrets.signature } } as VerifyOptions };
  });

  it('gives verify-ballot.ts\'s verdicts and sums, small ballots first, unsigned ones among them, one forged', () => {
    const small = copy();
    const inputs: Ballot[] = [small[0], small[1], ...big.map((b) => JSON.parse(JSON.stringify(b.ballot)) as Ballot), small[2], small[3]];
    const options: VerifyOptions[] = [{}, honest[1].options, ...big.map((b) => b.options), {}, honest[3].options];
    inputs[4].contests[1].options[2].proof.v0 = shift(inputs[4].contests[1].options[2].proof.v0, 1n);
    reseal(inputs[4]);
    const out = verifyBallotsNative(inputs, context, keyBytes, both, options);
    const pure = verifyBallots(inputs, context, both, options);
    expect(okPattern(pure)).toBe('111101111');
    expect(okPattern(out.results)).toBe('111101111');
    out.results.forEach((r, i) => {
      const p = pure[i];
      expect(r).toEqual(p.ok ? { ok: true, trackingCode: p.ballot.trackingCode, styleId: p.ballot.styleId, voterBinding: p.ballot.voterBinding, contestIds: p.ballot.contests.map((c) => c.contestId) } : { ok: false, failures: p.failures });
    });
    for (const contest of [...style.contests, ...larger.contests]) {
      const expected = contest.optionIds.map((_, k) => pure.reduce<Ciphertext | undefined>((acc, r) => {
        const ct = r.ok ? r.ballot.contests.find((c) => c.contestId === contest.id)?.ciphertexts[k] : undefined;
        return acc && ct ? addCiphertexts(acc, ct) : (acc ?? ct);
      }, undefined)!);
      expect(out.sums.get(contest.id)!.map((c) => [toHex(c.alpha), toHex(c.beta)])).toEqual(expected.map((c) => [toHex(group.encode(c.alpha)), toHex(group.encode(c.beta))]));
    }
  });
});
