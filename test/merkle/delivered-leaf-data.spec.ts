import type { RecordedEvent } from '../../src/ledger/event-store';
import { deliveredLeafDataOf } from '../../src/ledger/merkle/delivered-leaf-data';
import { leafDataOf } from '../../src/ledger/merkle/leaf-encoding';

const event = (data: unknown): RecordedEvent => ({
  id: '0b6f7c1e-3c1d-4f3e-9a53-5b8a4d0a7d11', stream: 'ballot-e1-P', revision: 0, position: 7, type: 'BallotCast', version: 1,
  data, metadata: { actor: 'voter:P', recordedAt: '2026-12-03T10:00:00.000Z' }, visibility: 'public',
});

describe('deliveredLeafDataOf (leaf data made once per delivered event object)', () => {
  it('is leafDataOf\'s bytes, made once for one object', () => {
    const e = event({ trackingCode: 'ab'.repeat(32) });
    const first = deliveredLeafDataOf(e);
    expect(Buffer.from(first)).toEqual(Buffer.from(leafDataOf(e)));
    expect(deliveredLeafDataOf(e)).toBe(first);
  });

  it('another object is serialised on its own, even at the same position (a re-read, a different event)', () => {
    const a = event({ trackingCode: 'ab'.repeat(32) });
    const b = event({ trackingCode: 'cd'.repeat(32) });
    deliveredLeafDataOf(a);
    expect(Buffer.from(deliveredLeafDataOf(b))).toEqual(Buffer.from(leafDataOf(b)));
    expect(Buffer.from(deliveredLeafDataOf(b))).not.toEqual(Buffer.from(deliveredLeafDataOf(a)));
  });

  it('a sealed event (its commitment hashed with node:crypto here) has the very bytes browsers and verifiers make with noble', () => {
    const ballot = { contests: Array.from({ length: 60 }, (_, k) => ({ alpha: k.toString(16).padStart(64, 'a'), beta: k.toString(16).padStart(64, 'b'), note: 'ñandú 🗳' })) };
    for (const data of [{}, { ballot }]) {
      const sealed: RecordedEvent = {
        ...event(data), stream: 'voter-ballots-e1-P', type: 'BallotCastByVoter', visibility: 'sealed', salt: '5a'.repeat(32),
      };
      const delivered = deliveredLeafDataOf(sealed);
      expect(Buffer.from(delivered)).toEqual(Buffer.from(leafDataOf(sealed)));
      expect(Buffer.from(delivered).toString('utf8')).toMatch(/"commitment":"[0-9a-f]{64}"/);
    }
  });
});
