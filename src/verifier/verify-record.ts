/**
 * `urna verify`: checks an election record (docs/spec/record.md) with no database and no
 * trust in the service that produced it. The transparency log is the authority: its entries
 * are checked against the signed checkpoints first, every fact is then read from the log's
 * entries (the manifest, the ballots, the tally), and every file of the record must be an exact
 * copy of what the log says. The checks are numbered V1–V18 (record.md §6); each is
 * independent, so one tampered byte fails the checks that depend on it and the report still
 * says what else holds.
 */
import { createHash, hash as nodeHash } from 'node:crypto';
import { withNodeSignatureCheck } from '../ledger/checkpoint/node-note-verifier';
import type { ElectionManifest } from '../domain/configuration/election-manifest';
import { group } from '../domain/crypto/active-group';
import { ballotStyles, type BallotStyles } from '../domain/crypto/ballot/ballot-style';
import type { VerifyOptions as BallotVerifyOptions } from '../domain/crypto/ballot/verify-ballot';
import { checkCredentialEligibility } from './credential-eligibility';
import { ballotCiphertexts, SPOILED_BALLOT_FORMAT } from '../domain/crypto/ballot/benaloh';
import { SPOILED_BALLOT_ACTOR } from '../domain/voting/decider';
import { verifyCeremonyTranscript } from '../domain/crypto/ceremony/transcript';
import type { CeremonyTranscript } from '../domain/crypto/ceremony/messages';
import { ciphertextsEqual } from '../domain/crypto/elgamal';
import { electionContext, type ElectionContext } from '../domain/crypto/election-context';
import { fromHex, toHex } from '../domain/crypto/hash';
import { ciphertextHex } from '../domain/crypto/tally/tally-wire';
import { rollCommitment } from '../domain/roll/roll-commitment';
import { decodeTotal, decodeVerificationKeys } from '../domain/tally/decide';
import { tallyOptionId } from '../domain/tally/events';
import { manifestBallotStyles } from '../domain/tally/manifest-styles';
import { spanishNumberWords } from '../documents/spanish-number-words';
import { ACTA_OPTION_KIND } from '../documents/tally-record';
import { checkpointSequence, openCheckpoint, parseCheckpointText, type Checkpoint } from '../ledger/checkpoint/checkpoint-format';
import { parseSignedNote, parseVerifierKey, type NoteVerifierKey } from '../ledger/checkpoint/signed-note';
import { canonicalJson, isCanonicalJsonText } from '../domain/shared/canonical-json';
import { CompactRange } from '../ledger/merkle/compact-range';
import { fromBase64 } from '../ledger/merkle/encoding';
import { bytesEqual, emptyTreeRoot } from '../ledger/merkle/hash';
import type { PublicEventEntry } from '../ledger/merkle/leaf-encoding';
import { chunkSize, CryptoWorkers, type BallotChunk, type LineChunk } from '../parallel/crypto-workers';
import type { GroupBackendName } from '../parallel/group-backend';
import {
  auditSpoiledBallots, cryptoEnvironment, verifyBallotChunk, verifyBallotLineChunk, verifyPartials, verifyTallyResults,
  type CryptoEnvironment, type CryptoSetup, type PartialCheckItem, type PartialCheckVerdict, type SpoiledVerdict, type TallyResultFailure, type TallyResultItem,
} from '../parallel/crypto-tasks';
import { EncryptedSums } from '../parallel/encrypted-sums';
import { RECORD_FORMAT, RecordFiles, type RecordIndex, type RecordResults } from '../record/record-format';
import { CheckRecorder, type CheckResult } from './check-report';
import { checkTrusteeSignatures } from './trustee-signatures';
import { castEventFacts } from './cast-event-checks';
import { chunksOf, feedBallotLines, type BallotToVerify } from './ballot-feed';
import { ballotLines } from './ballot-lines';
import { compareBox, linesAt, type BoxComparison } from './box-comparison';
import { lineSourceOf } from './line-source';
import { readLog, type LogReading } from './log-reading';
import { spoiledReuse } from './spoiled-reuse';
import { manifestFromLog } from './manifest-from-log';
import type { RecordSource } from './record-input';

export interface VerifyOptions {
  /** The log's verifier key obtained out of band; when given, the record's copy must equal it. */
  vkey?: string;
  /** The credential authority's public key obtained out of band (hex); when given, the enrolled key must equal it (V19). */
  credentialAuthority?: string;
  onProgress?: (check: string, done: number, total: number) => void;
  onResult?: (result: CheckResult) => void;
}

export interface RecordVerification {
  ok: boolean;
  results: CheckResult[];
  /** Whose key the log was checked with: the one given (--vkey) or the copy inside the record. */
  keySource: 'given' | 'record';
  /** The verifier key the checkpoints were checked with, when one could be read. */
  logKey?: string;
  /** Whose credential authority key the list was checked with (V19): given (--credential-authority) or enrolled in the log. */
  authorityKeySource?: 'given' | 'record';
  authorityKey?: string;
}

const sha256Hex = (text: string) => nodeHash('sha256', text, 'hex'); // of the UTF-8 bytes, through OpenSSL: the box is tens of MB
const BATCH = 16;
/** Stray lines of a ballot box verified at once: they are few in any record a service wrote, but a forged box may be all strays. */
const STRAY_CHUNK = 256;

/** A canonical JSON file: exactly JCS(value) followed by one newline. */
function parseCanonicalFile(text: string | undefined, name: string): unknown {
  if (text === undefined) throw new Error(`${name} is missing`);
  if (!text.endsWith('\n')) throw new Error(`${name} must end with one newline`);
  const body = text.slice(0, -1);
  const value = JSON.parse(body);
  if (!isCanonicalJsonText(body, value)) throw new Error(`${name} is not RFC 8785 canonical JSON`);
  return value;
}

function jsonLines(text: string | undefined, name: string): string[] {
  if (text === undefined) throw new Error(`${name} is missing`);
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error(`${name} must end with a newline`);
  return text.slice(0, -1).split('\n');
}

/** Verifies a record in this thread (the reference path; also URNA_WORKERS=0/1). */
export function verifyRecord(input: RecordSource, options: VerifyOptions = {}): RecordVerification {
  const steps = recordChecks(input, options);
  let next = steps.next();
  let local: CryptoEnvironment | undefined;
  while (!next.done) {
    const work = next.value;
    local ??= cryptoEnvironment(work.setup);
    next = steps.next(runWorkLocally(local, work, options));
  }
  return next.value;
}

/**
 * The same checks with the CPU-bound parts (ballot proofs, partial decryptions, results) on a
 * pool of worker threads: `workers` (default URNA_WORKERS, else one per core; 0 or 1 = this
 * thread). Same CheckResults as verifyRecord. `groupBackend` picks the workers' group
 * implementation (default URNA_GROUP_BACKEND, else noble); this thread keeps its own.
 */
export async function verifyRecordInParallel(input: RecordSource, options: VerifyOptions & { workers?: number; groupBackend?: GroupBackendName } = {}): Promise<RecordVerification> {
  const steps = recordChecks(input, options);
  let next = steps.next();
  let pool: CryptoWorkers | undefined;
  try {
    while (!next.done) {
      const work = next.value;
      pool ??= new CryptoWorkers({ ...work.setup, groupBackend: options.groupBackend }, options.workers);
      next = steps.next(await runWorkInPool(pool, work, options));
    }
    return next.value;
  } finally {
    await pool?.close();
  }
}

/** Work the checks hand out; the answer (or the error it raised) comes back to the check. */
type Work =
  | { kind: 'prepare'; setup: CryptoSetup }
  | { kind: 'ballots'; setup: CryptoSetup; ballots: unknown[]; options?: BallotVerifyOptions[] }
  /**
   * Ballots as their canonical JSON (the box's lines), `count` of them, made as the workers go:
   * the runner takes them a chunk at a time and keeps a few chunks in flight (the lines of a large
   * election do not fit in memory together), and hands each chunk's verdicts to `onChunk` in order.
   */
  | { kind: 'ballot-stream'; setup: CryptoSetup; count: number; ballots: Iterable<BallotToVerify>; onChunk: (chunk: BallotChunk) => void }
  | { kind: 'partials'; setup: CryptoSetup; items: PartialCheckItem[] }
  | { kind: 'tally-results'; setup: CryptoSetup; items: TallyResultItem[] }
  | { kind: 'spoiled'; setup: CryptoSetup; items: unknown[] };
type WorkAnswer<T> = { ok: true; value: T } | { ok: false; error: Error };
type WorkResult = WorkAnswer<undefined> | WorkAnswer<BallotChunk[]> | WorkAnswer<PartialCheckVerdict[]> | WorkAnswer<TallyResultFailure[][]> | WorkAnswer<SpoiledVerdict[]>;

function attempt<T>(f: () => T): WorkAnswer<T> {
  try {
    return { ok: true, value: f() };
  } catch (err) {
    return { ok: false, error: err as Error };
  }
}

function runWorkLocally(env: CryptoEnvironment, work: Work, options: VerifyOptions): WorkResult {
  switch (work.kind) {
    case 'prepare':
      return { ok: true, value: undefined };
    case 'ballots':
      return attempt(() => {
        const chunks: BallotChunk[] = [];
        for (let start = 0; start < work.ballots.length; start += BATCH) {
          chunks.push({ start, ...verifyBallotChunk(env, work.ballots.slice(start, start + BATCH), work.options?.slice(start, start + BATCH)) });
          options.onProgress?.('ballots.proofs', Math.min(start + BATCH, work.ballots.length), work.ballots.length);
        }
        return chunks;
      });
    case 'ballot-stream':
      return attempt(() => {
        let start = 0;
        for (const { lines, options: verify } of chunksOf(work.ballots, BATCH)) {
          const out = verifyBallotLineChunk(lines, verify, false, (b, o) => verifyBallotChunk(env, b, o));
          work.onChunk(ballotChunkOf({ start, ...out }));
          start += lines.length;
          options.onProgress?.('ballots.proofs', start, work.count);
        }
        return undefined;
      });
    case 'partials':
      return attempt(() => verifyPartials(env, work.items));
    case 'tally-results':
      return attempt(() => verifyTallyResults(env, work.items));
    case 'spoiled':
      return attempt(() => auditSpoiledBallots(env, work.items));
  }
}

async function runWorkInPool(pool: CryptoWorkers, work: Work, options: VerifyOptions): Promise<WorkResult> {
  try {
    switch (work.kind) {
      case 'prepare': // the pool exists now, and its threads load while the checks go on
        return { ok: true, value: undefined };
      case 'ballots': {
        const chunks: BallotChunk[] = [];
        for await (const chunk of pool.verifyBallots(work.ballots, work.options)) {
          chunks.push(chunk);
          options.onProgress?.('ballots.proofs', chunk.start + chunk.verdicts.length, work.ballots.length);
        }
        return { ok: true, value: chunks };
      }
      case 'ballot-stream': {
        // Chunks as the pool would cut the whole list, at most two per worker in flight: the
        // workers never wait for this thread to read the next lines, and memory holds a few chunks.
        const size = pool.workers > 0 ? chunkSize(work.count, pool.workers) : BATCH;
        await feedBallotLines(pool, work.ballots, size, Math.max(2, 2 * pool.workers), (chunk) => {
          work.onChunk(ballotChunkOf(chunk));
          options.onProgress?.('ballots.proofs', chunk.start + chunk.lines.length, work.count);
        });
        return { ok: true, value: undefined };
      }
      case 'partials':
        return { ok: true, value: await pool.verifyPartials(work.items) };
      case 'tally-results':
        return { ok: true, value: await pool.verifyTallyResults(work.items) };
      case 'spoiled':
        return { ok: true, value: await pool.auditSpoiledBallots(work.items) };
    }
  } catch (err) {
    return { ok: false, error: err as Error };
  }
}

/** A chunk of lines as a chunk of ballots: a line that is not JSON fails its ballot's structure. */
function ballotChunkOf(chunk: LineChunk): BallotChunk {
  return {
    start: chunk.start,
    sums: chunk.sums,
    verdicts: chunk.lines.map((l) => (l.ok ? l.verdict : { ok: false, failures: [{ check: 'structure', reason: `the line is ${l.problem === 'not-json' ? 'not JSON' : 'not canonical JSON'}` }] })),
  };
}

function answer<T>(result: WorkResult | undefined): T {
  if (!result) throw new Error('no election context');
  if (!result.ok) throw result.error;
  return result.value as T;
}

/** One checkpoint quoted inside an artefact (record.md §6, V7). */
interface EmbeddedCheckpoint {
  where: string;
  checkpoint: { size?: unknown; rootHash?: unknown; note?: unknown } | undefined;
  /** How the artefact writes the root: hex (ledger events) or base64 (documents). */
  rootEncoding: 'hex' | 'base64';
}

/** The checkpoint text of a signed note, read without checking its signature (V4 orders every line, V3 judges signatures). */
function unverifiedCheckpoint(note: string): Checkpoint {
  return parseCheckpointText(parseSignedNote(note).text);
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);
}

function* recordChecks(input: RecordSource, options: VerifyOptions): Generator<Work, RecordVerification, WorkResult> {
  const checks = new CheckRecorder(options.onResult);
  const progress = options.onProgress ?? (() => undefined);

  // V1. The index, and the files present against the files listed.
  let index: RecordIndex | undefined;
  checks.run('record.index', (problems) => {
    index = parseCanonicalFile(input.index, 'record.json') as RecordIndex;
    if (index.format !== RECORD_FORMAT) problems.push(`unknown format ${JSON.stringify(index.format)}; this verifier reads ${RECORD_FORMAT}`);
    if (typeof index.electionId !== 'string' || index.electionId === '') problems.push('record.json names no electionId');
    if (!Number.isSafeInteger(index.logSize) || index.logSize < 0) problems.push('record.json logSize is not a non-negative integer');
    const files = Array.isArray(index.files) ? index.files.map(String) : [];
    if (!Array.isArray(index.files)) problems.push('record.json has no files list');
    if (files.some((f, i) => i > 0 && files[i - 1] >= f)) problems.push('record.json files are not sorted by byte order without repeats');
    if (!files.includes(RecordFiles.index)) problems.push('record.json does not list itself');
    const known = new Set<string>(Object.values(RecordFiles));
    for (const f of files) if (!known.has(f)) problems.push(`record.json lists ${f}, which is not a file of ${RECORD_FORMAT}`);
    if (input.present) {
      const present = new Set(input.present);
      for (const f of files) if (!present.has(f)) problems.push(`record.json lists ${f}, but the record does not hold it`);
      const listed = new Set(files);
      for (const f of input.present) if (!listed.has(f)) problems.push(`${f} is in the record but record.json does not list it`);
    }
    return `${index.electionId}, ${files.length} files`;
  });
  const electionId = index?.electionId ?? '';

  // V2. The log's verifier key: the one given with --vkey, else the record's own copy.
  let key: NoteVerifierKey | undefined;
  let keyText: string | undefined;
  const given = options.vkey?.trim();
  checks.run('log.key', (problems) => {
    if (given) {
      key = withNodeSignatureCheck(parseVerifierKey(given));
      keyText = given;
    }
    if (input.logKey === undefined) throw new Error('log/key.vkey is missing');
    if (!input.logKey.endsWith('\n') || input.logKey.slice(0, -1).includes('\n')) problems.push('log/key.vkey must be one line ending in 0x0A');
    const recorded = input.logKey.trim();
    const recordedKey = parseVerifierKey(recorded);
    if (index && index.logVerifierKey !== recorded) problems.push('record.json logVerifierKey differs from log/key.vkey');
    if (index && index.logOrigin !== recordedKey.name) problems.push(`record.json logOrigin "${String(index.logOrigin)}" is not the key name "${recordedKey.name}"`);
    // The documents print the log's key and origin for people to pin: they must be this key.
    const inUse = given ?? recorded;
    for (const [where, text] of [['the acta', input.acta], ['the opening report', input.openingReport]] as const) {
      if (text === undefined) continue;
      const printed = attempt(() => (JSON.parse(text) as { log?: { origin?: string; verifierKey?: string } }).log);
      if (printed.ok && printed.value && (printed.value.verifierKey !== inUse || printed.value.origin !== parseVerifierKey(inUse).name)) {
        problems.push(`${where} prints the log key ${String(printed.value.verifierKey)}, not the one the log was checked with`);
      }
    }
    if (given) {
      if (given !== recorded) problems.push('the record carries another log key than the one given with --vkey');
      return `${given} (given with --vkey)`;
    }
    key = withNodeSignatureCheck(recordedKey);
    keyText = recorded;
    return `${recorded} (the record's own copy: compare it with the opening report)`;
  });

  // V3. Every checkpoint line is signed by the log key.
  interface CheckpointLine { line: number; size: number; note: string; verified?: Checkpoint }
  const checkpointLines: CheckpointLine[] = [];
  const signed = new Map<number, Uint8Array>();
  checks.run('log.checkpoint-signatures', (problems) => {
    const lines = jsonLines(input.logCheckpoints, 'log/checkpoints.jsonl');
    lines.forEach((text, i) => {
      try {
        const value = JSON.parse(text) as { size: number; note: string };
        if (!isCanonicalJsonText(text, value)) problems.push(`checkpoint line ${i + 1}: not canonical JSON`);
        const row: CheckpointLine = { line: i + 1, size: value.size, note: String(value.note) };
        checkpointLines.push(row);
        if (!key) throw new Error('no log key to check it with (V2)');
        const cp = openCheckpoint(row.note, key);
        if (cp.size !== value.size) problems.push(`checkpoint line ${i + 1}: the note is for size ${cp.size}, the line says ${String(value.size)}`);
        else {
          row.verified = cp;
          signed.set(cp.size, cp.rootHash);
        }
      } catch (err) {
        problems.push(`checkpoint line ${i + 1}: ${(err as Error).message}`);
      }
    });
    if (lines.length === 0) problems.push('no checkpoint');
    return `${lines.length} checkpoints`;
  });

  // V4. The history is complete: the empty tree first, then numbered 1, 2, … by ascending size.
  checks.run('log.checkpoint-history', (problems) => {
    if (input.logCheckpoints === undefined) throw new Error('log/checkpoints.jsonl is missing');
    if (checkpointLines.length === 0) throw new Error('no checkpoint');
    let previousSize = -1;
    checkpointLines.forEach((row, i) => {
      let cp: Checkpoint;
      try {
        cp = row.verified ?? unverifiedCheckpoint(row.note);
      } catch (err) {
        problems.push(`checkpoint line ${row.line}: ${(err as Error).message}`);
        return;
      }
      if (i === 0) {
        if (cp.size !== 0) problems.push(`the first checkpoint is of size ${cp.size}, not the empty tree (size 0)`);
        else if (!bytesEqual(cp.rootHash, emptyTreeRoot())) problems.push('the first checkpoint does not give the empty tree its root SHA-256("")');
      }
      let sequence: number | undefined;
      try {
        sequence = checkpointSequence(cp);
      } catch (err) {
        problems.push(`checkpoint line ${row.line}: ${(err as Error).message}`);
      }
      if (sequence === undefined) problems.push(`checkpoint line ${row.line}: no urna-sequence line`);
      else if (sequence !== i) problems.push(`checkpoint line ${row.line}: checkpoint number ${sequence} where number ${i} belongs (a checkpoint is missing or out of order)`);
      if (cp.size <= previousSize) problems.push(`checkpoint line ${row.line}: size ${cp.size} after size ${previousSize} (sizes must ascend)`);
      previousSize = Math.max(previousSize, cp.size);
    });
    return `${checkpointLines.length} checkpoints, numbered 0–${checkpointLines.length - 1}`;
  });

  // V5. Leaves, in one pass over the file that keeps what the later checks read (log-reading.ts):
  // the file is read a chunk at a time, never whole (a large election's log is tens of GB).
  const entrySource = input.logEntries === undefined ? undefined : lineSourceOf(input.logEntries);
  let entriesError: Error | undefined = entrySource === undefined ? new Error('log/entries.jsonl is missing')
    : !entrySource.empty && !entrySource.endsWithNewline ? new Error('log/entries.jsonl must end with a newline') : undefined;
  let log = undefined as LogReading | undefined;
  checks.run('log.leaf-hashes', (problems) => {
    if (entriesError) throw entriesError;
    try {
      log = readLog(entrySource!, electionId);
    } catch (err) {
      entriesError = err as Error;
      throw err;
    }
    problems.push(...log.problems);
    return `${log.lines} entries, ${log.entries.length} public`;
  });
  const entries: PublicEventEntry[] = log?.entries ?? [];
  const logLines = log?.lines ?? 0;

  // The public events, by stream and type (what every later check is compared with).
  const ofType = (type: string, streamPrefix?: string) => entries.filter((e) => e.type === type && (!streamPrefix || e.stream.startsWith(streamPrefix)));
  const lastOf = (type: string, stream: string) => entries.filter((e) => e.type === type && e.stream === stream).pop();
  const one = <T>(type: string, stream: string): T | undefined => lastOf(type, stream)?.data as T | undefined;
  const lifecycle = `lifecycle-${electionId}`;
  const tallyStream = `tally-${electionId}`;
  const opened = one<{ manifestHash: string; publicKey: string; ceremonyTranscriptHash: string; openingReportHash?: string }>('ElectionOpened', lifecycle);
  const completed = one<{ publicKey: string; threshold: number; qualified?: number[]; verificationKeys: Record<string, string>; transcriptHash: string }>('CeremonyCompleted', `ceremony-${electionId}`);
  const exportedEvent = lastOf('BallotBoxExported', lifecycle);
  const exported = exportedEvent?.data as { sha256: string; ballots: number; checkpoint?: EmbeddedCheckpoint['checkpoint'] } | undefined;
  const started = one<{ ballotBoxHash: string; matchesClosing: boolean; ballots: number; threshold: number; contests: string[] }>('TallyStarted', tallyStream);
  const castEvents = ofType('BallotCast', `ballot-${electionId}-`);
  const actaIssued = one<{ jsonSha256: string }>('ActaIssued', tallyStream);

  // The documents that quote checkpoints (read leniently here; their own checks judge them).
  const acta = attempt(() => JSON.parse(input.acta!) as { closingCheckpoint?: EmbeddedCheckpoint['checkpoint'] } & Record<string, unknown>);
  const openingReport = attempt(() => JSON.parse(input.openingReport!) as { openingCheckpoint?: EmbeddedCheckpoint['checkpoint'] } & Record<string, unknown>);
  const preservation = attempt(() => JSON.parse(input.preservation!) as { manifest?: { finalCheckpoint?: EmbeddedCheckpoint['checkpoint'] } });
  const embedded: EmbeddedCheckpoint[] = [];
  if (exported) embedded.push({ where: `BallotBoxExported (log entry ${exportedEvent!.position})`, checkpoint: exported.checkpoint, rootEncoding: 'hex' });
  if (input.openingReport !== undefined) embedded.push({ where: 'the opening report', checkpoint: openingReport.ok ? openingReport.value.openingCheckpoint : undefined, rootEncoding: 'base64' });
  if (input.acta !== undefined) embedded.push({ where: 'the acta', checkpoint: acta.ok ? acta.value.closingCheckpoint : undefined, rootEncoding: 'base64' });
  if (input.preservation !== undefined) embedded.push({ where: 'the preservation manifest', checkpoint: preservation.ok ? preservation.value.manifest?.finalCheckpoint : undefined, rootEncoding: 'base64' });
  // Both the size a quote states and the size inside its note: when they differ, V7 says so once,
  // and still compares the note's root with the entries (not "beyond the log").
  const noteSize = (note: unknown) => attempt(() => parseCheckpointText(parseSignedNote(String(note)).text).size);
  const wantedSizes = new Set(embedded.flatMap((e) => {
    const inNote = noteSize(e.checkpoint?.note);
    return [Number(e.checkpoint?.size), inNote.ok ? inNote.value : NaN];
  }).filter((n) => Number.isSafeInteger(n) && n >= 0));

  // V6. Roots.
  const rootsAt = new Map<number, Uint8Array>();
  checks.run('log.roots', (problems) => {
    if (entriesError || !log) throw entriesError ?? new Error('log/entries.jsonl was not read');
    const leaves = log.leaves;
    const range = new CompactRange(0, []);
    const check = (size: number) => {
      const root = signed.get(size);
      if ((root || wantedSizes.has(size)) && size <= leaves.length) {
        const here = range.root();
        if (wantedSizes.has(size)) rootsAt.set(size, here);
        if (root && !bytesEqual(root, here)) problems.push(`the root recomputed after ${size} leaves differs from the signed checkpoint of size ${size}`);
      }
    };
    check(0);
    for (let i = 0; i < leaves.length; i++) {
      range.append(leaves.at(i));
      check(i + 1);
      if ((i + 1) % 10000 === 0) progress('log.roots', i + 1, leaves.length);
    }
    const largest = Math.max(-1, ...signed.keys());
    if (largest !== leaves.length) problems.push(`the newest signed checkpoint has size ${largest}, the record has ${leaves.length} entries`);
    if (index && index.logSize !== leaves.length) problems.push(`record.json says ${index.logSize} entries, the file has ${leaves.length}`);
    return `${signed.size} roots recomputed`;
  });

  // V7. Checkpoints quoted in artefacts: signed by the log key, in the history, same tree.
  checks.run('log.embedded-checkpoints', (problems) => {
    if (!key) throw new Error('no log key (V2)');
    const history = new Map(checkpointLines.map((r) => [r.size, r.note]));
    for (const { where, checkpoint, rootEncoding } of embedded) {
      if (!checkpoint || typeof checkpoint.note !== 'string' || checkpoint.note === '') {
        problems.push(`${where} quotes no signed checkpoint`);
        continue;
      }
      let cp: Checkpoint;
      try {
        cp = openCheckpoint(checkpoint.note, key);
      } catch (err) {
        problems.push(`${where}: its checkpoint does not verify with the log key: ${(err as Error).message}`);
        continue;
      }
      if (checkpoint.size !== cp.size) problems.push(`${where}: says size ${String(checkpoint.size)}, its signed note size ${cp.size}`);
      const root = rootEncoding === 'hex' ? toHex(cp.rootHash) : Buffer.from(cp.rootHash).toString('base64');
      if (checkpoint.rootHash !== root) problems.push(`${where}: its rootHash is not the root its signed note carries`);
      if (history.get(cp.size) !== checkpoint.note) problems.push(`${where}: its checkpoint of size ${cp.size} is not the one in log/checkpoints.jsonl`);
      const recomputed = rootsAt.get(cp.size);
      if (!recomputed) problems.push(`${where}: its checkpoint of size ${cp.size} is beyond the log's ${logLines} entries`);
      else if (!bytesEqual(recomputed, cp.rootHash)) problems.push(`${where}: the log's entries give another root at size ${cp.size} than the checkpoint it quotes`);
    }
    // What each quote must cover.
    const exportedCp = attempt(() => openCheckpoint(String(exported?.checkpoint?.note), key!));
    if (exported && exportedCp.ok) {
      const lastBallot = castEvents.reduce((last, e) => Math.max(last, e.position), -1); // not Math.max(...): a million arguments overflow the stack
      if (exportedCp.value.size <= lastBallot) problems.push(`BallotBoxExported quotes a checkpoint of size ${exportedCp.value.size}, which does not cover the ballot at log entry ${lastBallot}`);
      if (exportedCp.value.size > exportedEvent!.position) problems.push('BallotBoxExported quotes a checkpoint signed after it');
    }
    if (exportedEvent && input.acta !== undefined && acta.ok && typeof acta.value.closingCheckpoint?.size === 'number') {
      const first = checkpointLines.find((r) => r.size > exportedEvent.position);
      if (acta.value.closingCheckpoint.size !== first?.size) problems.push(`the acta's closing checkpoint (size ${acta.value.closingCheckpoint.size}) is not the first one covering the ballot box export (size ${String(first?.size)})`);
    }
    return `${embedded.length} embedded checkpoints`;
  });

  // V8. The manifest, rebuilt from the configuration events of the log.
  let manifest: ElectionManifest | undefined;
  let context: ElectionContext | undefined;
  let styles: BallotStyles | undefined;
  checks.run('manifest.hash', (problems) => {
    const recorded = manifestFromLog(entries, electionId);
    manifest = recorded.manifest;
    const hash = recorded.manifestHash;
    if (!opened) problems.push('the log has no ElectionOpened event');
    else if (opened.manifestHash !== hash) problems.push(`the manifest recorded in the log hashes to ${hash}, the election was opened with ${opened.manifestHash}`);
    if (manifest.process?.id !== electionId) problems.push(`the manifest is for ${manifest.process?.id}, the record for ${electionId}`);
    if (input.manifest === undefined) problems.push('manifest.json is missing');
    else if (input.manifest !== `${canonicalJson(manifest)}\n`) problems.push('manifest.json is not the manifest recorded in the log (its canonical bytes differ)');
    // The opening report, when the record carries it, is the one the election was opened with.
    if (input.openingReport !== undefined) {
      const report = parseCanonicalFile(input.openingReport, 'opening/opening-report.json') as { configurationHash?: string; electionId?: string };
      if (opened?.openingReportHash !== sha256Hex(input.openingReport.slice(0, -1))) problems.push('opening/opening-report.json is not the opening report ElectionOpened recorded (openingReportHash)');
      if (report.configurationHash !== hash || report.electionId !== electionId) problems.push('the opening report names another election or manifest');
    }
    if (completed) context = electionContext(fromHex(hash, 32), group.decode(fromHex(completed.publicKey, 32)));
    styles = ballotStyles(manifestBallotStyles(manifest));
    return `${manifest.contests.length} contests, ${manifest.ballotStyles.length} ballot styles`;
  });

  // What the CPU-bound checks need, in a form worker threads can receive.
  let setup: CryptoSetup | undefined;
  if (context && manifest) {
    let verificationKeys: Record<string, string> | undefined;
    try {
      if (completed) decodeVerificationKeys(completed.verificationKeys);
      verificationKeys = completed?.verificationKeys;
    } catch {
      verificationKeys = undefined; // the partial-decryption check reports the bad key itself
    }
    try {
      setup = {
        manifestHash: toHex(context.manifestHash), publicKey: toHex(group.encode(context.publicKey)),
        // Only styles that ballotStyles() accepted above (the ballot check needs them; the tally checks do not).
        styles: styles ? manifestBallotStyles(manifest) : [], verificationKeys, threshold: completed?.threshold,
      };
    } catch {
      setup = undefined;
    }
  }
  // Worker threads start loading now, while this thread checks the ceremony, the roll and the box.
  if (setup) yield { kind: 'prepare', setup };

  // V9. Ceremony.
  checks.run('ceremony.transcript', (problems) => {
    const stream = `ceremony-${electionId}`;
    const openedCeremony = one<{ ceremonyId: string; trustees: number; threshold: number }>('CeremonyOpened', stream);
    if (!openedCeremony || !completed) throw new Error('the log lacks CeremonyOpened or CeremonyCompleted');
    const inStream = (type: string) => entries.filter((e) => e.type === type && e.stream === stream);
    // Who sent each message is established by its trustee's signature (V20), not by the entry's actor.
    const round1 = inStream('CeremonyRound1Published').map((e) => (e.data as { message: CeremonyTranscript['round1'][number] }).message);
    const round2 = inStream('CeremonySharesDealt').map((e) => (e.data as { message: CeremonyTranscript['round2'][number] }).message);
    const transcript: CeremonyTranscript = {
      params: { ceremonyId: openedCeremony.ceremonyId, n: openedCeremony.trustees, t: openedCeremony.threshold },
      round1: round1.sort((a, b) => a.trustee - b.trustee),
      round2: round2.sort((a, b) => a.dealer - b.dealer),
      complaints: inStream('CeremonyComplaintFiled').map((e) => (e.data as { complaint: CeremonyTranscript['complaints'][number] }).complaint)
        .sort((a, b) => a.complainant - b.complainant || a.dealer - b.dealer),
    };
    const outcome = verifyCeremonyTranscript(transcript);
    if (!outcome.ok) problems.push(`the transcript does not produce a key: ${outcome.failures.map((f) => f.reason).join('; ')}`);
    if (outcome.publicKey !== completed.publicKey) problems.push('the public key recomputed from the transcript differs from CeremonyCompleted');
    if (opened && opened.publicKey !== completed.publicKey) problems.push('the election was opened with another public key');
    if (completed.threshold !== openedCeremony.threshold) problems.push(`CeremonyCompleted says threshold ${completed.threshold}, CeremonyOpened ${openedCeremony.threshold}`);
    for (const { trustee, key: vk } of outcome.verificationKeys ?? []) {
      if (completed.verificationKeys[String(trustee)] !== vk) problems.push(`trustee ${trustee}'s verification key differs from the transcript's`);
    }
    // A key the transcript does not give would let V15 and V16 accept shares from someone who holds no share of the key.
    if (outcome.ok) {
      const given = new Set((outcome.verificationKeys ?? []).map(({ trustee }) => String(trustee)));
      const extra = Object.keys(completed.verificationKeys ?? {}).filter((j) => !given.has(j));
      if (extra.length > 0) problems.push(`CeremonyCompleted holds verification keys for ${extra.join(', ')}, which the transcript gives no key`);
      if (!sameList(completed.qualified, outcome.qualified)) problems.push(`CeremonyCompleted says qualified ${String(completed.qualified)}, the transcript ${outcome.qualified.join(',')}`);
    }
    const hash = sha256Hex(canonicalJson(transcript));
    if (hash !== completed.transcriptHash) problems.push(`the transcript hashes to ${hash}, CeremonyCompleted says ${completed.transcriptHash}`);
    if (opened && opened.ceremonyTranscriptHash !== hash) problems.push('the election was opened with another transcript hash');
    const file = parseCanonicalFile(input.transcript, 'ceremony/transcript.json') as { format?: string; electionId?: string; transcript: unknown; transcriptHash?: string };
    if (canonicalJson(file) !== canonicalJson({ electionId, format: 'urna.record-transcript/1', transcript, transcriptHash: hash })) problems.push('ceremony/transcript.json differs from the transcript in the log');
    return `${transcript.params.t} of ${transcript.params.n}, ${outcome.qualified.length} qualified`;
  });

  // V10. Roll.
  const roll = new Map<string, string>();
  checks.run('roll.commitment', (problems) => {
    const stream = `roll-${electionId}`;
    let commitment = '';
    let version: unknown;
    for (const e of entries.filter((x) => x.stream === stream)) {
      const d = e.data as { rollCommitment?: string; rollVersion?: unknown; added?: { pseudonym: string; entity: string }[]; removed?: string[] };
      if (e.type === 'RollImported' || e.type === 'RollAmended') {
        commitment = d.rollCommitment!;
        version = d.rollVersion;
      }
      if (e.type === 'RollEntriesPublished') {
        for (const p of d.removed ?? []) roll.delete(p);
        for (const a of d.added ?? []) roll.set(a.pseudonym, a.entity);
      }
    }
    const entriesOfLog = [...roll].map(([pseudonym, entity]) => ({ pseudonym, entity }));
    const recomputed = rollCommitment(entriesOfLog);
    if (recomputed !== commitment) problems.push(`the roll entries in the log commit to ${recomputed}, the roll events say ${commitment}`);
    const file = parseCanonicalFile(input.roll, 'roll.json') as { rollCommitment: string; rollVersion?: unknown; entries: { pseudonym: string; entity: string }[] };
    if (file.rollCommitment !== commitment) problems.push('roll.json states another commitment');
    const sorted = entriesOfLog.sort((a, b) => (a.pseudonym < b.pseudonym ? -1 : a.pseudonym > b.pseudonym ? 1 : 0));
    if (canonicalJson(file.entries) !== canonicalJson(sorted)) problems.push('roll.json entries differ from the roll in the log');
    if (version !== undefined && file.rollVersion !== version) problems.push(`roll.json says version ${String(file.rollVersion)}, the log ${String(version)}`);
    return `${roll.size} pseudonyms`;
  });

  // V11. The ballot box: rebuilt from the log's BallotCast events; the file must be that, byte for byte.
  // With each ballot, what its BallotCast says cast it (v3: pseudonym, credential, binding nonce, signature), checked with its proofs (V12).
  // Neither box is held in memory: the log's ballots are their hashes and places in the log's file
  // (log-reading.ts), in tracking-code order, and the file is compared with them line by line.
  const logBallots = [...(log?.ballots ?? [])].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const logHashes = logBallots.map((b) => b.hash);
  const boxSource = input.ballotBox === undefined ? undefined : lineSourceOf(input.ballotBox);
  const box: BoxComparison | undefined = boxSource && compareBox(boxSource, logHashes, new Set(logHashes));

  // The log's box, read once in box order from the log's file as V12's workers take it: its hash
  // (V11, V17), and the cast ballots that reuse a spoiled ballot's α or β (V18). Read on its own
  // when V12 does not run or stops early.
  const spoiledEvents = ofType('BallotSpoiled');
  const spoiledCiphertexts = attempt(() => new Set(spoiledEvents.flatMap((e) => ballotCiphertexts((e.data as { ballot?: unknown }).ballot))));
  let logBoxHashHex: string | undefined;
  const reusedBy = new Map<number, string>();
  function* logBoxLines(): Generator<{ line: string; index: number }, void, undefined> {
    const hash = createHash('sha256');
    const reuse = spoiledReuse(spoiledCiphertexts.ok ? spoiledCiphertexts.value : new Set());
    reusedBy.clear();
    let index = 0;
    if (logBallots.length > 0) {
      for (const line of ballotLines(entrySource!, logBallots)) {
        hash.update(line);
        hash.update('\n');
        const reused = reuse(line);
        if (reused !== undefined) reusedBy.set(logBallots[index].cast, reused);
        yield { line, index: index++ };
      }
    }
    logBoxHashHex = hash.digest('hex');
  }
  const logBoxHash = (): string => {
    if (logBoxHashHex === undefined) for (const _ of logBoxLines());
    return logBoxHashHex!;
  };

  // V12. Ballot proofs of every ballot of the log (accumulating the totals: per-chunk sums, see
  // src/parallel), fed to the workers a chunk at a time. Lines of the file that are not the log's
  // are checked too, apart, so that the report says what is wrong with them; they never count.
  let ballotWork: WorkResult | undefined;
  let strayOutcome: WorkAnswer<string[]> | undefined;
  const strays = box?.strays ?? [];
  const describe = (r: Extract<BallotChunk['verdicts'][number], { ok: false }>) => r.failures.map((f) => `${f.check}${f.contest ? ` (${f.contest})` : ''}: ${f.reason}`).join('; ');
  const sums = styles && new EncryptedSums(styles.values());
  const ballotProblems: string[] = [];
  let verifiedCount = 0;
  if (context && styles && setup) {
    ballotWork = yield {
      kind: 'ballot-stream', setup, count: logBallots.length,
      ballots: (function* () {
        for (const { line, index } of logBoxLines()) yield { line, options: { expectedVoter: logBallots[index].by } };
      })(),
      onChunk: (chunk) => {
        chunk.verdicts.forEach((r, k) => {
          if (r.ok) {
            verifiedCount++;
            sums!.countBallot(r.contestIds);
          } else ballotProblems.push(`ballot ${logBallots[chunk.start + k].code}: ${describe(r)}`);
        });
        sums!.addSums(chunk.sums);
      },
    };
    if (strays.length > 0) {
      // Every stray line must be JSON before any is verified (the report names the first that is not).
      const parsed = attempt(() => {
        for (const l of linesAt(boxSource!, strays)) JSON.parse(l);
      });
      if (!parsed.ok) strayOutcome = parsed;
      else {
        const found: string[] = [];
        let failure: Error | undefined;
        let chunk: string[] = [];
        const verifyStrays = function* (lines: string[]): Generator<Work, void, WorkResult> {
          const ballots = lines.map((l) => JSON.parse(l) as unknown);
          const result = yield { kind: 'ballots', setup: setup!, ballots };
          try {
            for (const c of answer<BallotChunk[]>(result)) {
              c.verdicts.forEach((r, k) => {
                if (!r.ok) found.push(`ballot ${String((ballots[c.start + k] as { trackingCode?: unknown }).trackingCode)}: ${describe(r)} (a line of ballot-box.jsonl that is not in the log)`);
              });
            }
          } catch (err) {
            failure = err as Error;
          }
        };
        for (const l of linesAt(boxSource!, strays)) {
          chunk.push(l);
          if (chunk.length === STRAY_CHUNK) {
            yield* verifyStrays(chunk);
            chunk = [];
            if (failure) break;
          }
        }
        if (!failure && chunk.length > 0) yield* verifyStrays(chunk);
        strayOutcome = failure ? { ok: false, error: failure } : { ok: true, value: found };
      }
    }
  }

  checks.run('ballot-box.hash', (problems) => {
    if (!box) throw new Error('ballot-box.jsonl is missing');
    const hash = logBoxHash();
    if (!exported) problems.push('the log has no BallotBoxExported event');
    else {
      if (exported.sha256 !== hash) problems.push(`the log's ballots hash to ${hash}, closing recorded ${exported.sha256}`);
      if (exported.ballots !== logBallots.length) problems.push(`closing recorded ${exported.ballots} ballots, the log has ${logBallots.length}`);
    }
    if (!box.same) {
      problems.push(box.startsWithLog
        ? `ballot-box.jsonl is not the log's ballot box: ${box.bytes - (log?.boxBytes ?? 0)} bytes after the log's ${logBallots.length} ballots`
        : typeof box.lines !== 'number' ? `ballot-box.jsonl is not the log's ballot box: ${box.lines.message}`
          : box.firstDifference >= 0 ? `ballot-box.jsonl is not the log's ballot box: line ${box.firstDifference + 1} differs (${box.lines} lines, the log has ${logBallots.length} ballots)`
            : `ballot-box.jsonl is not the log's ballot box: ${box.lines} lines, the log has ${logBallots.length} ballots`);
    }
    if (started && (started.ballotBoxHash !== hash || !started.matchesClosing)) problems.push('the tally started from another ballot box');
    return `${logBallots.length} ballots`;
  });

  let recomputedSums: EncryptedSums | undefined;
  checks.run('ballots.proofs', (problems) => {
    if (!context || !styles) throw new Error('no election context (manifest or ceremony failed)');
    answer<undefined>(ballotWork);
    problems.push(...ballotProblems);
    if (strays.length > 0) {
      if (strayOutcome?.ok) problems.push(...strayOutcome.value);
      else problems.push(`ballot-box.jsonl has lines that are not ballots: ${strayOutcome?.error.message}`);
    }
    recomputedSums = sums;
    return `${verifiedCount} of ${logBallots.length} ballots verify`;
  });

  // V13. Eligibility, over the log's BallotCast events.
  checks.run('ballots.eligibility', (problems) => {
    if (!manifest) throw new Error('no manifest');
    const styleOfEntity = new Map(manifest.ballotStyles.map((s) => [s.entity, s.id]));
    const seen = new Set<string>();
    const codes = new Set<string>();
    for (const [k, e] of castEvents.entries()) {
      // The voter is the event's pseudonym (BallotCast v2; a v1 ballot also carries it inside).
      const { pseudonym, trackingCode, styleId } = castEventFacts(e);
      if (seen.has(pseudonym)) problems.push(`pseudonym ${pseudonym} has more than one ballot`);
      seen.add(pseudonym);
      if (codes.has(trackingCode)) problems.push(`tracking code ${trackingCode} appears on more than one ballot`);
      codes.add(trackingCode);
      const entity = roll.get(pseudonym);
      if (entity === undefined) problems.push(`pseudonym ${pseudonym} is not on the roll`);
      else if (styleOfEntity.get(entity) !== styleId) problems.push(`pseudonym ${pseudonym} voted style ${styleId}, its entity ${entity} has style ${styleOfEntity.get(entity)}`);
      problems.push(...(log?.castProblems.get(k) ?? [])); // castEventProblems, judged when V5 read the whole event
    }
    return `${seen.size} pseudonyms voted of ${roll.size}`;
  });

  // V14–V16. Tally.
  const totalsFromLog = new Map(ofType('EncryptedTallyComputed').filter((e) => e.stream === tallyStream)
    .map((e) => [(e.data as { contestId: string }).contestId, e.data as { ballots: number; options: { optionId: string; alpha: string; beta: string }[] }]));
  let recomputed: EncryptedSums | undefined;
  checks.run('tally.aggregates', (problems) => {
    if (!styles) throw new Error('no ballot styles');
    recomputed = recomputedSums ?? new EncryptedSums(styles.values());
    if (totalsFromLog.size === 0) problems.push('the log has no EncryptedTallyComputed event');
    if (started) {
      if (!sameList(started.contests, [...totalsFromLog.keys()])) problems.push('the contests with encrypted totals are not the ones TallyStarted lists');
      if (started.ballots !== logBallots.length) problems.push(`TallyStarted counts ${started.ballots} ballots, the log has ${logBallots.length}`);
    }
    for (const [contestId, logged] of totalsFromLog) {
      const sums = recomputed.contest(contestId);
      if (logged.ballots !== recomputed.ballotsIn(contestId)) problems.push(`${contestId}: ${logged.ballots} ballots recorded, ${recomputed.ballotsIn(contestId)} recomputed`);
      if (logged.options.length !== sums.length) problems.push(`${contestId}: ${logged.options.length} totals recorded for ${sums.length} options`);
      logged.options.forEach((o, k) => {
        if (!sums[k] || !ciphertextsEqual(sums[k], decodeTotal(o))) problems.push(`${contestId}/${o.optionId}: the recorded total is not the sum of the ballots`);
      });
    }
    return `${totalsFromLog.size} contests`;
  });

  const posted = ofType('PartialDecryptionPosted').filter((x) => x.stream === tallyStream)
    .map((e) => ({ position: e.position, version: e.version, ...(e.data as { trusteeIndex: number; contestId: string; ballotBoxHash?: unknown; ballots?: unknown; partials: { trustee: number }[] }) }));
  // Every proof is checked against the box hash the log recorded at closing and the contest's
  // recorded count (crypto-ceremony-tally.md §4.3), never against the event's own copies.
  const boxHash = String(exported?.sha256);
  let partialWork: WorkResult | undefined;
  if (setup?.verificationKeys) {
    const items: PartialCheckItem[] = [];
    for (const d of posted) {
      const totals = totalsFromLog.get(d.contestId);
      totals?.options.forEach((o, k) => items.push({
        optionId: tallyOptionId(d.contestId, o.optionId), total: { alpha: o.alpha, beta: o.beta }, partial: d.partials?.[k], ballotBoxHash: boxHash, ballots: totals.ballots,
      }));
    }
    partialWork = yield { kind: 'partials', setup, items };
  }
  checks.run('tally.partial-decryptions', (problems) => {
    if (!context || !completed) throw new Error('no election context');
    decodeVerificationKeys(completed.verificationKeys);
    const verdicts = answer<PartialCheckVerdict[]>(partialWork);
    let n = 0;
    for (const d of posted) {
      const totals = totalsFromLog.get(d.contestId);
      if (!totals) {
        problems.push(`trustee ${d.trusteeIndex}: contest ${d.contestId} has no recorded total`);
        continue;
      }
      // Version 3 adds the trustee's signature (checked by V20); its proofs are version 2's.
      if (d.version < 2) {
        problems.push(`PartialDecryptionPosted at log entry ${d.position} (trustee ${d.trusteeIndex}, ${d.contestId}) is version ${d.version}; only version 2 or later is accepted: version 1 proofs bind no ballot box, so they cannot show the trustee decrypted the totals of the exported box`);
      }
      if (d.ballotBoxHash !== exported?.sha256) problems.push(`trustee ${d.trusteeIndex}, ${d.contestId}: posted for ballot box ${String(d.ballotBoxHash)}, closing recorded ${String(exported?.sha256)}`);
      if (d.ballots !== totals.ballots) problems.push(`trustee ${d.trusteeIndex}, ${d.contestId}: posted for ${String(d.ballots)} ballots, EncryptedTallyComputed records ${totals.ballots}`);
      if (d.partials?.length !== totals.options.length) problems.push(`trustee ${d.trusteeIndex}, ${d.contestId}: ${String(d.partials?.length)} partial decryptions for ${totals.options.length} options`);
      totals.options.forEach((o, k) => {
        n++;
        const p = d.partials?.[k];
        if (p?.trustee !== d.trusteeIndex) problems.push(`trustee ${d.trusteeIndex}, ${d.contestId}/${o.optionId}: made by trustee ${String(p?.trustee)}`);
        const check = verdicts[n - 1];
        if (!check.ok) problems.push(`trustee ${d.trusteeIndex}, ${d.contestId}/${o.optionId}: ${check.check}: ${check.reason}`);
      });
    }
    return `${n} partial decryptions`;
  });

  // The results' decryption proofs, checked against the recomputed totals (one item per contest).
  let resultWork: WorkResult | undefined;
  const resultsFile = attempt(() => parseCanonicalFile(input.results, 'tally/results.json') as RecordResults);
  const resultTotals = (contestId: string) => {
    const sums = recomputed?.contest(contestId) ?? [];
    const optionIds = totalsFromLog.get(contestId)?.options.map((o) => o.optionId) ?? [];
    return optionIds.map((optionId, k) => ({ optionId: tallyOptionId(contestId, optionId), ciphertext: sums[k] }));
  };
  if (setup?.verificationKeys && completed && resultsFile.ok) {
    const items = attempt(() => resultsFile.value.contests.map((c): TallyResultItem => {
      const totals = resultTotals(c.contestId);
      // The auditor's own scope: the closing's box hash and the ballots it recomputed for the contest.
      const ballots = recomputed?.ballotsIn(c.contestId) ?? totalsFromLog.get(c.contestId)?.ballots ?? -1;
      return {
        totals: totals.every((t) => t.ciphertext) ? totals.map((t) => ({ optionId: t.optionId, ciphertext: ciphertextHex(t.ciphertext) })) : undefined,
        result: c.result, ballotBoxHash: boxHash, ballots,
      };
    }));
    resultWork = items.ok ? yield { kind: 'tally-results', setup, items: items.value } : items;
  }
  const published = new Map(ofType('ResultsPublished').filter((e) => e.stream === tallyStream)
    .map((e) => [(e.data as { contestId: string }).contestId, e.data as { counts: { optionId: string; count: number }[]; trustees: number[] }]));
  checks.run('tally.results', (problems) => {
    if (!context || !completed) throw new Error('no election context');
    if (!resultsFile.ok) throw resultsFile.error;
    const file = resultsFile.value;
    decodeVerificationKeys(completed.verificationKeys);
    if (file.format !== 'urna.record-results/1') problems.push(`unknown results format ${JSON.stringify(file.format)}`);
    if (file.electionId !== electionId) problems.push(`tally/results.json is for ${file.electionId}`);
    if (published.size === 0) problems.push('the log has no ResultsPublished event');
    // The copies of log facts: threshold, ballots, contests.
    if (file.threshold !== completed.threshold || (started && file.threshold !== started.threshold)) problems.push(`tally/results.json says threshold ${String(file.threshold)}, the log ${completed.threshold}`);
    if (file.ballots !== logBallots.length) problems.push(`tally/results.json says ${String(file.ballots)} ballots, the log has ${logBallots.length}`);
    if (!sameList(file.contests.map((c) => c.contestId), [...published.keys()])) problems.push(`tally/results.json has contests ${file.contests.map((c) => c.contestId).join(',')}, the log published ${[...published.keys()].join(',')}`);
    const resultFailures = answer<TallyResultFailure[][]>(resultWork);
    for (const [ci, c] of file.contests.entries()) {
      const logged = published.get(c.contestId);
      if (!logged) {
        problems.push(`${c.contestId}: not published in the log`);
        continue;
      }
      const totals = totalsFromLog.get(c.contestId);
      if (c.ballots !== totals?.ballots) problems.push(`${c.contestId}: says ${c.ballots} ballots, EncryptedTallyComputed ${String(totals?.ballots)}`);
      if (!sameList(c.trustees, logged.trustees)) problems.push(`${c.contestId}: trustees ${String(c.trustees)}, ResultsPublished names ${String(logged.trustees)}`);
      if (logged.trustees.length < completed.threshold) problems.push(`${c.contestId}: combined ${logged.trustees.length} trustees, the threshold is ${completed.threshold}`);
      if (c.result.threshold !== completed.threshold) problems.push(`${c.contestId}: the result says threshold ${String(c.result.threshold)}, the log ${completed.threshold}`);
      if (c.result.maxCount !== logBallots.length) problems.push(`${c.contestId}: maxCount ${String(c.result.maxCount)}, the ballot box holds ${logBallots.length}`);
      const sums = recomputed?.contest(c.contestId) ?? [];
      for (const f of resultFailures[ci] ?? []) problems.push(`${c.contestId}: ${f.check}${f.trustee ? ` (trustee ${f.trustee})` : ''}: ${f.reason}`);
      if (c.result.options.length !== logged.counts.length) problems.push(`${c.contestId}: ${c.result.options.length} options, the log published ${logged.counts.length}`);
      c.result.options.forEach((o, k) => {
        if (logged.counts[k]?.count !== o.count || tallyOptionId(c.contestId, logged.counts[k]?.optionId) !== o.optionId) {
          problems.push(`${o.optionId}: results.json says ${o.count}, the log published ${String(logged.counts[k]?.count)}`);
        }
        if (sums[k] && canonicalJson(ciphertextHex(sums[k])) !== canonicalJson(o.ciphertext)) problems.push(`${o.optionId}: ciphertext is not the recomputed total`);
        const total = totals?.options[k];
        if (total && canonicalJson({ alpha: total.alpha, beta: total.beta }) !== canonicalJson(o.ciphertext)) problems.push(`${o.optionId}: ciphertext is not the total recorded in the log`);
        // A trustee who posted nothing has null here (JSON has no undefined), so the check reports it rather than throws.
        const fromLog = logged.trustees.map((j) => posted.find((p) => p.trusteeIndex === j && p.contestId === c.contestId)?.partials?.[k] ?? null);
        if (canonicalJson(o.partialDecryptions) !== canonicalJson(fromLog)) problems.push(`${o.optionId}: the partial decryptions are not the ones the log holds for trustees ${logged.trustees.join(',')}`);
      });
    }
    return `${file.contests.length} contests`;
  });

  // V17. The acta: there exactly when the log records ActaIssued, and equal to the results.
  if (input.acta === undefined && !actaIssued) checks.skip('acta.results', 'no acta in this record, and none issued in the log');
  else checks.run('acta.results', (problems) => {
    if (input.acta === undefined) throw new Error('the log records ActaIssued, but acta/acta.json is missing');
    if (!actaIssued) problems.push('acta/acta.json is in the record, but the log records no ActaIssued');
    const a = parseCanonicalFile(input.acta, 'acta/acta.json') as {
      document?: string; formatVersion?: number; electionId?: string; ballotBoxHash?: string;
      trustees?: { trusteeId: string; decryptionEventPositions: number[] }[];
      contests: { contestId: string; lines: { optionId: string; kind: string; votes: number; votesInWords: string }[]; totals: Record<'valid' | 'nonRegistered' | 'null' | 'total', { votes: number; votesInWords: string }> }[];
    };
    if (actaIssued && actaIssued.jsonSha256 !== sha256Hex(input.acta.slice(0, -1))) problems.push('acta.json is not the acta whose hash was recorded (ActaIssued)');
    if (a.document !== 'urna.tally-record' || a.formatVersion !== 1) problems.push(`acta.json is a ${String(a.document)} v${String(a.formatVersion)}, not urna.tally-record v1`);
    if (a.electionId !== electionId) problems.push(`the acta is for ${String(a.electionId)}`);
    if (a.ballotBoxHash !== started?.ballotBoxHash || a.ballotBoxHash !== logBoxHash()) problems.push('the acta names another ballot box hash');
    const kindOf = new Map((manifest?.contests ?? []).map((c) => [c.id, new Map(c.options.map((o) => [o.id, ACTA_OPTION_KIND[o.kind]]))]));
    for (const contest of a.contests) {
      const counts = new Map((published.get(contest.contestId)?.counts ?? []).map((c) => [c.optionId, c.count]));
      if (!published.has(contest.contestId)) problems.push(`${contest.contestId}: in the acta, not in the published results`);
      if (contest.lines.length !== counts.size || contest.lines.some((l) => !counts.has(l.optionId))) problems.push(`${contest.contestId}: the acta's lines are not the published options`);
      for (const line of contest.lines) {
        if (counts.get(line.optionId) !== line.votes) problems.push(`${contest.contestId}/${line.optionId}: acta ${line.votes}, results ${String(counts.get(line.optionId))}`);
        if (line.votesInWords !== spanishNumberWords(line.votes)) problems.push(`${contest.contestId}/${line.optionId}: "${line.votesInWords}" is not ${line.votes} in words`);
        const kind = kindOf.get(contest.contestId)?.get(line.optionId);
        if (kind !== line.kind) problems.push(`${contest.contestId}/${line.optionId}: kind ${line.kind}, the manifest's option maps to ${String(kind)}`);
      }
      const ballots = totalsFromLog.get(contest.contestId)?.ballots;
      if (contest.totals?.total?.votes !== ballots) problems.push(`${contest.contestId}: the acta's total is ${String(contest.totals?.total?.votes)}, ${String(ballots)} ballots held the contest`);
      const t = contest.totals;
      if (t && t.valid.votes + t.nonRegistered.votes + t.null.votes !== t.total.votes) problems.push(`${contest.contestId}: valid + non-registered + null ≠ total`);
      // Each total is what documents.md computes from the lines, here from the published counts and the manifest's kinds, in figures and words.
      if (t) {
        const countsOf = (pick: (kind: string | undefined) => boolean) => [...counts].filter(([optionId]) => pick(kindOf.get(contest.contestId)?.get(optionId))).reduce((acc, [, n]) => acc + n, 0);
        const fromLog = { valid: countsOf((k) => k !== 'non-registered' && k !== 'null'), nonRegistered: countsOf((k) => k === 'non-registered'), null: countsOf((k) => k === 'null') };
        for (const [name, votes] of Object.entries(fromLog)) {
          if (t[name as keyof typeof fromLog].votes !== votes) problems.push(`${contest.contestId}: the acta's ${name} total is ${t[name as keyof typeof fromLog].votes}, the published counts give ${votes}`);
        }
        for (const [name, line] of Object.entries(t)) {
          if (line.votesInWords !== spanishNumberWords(line.votes)) problems.push(`${contest.contestId}: the ${name} total's "${line.votesInWords}" is not ${line.votes} in words`);
        }
      }
    }
    if (a.contests.length !== published.size) problems.push(`the acta has ${a.contests.length} contests, the results ${published.size}`);
    const used = new Set([...published.values()].flatMap((p) => p.trustees));
    const enrolled = new Map(entries.filter((e) => e.type === 'TrusteeEnrolled' && e.stream === `ceremony-${electionId}`)
      .map((e) => [(e.data as { trusteeId: string }).trusteeId, (e.data as { trusteeIndex: number }).trusteeIndex]));
    const named = new Set<number>();
    for (const t of a.trustees ?? []) {
      const j = enrolled.get(t.trusteeId);
      if (j === undefined) {
        problems.push(`the acta names trustee ${t.trusteeId}, who is not enrolled`);
        continue;
      }
      named.add(j);
      const positions = posted.filter((p) => p.trusteeIndex === j).map((p) => p.position);
      if (!sameList(t.decryptionEventPositions, positions)) problems.push(`trustee ${t.trusteeId}: the acta cites log entries ${t.decryptionEventPositions.join(',')}, the log has their partial decryptions at ${positions.join(',')}`);
    }
    if (!sameList([...named].sort((x, y) => x - y), [...used].sort((x, y) => x - y))) problems.push(`the acta names trustees ${[...named].join(',')}, the results combined ${[...used].join(',')}`);
    return `${a.contests.length} contests`;
  });

  // V18. Spoiled ballots (record.md §5.8): each opens from its disclosure, no tracking code is
  // spoiled twice, and no cast ballot is, or reuses a ciphertext of, a spoiled one.
  const spoiledOf = (e: PublicEventEntry) => e.data as { styleId?: unknown; trackingCode?: unknown; ballot?: { styleId?: unknown; trackingCode?: unknown }; disclosure?: { selections?: unknown; nonces?: unknown } };
  let spoiledWork: WorkResult | undefined;
  if (context && styles && setup && spoiledEvents.length > 0) {
    spoiledWork = yield {
      kind: 'spoiled', setup,
      items: spoiledEvents.map((e) => {
        const d = spoiledOf(e);
        return { format: SPOILED_BALLOT_FORMAT, ballot: d.ballot, selections: d.disclosure?.selections, nonces: d.disclosure?.nonces };
      }),
    };
  }
  checks.run('ballots.spoiled', (problems) => {
    if (!context || !styles) throw new Error('no election context (manifest or ceremony failed)');
    const verdicts = spoiledEvents.length > 0 ? answer<SpoiledVerdict[]>(spoiledWork) : [];
    const byCode = new Map<string, number[]>();
    /** Every α and β of a spoiled ballot → that ballot's tracking code and log position. */
    const disclosed = new Map<string, { code: string; position: number }>();
    spoiledEvents.forEach((e, k) => {
      const d = spoiledOf(e);
      const code = String(d.ballot?.trackingCode);
      if (e.version !== 3) problems.push(`BallotSpoiled at log entry ${e.position} is version ${e.version}; only version 3 (urna/ballot/v3, nothing that names the voter) is accepted`);
      if (e.stream !== `spoiled-${electionId}-${code}` || e.revision !== 0) problems.push(`BallotSpoiled at log entry ${e.position} is on ${e.stream}, revision ${e.revision}: it must be revision 0 of spoiled-<election>-<its tracking code>`);
      if (e.actor !== SPOILED_BALLOT_ACTOR) problems.push(`BallotSpoiled at log entry ${e.position} was appended by ${String(e.actor)}, not ${SPOILED_BALLOT_ACTOR}`);
      if (d.trackingCode !== d.ballot?.trackingCode || d.styleId !== d.ballot?.styleId) problems.push(`BallotSpoiled at log entry ${e.position}: its trackingCode or styleId is not its ballot's`);
      const disclosure = d.disclosure;
      if (typeof disclosure !== 'object' || disclosure === null || canonicalJson(Object.keys(disclosure).sort()) !== '["nonces","selections"]') {
        problems.push(`BallotSpoiled at log entry ${e.position}: the disclosure is not exactly {selections, nonces}`);
      }
      const verdict = verdicts[k];
      if (verdict && !verdict.ok) {
        const failures = verdict.failures.map((f) => `${f.check}${f.contest ? ` (${f.contest}${f.option !== undefined ? `, option ${f.option}` : ''})` : ''}: ${f.reason}`).join('; ');
        problems.push(`spoiled ballot ${code} (log entry ${e.position}) does not open from its disclosure: ${failures}`);
      }
      byCode.set(code, [...(byCode.get(code) ?? []), e.position]);
      for (const c of ballotCiphertexts(d.ballot)) if (!disclosed.has(c)) disclosed.set(c, { code, position: e.position });
    });
    for (const [code, positions] of byCode) if (positions.length > 1) problems.push(`tracking code ${code} is spoiled more than once (log entries ${positions.join(', ')})`);
    // Cast or spoiled, never both: a disclosure publishes the nonces, which open any ciphertext with that α.
    logBoxHash(); // the pass over the log's ballots that found which reuse a disclosed α or β
    for (const [k, e] of castEvents.entries()) {
      const ballot = (e.data as { ballot?: { trackingCode?: unknown } }).ballot;
      const code = String(ballot?.trackingCode);
      const spoiledAt = byCode.get(code);
      if (spoiledAt) problems.push(`the cast ballot ${code} (log entry ${e.position}) is the spoiled ballot of log entry ${spoiledAt[0]}: a ballot is cast or spoiled, never both`);
      else {
        const reused = reusedBy.get(k);
        if (reused) {
          const from = disclosed.get(reused)!;
          problems.push(`the cast ballot ${code} (log entry ${e.position}) reuses the α or β ${reused} of the spoiled ballot ${from.code} (log entry ${from.position}), whose disclosure published its nonce`);
        }
      }
    }
    return `${spoiledEvents.length} spoiled ballots, checked against ${castEvents.length} cast ballots`;
  });

  // V19. Eligibility by credential: every counted ballot by a listed, unrevoked credential, one each.
  let credentialKey: { source: 'given' | 'record'; key?: string } | undefined;
  checks.run('ballots.credentials', (problems) => {
    const rollEvents = entries.filter((e) => e.stream === `roll-${electionId}` && (e.type === 'RollImported' || e.type === 'RollAmended'));
    const report = input.openingReport === undefined ? undefined
      : ((openingReport.ok ? (openingReport.value as { credentials?: unknown }).credentials : undefined) ?? null) as Parameters<typeof checkCredentialEligibility>[0]['openingReport'];
    const outcome = checkCredentialEligibility({
      electionId, entries, roll, rollCommitment: (rollEvents.pop()?.data as { rollCommitment?: string } | undefined)?.rollCommitment,
      openingReport: report, authorityKey: options.credentialAuthority,
    });
    credentialKey = { source: outcome.keySource, key: outcome.authorityKey };
    problems.push(...outcome.problems);
    return outcome.summary;
  });

  // V20. Every trustee message signed by the key enrolled for the trustee it names (record.md §5.9).
  checks.run('trustees.signatures', (problems) => {
    const report = input.openingReport === undefined ? undefined : (openingReport.ok ? openingReport.value as { trustees?: unknown } : {});
    const outcome = checkTrusteeSignatures({ electionId, entries, openingReport: report });
    problems.push(...outcome.problems);
    return outcome.summary;
  });

  return {
    ok: checks.ok, results: checks.results, keySource: given ? 'given' : 'record', logKey: keyText,
    authorityKeySource: credentialKey?.source, authorityKey: credentialKey?.key,
  };
}
