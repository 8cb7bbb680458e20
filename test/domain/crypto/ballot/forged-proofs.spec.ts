/**
 * Forgeries that pass every proof equation but one rule, and the exact list of failures each
 * ballot gets. The property tests in ballot-proofs.spec.ts check that a failure is named; here
 * each ballot's whole failure list is pinned, so a verifier that dropped a rule, reported a
 * failure twice, or blamed the wrong proof is caught.
 */
import { group } from '../../../../src/domain/crypto/active-group';
import { fromHex, toHex } from '../../../../src/domain/crypto/hash';
import { encodeScalar, mod, randomScalar } from '../../../../src/domain/crypto/scalar';
import { encryptBallot, optionJson } from '../../../../src/domain/crypto/ballot/encrypt-ballot';
import { proveContestSum, type EncodedOption } from '../../../../src/domain/crypto/ballot/prove';
import { optionChallenge, proofBinding } from '../../../../src/domain/crypto/ballot/proof-binding';
import { sealBallot } from '../../../../src/domain/crypto/ballot/tracking-code';
import { verifyBallot } from '../../../../src/domain/crypto/ballot/verify-ballot';
import type { EncryptedBallotJson } from '../../../../src/domain/crypto/ballot/ballot-format';
import { clone, context, credential, publicKey, styleA, styles, tables } from './fixtures';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

const honest = encryptBallot({
  context, tables, style: styleA, credential, pseudonym: 'seudonimo-f', bindingNonce: '33'.repeat(32),
  selections: { presidencia: 'presidencia-opt0', senado: 'senado-opt1', diputacion: 'diputacion-opt0' },
}).ballot;
const senado = styleA.contests[1];
const binding = proofBinding(context.baseHash, styleA.id, fromHex(honest.voterBinding, 32), senado.id);
const G = group.generator;
const K = publicKey;

/**
 * Encrypts m with nonce r and simulates BOTH branches of the 0-or-1 proof: random c_j, v_j and
 * a_j = v_j·G − c_j·α, b_j = v_j·K − c_j·(β − j·G). Every equation holds for any m; only
 * c0 + c1 = H(…) fails, since the challenges were chosen before the hash.
 */
function bothBranchesSimulated(m: bigint, r: bigint): EncodedOption {
  const alpha = group.mul(G, r);
  const beta = group.add(group.mul(G, mod(m)), group.mul(K, r));
  const [c0, v0, c1, v1] = [randomScalar(), randomScalar(), randomScalar(), randomScalar()];
  const a0 = group.sub(group.mul(G, v0), group.mul(alpha, c0));
  const b0 = group.sub(group.mul(K, v0), group.mul(beta, c0));
  const a1 = group.sub(group.mul(G, v1), group.mul(alpha, c1));
  const b1 = group.sub(group.mul(K, v1), group.mul(group.sub(beta, G), c1));
  const e = group.encode;
  return { alpha: e(alpha), beta: e(beta), a0: e(a0), b0: e(b0), a1: e(a1), b1: e(b1), c0, c1, v0, v1 };
}

/** The honest ballot with "senado" replaced by these options, an honest sum proof over them, and resealed. */
function withSenado(options: EncodedOption[], summedNonce: bigint): EncryptedBallotJson {
  const b = clone(honest) as Mutable<EncryptedBallotJson>;
  const sum = proveContestSum(tables, binding, options.flatMap((o) => [o.alpha, o.beta]), summedNonce, randomScalar);
  b.contests[1] = {
    contestId: senado.id,
    options: options.map((o, i) => optionJson(senado.optionIds[i], o)) as Mutable<EncryptedBallotJson>['contests'][number]['options'],
    sumProof: { a: toHex(sum.a), b: toHex(sum.b), v: toHex(encodeScalar(sum.v)) },
  };
  return sealBallot(b);
}

const challengeSum = (option: number) => ({ check: 'option-proof', contest: 'senado', option, reason: 'the branch challenges c0 + c1 are not the Fiat-Shamir challenge' });
const equations = (option: number) => ({ check: 'option-proof', contest: 'senado', option, reason: 'the 0-or-1 proof equations do not hold' });
const failures = (ballot: unknown) => {
  const r = verifyBallot(ballot, context, styles);
  if (r.ok) throw new Error('expected the ballot to be rejected');
  return r.failures;
};

describe('a 0-or-1 proof with both branches simulated', () => {
  it('every equation holds, yet the ballot is refused for its challenge sum alone (a vote of 2 and of −1)', () => {
    const r = [randomScalar(), randomScalar(), randomScalar()];
    // 2 + (−1) + 0 = 1: the contest sum proof is honest, so only the 0-or-1 rule can stop this ballot.
    const forged = [bothBranchesSimulated(2n, r[0]), bothBranchesSimulated(-1n, r[1]), bothBranchesSimulated(0n, r[2])];
    const c = forged.map((o, i) => optionChallenge(binding, i, o.alpha, o.beta, o.a0, o.b0, o.a1, o.b1));
    forged.forEach((o, i) => expect(mod(o.c0 + o.c1)).not.toBe(c[i]));
    expect(failures(withSenado(forged, mod(r[0] + r[1] + r[2])))).toEqual([challengeSum(0), challengeSum(1), challengeSum(2)]);
  });

  it('even when every plaintext is an honest 0 or 1: the challenges were not derived from the hash', () => {
    const r = [randomScalar(), randomScalar(), randomScalar()];
    const forged = [0n, 1n, 0n].map((m, i) => bothBranchesSimulated(m, r[i]));
    expect(failures(withSenado(forged, mod(r[0] + r[1] + r[2])))).toEqual([challengeSum(0), challengeSum(1), challengeSum(2)]);
  });
});

describe('each tampered proof member gives exactly its failures, each once', () => {
  const scalarPlusOne = (hex: string) => {
    const bytes = fromHex(hex, 32);
    let k = 0n;
    for (let i = 31; i >= 0; i--) k = (k << 8n) | BigInt(bytes[i]);
    return toHex(encodeScalar(mod(k + 1n)));
  };
  const pointPlusG = (hex: string) => toHex(group.encode(group.add(group.decode(fromHex(hex, 32)), G)));
  const tampered = (edit: (o: Mutable<EncryptedBallotJson>['contests'][number]['options'][number]) => void) => {
    const b = clone(honest) as Mutable<EncryptedBallotJson>;
    edit(b.contests[1].options[2]);
    return sealBallot(b);
  };

  it('a challenge c0 or c1: the challenge sum, not again as failed equations', () => {
    expect(failures(tampered((o) => { o.proof.c0 = scalarPlusOne(o.proof.c0); }))).toEqual([challengeSum(2)]);
    expect(failures(tampered((o) => { o.proof.c1 = scalarPlusOne(o.proof.c1); }))).toEqual([challengeSum(2)]);
  });
  it('a response v0 or v1: the equations only (the challenge still matches)', () => {
    expect(failures(tampered((o) => { o.proof.v0 = scalarPlusOne(o.proof.v0); }))).toEqual([equations(2)]);
    expect(failures(tampered((o) => { o.proof.v1 = scalarPlusOne(o.proof.v1); }))).toEqual([equations(2)]);
  });
  it('a commitment: the challenge sum (the hash changed) and nothing about the sum proof', () => {
    for (const k of ['a0', 'b0', 'a1', 'b1'] as const) {
      expect(failures(tampered((o) => { o.proof[k] = pointPlusG(o.proof[k]); }))).toEqual([challengeSum(2)]);
    }
  });
  it('a ciphertext: its option proof and the contest sum proof', () => {
    const got = failures(tampered((o) => { o.beta = pointPlusG(o.beta); }));
    expect(got).toEqual([challengeSum(2), { check: 'sum-proof', contest: 'senado', reason: 'the contest does not provably encrypt exactly one chosen option' }]);
  });
  it('not resealed: the tracking code first, then the proof', () => {
    const b = clone(honest) as Mutable<EncryptedBallotJson>;
    b.contests[1].options[2].proof.v0 = scalarPlusOne(b.contests[1].options[2].proof.v0);
    expect(failures(b)).toEqual([
      { check: 'tracking-code', field: 'trackingCode', reason: 'the tracking code is not the hash of this ballot' },
      equations(2),
    ]);
  });
});

describe('what a verified ballot hands to the tally', () => {
  it('its tracking code, style, voter binding, and every contest\'s decoded ciphertexts in order', () => {
    const r = verifyBallot(honest, context, styles);
    if (!r.ok) throw new Error('honest ballot rejected');
    expect(r.ballot.trackingCode).toBe(honest.trackingCode);
    expect(r.ballot.styleId).toBe('style-A');
    expect(r.ballot.voterBinding).toBe(honest.voterBinding);
    expect(r.ballot.contests.map((c) => c.contestId)).toEqual(['presidencia', 'senado', 'diputacion']);
    r.ballot.contests.forEach((c, ci) => {
      expect(c.ciphertexts.map((ct) => [toHex(group.encode(ct.alpha)), toHex(group.encode(ct.beta))])).toEqual(
        honest.contests[ci].options.map((o) => [o.alpha, o.beta]),
      );
    });
  });
});
