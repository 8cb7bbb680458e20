/**
 * A small RFC 4180 reader: comma-separated fields, records ended by CRLF (a bare LF is
 * accepted too, as spreadsheets on Unix write it), fields optionally in double quotes, a
 * quote inside a quoted field written twice. Quoted fields may hold commas and line breaks,
 * so a record can span several physical lines; each record reports the line it starts on.
 *
 * A malformed record (a quote inside an unquoted field, text after a closing quote, a quote
 * never closed) is reported with its line and skipped; the records after it are still read,
 * so one bad row never hides the others.
 */
export interface CsvRecord {
  /** 1-based physical line where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  reason: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  problems: CsvProblem[];
}

const QUOTE = '"';
const COMMA = ',';

export function parseCsv(input: string): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input; // UTF-8 byte order mark
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;

  /** Length of the line break at `at` (CRLF = 2, LF or lone CR = 1), or 0. */
  const lineBreakAt = (at: number): number => {
    const c = text[at];
    if (c === '\r') return text[at + 1] === '\n' ? 2 : 1;
    return c === '\n' ? 1 : 0;
  };
  /** Skips to just after the next line break (used to resynchronise after a bad record). */
  const skipRestOfLine = () => {
    while (i < n && lineBreakAt(i) === 0) i++;
    if (i < n) {
      i += lineBreakAt(i);
      line++;
    }
  };

  while (i < n) {
    const startLine = line;
    const fields: string[] = [];
    let problem: string | undefined;
    let recordDone = false;
    while (!recordDone) {
      let field = '';
      if (text[i] === QUOTE) {
        i++;
        let closed = false;
        while (i < n) {
          const c = text[i];
          if (c === QUOTE) {
            if (text[i + 1] === QUOTE) {
              field += QUOTE;
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          const br = lineBreakAt(i);
          if (br > 0) {
            field += text.slice(i, i + br);
            i += br;
            line++;
            continue;
          }
          field += c;
          i++;
        }
        if (!closed) {
          problem = 'comillas sin cerrar / unterminated quoted field';
          break;
        }
        if (i < n && text[i] !== COMMA && lineBreakAt(i) === 0) {
          problem = 'texto después de las comillas de cierre / text after a closing quote';
          skipRestOfLine();
          recordDone = true;
          break;
        }
      } else {
        while (i < n && text[i] !== COMMA && lineBreakAt(i) === 0) {
          if (text[i] === QUOTE && problem === undefined) problem = 'comillas dentro de un campo sin comillas / quote inside an unquoted field';
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (i >= n) {
        recordDone = true;
      } else if (text[i] === COMMA) {
        i++;
      } else {
        i += lineBreakAt(i);
        line++;
        recordDone = true;
      }
    }
    if (problem !== undefined) {
      problems.push({ line: startLine, reason: problem });
      continue;
    }
    // A blank line (one empty unquoted field) is not a record.
    if (fields.length === 1 && fields[0] === '') continue;
    records.push({ line: startLine, fields });
  }
  return { records, problems };
}
