/**
 * Writes docs/spec/vectors/ballot.json: a small encrypted ballot made from fixed keys and
 * fixed randomness, with its intermediate values, so an outside implementation can check its
 * voter binding, hashing, encodings, proofs and tracking code byte for byte (format urna/ballot/v2).
 *
 *   node -r @swc-node/register scripts/generate-ballot-vectors.ts
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
  const selections = { presidencia: 'partido-b', consulta: 'no' };
  let counter = 0;
  const randomValues: string[] = [];
  const random = () => {
    const k = hashToScalar(RANDOM_TAG, u32(counter++));
    randomValues.push(toHex(encodeScalar(k)));
    return k;
  };
  const { ballot, secrets } = encryptBallot({ context, tables: encryptionTables(publicKey), style, pseudonym, selections, random });

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
    description:
      'Urna ballot test vector (docs/spec/crypto.md). Regenerate with: node -r @swc-node/register scripts/generate-ballot-vectors.ts',
    group: 'ristretto255',
    tags: { voterBinding: Tags.ballotVoterBinding, optionProof: Tags.ballotOptionProof, contestSumProof: Tags.ballotContestSumProof, trackingCode: Tags.ballotTrackingCode },
    secretKey: toHex(encodeScalar(secretKey)),
    publicKey: toHex(group.encode(publicKey)),
    manifestHash: toHex(manifestHash),
    baseHash: toHex(context.baseHash),
    style,
    pseudonym,
    bindingNonce: secrets.bindingNonce,
    voterBinding: ballot.voterBinding,
    voterBindingRule: `voterBinding = hash256("${Tags.ballotVoterBinding}", utf8(pseudonym), bindingNonce)`,
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
    ballot,
  };
  return JSON.stringify(vectors, null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(BALLOT_VECTORS_PATH, ballotVectors());
  console.log(`wrote ${BALLOT_VECTORS_PATH}`);
}
