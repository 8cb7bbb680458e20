/**
 * Writes docs/spec/vectors/ballot.json: a small encrypted ballot made from fixed keys and
 * fixed randomness, with its intermediate values, so an outside implementation can check its
 * credential key, voter binding, hashing, encodings, proofs, tracking code and signature byte for
 * byte (format urna/ballot/v3).
 *
 *   node -r urna-ts-register scripts/generate-ballot-vectors.ts
 *
 * test/domain/crypto/ballot/vectors.spec.ts recomputes the file and compares it byte for byte.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { group } from '../src/domain/crypto/active-group';
import { electionContext } from '../src/domain/crypto/election-context';
import { encryptionTables } from '../src/domain/crypto/elgamal';
import { fromHex, hash256, hashToScalar, toHex, u32, utf8 } from '../src/domain/crypto/hash';
import { encodeScalar } from '../src/domain/crypto/scalar';
import { BallotStyle } from '../src/domain/crypto/ballot/ballot-style';
import { encryptBallot } from '../src/domain/crypto/ballot/encrypt-ballot';
import { canonicalJson } from '../src/domain/shared/canonical-json';
import { optionChallenge, proofBinding, sumChallenge } from '../src/domain/crypto/ballot/proof-binding';
import { readableTrackingCode } from '../src/domain/crypto/ballot/tracking-code';
import { Tags } from '../src/domain/crypto/tags';
import { deriveCredentialKey } from '../src/domain/crypto/credential/credential-key';

export const BALLOT_VECTORS_PATH = join(__dirname, '..', 'docs', 'spec', 'vectors', 'ballot.json');
const RANDOM_TAG = 'urna/v1/test-vector/random';

export function ballotVectors(): string {
  const secretKey = hashToScalar('urna/v1/test-vector/secret-key', utf8('ballot'));
  const publicKey = group.mul(group.generator, secretKey);
  const manifestHash = hash256('urna/v1/test-vector/manifest', utf8('ballot test vector manifest'));
  const context = electionContext(manifestHash, publicKey);
  const style: BallotStyle = {
    id: 'estilo-prueba',
    contests: [
      { id: 'presidencia', optionIds: ['partido-a', 'partido-b', 'nulo'] },
      { id: 'consulta', optionIds: ['si', 'no'] },
    ],
  };
  const pseudonym = 'seudonimo-de-prueba-0001';
  // The voter's credential, derived as the booth derives it from what the voter types.
  const credentialInput = { electionId: 'eleccion-de-prueba', username: 'v-7k2m-q9xd-4hzt', password: '0123456789abcdefghjkmnpqrstvwxyz'.slice(0, 16) };
  const credential = deriveCredentialKey(credentialInput.electionId, credentialInput.username, credentialInput.password);
  const signatureRandomness = hash256('urna/v1/test-vector/signature-randomness', utf8('ballot'));
  const selections = { presidencia: 'partido-b', consulta: 'no' };
  let counter = 0;
  const randomValues: string[] = [];
  const random = () => {
    const k = hashToScalar(RANDOM_TAG, u32(counter++));
    randomValues.push(toHex(encodeScalar(k)));
    return k;
  };
  const { ballot, secrets } = encryptBallot({ context, tables: encryptionTables(publicKey), style, pseudonym, credential, selections, random, signatureRandomness });

  const challenges = ballot.contests.map((c) => {
    const binding = proofBinding(context.baseHash, style.id, fromHex(ballot.voterBinding, 32), c.contestId);
    const b = (h: string) => fromHex(h);
    return {
      contestId: c.contestId,
      optionChallenges: c.options.map((o, i) =>
        toHex(encodeScalar(optionChallenge(binding, i, b(o.alpha), b(o.beta), b(o.proof.a0), b(o.proof.b0), b(o.proof.a1), b(o.proof.b1)))),
      ),
      sumChallenge: toHex(encodeScalar(sumChallenge(binding, c.options.flatMap((o) => [b(o.alpha), b(o.beta)]), b(c.sumProof.a), b(c.sumProof.b)))),
    };
  });
  const { trackingCode, ...unsealed } = ballot;
  const vectors = {
    // The published files name the runner they were made with; both runners give the same bytes (test/tooling/ts-register.spec.ts).
    description:
      'Urna ballot test vector (docs/spec/crypto.md). Regenerate with: node -r @swc-node/register scripts/generate-ballot-vectors.ts',
    group: 'ristretto255',
    tags: {
      voterBinding: Tags.ballotVoterCredentialBinding, optionProof: Tags.ballotOptionProof, contestSumProof: Tags.ballotContestSumProof, trackingCode: Tags.ballotTrackingCode,
      credentialSecretKey: Tags.credentialSecretKey, signatureNonce: Tags.credentialSignatureNonce, ballotSignature: Tags.ballotSignature,
    },
    secretKey: toHex(encodeScalar(secretKey)),
    publicKey: toHex(group.encode(publicKey)),
    manifestHash: toHex(manifestHash),
    baseHash: toHex(context.baseHash),
    style,
    pseudonym,
    credentialKey: {
      ...credentialInput,
      rule: `x = hashToScalar("${Tags.credentialSecretKey}", utf8(electionId), utf8(username), utf8(password)); credential = encode(x·G)`,
      secretKey: toHex(encodeScalar(credential.secretKey)),
      credential: credential.publicKey,
    },
    bindingNonce: secrets.bindingNonce,
    voterBinding: ballot.voterBinding,
    voterBindingRule: `voterBinding = hash256("${Tags.ballotVoterCredentialBinding}", utf8(pseudonym), credential, bindingNonce)`,
    selections,
    randomness: {
      rule: `the i-th random scalar (i = 0, 1, …) is hashToScalar("${RANDOM_TAG}", u32(i)); first the binding nonce (the scalar's 32-byte encoding), then per contest in order: one nonce per option, then per option (cFake, vFake, u), then the sum proof's u`,
      values: randomValues,
    },
    nonces: secrets.nonces,
    challenges,
    canonicalUnsealedBallot: canonicalJson(unsealed),
    trackingCode,
    readableTrackingCode: readableTrackingCode(trackingCode),
    signature: {
      rule: `k = hashToScalar("${Tags.credentialSignatureNonce}", utf8("${Tags.ballotSignature}"), x, randomness, baseHash, trackingCode); R = k·G; `
        + `c = hashToScalar("${Tags.ballotSignature}", R, credential, baseHash, trackingCode); s = k + c·x; signature = R ‖ s`,
      randomness: toHex(signatureRandomness),
      value: secrets.signature,
    },
    ballot,
  };
  return JSON.stringify(vectors, null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(BALLOT_VECTORS_PATH, ballotVectors());
  console.log(`wrote ${BALLOT_VECTORS_PATH}`);
}
