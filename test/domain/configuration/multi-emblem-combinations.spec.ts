import { multiEmblemCombinations } from '../../../src/domain/configuration/multi-emblem-combinations';

describe('multi-emblem combinations of a coalition', () => {
  it('2 parties: 1 combination', () => expect(multiEmblemCombinations(['A', 'B'], ['A', 'B'])).toEqual([['A', 'B']]));
  it('3 parties: the 3 pairs, then the triple', () => {
    expect(multiEmblemCombinations(['PAN', 'PRI', 'PRD'], ['PAN', 'PRI', 'PRD'])).toEqual([['PAN', 'PRI'], ['PAN', 'PRD'], ['PRI', 'PRD'], ['PAN', 'PRI', 'PRD']]);
  });
  it('lists parties in ballot order whatever the coalition order', () => {
    expect(multiEmblemCombinations(['MORENA', 'PVEM', 'PT'], ['PAN', 'PVEM', 'PT', 'MORENA'])).toEqual([['PVEM', 'PT'], ['PVEM', 'MORENA'], ['PT', 'MORENA'], ['PVEM', 'PT', 'MORENA']]);
  });
  it('n parties: 2^n - n - 1 distinct combinations', () => {
    for (let n = 1; n <= 8; n++) {
      const parties = Array.from({ length: n }, (_, i) => `P${i}`);
      const combos = multiEmblemCombinations(parties, parties);
      expect(combos).toHaveLength(2 ** n - n - 1);
      expect(new Set(combos.map((c) => c.join('+'))).size).toBe(combos.length);
    }
  });
});
