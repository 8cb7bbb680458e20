import { hashToScalar, utf8 } from '../hash';
import { Tags } from '../tags';
import { signingKey, type SigningKey } from './credential-signature';

/**
 * A voter's credential key, derived from what the voter types (docs/spec/credentials.md,
 * "Credential keys"):
 *
 *   x = hashToScalar("urna/v1/credential/secret-key", utf8(electionId), utf8(username), utf8(password))
 *   X = x·G   (the public credential, published on the credential authority's list)
 *
 * `username` and `password` are canonical (src/domain/authentication/secrets.ts: "v-xxxx-xxxx-xxxx"
 * and 16 lower-case Crockford characters). The credential authority draws the password
 * (80 random bits) and derives X; the voter's browser derives x again at every sign-in and
 * before casting. The username and the election salt the derivation, so a guess tested
 * against the public list tests one voter's credential, never all of them at once.
 */
export function deriveCredentialKey(electionId: string, username: string, password: string): SigningKey {
  if (electionId === '' || username === '' || password === '') throw new RangeError('a credential key needs the election, the username and the password');
  const x = hashToScalar(Tags.credentialSecretKey, utf8(electionId), utf8(username), utf8(password));
  if (x === 0n) throw new RangeError('this password derives no key: draw another');
  return signingKey(x);
}
