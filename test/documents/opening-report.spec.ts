import { renderCanonical } from '../../src/documents/canonical-json';
import { DocumentError } from '../../src/documents/document-types';
import { buildOpeningReport, type OpeningReportInput } from '../../src/documents/opening-report';
import { openingReportInput } from './simulacro-fixtures';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof DocumentError) return err.code;
    throw err;
  }
  return undefined;
}

describe('opening report (numerals 21–22)', () => {
  it('is issued for an empty box and zeroed counters, contests in acta order', () => {
    const report = buildOpeningReport(openingReportInput());
    expect(report.document).toBe('urna.opening-report');
    expect(report.ballotBoxCount).toBe(0);
    expect(report.counters).toEqual({ ballotsCast: 0, votersWhoVoted: 0 });
    expect(report.contests.every((c) => c.votes === 0)).toBe(true);
    expect(report.contests[0].contestId).toBe('PRES');
    expect(report.contests.at(-1)?.contestId).toBe('DIPMIG-12');
  });

  it.each<[string, (i: OpeningReportInput) => OpeningReportInput]>([
    ['a ballot in the box', (i) => ({ ...i, ballotBoxCount: 1 })],
    ['a ballot cast', (i) => ({ ...i, counters: { ...i.counters, ballotsCast: 1 } })],
    ['a voter marked as voted', (i) => ({ ...i, counters: { ...i.counters, votersWhoVoted: 3 } })],
    ['a contest with votes', (i) => ({ ...i, contests: i.contests.map((c, n) => (n === 5 ? { ...c, votes: 2 } : c)) })],
  ])('is refused with %s', (_, change) => {
    expect(codeOf(() => buildOpeningReport(change(openingReportInput())))).toBe('COUNTERS_NOT_ZERO');
  });

  it('names every non-zero counter in the refusal', () => {
    const input = { ...openingReportInput(), ballotBoxCount: 2, counters: { ballotsCast: 2, votersWhoVoted: 0 } };
    expect(() => buildOpeningReport(input)).toThrow(/ballotBoxCount = 2, counters\.ballotsCast = 2/);
  });

  it('is refused after voting opened, or with malformed hashes and keys', () => {
    const base = openingReportInput();
    expect(codeOf(() => buildOpeningReport({ ...base, generatedAt: '2024-05-21T00:00:00-06:00' }))).toBe('OPENING_AFTER_VOTING_STARTED');
    expect(codeOf(() => buildOpeningReport({ ...base, configurationHash: 'abc' }))).toBe('INVALID_HASH');
    expect(codeOf(() => buildOpeningReport({ ...base, software: { ...base.software, codeHash: 'F'.repeat(64) } }))).toBe('INVALID_HASH');
    expect(codeOf(() => buildOpeningReport({ ...base, electionPublicKey: 'xyz' }))).toBe('INVALID_HEX');
    expect(codeOf(() => buildOpeningReport({ ...base, generatedAt: '20 de mayo' }))).toBe('INVALID_INSTANT');
    expect(codeOf(() => buildOpeningReport({ ...base, votingWindow: { ...base.votingWindow, closes: base.votingWindow.opens } }))).toBe('INVALID_WINDOW');
  });

  it('has a stable canonical hash', () => {
    const a = renderCanonical(buildOpeningReport(openingReportInput()));
    const b = renderCanonical(buildOpeningReport({ ...openingReportInput(), contests: [...openingReportInput().contests].reverse() }));
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
