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
    expect(verifyBallot(v.ballot, context, ballotStyles([v.style]), { expectedVoter: { pseudonym: v.pseudonym, bindingNonce: v.bindingNonce } })).toMatchObject({ ok: true });
  });
});
