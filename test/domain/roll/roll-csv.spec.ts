import { validateRollCsv } from '../../../src/roll/read-roll-csv';

const ENTITIES = Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(2, '0'));
const HEADER = 'elector_key,name,entity_of_origin,country_of_residence,email,mobile_phone,sex,birth_year,modality';
const good = (key: string, extra: Partial<Record<string, string>> = {}) => {
  const row = { key, name: 'Votante Uno', entity: '14', country: 'USA', email: 'uno@simulacro.example.invalid', phone: '+15550000001', sex: 'M', year: '1980', modality: 'internet', ...extra };
  return [row.key, row.name, row.entity, row.country, row.email, row.phone, row.sex, row.year, row.modality].join(',');
};

describe('roll CSV validation', () => {
  it('imports the good rows and reports every bad row with its line number and reason', () => {
    const text = [
      HEADER,
      good('GOMZLA80010114M001'), // 2 good
      good('BADKEY'), // 3
      good('PERZJU80010199H002', { entity: '99' }), // 4 unknown entity
      good('LOPZMA80010109M003', { email: 'no-at-sign.example' }), // 5
      good('RAMZPE80010109H004', { phone: '555-1234' }), // 6
      good('DIAZLU80010109M005', { modality: 'postal' }), // 7
      good('DUPLIC80010109M006'), // 8 duplicate
      good('DUPLIC80010109M006', { name: 'Otra persona' }), // 9 duplicate
      'SOLO,DOS', // 10 wrong field count
      good('"COMILL80010109M007"', { name: '"Pérez, Ana"' }), // 11 good (quoted)
      good('MEXICO80010109M008', { country: 'MEX' }), // 12
    ].join('\r\n');
    const result = validateRollCsv(text, { validEntityCodes: ENTITIES, maxBirthYear: 2006 });
    expect(result.voters.map((v) => [v.line, v.electorKey, v.name])).toEqual([
      [2, 'GOMZLA80010114M001', 'Votante Uno'],
      [11, 'COMILL80010109M007', 'Pérez, Ana'],
    ]);
    expect(result.problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'INVALID_ELECTOR_KEY'],
      [4, 'UNKNOWN_ENTITY'],
      [5, 'INVALID_EMAIL'],
      [6, 'INVALID_MOBILE_PHONE'],
      [7, 'NOT_ELECTRONIC_MODALITY'],
      [8, 'DUPLICATE_ELECTOR_KEY'],
      [9, 'DUPLICATE_ELECTOR_KEY'],
      [10, 'WRONG_FIELD_COUNT'],
      [12, 'INVALID_COUNTRY'],
    ]);
    expect(result.problems.find((p) => p.line === 8)!.reason).toContain('9');
    expect(result.rowsRead).toBe(11);
  });

  it('reports several reasons for one row, and normalises phones', () => {
    const text = [HEADER, good('GOMZLA80010114M001', { sex: 'Q', year: '2015', phone: '+1 (555) 000-0001' })].join('\n');
    const result = validateRollCsv(text, { validEntityCodes: ENTITIES, maxBirthYear: 2006 });
    expect(result.problems.map((p) => p.code)).toEqual(['INVALID_SEX', 'INVALID_BIRTH_YEAR']);
    const ok = validateRollCsv([HEADER, good('GOMZLA80010114M001', { phone: '+1 (555) 000-0001' })].join('\n'), { validEntityCodes: ENTITIES });
    expect(ok.voters[0].mobilePhone).toBe('+15550000001');
  });

  it('refuses a file without the required columns, and rows already on the roll', () => {
    expect(validateRollCsv('elector_key,name\r\nX,Y\r\n', { validEntityCodes: ENTITIES }).problems[0].code).toBe('MISSING_COLUMNS');
    const r = validateRollCsv([HEADER, good('GOMZLA80010114M001')].join('\n'), { validEntityCodes: ENTITIES, existingElectorKeys: new Set(['GOMZLA80010114M001']) });
    expect(r.voters).toEqual([]);
    expect(r.problems[0]).toMatchObject({ line: 2, code: 'ALREADY_ON_ROLL' });
  });

  it('takes the set of valid entities as a parameter', () => {
    const r = validateRollCsv([HEADER, good('GOMZLA80010114M001')].join('\n'), { validEntityCodes: ['09'] });
    expect(r.problems[0]).toMatchObject({ line: 2, code: 'UNKNOWN_ENTITY' });
  });
});
