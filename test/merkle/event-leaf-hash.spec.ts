import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../src/ledger/event-store';
import { eventLeafHashHex } from '../../src/ledger/merkle/event-leaf-hash';
import { hashLeaf } from '../../src/ledger/merkle/hash';
import { leafDataOf } from '../../src/ledger/merkle/leaf-encoding';

const event: RecordedEvent = {
  id: '0b6f7c1e-3c1d-4f3e-9a53-5b8a4d0a7d11',
  stream: 'ballot-e1-PSEUDO',
  revision: 0,
  position: 41,
  type: 'BallotCast',
  version: 1,
  // A ballot-sized payload: the hash runs over several SHA-256 blocks.
  data: { trackingCode: 'ab'.repeat(32), ballot: { contests: Array.from({ length: 300 }, (_, i) => ({ alpha: i.toString(16).padStart(64, '0'), beta: 'ñ' })) } },
  metadata: { actor: 'voter:PSEUDO', recordedAt: '2026-12-03T10:00:00.000Z' },
  visibility: 'public',
};

describe('eventLeafHashHex (the server\'s leaf hash of a recorded event)', () => {
  it('is RFC 9162\'s SHA-256(0x00 || leaf data), as the log and noble compute it', () => {
    const data = leafDataOf(event);
    const expected = createHash('sha256').update(Buffer.from([0])).update(data).digest('hex');
    expect(eventLeafHashHex(event)).toBe(expected);
    expect(eventLeafHashHex(event)).toBe(Buffer.from(hashLeaf(data)).toString('hex'));
  });

  it('covers the sealed form of a sealed event (the commitment, not the content)', () => {
    const sealed: RecordedEvent = { ...event, stream: 'ballots-e1-PSEUDO', visibility: 'sealed', salt: 'cd'.repeat(32) };
    expect(eventLeafHashHex(sealed)).toBe(Buffer.from(hashLeaf(leafDataOf(sealed))).toString('hex'));
    expect(eventLeafHashHex(sealed)).not.toBe(eventLeafHashHex(event));
  });
});
