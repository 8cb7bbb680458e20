/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint) note text:
 *   <origin>\n<tree size, decimal, no leading zeros>\n<base64 root hash>\n[<extension line>\n…]
 * Urna writes one extension line, `urna-sequence <n>` (docs/spec/log.md §4.1): the checkpoint's
 * number in the log's history, 0 for the empty tree, +1 for each checkpoint after it, so that
 * a list of checkpoints with one dropped or two swapped is detectable. Browser-safe.
 */
import { HASH_SIZE } from '../merkle/hash';
import { fromBase64, toBase64 } from '../merkle/encoding';
import { NoteError, type NoteVerifierKey, openSignedNote } from './signed-note';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Extension lines after the root (Urna writes `urna-sequence <n>`; others' are kept as parsed). */
  extensions: string[];
}

/** The extension line's keyword: `urna-sequence <n>` (log.md §4.1). */
export const SEQUENCE_EXTENSION = 'urna-sequence';

export function sequenceExtension(sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0) throw new NoteError(`invalid checkpoint sequence number ${sequence}`);
  return `${SEQUENCE_EXTENSION} ${sequence}`;
}

/**
 * The checkpoint's sequence number from its `urna-sequence` extension line; undefined when it
 * has none. Throws when the line is there but malformed or repeated.
 */
export function checkpointSequence(checkpoint: Pick<Checkpoint, 'extensions'>): number | undefined {
  const lines = checkpoint.extensions.filter((l) => l === SEQUENCE_EXTENSION || l.startsWith(`${SEQUENCE_EXTENSION} `));
  if (lines.length === 0) return undefined;
  if (lines.length > 1) throw new NoteError(`the checkpoint has ${lines.length} ${SEQUENCE_EXTENSION} lines`);
  const m = /^urna-sequence (0|[1-9][0-9]*)$/.exec(lines[0]);
  if (!m || !Number.isSafeInteger(Number(m[1]))) throw new NoteError(`malformed extension line "${lines[0]}"`);
  return Number(m[1]);
}

export function formatCheckpointText(origin: string, size: number, rootHash: Uint8Array, extensions: string[] = []): string {
  if (origin.length === 0 || /[\n]/.test(origin)) throw new NoteError('checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new NoteError(`invalid tree size ${size}`);
  if (rootHash.length !== HASH_SIZE) throw new NoteError('root hash must be 32 bytes');
  for (const line of extensions) if (line.length === 0 || line.includes('\n')) throw new NoteError('an extension line must be one non-empty line');
  return `${origin}\n${size}\n${toBase64(rootHash)}\n${extensions.map((l) => `${l}\n`).join('')}`;
}

export function parseCheckpointText(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new NoteError('checkpoint text must end with a newline');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 3) throw new NoteError('a checkpoint has at least three lines');
  if (lines.some((l) => l.length === 0)) throw new NoteError('checkpoint lines must be non-empty');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw new NoteError(`tree size "${sizeLine}" is not a decimal without leading zeros`);
  const size = Number(sizeLine);
  if (!Number.isSafeInteger(size)) throw new NoteError('tree size too large');
  let rootHash: Uint8Array;
  try {
    rootHash = fromBase64(rootLine);
  } catch {
    throw new NoteError('root hash is not base64');
  }
  if (rootHash.length !== HASH_SIZE) throw new NoteError('root hash must be 32 bytes');
  return { origin, size, rootHash, extensions };
}

/** Verifies the signature by `key` and parses the checkpoint; the origin must be `expectedOrigin`. */
export function openCheckpoint(note: string, key: NoteVerifierKey, expectedOrigin: string = key.name): Checkpoint {
  const checkpoint = parseCheckpointText(openSignedNote(note, key));
  if (checkpoint.origin !== expectedOrigin) throw new NoteError(`checkpoint origin "${checkpoint.origin}" is not "${expectedOrigin}"`);
  return checkpoint;
}
