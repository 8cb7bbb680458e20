import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ballotVectors, BALLOT_VECTORS_PATH } from '../../../scripts/generate-ballot-vectors';
import { group, useGroupBackend } from '../../../src/domain/crypto/active-group';
import { ristretto255Noble } from '../../../src/domain/crypto/ristretto255-noble';
import { ballotStyles } from '../../../src/domain/crypto/ballot/ballot-style';
import { verifyBallot } from '../../../src/domain/crypto/ballot/verify-ballot';
import { verifyCeremonyTranscript } from '../../../src/domain/crypto/ceremony';
import { electionContext } from '../../../src/domain/crypto/election-context';
import { fromHex } from '../../../src/domain/crypto/hash';
import { selectGroupBackend } from '../../../src/parallel/group-backend';
import { buildCeremonyVectors, buildTallyVectors, vectorJson } from './ceremony/ceremony-tally-vectors';

/**
 * The whole protocol on the libsodium (WASM) backend: this test file's module instances switch
 * to it before any element exists (Jest gives every test file its own), then recompute the
 * published vectors — built and checked in with the @noble/curves backend — byte for byte.
 */
const VECTORS = join(__dirname, '..', '..', '..', 'docs', 'spec', 'vectors');

describe('published vectors recomputed on the libsodium (WebAssembly) backend', () => {
  beforeAll(() => selectGroupBackend('libsodium-wasm'));

  it('runs on libsodium, and the choice cannot be changed once made (elements never mix)', () => {
    expect(group.implementation).toMatch(/libsodium/);
    expect(() => useGroupBackend(ristretto255Noble)).toThrow(/already chosen/);
  });

  it('ballot.json: the same ballot, proofs and tracking code', () => {
    expect(ballotVectors()).toBe(readFileSync(BALLOT_VECTORS_PATH, 'utf8'));
    const v = JSON.parse(readFileSync(BALLOT_VECTORS_PATH, 'utf8'));
    const context = electionContext(fromHex(v.manifestHash, 32), group.decode(fromHex(v.publicKey, 32)));
    const styles = ballotStyles([v.style]);
    expect(verifyBallot(v.ballot, context, styles, { expectedVoter: { pseudonym: v.pseudonym, credential: v.credentialKey.credential, bindingNonce: v.bindingNonce, signature: v.signature.value } })).toMatchObject({ ok: true });
    const tampered = structuredClone(v.ballot);
    const option = tampered.contests[0].options[0];
    [option.proof.v0, option.proof.v1] = [option.proof.v1, option.proof.v0];
    expect(verifyBallot(tampered, context, styles)).toMatchObject({ ok: false });
  });

  it('ceremony.json and tally.json: the same transcripts, keys, partial decryptions and results', () => {
    expect(vectorJson(buildCeremonyVectors())).toBe(readFileSync(join(VECTORS, 'ceremony.json'), 'utf8'));
    expect(vectorJson(buildTallyVectors())).toBe(readFileSync(join(VECTORS, 'tally.json'), 'utf8'));
    const file = JSON.parse(readFileSync(join(VECTORS, 'ceremony.json'), 'utf8'));
    for (const c of file.cases) expect(verifyCeremonyTranscript(c.transcript).publicKey).toBe(c.expected.publicKey);
  });
});
