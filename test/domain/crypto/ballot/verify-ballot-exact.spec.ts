/**
 * verifyBallot's own bookkeeping, failure list by failure list: what it says about the cast
 * ballot's signature (missing, malformed, not the credential's), the voter binding, a ballot
 * whose tracking code is not a string or whose members are not JSON, and failures in two
 * contests or two options at once (each reported once, none hidden by another). The survivors
 * of the first mutation run of the ballot group asked for each of these (mutation/README.md).
 */
import { encryptBallot } from '../../../../src/domain/crypto/ballot/encrypt-ballot';
import { sealBallot } from '../../../../src/domain/crypto/ballot/tracking-code';
import { verifyBallot, type CastBy } from '../../../../src/domain/crypto/ballot/verify-ballot';
import type { EncryptedBallotJson } from '../../../../src/domain/crypto/ballot/ballot-format';
import { fromHex, toHex } from '../../../../src/domain/crypto/hash';
import { encodeScalar, mod } from '../../../../src/domain/crypto/scalar';
import { clone, context, credential, styleA, styles, tables } from './fixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const bindingNonce = '55'.repeat(32);
const pseudonym = 'seudonimo-v';
const { ballot: honest, secrets } = encryptBallot({
  context, tables, style: styleA, credential, pseudonym, bindingNonce,
  selections: { presidencia: 'presidencia-opt1', senado: 'senado-opt2', diputacion: 'diputacion-opt0' },
});
const other = encryptBallot({
  context, tables, style: styleA, credential, pseudonym, bindingNonce,
  selections: { presidencia: 'presidencia-opt0', senado: 'senado-opt0', diputacion: 'diputacion-opt1' },
});
const castBy = (signature?: string): CastBy => ({ pseudonym, credential: credential.publicKey, bindingNonce, ...(signature === undefined ? {} : { signature }) });
const failuresOf = (input: unknown, expectedVoter?: CastBy) => {
  const r = verifyBallot(input, context, styles, { expectedVoter });
  if (r.ok) throw new Error('expected the ballot to be refused');
  return r.failures;
};
const plusOne = (hex: string) => {
  const b = fromHex(hex, 32);
  let k = 0n;
  for (let i = 31; i >= 0; i--) k = (k << 8n) | BigInt(b[i]);
  return toHex(encodeScalar(mod(k + 1n)));
};
const edited = (edit: (b: Json) => void) => {
  const b = clone(honest) as unknown as Json;
  edit(b);
  return sealBallot(b as never) as EncryptedBallotJson;
};

describe('the cast ballot\'s signature', () => {
  it('the honest ballot with its signature verifies', () => {
    expect(verifyBallot(honest, context, styles, { expectedVoter: castBy(secrets.signature) }).ok).toBe(true);
  });
  it('missing: refused as such, and nothing else', () => {
    expect(failuresOf(honest, castBy())).toEqual([{ check: 'signature', field: 'signature', reason: 'a cast ballot carries its voter\'s signature' }]);
  });
  it('malformed: refused with the decoder\'s reason', () => {
    expect(failuresOf(honest, castBy('zz'))).toEqual([{ check: 'signature', field: 'signature', reason: 'the signature is not 128 lowercase hexadecimal digits' }]);
  });
  it('well formed but another ballot\'s: the signature is named, not the proofs', () => {
    expect(failuresOf(honest, castBy(other.secrets.signature))).toEqual([{ check: 'signature', field: 'signature', reason: 'the signature is not the credential\'s over this ballot' }]);
  });
});

describe('the voter binding', () => {
  it('another pseudonym: the binding failure, exactly', () => {
    expect(failuresOf(honest, { ...castBy(secrets.signature), pseudonym: 'otro' })).toEqual([
      { check: 'voter-binding', field: 'voterBinding', reason: 'the voter binding does not open to the casting voter\'s pseudonym and credential with the given binding nonce' },
    ]);
  });
  it('a non-object with an expected voter is refused, never thrown on', () => {
    for (const input of [null, undefined, 7]) {
      expect(failuresOf(input, castBy(secrets.signature)).map((f) => f.check)).toEqual(['structure', 'voter-binding']);
    }
  });
});

describe('a ballot that is not plain JSON or has no string tracking code', () => {
  it('a tracking code that is a number or missing: the structure failure alone (no tracking-code failure on top)', () => {
    expect(failuresOf({ ...honest, trackingCode: 7 })).toEqual([{ check: 'structure', field: 'trackingCode', reason: 'trackingCode must be a string' }]);
    const { trackingCode: _, ...without } = honest;
    expect(failuresOf(without)).toEqual([{ check: 'structure', field: '', reason: 'a ballot has exactly the members baseHash, contests, format, styleId, trackingCode, voterBinding' }]);
  });
  it('members the tracking code cannot hash (undefined in an array): the decoder\'s failure alone, no tracking-code failure', () => {
    expect(failuresOf({ ...honest, contests: [undefined] })).toEqual([{ check: 'style', field: 'contests', reason: 'style style-A has 3 contests, the ballot 1' }]);
  });
});

describe('failures in two places are each reported once', () => {
  const challenge = (contest: string, option: number) => ({ check: 'option-proof', contest, option, reason: 'the branch challenges c0 + c1 are not the Fiat-Shamir challenge' });
  const equations = (contest: string, option: number) => ({ check: 'option-proof', contest, option, reason: 'the 0-or-1 proof equations do not hold' });
  it('a challenge in one contest and the equations of the same option number in another', () => {
    const b = edited((x) => {
      x.contests[1].options[2].proof.c0 = plusOne(x.contests[1].options[2].proof.c0);
      x.contests[0].options[2].proof.v0 = plusOne(x.contests[0].options[2].proof.v0);
    });
    expect(failuresOf(b)).toEqual([challenge('senado', 2), equations('presidencia', 2)]);
  });
  it('a challenge and the equations of two options of one contest (options 1 and 2, then 0 and 2)', () => {
    for (const k of [1, 0]) {
      const b = edited((x) => {
        x.contests[1].options[2].proof.c0 = plusOne(x.contests[1].options[2].proof.c0);
        x.contests[1].options[k].proof.v0 = plusOne(x.contests[1].options[k].proof.v0);
      });
      expect(failuresOf(b)).toEqual([challenge('senado', 2), equations('senado', k)]);
    }
  });
});
