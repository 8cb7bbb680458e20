/**
 * The monitor's per-leaf checks on bytes a server could serve (log.md §9): bytes that are not
 * UTF-8, an entry that is not its own canonical JSON, an event type the catalog does not know,
 * and a ballot before any election was opened.
 */
import { canonicalJson } from '../../src/domain/shared/canonical-json';
import type { Anomaly } from '../../src/monitor/anomaly';
import { EventChecker } from '../../src/monitor/event-checker';

const utf8 = (s: string) => new TextEncoder().encode(s);
const entry = (index: number, type: string, version: number, data: unknown = {}) => canonicalJson({
  format: 'urna-leaf/1', position: index, id: '00000000-0000-4000-8000-000000000000', stream: 'lifecycle-e', revision: 0,
  type, version, recordedAt: '2026-01-01T00:00:00.000Z', actor: 'system:test', visibility: 'public', data,
});

function check(bytes: Uint8Array, index = 0): Anomaly[] {
  const found: Anomaly[] = [];
  const checker = new EventChecker({}, (a) => found.push(a));
  checker.check(bytes, index);
  checker.flush();
  return found;
}

describe('the monitor reads each leaf as urna verify does', () => {
  it('reports bytes that are not UTF-8 (a replacement character would hide them)', () => {
    const bytes = utf8(entry(0, 'VotingStarted', 1, { electionId: 'e', note: 'x' }));
    bytes[bytes.indexOf(0x78)] = 0xff;
    expect(check(bytes).map((a) => [a.code, a.message.en])).toEqual([['entry-malformed', 'leaf 0 is malformed: entry 0: not UTF-8']]);
  });

  it('reports an entry that is not its own canonical JSON, or at another position', () => {
    // ContestsRatified is allowed in set-up, so only the entry's form is at fault.
    expect(check(utf8(entry(0, 'ContestsRatified', 1, { electionId: 'e' })))).toEqual([]);
    const spaced = entry(0, 'ContestsRatified', 1, { electionId: 'e' }).replace('{', '{ ');
    expect(check(utf8(spaced)).map((a) => a.code)).toEqual(['entry-malformed']);
    expect(check(utf8(entry(3, 'ContestsRatified', 1, { electionId: 'e' })), 4).map((a) => a.code)).toEqual(['entry-malformed']);
  });

  it('reports an entry that escapes a lone surrogate (JSON, but with no RFC 8785 form) instead of stopping at it', () => {
    const hostile = entry(0, 'ContestsRatified', 1, { electionId: 'e', note: 'x' }).replace('"note":"x"', '"note":"x\\ud800"');
    expect(check(utf8(hostile)).map((a) => [a.code, a.message.en])).toEqual([['entry-malformed', 'leaf 0 is malformed: entry 0: not canonical (RFC 8785), so its leaf hash is not the log\'s']]);
  });

  it('reports a type or version the event catalog does not define, and a ballot before its election opened', () => {
    expect(check(utf8(entry(0, 'BallotStuffed', 1))).map((a) => a.code)).toEqual(['event-unknown']);
    expect(check(utf8(entry(0, 'VotingStarted', 9))).map((a) => a.code)).toEqual(['event-unknown']);
    // A BallotCast while the election is still in set-up is out of phase before anything else.
    expect(check(utf8(entry(0, 'BallotCast', 3, { electionId: 'e' }))).map((a) => a.code)).toEqual(['event-out-of-phase']);
  });
});
