/**
 * Writes docs/spec/vectors/credentials.json: a voter's credential key derived from what the voter
 * types, a login proof, the credential authority's key, a small signed list (hash, fingerprint,
 * signature) and one signed replacement, all from fixed inputs and fixed signature randomness, so
 * an outside implementation can check docs/spec/credentials.md byte for byte.
 *
 *   node -r urna-ts-register scripts/generate-credential-vectors.ts
 *
 * test/domain/crypto/credential/credential-vectors.spec.ts recomputes the file and compares it byte for byte.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deriveCredentialKey } from '../src/domain/crypto/credential/credential-key';
import { credentialListFingerprint, credentialListHash, signCredentialList, signCredentialReplacement } from '../src/domain/crypto/credential/credential-list';
import { signingKey } from '../src/domain/crypto/credential/credential-signature';
import { signLogin } from '../src/domain/crypto/credential/login-signature';
import { hash256, hashToScalar, toHex, utf8 } from '../src/domain/crypto/hash';
import { encodeScalar } from '../src/domain/crypto/scalar';
import { Tags } from '../src/domain/crypto/tags';

export const CREDENTIAL_VECTORS_PATH = join(__dirname, '..', 'docs', 'spec', 'vectors', 'credentials.json');
const randomness = (label: string) => hash256('urna/v1/test-vector/signature-randomness', utf8(label));

export function credentialVectors(): string {
  const electionId = 'eleccion-de-prueba';
  const voters = ['v-7k2m-q9xd-4hzt', 'v-0000-1111-2222', 'v-abcd-efgh-jkmn'].map((username, i) => {
    const password = ['0123456789abcdef', 'zyxwvtsrqpnmkjhg', '00000000000000aa'][i];
    const key = deriveCredentialKey(electionId, username, password);
    return { username, password, secretKey: toHex(encodeScalar(key.secretKey)), credential: key.publicKey, key };
  });
  const challenge = toHex(hash256('urna/v1/test-vector/login-challenge', utf8('login')));
  const login = signLogin(voters[0].key, electionId, voters[0].username, challenge, randomness('login'));
  const authority = signingKey(hashToScalar('urna/v1/test-vector/authority-key', utf8('credential authority')));
  const rollCommitment = toHex(hash256('urna/v1/test-vector/roll', utf8('roll of three')));
  const credentials = voters.map((v) => v.credential).sort();
  const listHash = credentialListHash(credentials);
  const listSignature = signCredentialList(authority, { electionId, rollCommitment, count: credentials.length, listHash }, randomness('list'));
  const replacementKey = deriveCredentialKey(electionId, voters[1].username, 'nnnnpppprrrrssss');
  const replacement = { electionId, listHash, number: 1, revoked: voters[1].credential, replacement: replacementKey.publicKey };
  const replacementSignature = signCredentialReplacement(authority, replacement, randomness('replacement'));
  const vectors = {
    // The published files name the runner they were made with; both runners give the same bytes (test/tooling/ts-register.spec.ts).
    description: 'Urna credential test vectors (docs/spec/credentials.md). Regenerate with: node -r @swc-node/register scripts/generate-credential-vectors.ts',
    group: 'ristretto255',
    tags: {
      secretKey: Tags.credentialSecretKey, signatureNonce: Tags.credentialSignatureNonce, login: Tags.loginSignature,
      list: Tags.credentialList, listSignature: Tags.credentialListSignature, replacementSignature: Tags.credentialReplacementSignature,
    },
    electionId,
    voters: voters.map(({ key: _key, ...v }) => v),
    login: { username: voters[0].username, challenge, randomness: toHex(randomness('login')), signature: login },
    authority: { secretKey: toHex(encodeScalar(authority.secretKey)), publicKey: authority.publicKey },
    list: {
      rollCommitment, credentials, listHash, fingerprint: credentialListFingerprint(listHash),
      randomness: toHex(randomness('list')), signature: listSignature,
    },
    replacement: {
      ...replacement, newPassword: 'nnnnpppprrrrssss', randomness: toHex(randomness('replacement')), signature: replacementSignature,
    },
  };
  return JSON.stringify(vectors, null, 2) + '\n';
}

if (require.main === module) {
  writeFileSync(CREDENTIAL_VECTORS_PATH, credentialVectors());
  console.log(`wrote ${CREDENTIAL_VECTORS_PATH}`);
}
