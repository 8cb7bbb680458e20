/** The pure half of a trustee's check before decrypting: the box file's rule and the comparison of totals. */
import { canonicalJson } from '../../../src/domain/shared/canonical-json';
import { ballotBoxOrderProblem, findTotalsDiscrepancy, parseBallotBox, parseBallotLine, type RecomputedContest } from '../../../src/domain/tally/ballot-box-totals';

const h = (c: string) => c.repeat(64);
const ballot = (code: string) => ({ format: 'urna/ballot/v2', styleId: 'S1', trackingCode: code, contests: [] });
const box = (...codes: string[]) => codes.map((c) => `${canonicalJson(ballot(c))}\n`).join('');

describe('parseBallotBox: only a file the closing could have written', () => {
  it('reads the ballots of a well-formed box, and an empty box', () => {
    expect(parseBallotBox(box(h('1'), h('2'), h('a')))).toEqual({ ok: true, ballots: [ballot(h('1')), ballot(h('2')), ballot(h('a'))] });
    expect(parseBallotBox('')).toEqual({ ok: true, ballots: [] });
  });

  it('refuses a repeated ballot (the same tracking code twice: counted twice)', () => {
    expect(parseBallotBox(box(h('1'), h('2'), h('2')))).toEqual({ ok: false, line: 3, problem: 'order' });
  });

  it('refuses lines out of tracking-code order', () => {
    expect(parseBallotBox(box(h('2'), h('1')))).toEqual({ ok: false, line: 2, problem: 'order' });
  });

  it('refuses a missing final line feed, a blank line, non-JSON and non-canonical JSON', () => {
    expect(parseBallotBox(box(h('1')).slice(0, -1))).toEqual({ ok: false, line: 1, problem: 'final-newline' });
    expect(parseBallotBox(`${box(h('1'))}\n`)).toEqual({ ok: false, line: 2, problem: 'not-json' });
    expect(parseBallotBox(`${box(h('1'))}{"trackingCode":\n`)).toEqual({ ok: false, line: 2, problem: 'not-json' });
    expect(parseBallotBox(`${JSON.stringify(ballot(h('1')), null, 1).replace(/\n/g, '')}\n`)).toEqual({ ok: false, line: 1, problem: 'not-canonical' });
    expect(parseBallotBox(`{"trackingCode":"${h('1')}","a":1}\n`)).toEqual({ ok: false, line: 1, problem: 'not-canonical' });
  });
});

describe('parseBallotLine and ballotBoxOrderProblem: the same rule, line by line (worker threads read the lines)', () => {
  const line = (code: string) => canonicalJson(ballot(code));
  const read = (...lines: string[]) => lines.map((l) => parseBallotLine(l));

  it('reads a canonical line to its ballot and tracking code', () => {
    expect(parseBallotLine(line(h('1')))).toEqual({ ok: true, ballot: ballot(h('1')), trackingCode: h('1') });
  });

  it('refuses non-JSON, and non-canonical JSON unless the caller made the text itself', () => {
    expect(parseBallotLine('{"trackingCode":')).toEqual({ ok: false, problem: 'not-json' });
    const spaced = JSON.stringify(ballot(h('1')), null, 1).replace(/\n/g, '');
    expect(parseBallotLine(spaced)).toEqual({ ok: false, problem: 'not-canonical' });
    expect(parseBallotLine(`{"trackingCode":"${h('1')}","a":1}`)).toEqual({ ok: false, problem: 'not-canonical' });
    expect(parseBallotLine(spaced, false)).toMatchObject({ ok: true, trackingCode: h('1') });
  });

  it('finds the first problem in line order: a bad line, a repeated or a descending tracking code', () => {
    expect(ballotBoxOrderProblem(read(line(h('1')), line(h('2'))))).toBeUndefined();
    expect(ballotBoxOrderProblem(read(line(h('1')), line(h('1'))))).toEqual({ line: 2, problem: 'order' });
    expect(ballotBoxOrderProblem(read(line(h('2')), line(h('1'))))).toEqual({ line: 2, problem: 'order' });
    expect(ballotBoxOrderProblem(read(line(h('1')), 'x', line(h('0'))))).toEqual({ line: 2, problem: 'not-json' });
    expect(ballotBoxOrderProblem(read(line(h('2')), line(h('1')), 'x'))).toEqual({ line: 2, problem: 'order' });
  });
});

describe('findTotalsDiscrepancy: the requested totals must be exactly the recomputed ones', () => {
  const mine: RecomputedContest = { ballots: 4, optionIds: ['A', 'B'], sums: [{ alpha: h('a'), beta: h('2') }, { alpha: h('3'), beta: h('4') }] };
  const recomputed = new Map([['PRES', mine]]);
  const asked = { contestId: 'PRES', ballots: 4, options: [{ optionId: 'A', alpha: h('a'), beta: h('2') }, { optionId: 'B', alpha: h('3'), beta: h('4') }] };

  it('accepts the same totals', () => {
    expect(findTotalsDiscrepancy(recomputed, [asked])).toBeUndefined();
    expect(findTotalsDiscrepancy(recomputed, [])).toBeUndefined();
  });

  it('refuses one voter\'s ciphertext in place of a total (either component)', () => {
    expect(findTotalsDiscrepancy(recomputed, [{ ...asked, options: [asked.options[0], { ...asked.options[1], beta: h('5') }] }]))
      .toEqual({ check: 'totals.ciphertext', contestId: 'PRES', optionId: 'B' });
    expect(findTotalsDiscrepancy(recomputed, [{ ...asked, options: [{ ...asked.options[0], alpha: h('5') }, asked.options[1]] }]))
      .toEqual({ check: 'totals.ciphertext', contestId: 'PRES', optionId: 'A' });
  });

  it('refuses another spelling of the same total (upper-case hex)', () => {
    expect(findTotalsDiscrepancy(recomputed, [{ ...asked, options: [{ ...asked.options[0], alpha: h('a').toUpperCase() }, asked.options[1]] }]))
      .toMatchObject({ check: 'totals.ciphertext' });
  });

  it('refuses a ballot count that differs', () => {
    expect(findTotalsDiscrepancy(recomputed, [{ ...asked, ballots: 3 }])).toEqual({ check: 'totals.ballots', contestId: 'PRES', requested: 3, recomputed: 4 });
  });

  it('refuses options renamed, reordered, missing or added, and a contest not on the ballots', () => {
    expect(findTotalsDiscrepancy(recomputed, [{ ...asked, options: [...asked.options].reverse() }])).toEqual({ check: 'totals.options', contestId: 'PRES' });
    expect(findTotalsDiscrepancy(recomputed, [{ ...asked, options: [asked.options[0]] }])).toEqual({ check: 'totals.options', contestId: 'PRES' });
    expect(findTotalsDiscrepancy(recomputed, [{ ...asked, options: [...asked.options, { optionId: 'C', alpha: h('1'), beta: h('2') }] }])).toEqual({ check: 'totals.options', contestId: 'PRES' });
    expect(findTotalsDiscrepancy(recomputed, [{ ...asked, options: [{ ...asked.options[0], optionId: 'Z' }, asked.options[1]] }])).toEqual({ check: 'totals.options', contestId: 'PRES' });
    expect(findTotalsDiscrepancy(recomputed, [asked, { ...asked, contestId: 'SEN' }])).toEqual({ check: 'totals.contest', contestId: 'SEN' });
  });
});
