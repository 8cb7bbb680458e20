/**
 * Marking as on paper (bulletin-board-web/src/booth-marks.ts): the option the booth derives from
 * the boxes a voter marks, under the Mexican rules, on the simulacro's presidential contest
 * (PAN+PRI+PRD and PVEM+PT+MORENA in coalition, MC alone).
 */
import { markableOptions, marksForOption, optionForMarks } from '../../bulletin-board-web/src/booth-marks';
import type { BallotContestView, BallotOptionView } from '../../src/voting/voter-api-types';

const party = (id: string, candidate: string | null): BallotOptionView => ({ id, kind: 'party', label: id, candidate, emblems: [id] });
const combo = (ids: string[], candidate: string): BallotOptionView => ({ id: ids.join('+'), kind: 'coalition-combination', label: ids.join('+'), candidate, emblems: ids });
const PRES: BallotContestView = {
  id: 'PRES',
  label: 'Presidencia',
  options: [
    party('PAN', 'A'), party('PRI', 'A'), party('PRD', 'A'), party('PVEM', 'B'), party('PT', 'B'), party('MC', 'C'), party('MORENA', 'B'),
    combo(['PAN', 'PRI'], 'A'), combo(['PAN', 'PRD'], 'A'), combo(['PRI', 'PRD'], 'A'), combo(['PAN', 'PRI', 'PRD'], 'A'),
    combo(['PVEM', 'PT'], 'B'), combo(['PVEM', 'MORENA'], 'B'), combo(['PT', 'MORENA'], 'B'), combo(['PVEM', 'PT', 'MORENA'], 'B'),
    { id: 'IND-1', kind: 'independent', label: 'Independiente', candidate: 'Independiente', emblems: [] },
    { id: 'NOREG', kind: 'non-registered', label: 'Candidatos no registrados', candidate: null, emblems: [] },
    { id: 'NULO', kind: 'null', label: 'Voto nulo', candidate: null, emblems: [] },
  ],
};

describe('booth marking as on paper', () => {
  it('shows parties, independents, the non-registered and the null box, never a combination', () => {
    expect(markableOptions(PRES).map((o) => o.id)).toEqual(['PAN', 'PRI', 'PRD', 'PVEM', 'PT', 'MC', 'MORENA', 'IND-1', 'NOREG', 'NULO']);
  });

  it('one box is that option; emblems of one coalition are its combination, whatever the order marked', () => {
    expect(optionForMarks(PRES, [])).toEqual({ kind: 'none' });
    expect(optionForMarks(PRES, ['MC'])).toEqual({ kind: 'single', optionId: 'MC' });
    expect(optionForMarks(PRES, ['IND-1'])).toEqual({ kind: 'single', optionId: 'IND-1' });
    expect(optionForMarks(PRES, ['PRI', 'PAN'])).toEqual({ kind: 'combination', optionId: 'PAN+PRI', emblems: ['PAN', 'PRI'] });
    expect(optionForMarks(PRES, ['MORENA', 'PT', 'PVEM'])).toMatchObject({ kind: 'combination', optionId: 'PVEM+PT+MORENA' });
  });

  it('a mix across coalitions, a party with an independent or anything with the null box is a null vote, and says why', () => {
    expect(optionForMarks(PRES, ['PAN', 'MORENA'])).toEqual({ kind: 'null', optionId: 'NULO', why: 'mixed' });
    expect(optionForMarks(PRES, ['PAN', 'MC'])).toEqual({ kind: 'null', optionId: 'NULO', why: 'mixed' });
    expect(optionForMarks(PRES, ['MC', 'IND-1'])).toEqual({ kind: 'null', optionId: 'NULO', why: 'mixed' });
    expect(optionForMarks(PRES, ['PAN', 'NULO'])).toEqual({ kind: 'null', optionId: 'NULO', why: 'null-marked' });
    expect(optionForMarks(PRES, ['NULO'])).toEqual({ kind: 'null', optionId: 'NULO', why: 'null-marked' });
  });

  it('ids that are not boxes of this contest are ignored (a combination id cannot be marked directly)', () => {
    expect(optionForMarks(PRES, ['PAN+PRI'])).toEqual({ kind: 'none' });
    expect(optionForMarks(PRES, ['PAN', 'NOPE'])).toEqual({ kind: 'single', optionId: 'PAN' });
  });

  it('an option shown again marks its boxes: a combination marks its parties', () => {
    expect(marksForOption(PRES, 'PAN+PRD')).toEqual(['PAN', 'PRD']);
    expect(marksForOption(PRES, 'MC')).toEqual(['MC']);
    for (const o of PRES.options) expect(optionForMarks(PRES, marksForOption(PRES, o.id))).toMatchObject({ optionId: o.id });
  });
});
