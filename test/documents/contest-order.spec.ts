import fc from 'fast-check';
import { OFFICE_ORDER, officeRank, sortContests } from '../../src/documents/contest-order';
import { simulacroContests } from './simulacro-fixtures';

describe('acta order of contests (numeral 37: scope, type of election, entity)', () => {
  it('puts federal before local, offices in the fixed order, entities by code', () => {
    const ids = sortContests(simulacroContests()).map((c) => c.contestId);
    const senate = Array.from({ length: 32 }, (_, i) => `SEN-${String(i + 1).padStart(2, '0')}`);
    const governors = ['07', '11', '14', '17', '21', '27', '30', '31'].map((e) => `GOB-${e}`);
    expect(ids).toEqual(['PRES', ...senate, ...governors, 'JG-09', 'DIPMIG-09', 'DIPMIG-12']);
  });

  it('gives the same order whatever order the contests arrive in', () => {
    const expected = sortContests(simulacroContests()).map((c) => c.contestId);
    fc.assert(
      fc.property(fc.shuffledSubarray(simulacroContests(), { minLength: 44, maxLength: 44 }), (shuffled) => {
        expect(sortContests(shuffled).map((c) => c.contestId)).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('tells offices apart by their longest matching name, ignoring case and accents', () => {
    expect(officeRank('Presidencia de la República')).toBeLessThan(officeRank('Senaduría'));
    expect(officeRank('SENADURIA')).toBe(officeRank('Senaduría'));
    expect(officeRank('Senaduría')).toBeLessThan(officeRank('Diputación'));
    expect(officeRank('Diputación')).toBeLessThan(officeRank('Gubernatura'));
    expect(officeRank('Gubernatura')).toBeLessThan(officeRank('Jefatura de Gobierno'));
    expect(officeRank('Jefatura de Gobierno')).toBeLessThan(officeRank('Diputación Migrante'));
    expect(officeRank('Diputación Migrante')).not.toBe(officeRank('Diputación'));
    expect(officeRank('Presidencia Municipal')).not.toBe(officeRank('Presidencia'));
    expect(officeRank('Consulta popular')).toBe(OFFICE_ORDER.length);
  });

  it('places an office it does not know after the known ones of the same scope', () => {
    const sorted = sortContests([
      { contestId: 'X', scope: 'local', office: 'Consulta popular', entity: { code: '01', name: 'Aguascalientes' } },
      { contestId: 'G', scope: 'local', office: 'Gubernatura', entity: { code: '32', name: 'Zacatecas' } },
      { contestId: 'P', scope: 'federal', office: 'Presidencia de la República', entity: 'national' },
    ]);
    expect(sorted.map((c) => c.contestId)).toEqual(['P', 'G', 'X']);
  });
});
