import { group } from '../../../../src/domain/crypto/active-group';
import { electionContext } from '../../../../src/domain/crypto/election-context';
import { encryptionTables } from '../../../../src/domain/crypto/elgamal';
import { hash256, hashToScalar, u32, utf8 } from '../../../../src/domain/crypto/hash';
import { ballotStyles, BallotStyle } from '../../../../src/domain/crypto/ballot/ballot-style';
import { signingKey } from '../../../../src/domain/crypto/credential/credential-signature';

/** A small election for the ballot tests: a fixed secret key, two styles of the same shape and one of another. */
export const secretKey = hashToScalar('urna/test/ballot-secret-key', utf8('fixture'));
export const publicKey = group.mul(group.generator, secretKey);
export const context = electionContext(hash256('urna/test/manifest', utf8('fixture manifest')), publicKey);
export const tables = encryptionTables(publicKey);
/** The voter's credential key every fixture ballot is made and signed with (urna/ballot/v3). */
export const credential = signingKey(hashToScalar('urna/test/credential-key', utf8('fixture')));

const contest = (id: string, n: number) => ({ id, optionIds: Array.from({ length: n }, (_, i) => `${id}-opt${i}`) });
export const styleA: BallotStyle = { id: 'style-A', contests: [contest('presidencia', 4), contest('senado', 3), contest('diputacion', 2)] };
/** Same contests as style A under another id: moving a ballot between them must fail. */
export const styleB: BallotStyle = { id: 'style-B', contests: styleA.contests };
export const styleSmall: BallotStyle = { id: 'style-small', contests: [contest('consulta', 2)] };
export const styles = ballotStyles([styleA, styleB, styleSmall]);

/** Deterministic scalars for reproducible tests. */
export function seededRandom(seed: string): () => bigint {
  let i = 0;
  return () => hashToScalar('urna/test/seeded-random', utf8(seed), u32(i++));
}

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
