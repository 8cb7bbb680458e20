/**
 * One pass over log/entries.jsonl (record.md V5) that keeps what every later check needs and
 * nothing that grows with the ballots beyond a few facts each: the leaf hash of every entry
 * (V6 recomputes the roots from them), every public entry whole except the ballots (they are
 * ~41 kB each and a large election holds millions), and for each BallotCast of the election the
 * facts V11–V13, V18 and V19 read, the SHA-256 of the ballot's canonical line (its line of the
 * ballot box) and where the entry is in the file, so that the ballot can be read again when its
 * proofs are checked (ballot-lines.ts).
 */
import { hash as nodeHash } from 'node:crypto';
import { canonicalJson } from '../domain/shared/canonical-json';
import { hashLeaf } from '../ledger/merkle/hash';
import type { PublicEventEntry } from '../ledger/merkle/leaf-encoding';
import { nodeSha256 } from '../ledger/merkle/node-sha256';
import { castEventProblems } from './cast-event-checks';
import { readLeafEntry } from './leaf-entry-checks';
import type { LineSource } from './line-source';

/** Who a BallotCast says cast its ballot (checked with the ballot's proofs, V12). */
export interface CastBy {
  pseudonym: string;
  credential: string;
  bindingNonce: string;
  signature?: string;
}

/** A BallotCast of the election, without its ballot. */
export interface LogBallot {
  /** The ballot's tracking code, as V11 orders the box by it. */
  code: string;
  /** lineHash of the ballot's canonical JSON: its line of the ballot box. */
  hash: string;
  by: CastBy;
  /** Its index among the election's BallotCast events, in log order. */
  cast: number;
  /** Where its entry is in the log's source (LineSource.reader). */
  at: number;
  length: number;
  /** Where the ballot's canonical JSON is inside the entry's text, -1 when it is not there verbatim. */
  ballotAt: number;
  ballotLength: number;
}

/** Leaf hashes packed 32 bytes each: a Uint8Array per leaf would cost several times that. */
export class LeafHashes {
  private readonly blocks: Buffer[] = [];
  private count = 0;
  private static readonly PER_BLOCK = 1 << 15;

  push(leafHash: Uint8Array): void {
    const block = this.count % LeafHashes.PER_BLOCK;
    if (block === 0) this.blocks.push(Buffer.alloc(32 * LeafHashes.PER_BLOCK));
    this.blocks[this.blocks.length - 1].set(leafHash, 32 * block);
    this.count++;
  }

  get length(): number {
    return this.count;
  }

  at(i: number): Uint8Array {
    const b = this.blocks[Math.floor(i / LeafHashes.PER_BLOCK)];
    const o = 32 * (i % LeafHashes.PER_BLOCK);
    return b.subarray(o, o + 32);
  }
}

/** Unpaired surrogates (the `u` flag makes a pair one code point, so only lone halves match). */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * A line's fingerprint for comparing lines of text: SHA-256 of its UTF-8 bytes. UTF-8 cannot
 * carry an unpaired surrogate (it becomes U+FFFD), so such a text is hashed apart, as UTF-16,
 * and never equals a line that holds U+FFFD there: lines compare as the strings they are.
 */
export function lineHash(text: string): string {
  return LONE_SURROGATE.test(text) ? `u${nodeHash('sha256', Buffer.from(text, 'utf16le'), 'base64')}` : nodeHash('sha256', text, 'base64');
}

export interface LogReading {
  /** Lines of the file (leaves of the log). */
  lines: number;
  leaves: LeafHashes;
  /** Every public entry in log order; the election's BallotCast events without their ballots. */
  entries: PublicEventEntry[];
  /** V5's problems. */
  problems: string[];
  /** The election's BallotCast events' ballots, in log order. */
  ballots: LogBallot[];
  /** What castEventProblems says of each BallotCast (by `cast` index), where it says anything. */
  castProblems: Map<number, string[]>;
  /** UTF-8 bytes of the log's ballot box: every ballot's line and its 0x0A. */
  boxBytes: number;
}

const utf8 = new TextEncoder();

export function readLog(source: LineSource, electionId: string): LogReading {
  const castPrefix = `ballot-${electionId}-`;
  const reading: LogReading = { lines: 0, leaves: new LeafHashes(), entries: [], problems: [], ballots: [], castProblems: new Map(), boxBytes: 0 };
  for (const line of source.lines()) {
    const i = reading.lines++;
    reading.leaves.push(hashLeaf(utf8.encode(line.text), nodeSha256));
    const leaf = readLeafEntry(line.text, i);
    reading.problems.push(...leaf.problems);
    const e = leaf.publicEntry;
    if (!e) continue;
    if (e.type !== 'BallotCast' || !e.stream.startsWith(castPrefix)) {
      reading.entries.push(e);
      continue;
    }
    const d = e.data as { ballot?: { trackingCode?: unknown; styleId?: unknown }; pseudonym?: unknown; credential?: unknown; bindingNonce?: unknown; signature?: unknown };
    let ballotLine: string;
    try {
      ballotLine = canonicalJson(d.ballot ?? null);
    } catch (err) {
      // A ballot RFC 8785 refuses (a lone surrogate, say) has no line in any ballot box: this
      // entry is named, as V5 already names it not canonical, and the rest of the log is read.
      reading.problems.push(`entry ${i}: its ballot has no canonical JSON (${(err as Error).message}), so no ballot box can hold it`);
      continue;
    }
    const cast = reading.ballots.length;
    const ballotAt = line.text.indexOf(ballotLine);
    reading.ballots.push({
      code: String(d.ballot?.trackingCode), hash: lineHash(ballotLine), cast, at: line.at, length: line.length, ballotAt, ballotLength: ballotLine.length,
      by: { pseudonym: String(d.pseudonym), credential: String(d.credential), bindingNonce: String(d.bindingNonce), signature: typeof d.signature === 'string' ? d.signature : undefined },
    });
    reading.boxBytes += Buffer.byteLength(ballotLine) + 1;
    const problems = castEventProblems(e, electionId);
    if (problems.length > 0) reading.castProblems.set(cast, problems);
    // What V13, V18 and V19 read of a BallotCast, and no more. Its stream is only ever compared
    // with the election's ballot prefix (castEventProblems, which needs the whole, ran above).
    reading.entries.push({
      position: e.position, type: e.type, stream: castPrefix, version: e.version, revision: e.revision,
      data: { pseudonym: d.pseudonym, credential: d.credential, ballot: { trackingCode: d.ballot?.trackingCode, styleId: d.ballot?.styleId } },
    } as PublicEventEntry);
  }
  return reading;
}
