/**
 * Credential signatures (docs/spec/credentials.md, "Signatures"), tested as an attacker would:
 * without the secret key no signature verifies, a signature made for one purpose or one message
 * verifies for no other, and hostile encodings are refused, never thrown on.
 */
import fc from 'fast-check';
import { group } from '../../../../src/domain/crypto/active-group';
import { deriveCredentialKey } from '../../../../src/domain/crypto/credential/credential-key';
import { signBallot, ballotSignatureParts } from '../../../../src/domain/crypto/credential/ballot-signature';
import { loginSignatureValid, signLogin } from '../../../../src/domain/crypto/credential/login-signature';
import { parseSignature, sign, signingKey, verify } from '../../../../src/domain/crypto/credential/credential-signature';
import { fromHex, hashToScalar, toHex, utf8 } from '../../../../src/domain/crypto/hash';
import { encodeScalar } from '../../../../src/domain/crypto/scalar';
import { Tags } from '../../../../src/domain/crypto/tags';

const key = signingKey(hashToScalar('urna/test/credential', utf8('alice')));
const other = signingKey(hashToScalar('urna/test/credential', utf8('mallory')));
const ballot = { baseHash: '11'.repeat(32), trackingCode: '22'.repeat(32) };
const flip = (hex: string, at: number) => hex.slice(0, at) + (hex[at] === '0' ? '1' : '0') + hex.slice(at + 1);

describe('credential keys', () => {
  it('derive from election, username and password, each of which changes the key', () => {
    const k = deriveCredentialKey('e1', 'v-aaaa-bbbb-cccc', '0123456789abcdef');
    expect(k.publicKey).toBe(toHex(group.encode(group.mul(group.generator, k.secretKey))));
    expect(deriveCredentialKey('e1', 'v-aaaa-bbbb-cccc', '0123456789abcdef').publicKey).toBe(k.publicKey);
    for (const [e, u, p] of [['e2', 'v-aaaa-bbbb-cccc', '0123456789abcdef'], ['e1', 'v-aaaa-bbbb-cccd', '0123456789abcdef'], ['e1', 'v-aaaa-bbbb-cccc', '0123456789abcdeg']]) {
      expect(deriveCredentialKey(e, u, p).publicKey).not.toBe(k.publicKey);
    }
    expect(() => deriveCredentialKey('e1', 'v-aaaa-bbbb-cccc', '')).toThrow(RangeError);
  });
});

describe('credential signatures', () => {
  it('verify for the signed message under the signer\'s key only', () => {
    const sig = signBallot(key, ballot);
    const parts = ballotSignatureParts(ballot.baseHash, ballot.trackingCode);
    expect(verify(Tags.ballotSignature, key.publicKey, parts, sig)).toBe(true);
    expect(verify(Tags.ballotSignature, other.publicKey, parts, sig)).toBe(false);
    expect(verify(Tags.ballotSignature, key.publicKey, ballotSignatureParts(ballot.baseHash, '23'.repeat(32)), sig)).toBe(false);
    expect(verify(Tags.ballotSignature, key.publicKey, ballotSignatureParts('12'.repeat(32), ballot.trackingCode), sig)).toBe(false);
  });

  it('a signature for one purpose is no signature for another (tags): a login proof never signs a ballot', () => {
    // The same 64 bytes signed as a login and as a ballot.
    const challenge = '22'.repeat(32);
    const login = signLogin(key, 'e1', 'v-aaaa-bbbb-cccc', challenge);
    expect(loginSignatureValid(key.publicKey, 'e1', 'v-aaaa-bbbb-cccc', challenge, login)).toBe(true);
    expect(verify(Tags.ballotSignature, key.publicKey, ballotSignatureParts('11'.repeat(32), challenge), login)).toBe(false);
    const asList = sign(Tags.credentialListSignature, key, [utf8('e1')]);
    expect(verify(Tags.credentialReplacementSignature, key.publicKey, [utf8('e1')], asList)).toBe(false);
    expect(loginSignatureValid(key.publicKey, 'e2', 'v-aaaa-bbbb-cccc', challenge, login)).toBe(false);
    expect(loginSignatureValid(key.publicKey, 'e1', 'v-aaaa-bbbb-cccd', challenge, login)).toBe(false);
  });

  it('any changed byte of the signature is refused', () => {
    const sig = signBallot(key, ballot);
    const parts = ballotSignatureParts(ballot.baseHash, ballot.trackingCode);
    fc.assert(fc.property(fc.integer({ min: 0, max: 127 }), (at) => !verify(Tags.ballotSignature, key.publicKey, parts, flip(sig, at))), { numRuns: 40 });
  });

  it('forgeries without the secret key fail: a random (R, s), R chosen from s, a key-only forger', () => {
    const parts = ballotSignatureParts(ballot.baseHash, ballot.trackingCode);
    fc.assert(fc.property(fc.bigInt({ min: 1n, max: group.order - 1n }), fc.bigInt({ min: 1n, max: group.order - 1n }), (r, s) => {
      const forged = toHex(group.encode(group.mul(group.generator, r))) + toHex(encodeScalar(s));
      return !verify(Tags.ballotSignature, key.publicKey, parts, forged);
    }), { numRuns: 20 });
    // The classic key-only forgery works only without the key in the hash: R = s·G − c·X needs c before R.
    const s = 5n;
    const c = hashToScalar(Tags.ballotSignature, group.encode(group.generator), fromHex(key.publicKey, 32), ...parts);
    const r = group.sub(group.mul(group.generator, s), group.mul(group.decode(fromHex(key.publicKey, 32)), c));
    expect(verify(Tags.ballotSignature, key.publicKey, parts, toHex(group.encode(r)) + toHex(encodeScalar(s)))).toBe(false);
  });

  it('the identity as public key is refused: under it every (R = s·G, s) would verify', () => {
    const identity = toHex(group.encode(group.identity));
    const s = 7n;
    const trivial = toHex(group.encode(group.mul(group.generator, s))) + toHex(encodeScalar(s));
    expect(verify(Tags.ballotSignature, identity, ballotSignatureParts(ballot.baseHash, ballot.trackingCode), trivial)).toBe(false);
    expect(parseSignature(Tags.ballotSignature, identity, [], trivial)).toMatchObject({ ok: false, reason: expect.stringMatching(/identity/) });
  });

  it('hostile encodings are refused with a reason, never thrown: s ≥ ℓ, R not an element, uppercase, wrong lengths, non-strings', () => {
    const sig = signBallot(key, ballot);
    // s = ℓ, little-endian: one past the largest scalar.
    const order = new Uint8Array(32).map((_, i) => Number((group.order >> BigInt(8 * i)) & 0xffn));
    const high = sig.slice(0, 64) + toHex(order);
    for (const bad of [high, 'ff'.repeat(32) + sig.slice(64), sig.toUpperCase(), sig.slice(2), `${sig}00`, 42, null, undefined, {}]) {
      expect(parseSignature(Tags.ballotSignature, key.publicKey, [], bad)).toMatchObject({ ok: false });
    }
    for (const badKey of ['ff'.repeat(32), key.publicKey.toUpperCase(), key.publicKey.slice(2), 7]) {
      expect(parseSignature(Tags.ballotSignature, badKey, [], sig)).toMatchObject({ ok: false });
    }
  });

  it('hedged nonces: the same message signed twice gives two signatures, both valid; fixed randomness repeats', () => {
    const a = signBallot(key, ballot);
    const b = signBallot(key, ballot);
    expect(a).not.toBe(b);
    const fixed = new Uint8Array(32).fill(9);
    expect(signBallot(key, ballot, fixed)).toBe(signBallot(key, ballot, fixed));
    // Same randomness, another message: another nonce (R), so x is never exposed by a repeated k.
    expect(signBallot(key, ballot, fixed).slice(0, 64)).not.toBe(signBallot(key, { ...ballot, trackingCode: '23'.repeat(32) }, fixed).slice(0, 64));
  });
});
