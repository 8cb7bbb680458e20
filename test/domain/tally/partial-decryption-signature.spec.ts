/**
 * A partial decryption counts only as the trustee whose enrolled key signed it (issue 12 §2,
 * docs/spec/crypto-ceremony-tally.md §7). What is not the trustee's is refused and records
 * nothing: never a PartialDecryptionRejected, which would blame (and exclude) the trustee for
 * what someone else sent in its name.
 */
import { group } from '../../../src/domain/crypto/active-group';
import { electionContext } from '../../../src/domain/crypto/election-context';
import { encrypt, encryptionTables } from '../../../src/domain/crypto/elgamal';
import { toHex } from '../../../src/domain/crypto/hash';
import { randomScalar } from '../../../src/domain/crypto/scalar';
import { decryptionScope } from '../../../src/domain/crypto/tally/decryption-scope';
import { partialDecrypt } from '../../../src/domain/crypto/tally/partial-decryption';
import { ciphertextHex } from '../../../src/domain/crypto/tally/tally-wire';
import { TALLY_SCOPE, partialDecryptionMessage } from '../../../src/domain/ceremony/trustee-signature';
import { tallyDecider, tallyOptionId } from '../../../src/domain/tally/decider';
import type { PostPartialDecryption } from '../../../src/domain/tally/commands';
import type { TallyEvent } from '../../../src/domain/tally/events';
import { specFor } from '../decider-spec';
import { trusteeKey } from '../../support/trustee-keys';

const spec = specFor(tallyDecider);
const electionId = 'firmas-2027';
const box = 'ab'.repeat(32);
const s = randomScalar();
const a = randomScalar();
const share = (j: number) => (s + a * BigInt(j)) % group.order;
const K = group.mul(group.generator, s);
const context = electionContext(new Uint8Array(32).fill(7), K);
const verificationKeys = { '1': toHex(group.encode(group.mul(group.generator, share(1)))), '2': toHex(group.encode(group.mul(group.generator, share(2)))) };
const total = encrypt(encryptionTables(K), 2n, randomScalar());
const given: TallyEvent[] = [
  { type: 'TallyStarted', data: { electionId, ballotBoxHash: box, closingBallotBoxHash: box, matchesClosing: true, ballots: 3, threshold: 2, contests: ['PRES'], startedAt: '2027-06-07T00:00:00Z' } },
  { type: 'EncryptedTallyComputed', data: { electionId, contestId: 'PRES', ballots: 3, options: [{ optionId: 'A', ...ciphertextHex(total) }] } },
];
const keys = { 1: trusteeKey(1, 'tally-signature'), 2: trusteeKey(2, 'tally-signature') };
const signingKeys = { '1': keys[1].signingKey, '2': keys[2].signingKey };
const partialsOf = (j: number) => [partialDecrypt(decryptionScope(context, box, 3), tallyOptionId('PRES', 'A'), total, j, share(j))];
const signature = (j: number, partials: unknown[], by: 1 | 2 = j as 1 | 2, over: { electionId?: string; ballots?: number } = {}) => keys[by].sign({
  electionId: over.electionId ?? electionId, scope: TALLY_SCOPE, kind: 'PartialDecryptionPosted', trusteeIndex: j,
  message: partialDecryptionMessage({ trusteeIndex: j, contestId: 'PRES', ballotBoxHash: box, ballots: over.ballots ?? 3, partials }),
});
const post = (j: number, partials: unknown[], sig: string): PostPartialDecryption => ({
  type: 'PostPartialDecryption', electionId, trusteeIndex: j, contestId: 'PRES', partials, context, verificationKeys, signingKeys, signature: sig,
});

describe('partial decryptions are signed by their trustee', () => {
  it('accepts trustee 1\'s, signed, and records the signature beside them (PartialDecryptionPosted v3)', () => {
    const mine = partialsOf(1);
    const events = spec(given).when(post(1, mine, signature(1, mine))).events();
    expect(events).toEqual([expect.objectContaining({ type: 'PartialDecryptionPosted' })]);
    expect((events[0].data as { signature?: string }).signature).toBe(signature(1, mine));
  });

  it('refuses, recording nothing: unsigned, forged, signed by the other trustee, re-attributed, signed for another election or count', () => {
    const mine = partialsOf(1);
    spec(given).when(post(1, mine, '')).thenFails('SIGNATURE_MISSING');
    const genuine = signature(1, mine);
    spec(given).when(post(1, mine, (genuine[0] === 'a' ? 'b' : 'a') + genuine.slice(1))).thenFails('INVALID_SIGNATURE');
    spec(given).when(post(1, mine, signature(1, mine, 2))).thenFails('INVALID_SIGNATURE');
    // Trustee 2's own, genuinely signed partial decryptions, posted as trustee 1's.
    const theirs = partialsOf(2);
    spec(given).when(post(1, theirs, signature(2, theirs))).thenFails('INVALID_SIGNATURE');
    spec(given).when(post(1, mine, signature(1, mine, 1, { electionId: 'otra-2027' }))).thenFails('INVALID_SIGNATURE');
    spec(given).when(post(1, mine, signature(1, mine, 1, { ballots: 4 }))).thenFails('INVALID_SIGNATURE');
    spec(given).when({ ...post(1, mine, genuine), signingKeys: { '2': keys[2].signingKey } }).thenFails('TRUSTEE_HAS_NO_SIGNING_KEY');
  });
});
