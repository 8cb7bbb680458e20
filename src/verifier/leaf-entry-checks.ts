/**
 * The checks one log entry must pass on its own (record.md V5, log.md §2): canonical JSON, the
 * leaf format, its position, and a sealed entry's exact shape. Shared by `urna verify`, which
 * reads a record's whole log, and `urna monitor`, which reads the live log one entry at a time.
 */
import { isCanonicalJsonText } from '../domain/shared/canonical-json';
import { LEAF_FORMAT, type PublicEventEntry } from '../ledger/merkle/leaf-encoding';

export interface LeafEntryReading {
  /** The public entry, when the line is one (whatever its problems). */
  publicEntry?: PublicEventEntry;
  problems: string[];
}

/** Reads the text of leaf `index` (its bytes as UTF-8): the entry and what is wrong with it. */
export function readLeafEntry(line: string, index: number): LeafEntryReading {
  const problems: string[] = [];
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line);
  } catch {
    return { problems: [`entry ${index}: not JSON`] };
  }
  if (entry === null) return { problems: [`entry ${index}: not a JSON object`] };
  if (!isCanonicalJsonText(line, entry)) problems.push(`entry ${index}: not canonical (RFC 8785), so its leaf hash is not the log's`);
  if (entry.format !== LEAF_FORMAT) problems.push(`entry ${index}: unknown leaf format ${JSON.stringify(entry.format)}`);
  if (entry.position !== index) problems.push(`entry ${index}: position ${String(entry.position)} ≠ its index`);
  if (entry.visibility === 'public') return { publicEntry: entry as unknown as PublicEventEntry, problems };
  if (entry.visibility === 'sealed') {
    const commitment = (entry.data as { commitment?: unknown } | undefined)?.commitment;
    if (typeof commitment !== 'string' || !/^[0-9a-f]{64}$/.test(commitment) || Object.keys(entry.data as object).length !== 1) problems.push(`entry ${index}: a sealed entry's data must be exactly {"commitment": 64 hex digits}`);
    for (const member of ['stream', 'revision', 'id', 'actor', 'causationId', 'correlationId']) if (member in entry) problems.push(`entry ${index}: a sealed entry must not show its ${member}`);
  } else problems.push(`entry ${index}: visibility ${JSON.stringify(entry.visibility)} is neither public nor sealed`);
  return { problems };
}
