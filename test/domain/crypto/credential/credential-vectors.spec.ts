import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { credentialVectors, CREDENTIAL_VECTORS_PATH } from '../../../../scripts/generate-credential-vectors';
import { credentialListSignatureValid, credentialReplacementSignatureValid } from '../../../../src/domain/crypto/credential/credential-list';
import { loginSignatureValid } from '../../../../src/domain/crypto/credential/login-signature';

describe('credential test vectors (docs/spec/vectors/credentials.json)', () => {
  it('recomputing the vectors gives the checked-in file byte for byte', () => {
    expect(credentialVectors()).toBe(readFileSync(CREDENTIAL_VECTORS_PATH, 'utf8'));
  });

  it('the file\'s signatures verify from the file alone, and the list hash is SHA-256 over the framed credentials (node:crypto)', () => {
    const v = JSON.parse(readFileSync(CREDENTIAL_VECTORS_PATH, 'utf8'));
    expect(loginSignatureValid(v.voters[0].credential, v.electionId, v.login.username, v.login.challenge, v.login.signature)).toBe(true);
    const statement = { electionId: v.electionId, rollCommitment: v.list.rollCommitment, count: v.list.credentials.length, listHash: v.list.listHash };
    expect(credentialListSignatureValid(v.authority.publicKey, statement, v.list.signature)).toBe(true);
    expect(credentialReplacementSignatureValid(v.authority.publicKey, v.replacement, v.replacement.signature)).toBe(true);
    // frame(tag, X₁…Xₙ) = u32(|tag|) ‖ tag ‖ u32(n) ‖ (u32(32) ‖ Xᵢ)…, hashed by an independent SHA-256.
    const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
    const tag = Buffer.from(v.tags.list);
    const frame = Buffer.concat([u32(tag.length), tag, u32(v.list.credentials.length), ...v.list.credentials.flatMap((c: string) => [u32(32), Buffer.from(c, 'hex')])]);
    expect(createHash('sha256').update(frame).digest('hex')).toBe(v.list.listHash);
    expect(v.list.fingerprint).toBe(v.list.listHash.slice(0, 32).match(/.{4}/g).join('-'));
  });
});
