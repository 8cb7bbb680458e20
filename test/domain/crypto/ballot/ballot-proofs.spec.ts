import fc from 'fast-check';
import { group } from '../../../../src/domain/crypto/active-group';
import { fromHex, toHex } from '../../../../src/domain/crypto/hash';
import { encodeScalar, mod, randomScalar } from '../../../../src/domain/crypto/scalar';
import { encryptBallot, encryptContest, optionJson } from '../../../../src/domain/crypto/ballot/encrypt-ballot';
import { encryptAndProveOption, proveContestSum, simulateOrProve, BallotProofError } from '../../../../src/domain/crypto/ballot/prove';
import { proofBinding } from '../../../../src/domain/crypto/ballot/proof-binding';
import { computeVoterBinding } from '../../../../src/domain/crypto/ballot/voter-binding';
import { sealBallot } from '../../../../src/domain/crypto/ballot/tracking-code';
import { verifyBallot, verifyBallots } from '../../../../src/domain/crypto/ballot/verify-ballot';
import type { EncryptedBallotJson } from '../../../../src/domain/crypto/ballot/ballot-format';
import type { BallotFailure } from '../../../../src/domain/crypto/ballot/verification-result';
import { BallotTotals } from '../../../../src/domain/crypto/ballot/ballot-totals';
import { clone, context, credential, secretKey, styleA, styles, tables } from './fixtures';
import { signBallot } from '../../../../src/domain/crypto/credential/ballot-signature';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

const selectionsArb = fc.record({
  presidencia: fc.integer({ min: 0, max: 3 }).map((i) => `presidencia-opt${i}`),
  senado: fc.integer({ min: 0, max: 2 }).map((i) => `senado-opt${i}`),
  diputacion: fc.integer({ min: 0, max: 1 }).map((i) => `diputacion-opt${i}`),
});
const pseudonymArb = fc.string({ minLength: 1, maxLength: 40 });

const encrypt = (selections: Record<string, string>, pseudonym = 'seudonimo-1', bindingNonce = '11'.repeat(32)) =>
  encryptBallot({ context, tables, style: styleA, credential, pseudonym, bindingNonce, selections });

/** Another valid encoding of a group element: p + G. */
const otherPoint = (hex: string) => toHex(group.encode(group.add(group.decode(fromHex(hex)), group.generator)));
const otherScalar = (hex: string) => {
  const bytes = fromHex(hex);
  let k = 0n;
  for (let i = 31; i >= 0; i--) k = (k << 8n) | BigInt(bytes[i]);
  return toHex(encodeScalar(mod(k + 1n)));
};

const checks = (failures: readonly BallotFailure[]) => [...new Set(failures.map((f) => f.check))].sort();
/** With a claimed voter: the fixture credential's own signature over this very ballot, so only the binding is in question. */
function failuresOf(ballot: unknown, voter?: { pseudonym: string; bindingNonce: string }): readonly BallotFailure[] {
  const expectedVoter = voter && { ...voter, credential: credential.publicKey, signature: signBallot(credential, ballot as { baseHash: string; trackingCode: string }) };
  const r = verifyBallot(ballot, context, styles, { expectedVoter });
  if (r.ok) throw new Error('expected the ballot to be rejected');
  return r.failures;
}

describe('encrypted ballots: honest ballots verify', () => {
  it('every honest ballot verifies and yields its ciphertexts for the tally', () => {
    fc.assert(
      fc.property(selectionsArb, pseudonymArb, (selections, pseudonym) => {
        const { ballot, secrets } = encryptBallot({ context, tables, style: styleA, credential, pseudonym, selections }); // a fresh binding nonce
        const r = verifyBallot(ballot, context, styles, { expectedVoter: { pseudonym, credential: credential.publicKey, bindingNonce: secrets.bindingNonce, signature: secrets.signature } });
        expect(r).toMatchObject({ ok: true });
        if (!r.ok) return;
        expect(r.ballot.trackingCode).toBe(ballot.trackingCode);
        // Decrypting the returned ciphertexts (test-only: we hold the secret key) gives the selections.
        r.ballot.contests.forEach((c, ci) => {
          c.ciphertexts.forEach((ct, oi) => {
            const m = group.sub(ct.beta, group.mul(ct.alpha, secretKey));
            const chosen = styleA.contests[ci].optionIds[oi] === selections[c.contestId as keyof typeof selections];
            expect(group.equals(m, chosen ? group.generator : group.identity)).toBe(true);
          });
        });
      }),
      { numRuns: 12 },
    );
  });

  it('the verified ciphertexts accumulate homomorphically into per-option counts', () => {
    const votes = ['presidencia-opt1', 'presidencia-opt1', 'presidencia-opt3'];
    const verified = verifyBallots(
      votes.map((p, i) => encrypt({ presidencia: p, senado: 'senado-opt0', diputacion: 'diputacion-opt1' }, `v${i}`).ballot),
      context,
      styles,
    );
    const totals = new BallotTotals([styleA]);
    for (const v of verified) {
      if (!v.ok) throw new Error('honest ballot rejected');
      totals.add(v.ballot);
    }
    expect(totals.ballots).toBe(3);
    const counts = totals.contest('presidencia').map((t) => group.sub(t.beta, group.mul(t.alpha, secretKey)));
    [0n, 2n, 0n, 1n].forEach((n, i) => expect(group.equals(counts[i], group.mul(group.generator, n))).toBe(true));
  });

  it('batch verification names the one bad ballot among good ones', () => {
    const ballots = [0, 1, 2, 3, 4].map((i) => encrypt({ presidencia: 'presidencia-opt0', senado: 'senado-opt2', diputacion: 'diputacion-opt0' }, `b${i}`).ballot);
    const bad = clone(ballots[2]) as Mutable<EncryptedBallotJson>;
    bad.contests[1].options[2].proof.v1 = otherScalar(bad.contests[1].options[2].proof.v1);
    const results = verifyBallots([ballots[0], ballots[1], sealBallot(bad), ballots[3], ballots[4]], context, styles);
    expect(results.map((r) => r.ok)).toEqual([true, true, false, true, true]);
    expect(results[2]).toEqual({ ok: false, failures: [expect.objectContaining({ check: 'option-proof', contest: 'senado', option: 2 })] });
  });
});

describe('encrypted ballots: every tampered field is rejected and named', () => {
  const { ballot: honest, secrets: honestSecrets } = encrypt({ presidencia: 'presidencia-opt2', senado: 'senado-opt0', diputacion: 'diputacion-opt1' });
  const optionFieldArb = fc.record({
    contest: fc.integer({ min: 0, max: 2 }),
    option: fc.nat(),
    field: fc.constantFrom('alpha', 'beta', 'a0', 'b0', 'a1', 'b1', 'c0', 'c1', 'v0', 'v1'),
  });

  it('a tampered ciphertext, proof commitment, challenge or response fails its option proof', () => {
    fc.assert(
      fc.property(optionFieldArb, ({ contest, option, field }) => {
        const b = clone(honest) as Mutable<EncryptedBallotJson>;
        const opt = b.contests[contest].options[option % b.contests[contest].options.length];
        const oi = option % b.contests[contest].options.length;
        if (field === 'alpha' || field === 'beta') opt[field] = otherPoint(opt[field]);
        else if (field[0] === 'a' || field[0] === 'b') opt.proof[field as 'a0'] = otherPoint(opt.proof[field as 'a0']);
        else opt.proof[field as 'c0'] = otherScalar(opt.proof[field as 'c0']);
        const failures = failuresOf(sealBallot(b)); // resealed: a consistent attacker recomputes the tracking code
        expect(failures).toContainEqual(expect.objectContaining({ check: 'option-proof', contest: styleA.contests[contest].id, option: oi }));
        expect(checks(failures).every((c) => c === 'option-proof' || c === 'sum-proof')).toBe(true);
        // Without resealing, the tracking code no longer matches either.
        expect(checks(failuresOf(b))).toContain('tracking-code');
      }),
      { numRuns: 25 },
    );
  });

  it('a tampered sum proof fails the sum proof of that contest only', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.constantFrom('a', 'b', 'v'), (contest, field) => {
        const b = clone(honest) as Mutable<EncryptedBallotJson>;
        const sp = b.contests[contest].sumProof;
        sp[field] = field === 'v' ? otherScalar(sp[field]) : otherPoint(sp[field]);
        expect(failuresOf(sealBallot(b))).toEqual([expect.objectContaining({ check: 'sum-proof', contest: styleA.contests[contest].id })]);
      }),
      { numRuns: 9 },
    );
  });

  it('moving a ballot to another style or another voter breaks every proof', () => {
    fc.assert(
      fc.property(pseudonymArb.filter((p) => p !== 'seudonimo-1'), fc.uint8Array({ minLength: 32, maxLength: 32 }), (pseudonym, nonce) => {
        // Another voter's binding (their pseudonym, any nonce): every proof breaks.
        const bindingNonce = toHex(nonce);
        const moved = sealBallot({ ...honest, voterBinding: computeVoterBinding(pseudonym, credential.publicKey, bindingNonce) });
        expect(checks(failuresOf(moved))).toEqual(['option-proof', 'sum-proof']);
        expect(checks(failuresOf(moved, { pseudonym, bindingNonce }))).toEqual(['option-proof', 'sum-proof']);
        // The honest ballot claimed by another voter, or opened with another nonce: the binding does not open.
        expect(checks(failuresOf(honest, { pseudonym, bindingNonce: honestSecrets.bindingNonce }))).toEqual(['voter-binding']);
        fc.pre(bindingNonce !== honestSecrets.bindingNonce);
        expect(checks(failuresOf(honest, { pseudonym: 'seudonimo-1', bindingNonce }))).toEqual(['voter-binding']);
      }),
      { numRuns: 5 },
    );
    expect(checks(failuresOf(sealBallot({ ...honest, styleId: 'style-B' })))).toEqual(['option-proof', 'sum-proof']);
    expect(failuresOf(sealBallot({ ...honest, styleId: 'style-small' }))).toEqual([expect.objectContaining({ check: 'style', field: 'contests' })]);
    expect(failuresOf(sealBallot({ ...honest, styleId: 'no-such-style' }))).toEqual([expect.objectContaining({ check: 'style', field: 'styleId' })]);
  });

  it('a tampered tracking code or base hash is named', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        fc.pre(toHex(bytes) !== honest.trackingCode && toHex(bytes) !== honest.baseHash);
        expect(failuresOf({ ...honest, trackingCode: toHex(bytes) })).toEqual([expect.objectContaining({ check: 'tracking-code' })]);
        expect(failuresOf(sealBallot({ ...honest, baseHash: toHex(bytes) }))).toEqual([expect.objectContaining({ check: 'base-hash' })]);
      }),
      { numRuns: 10 },
    );
  });
});

describe('encrypted ballots: the prover refuses what it cannot prove, and forgeries fail', () => {
  const binding = proofBinding(context.baseHash, styleA.id, fromHex(computeVoterBinding('seudonimo-1', credential.publicKey, '11'.repeat(32)), 32), 'senado');
  const ids = styleA.contests[1].optionIds;

  it('refuses contests with none, two, or a non-0/1 plaintext, and bad selections', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0n, 1n, 2n), { minLength: 3, maxLength: 3 }), (plaintexts) => {
        fc.pre(!(plaintexts.filter((m) => m === 1n).length === 1 && plaintexts.every((m) => m <= 1n)));
        expect(() => encryptContest(context, tables, styleA.id, '22'.repeat(32), 'senado', ids, plaintexts, randomScalar)).toThrow(BallotProofError);
      }),
      { numRuns: 15 },
    );
    expect(() => encryptAndProveOption(tables, binding, 0, 2n, randomScalar(), randomScalar)).toThrow(BallotProofError);
    expect(() => encrypt({ presidencia: 'presidencia-opt0', senado: 'senado-opt0' })).toThrow(/diputacion/);
    expect(() => encrypt({ presidencia: 'presidencia-opt9', senado: 'senado-opt0', diputacion: 'diputacion-opt0' })).toThrow(BallotProofError);
    expect(() => encrypt({ presidencia: 'presidencia-opt0', senado: 'senado-opt0', diputacion: 'diputacion-opt0', extra: 'x' })).toThrow(/extra/);
  });

  /** Builds a ballot whose "senado" contest has the given plaintexts, proving each option with the given prover. */
  function forgedBallot(plaintexts: readonly bigint[], proveOption: (i: number, m: bigint, r: bigint) => ReturnType<typeof encryptAndProveOption>) {
    const b = clone(encrypt({ presidencia: 'presidencia-opt0', senado: 'senado-opt0', diputacion: 'diputacion-opt0' }).ballot) as Mutable<EncryptedBallotJson>;
    const nonces = plaintexts.map(() => randomScalar());
    const encoded = plaintexts.map((m, i) => proveOption(i, m, nonces[i]));
    const sum = proveContestSum(tables, binding, encoded.flatMap((o) => [o.alpha, o.beta]), nonces.reduce((a, r) => mod(a + r), 0n), randomScalar);
    b.contests[1] = {
      contestId: 'senado',
      options: encoded.map((o, i) => optionJson(ids[i], o)) as Mutable<EncryptedBallotJson>['contests'][number]['options'],
      sumProof: { a: toHex(sum.a), b: toHex(sum.b), v: toHex(encodeScalar(sum.v)) },
    };
    return sealBallot(b);
  }

  it('α = identity (nonce 0: β = m·G in clear) is refused as degenerate-ciphertext, although every proof holds', () => {
    for (const zeroAt of [0, 1]) {
      const b = clone(encrypt({ presidencia: 'presidencia-opt0', senado: 'senado-opt0', diputacion: 'diputacion-opt0' }).ballot) as Mutable<EncryptedBallotJson>;
      const nonces = [0n, 1n, 2n].map((_, i) => (i === zeroAt ? 0n : randomScalar()));
      const encoded = [1n, 0n, 0n].map((m, i) => encryptAndProveOption(tables, binding, i, m, nonces[i], randomScalar));
      expect(toHex(encoded[zeroAt].alpha)).toBe('00'.repeat(32));
      const sum = proveContestSum(tables, binding, encoded.flatMap((o) => [o.alpha, o.beta]), nonces.reduce((a, r) => mod(a + r), 0n), randomScalar);
      b.contests[1] = {
        contestId: 'senado',
        options: encoded.map((o, i) => optionJson(ids[i], o)) as Mutable<EncryptedBallotJson>['contests'][number]['options'],
        sumProof: { a: toHex(sum.a), b: toHex(sum.b), v: toHex(encodeScalar(sum.v)) },
      };
      const failures = failuresOf(sealBallot(b));
      expect(failures).toEqual([expect.objectContaining({ check: 'degenerate-ciphertext', contest: 'senado', option: zeroAt, field: `contests[1].options[${zeroAt}].alpha` })]);
    }
  });

  it('two options set, or none, fails the sum proof although each option proof is honest', () => {
    fc.assert(
      fc.property(fc.constantFrom([1n, 1n, 0n], [0n, 1n, 1n], [1n, 1n, 1n], [0n, 0n, 0n]), (plaintexts) => {
        const ballot = forgedBallot(plaintexts, (i, m, r) => encryptAndProveOption(tables, binding, i, m, r, randomScalar));
        expect(failuresOf(ballot)).toEqual([expect.objectContaining({ check: 'sum-proof', contest: 'senado' })]);
      }),
      { numRuns: 4 },
    );
  });

  it('a forged 0-or-1 proof for another plaintext fails the option proof', () => {
    fc.assert(
      fc.property(fc.constantFrom(2n, 5n, mod(-1n)), fc.constantFrom(0 as const, 1 as const), (m, branch) => {
        // Option 0 encrypts m ∉ {0,1}; option 1 encrypts 1 − m so the contest sum is still 1.
        const ballot = forgedBallot([m, mod(1n - m), 0n], (i, mi, r) =>
          i === 0 ? simulateOrProve(tables, binding, i, mi, r, branch, randomScalar) : simulateOrProve(tables, binding, i, mi, r, 0, randomScalar),
        );
        const failures = failuresOf(ballot);
        expect(failures).toContainEqual(expect.objectContaining({ check: 'option-proof', contest: 'senado', option: 0 }));
        expect(failures).toContainEqual(expect.objectContaining({ check: 'option-proof', contest: 'senado', option: 1 }));
        expect(checks(failures)).toEqual(['option-proof']);
      }),
      { numRuns: 6 },
    );
  });
});
