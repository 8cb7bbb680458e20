import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';
import {
  validateRollRows, type CsvParseResult, type CsvProblem, type CsvRecord, type RollValidationOptions, type RollValidationResult,
} from '../domain/roll/roll-row-validation';
import { both } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';

/** Reads a roll CSV file (UTF-8, with or without BOM) and validates every row. A file that is
 * not valid UTF-8 is refused whole: a mis-decoded name must not reach the roll. */
export async function readRollCsv(path: string, options: RollValidationOptions): Promise<RollValidationResult> {
  const bytes = await readFile(path);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return validateRollCsv(text, options);
}

/** A roll CSV's text, read (parseCsv) and checked row by row (the domain's validateRollRows). */
export function validateRollCsv(text: string, options: RollValidationOptions): RollValidationResult {
  return validateRollRows(parseCsv(text), options);
}

/** csv-parse's error codes we explain in words (src/messages/cli.messages.ts); others print csv-parse's message. */
const REASONS: Partial<Record<string, 'roll.csv.quoteInUnquotedField' | 'roll.csv.textAfterClosingQuote' | 'roll.csv.unterminatedQuote'>> = {
  INVALID_OPENING_QUOTE: 'roll.csv.quoteInUnquotedField',
  CSV_INVALID_CLOSING_QUOTE: 'roll.csv.textAfterClosingQuote',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'roll.csv.textAfterClosingQuote',
  CSV_QUOTE_NOT_CLOSED: 'roll.csv.unterminatedQuote',
};

const CR = 0x0d;
const LF = 0x0a;

/** Line breaks in bytes[from, to): CRLF, LF or a lone CR each end one line. */
function lineBreaks(bytes: Buffer, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    if (bytes[i] === LF) n++;
    else if (bytes[i] === CR) {
      n++;
      if (bytes[i + 1] === LF && i + 1 < to) i++;
    }
  }
  return n;
}

/** Index just after the first line break at or after `from` (the end of the input if none). */
function afterLineBreak(bytes: Buffer, from: number): number {
  for (let i = from; i < bytes.length; i++) {
    if (bytes[i] === LF) return i + 1;
    if (bytes[i] === CR) return bytes[i + 1] === LF ? i + 2 : i + 1;
  }
  return bytes.length;
}

/**
 * RFC 4180 with csv-parse: comma-separated fields, records ended by CRLF (a bare LF or CR is
 * accepted too, also mixed in one file, as spreadsheets write them), fields optionally in
 * double quotes, a quote inside a quoted field written twice. Quoted fields may hold commas
 * and line breaks, so a record can span several physical lines; each record reports the line
 * it starts on (counted here from the bytes each record took: csv-parse's own line counter
 * counts a CRLF inside quotes twice). Blank lines are not records.
 *
 * A malformed record (a quote inside an unquoted field, text after a closing quote) is reported
 * with its line, and reading starts again after the physical line where the error is, so one
 * bad row never hides the others; a quote never closed takes the rest of the file with it.
 */
export function parseCsv(input: string): CsvParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input; // UTF-8 byte order mark
  const bytes = Buffer.from(text, 'utf8');
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let offset = 0; // bytes read so far
  let line = 1; // the line starting at `offset`

  while (offset < bytes.length) {
    const base = offset;
    try {
      parse(bytes.subarray(base), {
        relax_column_count: true, // WRONG_FIELD_COUNT is the validation's to report, per row
        record_delimiter: ['\r\n', '\n', '\r'],
        raw: true, // errors then carry the record's text up to the offending character
        on_record: (row, { bytes: end }) => {
          const { record } = row as unknown as { record: string[] }; // {record, raw} with raw: true
          const start = line;
          line += lineBreaks(bytes, offset, base + end);
          offset = base + end;
          if (!(record.length === 1 && record[0] === '')) records.push({ line: start, fields: record });
          return null; // collected here, so records read before an error are kept
        },
      });
      break;
    } catch (err) {
      if (!(err instanceof CsvError)) throw err;
      const reason = REASONS[err.code];
      problems.push({ line, reason: reason ? both(cliMessages, reason) : `${both(cliMessages, 'roll.csv.malformed')}: ${err.message}` });
      if (err.code === 'CSV_QUOTE_NOT_CLOSED') break;
      const raw = (err as CsvError & { raw?: string }).raw ?? '';
      const next = afterLineBreak(bytes, offset + Buffer.byteLength(raw, 'utf8'));
      line += lineBreaks(bytes, offset, next);
      offset = next;
    }
  }
  return { records, problems };
}
