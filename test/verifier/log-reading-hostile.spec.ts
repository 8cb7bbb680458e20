/**
 * One hostile log entry is named, and the rest of the log is still read (V5): an entry whose
 * text escapes a lone surrogate parses as JSON, but RFC 8785 has no form for it, so it is not
 * canonical and its ballot can be in no ballot box. Before, the reading stopped at it with a
 * bare serializer error, and every later check failed with that error and named no entry.
 */
import { canonicalJson } from '../../src/domain/shared/canonical-json';
import { stringLineSource } from '../../src/verifier/line-source';
import { LEAF_FORMAT } from '../../src/ledger/merkle/leaf-encoding';
import { readLeafEntry } from '../../src/verifier/leaf-entry-checks';
import { readLog } from '../../src/verifier/log-reading';

const cast = (position: number, code: string) => canonicalJson({
  actor: 'voter', data: { ballot: { trackingCode: code, styleId: 's' }, pseudonym: `p${position}` }, format: LEAF_FORMAT, id: `e${position}`,
  position, revision: 0, stream: `ballot-E-p${position}`, type: 'BallotCast', version: 3, visibility: 'public',
});

describe('a log entry with an escaped lone surrogate', () => {
  const hostile = cast(1, 'B').replace('"styleId":"s"', '"styleId":"s\\ud800"');

  it('is named not canonical by the entry check, which does not throw', () => {
    expect(readLeafEntry(hostile, 1).problems).toEqual(['entry 1: not canonical (RFC 8785), so its leaf hash is not the log\'s']);
    const inName = cast(1, 'B').replace('"styleId":"s"', '"\\udc00":"s"');
    expect(readLeafEntry(inName, 1).problems).toContain('entry 1: not canonical (RFC 8785), so its leaf hash is not the log\'s');
  });

  it('is named with its ballot, and the entries around it are still read', () => {
    const reading = readLog(stringLineSource(`${cast(0, 'A')}\n${hostile}\n${cast(2, 'C')}\n`), 'E');
    expect(reading.lines).toBe(3);
    expect(reading.problems).toEqual([
      'entry 1: not canonical (RFC 8785), so its leaf hash is not the log\'s',
      'entry 1: its ballot has no canonical JSON ($.styleId: string has a lone surrogate), so no ballot box can hold it',
    ]);
    expect(reading.ballots.map((b) => b.code)).toEqual(['A', 'C']);
    expect(reading.leaves.length).toBe(3); // every leaf is hashed, the hostile one too
  });
});
