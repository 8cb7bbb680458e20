import { readFile } from 'node:fs/promises';
import { validateRollCsv, type RollValidationOptions, type RollValidationResult } from '../domain/roll/roll-row-validation';

/** Reads a roll CSV file (UTF-8, with or without BOM) and validates every row. A file that is
 * not valid UTF-8 is refused whole: a mis-decoded name must not reach the roll. */
export async function readRollCsv(path: string, options: RollValidationOptions): Promise<RollValidationResult> {
  const bytes = await readFile(path);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  return validateRollCsv(text, options);
}
