/**
 * The log's ballots read again for V11's hash and V12's proofs must be the very ballots V5 read:
 * a log file that changes between the passes stops the reading rather than hands the workers
 * (or the box hash) another ballot.
 */
import { canonicalJson } from '../../src/domain/shared/canonical-json';
import { ballotLines } from '../../src/verifier/ballot-lines';
import { stringLineSource, type LineSource } from '../../src/verifier/line-source';
import { readLog } from '../../src/verifier/log-reading';

const cast = (position: number, code: string) => canonicalJson({
  actor: 'voter', data: { ballot: { trackingCode: code, styleId: 's' }, pseudonym: `p${position}` }, format: 'urna.leaf/v1', id: `e${position}`,
  position, revision: 0, stream: `ballot-E-p${position}`, type: 'BallotCast', version: 3, visibility: 'public',
});

describe('ballotLines', () => {
  const text = `${cast(0, 'B')}\n${cast(1, 'A')}\n`;
  const { ballots } = readLog(stringLineSource(text), 'E');

  it('gives each ballot\'s canonical line, in the order asked', () => {
    expect([...ballotLines(stringLineSource(text), [ballots[1], ballots[0]])]).toEqual([
      canonicalJson({ styleId: 's', trackingCode: 'A' }), canonicalJson({ styleId: 's', trackingCode: 'B' }),
    ]);
  });

  it('stops when the file no longer holds the ballot the first pass hashed', () => {
    const changed: LineSource = { ...stringLineSource(text), reader: () => stringLineSource(text.replace('"trackingCode":"A"', '"trackingCode":"C"')).reader() };
    expect(() => [...ballotLines(changed, ballots)]).toThrow('log/entries.jsonl changed while it was being verified');
  });
});
