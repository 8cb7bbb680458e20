import { readFileSync } from 'node:fs';
import { ballotVectors, BALLOT_VECTORS_PATH } from '../../../../scripts/generate-ballot-vectors';
import { ballotStyles } from '../../../../src/domain/crypto/ballot/ballot-style';
import { verifyBallot } from '../../../../src/domain/crypto/ballot/verify-ballot';
import { electionContext } from '../../../../src/domain/crypto/election-context';
import { group } from '../../../../src/domain/crypto/active-group';
import { fromHex } from '../../../../src/domain/crypto/hash';

describe('ballot test vectors (docs/spec/vectors/ballot.json)', () => {
  it('recomputing the vectors gives the checked-in file byte for byte', () => {
    expect(ballotVectors()).toBe(readFileSync(BALLOT_VECTORS_PATH, 'utf8'));
  });

  it('the checked-in ballot verifies from the file alone', () => {
    const v = JSON.parse(readFileSync(BALLOT_VECTORS_PATH, 'utf8'));
    const context = electionContext(fromHex(v.manifestHash, 32), group.decode(fromHex(v.publicKey, 32)));
    const by = { pseudonym: v.pseudonym, credential: v.credentialKey.credential, bindingNonce: v.bindingNonce, signature: v.signature.value };
    expect(verifyBallot(v.ballot, context, ballotStyles([v.style]), { expectedVoter: by })).toMatchObject({ ok: true });
    // The signature is part of ballot verification: one changed byte fails it, alone.
    const forged = { ...by, signature: v.signature.value.slice(0, 127) + (v.signature.value.endsWith('0') ? '1' : '0') };
    const result = verifyBallot(v.ballot, context, ballotStyles([v.style]), { expectedVoter: forged });
    expect(result.ok ? [] : result.failures.map((f) => f.check)).toEqual(['signature']);
  });
});
