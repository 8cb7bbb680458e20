/**
 * The roll's CSV reader (csv-parse underneath): RFC 4180 fields, the line each record starts
 * on, malformed records reported by line without hiding the others, BOM and line-break styles.
 * (The row validation's own tests are in test/domain/roll/roll-csv.spec.ts.)
 */
import { parseCsv } from '../../src/roll/read-roll-csv';

describe('RFC 4180 reader', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, and reports start lines', () => {
    const text = 'a,b,c\r\n"x, y","he said ""hi""","two\r\nlines"\r\n1,2,3\n"",,\r\n';
    const { records, problems } = parseCsv(text);
    expect(problems).toEqual([]);
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'he said "hi"', 'two\r\nlines'] },
      { line: 4, fields: ['1', '2', '3'] },
      { line: 5, fields: ['', '', ''] },
    ]);
  });

  it('reports malformed records with their line and keeps reading', () => {
    const text = 'a,b\r\nx"y,1\r\n"ok",2\r\n"bad"z,3\r\nlast,4\r\n"never closed,5\r\n';
    const { records, problems } = parseCsv(text);
    expect(records.map((r) => r.line)).toEqual([1, 3, 5]);
    expect(problems.map((p) => p.line)).toEqual([2, 4, 6]);
  });

  it('ignores a byte order mark and a missing final line break', () => {
    expect(parseCsv('\ufeffa,b\r\n1,2').records).toEqual([{ line: 1, fields: ['a', 'b'] }, { line: 2, fields: ['1', '2'] }]);
  });
});
