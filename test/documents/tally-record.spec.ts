import { renderCanonical } from '../../src/documents/canonical-json';
import { deliverableCopies, fullTallyRecordCopy, tallyRecordForEntity } from '../../src/documents/deliverable-copies';
import { DocumentError } from '../../src/documents/document-types';
import { buildTallyRecord, type TallyRecordInput } from '../../src/documents/tally-record';
import { tallyRecordInput } from './simulacro-fixtures';

function expectDocumentError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DocumentError);
    expect((err as DocumentError).code).toBe(code);
    return;
  }
  throw new Error(`expected DocumentError ${code}`);
}

describe('acta de cómputo', () => {
  const record = buildTallyRecord(tallyRecordInput());

  it('computes valid, non-registered, null and total per contest, in figures and words', () => {
    for (const c of record.contests) {
      const sum = (kinds: string[]) => c.lines.filter((l) => kinds.includes(l.kind)).reduce((a, l) => a + l.votes, 0);
      expect(c.totals.nonRegistered.votes).toBe(sum(['non-registered']));
      expect(c.totals.null.votes).toBe(sum(['null']));
      expect(c.totals.valid.votes).toBe(sum(['party', 'coalition-combination', 'common-candidacy', 'independent']));
      expect(c.totals.total.votes).toBe(c.totals.valid.votes + c.totals.nonRegistered.votes + c.totals.null.votes);
    }
  });

  it('writes a worked example exactly', () => {
    const r = buildTallyRecord({
      ...tallyRecordInput(),
      contests: [
        {
          contestId: 'JG-09',
          scope: 'local',
          office: 'Jefatura de Gobierno',
          entity: { code: '09', name: 'Ciudad de México' },
          ballotsCounted: 245,
          options: [
            { optionId: 'PAN', kind: 'party', label: 'PAN', emblems: ['PAN'], candidate: 'A', votes: 100 },
            { optionId: 'PT+MORENA', kind: 'coalition-combination', label: 'PT – MORENA', emblems: ['PT', 'MORENA'], candidate: 'B', votes: 123 },
            { optionId: 'NR', kind: 'non-registered', label: 'Candidaturas no registradas', emblems: [], votes: 1 },
            { optionId: 'NULO', kind: 'null', label: 'Votos nulos', emblems: [], votes: 21 },
          ],
        },
      ],
    });
    const [c] = r.contests;
    expect(c.lines.map((l) => l.votesInWords)).toEqual(['cien', 'ciento veintitrés', 'uno', 'veintiuno']);
    expect(c.totals).toEqual({
      valid: { votes: 223, votesInWords: 'doscientos veintitrés' },
      nonRegistered: { votes: 1, votesInWords: 'uno' },
      null: { votes: 21, votesInWords: 'veintiuno' },
      total: { votes: 245, votesInWords: 'doscientos cuarenta y cinco' },
    });
  });

  it('orders contests federal first, then local, by office and entity', () => {
    const ids = record.contests.map((c) => c.contestId);
    expect(ids[0]).toBe('PRES');
    expect(ids[1]).toBe('SEN-01');
    expect(ids.slice(-4)).toEqual(['GOB-31', 'JG-09', 'DIPMIG-09', 'DIPMIG-12']);
  });

  it('refuses lines that do not add up to the ballots counted', () => {
    const input = tallyRecordInput();
    input.contests[0] = { ...input.contests[0], ballotsCounted: input.contests[0].ballotsCounted + 1 };
    expectDocumentError(() => buildTallyRecord(input), 'TOTAL_MISMATCH');
  });

  it('refuses a contest without its null line, duplicated options, negative votes, no trustees', () => {
    const base = tallyRecordInput;
    const withContest = (f: (c: TallyRecordInput['contests'][number]) => TallyRecordInput['contests'][number]): TallyRecordInput => {
      const input = base();
      input.contests[0] = f(input.contests[0]);
      return input;
    };
    expectDocumentError(() => buildTallyRecord(withContest((c) => ({ ...c, options: c.options.filter((o) => o.kind !== 'null') }))), 'MISSING_OPTION');
    expectDocumentError(() => buildTallyRecord(withContest((c) => ({ ...c, options: [...c.options, c.options[0]] }))), 'DUPLICATE_OPTION');
    expectDocumentError(
      () => buildTallyRecord(withContest((c) => ({ ...c, options: c.options.map((o, i) => (i === 0 ? { ...o, votes: -1 } : o)) }))),
      'INVALID_COUNT',
    );
    expectDocumentError(() => buildTallyRecord({ ...base(), trustees: [] }), 'NO_TRUSTEES');
    expectDocumentError(() => buildTallyRecord({ ...base(), ballotBoxHash: 'XYZ' }), 'INVALID_HASH');
  });

  it('keeps only the fields of the format, whatever else the caller passes', () => {
    const input = tallyRecordInput() as TallyRecordInput & { secret?: string };
    input.secret = 'do not print';
    (input.contests[0] as unknown as Record<string, unknown>).internal = 42;
    const json = new TextDecoder().decode(renderCanonical(buildTallyRecord(input)).bytes);
    expect(json).not.toContain('do not print');
    expect(json).not.toContain('internal');
  });

  it('hashes the same whatever order the contests arrive in', () => {
    const input = tallyRecordInput();
    const reversed = { ...input, contests: [...input.contests].reverse() };
    expect(renderCanonical(buildTallyRecord(reversed)).sha256).toBe(renderCanonical(record).sha256);
  });
});

describe('deliverable copies (numeral 38)', () => {
  const record = buildTallyRecord(tallyRecordInput());

  it('cuts one copy per OPL with only the local contests of that entity, naming the full record', () => {
    const cdmx = tallyRecordForEntity(record, '09');
    expect(cdmx.contests.map((c) => c.contestId)).toEqual(['JG-09', 'DIPMIG-09']);
    expect(cdmx.distribution).toEqual({ copy: 'entity', recipient: 'opl', entityCode: '09', entityName: 'Ciudad de México', fullRecordHash: renderCanonical(record).sha256 });
    expect(renderCanonical(cdmx).sha256).not.toBe(renderCanonical(record).sha256);
    expect(() => tallyRecordForEntity(record, '01')).toThrow(DocumentError);
  });

  it('lists the authority copy, the representatives copy and one per entity with local contests', () => {
    const names = deliverableCopies(record).map((c) => c.name);
    expect(names).toEqual(['acta-autoridad', 'acta-representantes', ...['07', '09', '11', '12', '14', '17', '21', '27', '30', '31'].map((e) => `acta-opl-${e}`)]);
    const full = fullTallyRecordCopy(record, 'representatives');
    expect(full.contests).toEqual(record.contests);
  });

  it('cuts copies only from the original', () => {
    const copy = fullTallyRecordCopy(record, 'authority');
    expectDocumentError(() => tallyRecordForEntity(copy, '09'), 'NOT_ORIGINAL');
  });
});
