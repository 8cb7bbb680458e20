/**
 * C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint) note text:
 *   <origin>\n<tree size, decimal, no leading zeros>\n<base64 root hash>\n
 * We write no extension lines. Browser-safe.
 */
import { HASH_SIZE } from '../merkle/hash';
import { fromBase64, toBase64 } from '../merkle/encoding';
import { NoteError, type NoteVerifierKey, openSignedNote } from './signed-note';

export interface Checkpoint {
  origin: string;
  size: number;
  rootHash: Uint8Array;
  /** Extension lines (we never write any; kept when parsing others' checkpoints). */
  extensions: string[];
}

export function formatCheckpointText(origin: string, size: number, rootHash: Uint8Array): string {
  if (origin.length === 0 || /[\n]/.test(origin)) throw new NoteError('checkpoint origin must be one non-empty line');
  if (!Number.isSafeInteger(size) || size < 0) throw new NoteError(`invalid tree size ${size}`);
  if (rootHash.length !== HASH_SIZE) throw new NoteError('root hash must be 32 bytes');
  return `${origin}\n${size}\n${toBase64(rootHash)}\n`;
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
