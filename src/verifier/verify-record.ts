/**
 * `urna verify`: checks an election record (docs/spec/record.md) with no database and no
 * trust in the service that produced it. The transparency log is the authority: its entries
 * are checked against the signed checkpoints first, and every other file must agree with the
 * events the log holds. Each check is independent, so one tampered byte fails the checks that
 * depend on it and the report still says what else holds.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { ElectionManifest } from '../domain/configuration/election-manifest';
import { group } from '../domain/crypto/active-group';
import { ballotStyles, type BallotStyles } from '../domain/crypto/ballot/ballot-style';
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
import { openCheckpoint } from '../ledger/checkpoint/checkpoint-format';
import { parseVerifierKey } from '../ledger/checkpoint/signed-note';
import { canonicalJson } from '../domain/shared/canonical-json';
import { CompactRange } from '../ledger/merkle/compact-range';
import { bytesEqual, hashLeaf } from '../ledger/merkle/hash';
import { LEAF_FORMAT, type PublicEventEntry } from '../ledger/merkle/leaf-encoding';
import { CryptoWorkers, type BallotChunk } from '../parallel/crypto-workers';
import type { GroupBackendName } from '../parallel/group-backend';
import {
  cryptoEnvironment, verifyBallotChunk, verifyPartials, verifyTallyResults,
  type CryptoEnvironment, type CryptoSetup, type PartialCheckItem, type PartialCheckVerdict, type TallyResultFailure, type TallyResultItem,
} from '../parallel/crypto-tasks';
import { EncryptedSums } from '../parallel/encrypted-sums';
import { RECORD_FORMAT, type RecordIndex, type RecordResults } from '../record/record-format';
import { CheckRecorder, type CheckResult } from './check-report';
import type { RecordInput } from './record-input';

export interface VerifyOptions {
  /** The log's verifier key obtained out of band; when given, the record's copy must equal it. */
  vkey?: string;
  onProgress?: (check: string, done: number, total: number) => void;
  onResult?: (result: CheckResult) => void;
}

export interface RecordVerification {
  ok: boolean;
  results: CheckResult[];
}

const utf8 = new TextEncoder();
const sha256Hex = (text: string) => bytesToHex(sha256(utf8.encode(text)));
const BATCH = 16;

/** A canonical JSON file: exactly JCS(value) followed by one newline. */
function parseCanonicalFile(text: string | undefined, name: string): unknown {
  if (text === undefined) throw new Error(`${name} is missing`);
  if (!text.endsWith('\n')) throw new Error(`${name} must end with one newline`);
  const body = text.slice(0, -1);
  const value = JSON.parse(body);
  if (canonicalJson(value) !== body) throw new Error(`${name} is not RFC 8785 canonical JSON`);
  return value;
}

function jsonLines(text: string | undefined, name: string): string[] {
  if (text === undefined) throw new Error(`${name} is missing`);
  if (text === '') return [];
  if (!text.endsWith('\n')) throw new Error(`${name} must end with a newline`);
  return text.slice(0, -1).split('\n');
}

/** Verifies a record in this thread (the reference path; also URNA_WORKERS=0/1). */
export function verifyRecord(input: RecordInput, options: VerifyOptions = {}): RecordVerification {
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
export async function verifyRecordInParallel(input: RecordInput, options: VerifyOptions & { workers?: number; groupBackend?: GroupBackendName } = {}): Promise<RecordVerification> {
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
  | { kind: 'ballots'; setup: CryptoSetup; ballots: unknown[] }
  | { kind: 'partials'; setup: CryptoSetup; items: PartialCheckItem[] }
  | { kind: 'tally-results'; setup: CryptoSetup; items: TallyResultItem[] };
type WorkAnswer<T> = { ok: true; value: T } | { ok: false; error: Error };
type WorkResult = WorkAnswer<BallotChunk[]> | WorkAnswer<PartialCheckVerdict[]> | WorkAnswer<TallyResultFailure[][]>;

function attempt<T>(f: () => T): WorkAnswer<T> {
  try {
    return { ok: true, value: f() };
  } catch (err) {
    return { ok: false, error: err as Error };
  }
}

function runWorkLocally(env: CryptoEnvironment, work: Work, options: VerifyOptions): WorkResult {
  switch (work.kind) {
    case 'ballots':
      return attempt(() => {
        const chunks: BallotChunk[] = [];
        for (let start = 0; start < work.ballots.length; start += BATCH) {
          chunks.push({ start, ...verifyBallotChunk(env, work.ballots.slice(start, start + BATCH)) });
          options.onProgress?.('ballots.proofs', Math.min(start + BATCH, work.ballots.length), work.ballots.length);
        }
        return chunks;
      });
    case 'partials':
      return attempt(() => verifyPartials(env, work.items));
    case 'tally-results':
      return attempt(() => verifyTallyResults(env, work.items));
  }
}

async function runWorkInPool(pool: CryptoWorkers, work: Work, options: VerifyOptions): Promise<WorkResult> {
  try {
    switch (work.kind) {
      case 'ballots': {
        const chunks: BallotChunk[] = [];
        for await (const chunk of pool.verifyBallots(work.ballots)) {
          chunks.push(chunk);
          options.onProgress?.('ballots.proofs', chunk.start + chunk.verdicts.length, work.ballots.length);
        }
        return { ok: true, value: chunks };
      }
      case 'partials':
        return { ok: true, value: await pool.verifyPartials(work.items) };
      case 'tally-results':
        return { ok: true, value: await pool.verifyTallyResults(work.items) };
    }
  } catch (err) {
    return { ok: false, error: err as Error };
  }
}

function answer<T>(result: WorkResult | undefined): T {
  if (!result) throw new Error('no election context');
  if (!result.ok) throw result.error;
  return result.value as T;
}

function* recordChecks(input: RecordInput, options: VerifyOptions): Generator<Work, RecordVerification, WorkResult> {
  const checks = new CheckRecorder(options.onResult);
  const progress = options.onProgress ?? (() => undefined);

  // 1. The index.
  let index: RecordIndex | undefined;
  checks.run('record.index', 'Índice del registro', 'Record index', (problems) => {
    index = parseCanonicalFile(input.index, 'record.json') as RecordIndex;
    if (index.format !== RECORD_FORMAT) problems.push(`unknown format ${JSON.stringify(index.format)}; this verifier reads ${RECORD_FORMAT}`);
    return `${index.electionId}, ${index.files?.length ?? 0} files`;
  });
  const electionId = index?.electionId ?? '';

  // 2. Checkpoint signatures.
  const signed = new Map<number, Uint8Array>();
  checks.run('log.checkpoint-signatures', 'Firmas de los puntos de control', 'Checkpoint signatures', (problems) => {
    const recorded = (input.logKey ?? '').trim();
    const vkey = options.vkey ?? recorded;
    if (options.vkey && options.vkey !== recorded) problems.push('the record carries another log key than the one given with --vkey');
    const key = parseVerifierKey(vkey);
    const lines = jsonLines(input.logCheckpoints, 'log/checkpoints.jsonl');
    lines.forEach((line, i) => {
      try {
        const { size, note } = JSON.parse(line) as { size: number; note: string };
        const cp = openCheckpoint(note, key);
        if (cp.size !== size) problems.push(`checkpoint line ${i + 1}: note is for size ${cp.size}, line says ${size}`);
        else signed.set(cp.size, cp.rootHash);
      } catch (err) {
        problems.push(`checkpoint line ${i + 1}: ${(err as Error).message}`);
      }
    });
    if (lines.length === 0) problems.push('no checkpoint');
    return `${lines.length} checkpoints`;
  });

  // 3–4. Leaves and roots.
  const entries: PublicEventEntry[] = [];
  checks.run('log.leaf-hashes', 'Entradas del registro y sus hojas', 'Log entries and leaf hashes', (problems) => {
    const lines = jsonLines(input.logEntries, 'log/entries.jsonl');
    lines.forEach((line, i) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line);
      } catch {
        problems.push(`entry ${i}: not JSON`);
        return;
      }
      if (canonicalJson(entry) !== line) problems.push(`entry ${i}: not canonical (RFC 8785), so its leaf hash is not the log's`);
      if (entry.format !== LEAF_FORMAT) problems.push(`entry ${i}: unknown leaf format ${JSON.stringify(entry.format)}`);
      if (entry.position !== i) problems.push(`entry ${i}: position ${String(entry.position)} ≠ its index`);
      if (entry.visibility === 'public') entries.push(entry as unknown as PublicEventEntry);
    });
    return `${lines.length} entries`;
  });
  checks.run('log.roots', 'Raíces del árbol contra los puntos de control firmados', 'Tree roots against the signed checkpoints', (problems) => {
    const lines = jsonLines(input.logEntries, 'log/entries.jsonl');
    const range = new CompactRange(0, []);
    const check = (size: number) => {
      const root = signed.get(size);
      if (root && !bytesEqual(root, range.root())) problems.push(`the root recomputed after ${size} leaves differs from the signed checkpoint of size ${size}`);
    };
    check(0);
    lines.forEach((line, i) => {
      range.append(hashLeaf(utf8.encode(line)));
      check(i + 1);
      if ((i + 1) % 10000 === 0) progress('log.roots', i + 1, lines.length);
    });
    const largest = Math.max(-1, ...signed.keys());
    if (largest !== lines.length) problems.push(`the newest signed checkpoint has size ${largest}, the record has ${lines.length} entries`);
    if (index && index.logSize !== lines.length) problems.push(`record.json says ${index.logSize} entries, the file has ${lines.length}`);
    return `${signed.size} roots recomputed`;
  });

  // The public events, by stream and type (what every later check is compared with).
  const ofType = (type: string, streamPrefix?: string) => entries.filter((e) => e.type === type && (!streamPrefix || e.stream.startsWith(streamPrefix)));
  const one = <T>(type: string, stream: string): T | undefined => entries.filter((e) => e.type === type && e.stream === stream).pop()?.data as T | undefined;
  const opened = one<{ manifestHash: string; publicKey: string; ceremonyTranscriptHash: string }>('ElectionOpened', `lifecycle-${electionId}`);
  const completed = one<{ publicKey: string; threshold: number; verificationKeys: Record<string, string>; transcriptHash: string }>('CeremonyCompleted', `ceremony-${electionId}`);

  // 5. Manifest.
  let manifest: ElectionManifest | undefined;
  let context: ElectionContext | undefined;
  let styles: BallotStyles | undefined;
  checks.run('manifest.hash', 'Manifiesto de la elección y su huella', 'Election manifest and its hash', (problems) => {
    manifest = parseCanonicalFile(input.manifest, 'manifest.json') as ElectionManifest;
    const hash = sha256Hex(input.manifest!.slice(0, -1));
    if (!opened) problems.push('the log has no ElectionOpened event');
    else if (opened.manifestHash !== hash) problems.push(`manifest.json hashes to ${hash}, the election was opened with ${opened.manifestHash}`);
    if (manifest.process?.id !== electionId) problems.push(`manifest is for ${manifest.process?.id}, the record for ${electionId}`);
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

  // 6. Ceremony.
  checks.run('ceremony.transcript', 'Transcripción de la ceremonia de llaves', 'Key ceremony transcript', (problems) => {
    const stream = `ceremony-${electionId}`;
    const openedCeremony = one<{ ceremonyId: string; trustees: number; threshold: number }>('CeremonyOpened', stream);
    if (!openedCeremony || !completed) throw new Error('the log lacks CeremonyOpened or CeremonyCompleted');
    const data = <T>(type: string) => ofType(type, stream).filter((e) => e.stream === stream).map((e) => e.data as T);
    const transcript: CeremonyTranscript = {
      params: { ceremonyId: openedCeremony.ceremonyId, n: openedCeremony.trustees, t: openedCeremony.threshold },
      round1: data<{ message: CeremonyTranscript['round1'][number] }>('CeremonyRound1Published').map((d) => d.message).sort((a, b) => a.trustee - b.trustee),
      round2: data<{ message: CeremonyTranscript['round2'][number] }>('CeremonySharesDealt').map((d) => d.message).sort((a, b) => a.dealer - b.dealer),
      complaints: data<{ complaint: CeremonyTranscript['complaints'][number] }>('CeremonyComplaintFiled').map((d) => d.complaint)
        .sort((a, b) => a.complainant - b.complainant || a.dealer - b.dealer),
    };
    const outcome = verifyCeremonyTranscript(transcript);
    if (!outcome.ok) problems.push(`the transcript does not produce a key: ${outcome.failures.map((f) => f.reason).join('; ')}`);
    if (outcome.publicKey !== completed.publicKey) problems.push('the public key recomputed from the transcript differs from CeremonyCompleted');
    if (opened && opened.publicKey !== completed.publicKey) problems.push('the election was opened with another public key');
    for (const { trustee, key } of outcome.verificationKeys ?? []) {
      if (completed.verificationKeys[String(trustee)] !== key) problems.push(`trustee ${trustee}'s verification key differs from the transcript's`);
    }
    const hash = sha256Hex(canonicalJson(transcript));
    if (hash !== completed.transcriptHash) problems.push(`the transcript hashes to ${hash}, CeremonyCompleted says ${completed.transcriptHash}`);
    if (opened && opened.ceremonyTranscriptHash !== hash) problems.push('the election was opened with another transcript hash');
    const file = parseCanonicalFile(input.transcript, 'ceremony/transcript.json') as { transcript: unknown };
    if (canonicalJson(file.transcript) !== canonicalJson(transcript)) problems.push('ceremony/transcript.json differs from the transcript in the log');
    return `${transcript.params.t} of ${transcript.params.n}, ${outcome.qualified.length} qualified`;
  });

  // 7. Roll.
  const roll = new Map<string, string>();
  checks.run('roll.commitment', 'Lista de seudónimos y su compromiso', 'Pseudonym roll and its commitment', (problems) => {
    const stream = `roll-${electionId}`;
    let commitment = '';
    for (const e of entries.filter((x) => x.stream === stream)) {
      const d = e.data as { rollCommitment?: string; added?: { pseudonym: string; entity: string }[]; removed?: string[] };
      if (e.type === 'RollImported' || e.type === 'RollAmended') commitment = d.rollCommitment!;
      if (e.type === 'RollEntriesPublished') {
        for (const p of d.removed ?? []) roll.delete(p);
        for (const a of d.added ?? []) roll.set(a.pseudonym, a.entity);
      }
    }
    const recomputed = rollCommitment([...roll].map(([pseudonym, entity]) => ({ pseudonym, entity })));
    if (recomputed !== commitment) problems.push(`the roll entries in the log commit to ${recomputed}, the roll events say ${commitment}`);
    const file = parseCanonicalFile(input.roll, 'roll.json') as { rollCommitment: string; entries: { pseudonym: string; entity: string }[] };
    if (file.rollCommitment !== commitment) problems.push('roll.json states another commitment');
    if (rollCommitment(file.entries) !== commitment || file.entries.length !== roll.size) problems.push('roll.json entries differ from the roll in the log');
    return `${roll.size} pseudonyms`;
  });

  // 8. Ballot box file against the log and the hash recorded at closing.
  const boxLines = (() => {
    try {
      return jsonLines(input.ballotBox, 'ballot-box.jsonl');
    } catch {
      return [];
    }
  })();
  const castEvents = ofType('BallotCast', `ballot-${electionId}-`);
  checks.run('ballot-box.hash', 'Urna cifrada: huella y contenido', 'Encrypted ballot box: hash and content', (problems) => {
    if (input.ballotBox === undefined) throw new Error('ballot-box.jsonl is missing');
    const exported = one<{ sha256: string; ballots: number }>('BallotBoxExported', `lifecycle-${electionId}`);
    const hash = sha256Hex(input.ballotBox);
    if (!exported) problems.push('the log has no BallotBoxExported event');
    else {
      if (exported.sha256 !== hash) problems.push(`ballot-box.jsonl hashes to ${hash}, closing recorded ${exported.sha256}`);
      if (exported.ballots !== boxLines.length) problems.push(`closing recorded ${exported.ballots} ballots, the file has ${boxLines.length}`);
    }
    const fromLog = castEvents.map((e) => canonicalJson((e.data as { ballot: unknown }).ballot)).sort();
    const inFile = [...boxLines].sort();
    if (fromLog.length !== inFile.length || fromLog.some((l, i) => l !== inFile[i])) problems.push('the ballots in ballot-box.jsonl are not exactly the BallotCast ballots of the log');
    const codes = boxLines.map((l) => String((JSON.parse(l) as { trackingCode?: unknown }).trackingCode));
    if (codes.some((c, i) => i > 0 && codes[i - 1] >= c)) problems.push('lines are not in ascending tracking-code order');
    const started = one<{ ballotBoxHash: string; matchesClosing: boolean }>('TallyStarted', `tally-${electionId}`);
    if (started && (started.ballotBoxHash !== hash || !started.matchesClosing)) problems.push('the tally started from another ballot box');
    return `${boxLines.length} ballots`;
  });

  // 9. Ballot proofs (accumulating the totals as we go: per-chunk sums, see src/parallel).
  let ballotWork: WorkResult | undefined;
  if (context && styles && setup) {
    const parsed = attempt(() => boxLines.map((l) => JSON.parse(l) as unknown));
    ballotWork = parsed.ok ? yield { kind: 'ballots', setup, ballots: parsed.value } : parsed;
  }
  let recomputedSums: EncryptedSums | undefined;
  let verifiedCount = 0;
  checks.run('ballots.proofs', 'Pruebas de cada boleta', "Every ballot's proofs", (problems) => {
    if (!context || !styles) throw new Error('no election context (manifest or ceremony failed)');
    const ballots = boxLines.map((l) => JSON.parse(l) as { pseudonym?: string; trackingCode?: string });
    const sums = new EncryptedSums(styles.values());
    for (const chunk of answer<BallotChunk[]>(ballotWork)) {
      chunk.verdicts.forEach((r, k) => {
        const i = chunk.start + k;
        if (r.ok) {
          verifiedCount++;
          sums.countBallot(r.contestIds);
        } else problems.push(`ballot ${ballots[i].trackingCode ?? `#${i}`}: ${r.failures.map((f) => `${f.check}${f.contest ? ` (${f.contest})` : ''}: ${f.reason}`).join('; ')}`);
      });
      sums.addSums(chunk.sums);
    }
    recomputedSums = sums;
    return `${verifiedCount} of ${ballots.length} ballots verify`;
  });

  // 10. Eligibility.
  checks.run('ballots.eligibility', 'Un voto por seudónimo, todos en la lista', 'One ballot per pseudonym, all on the roll', (problems) => {
    if (!manifest) throw new Error('no manifest');
    const styleOfEntity = new Map(manifest.ballotStyles.map((s) => [s.entity, s.id]));
    const seen = new Set<string>();
    for (const line of boxLines) {
      const b = JSON.parse(line) as { pseudonym: string; styleId: string };
      if (seen.has(b.pseudonym)) problems.push(`pseudonym ${b.pseudonym} has more than one ballot`);
      seen.add(b.pseudonym);
      const entity = roll.get(b.pseudonym);
      if (entity === undefined) problems.push(`pseudonym ${b.pseudonym} is not on the roll`);
      else if (styleOfEntity.get(entity) !== b.styleId) problems.push(`pseudonym ${b.pseudonym} voted style ${b.styleId}, its entity ${entity} has style ${styleOfEntity.get(entity)}`);
    }
    for (const e of castEvents) {
      const d = e.data as { pseudonym: string; ballot: { pseudonym?: string } };
      if (e.stream !== `ballot-${electionId}-${d.pseudonym}` || e.revision !== 0 || d.ballot?.pseudonym !== d.pseudonym) {
        problems.push(`BallotCast at ${e.position} is not the first event of its pseudonym's stream`);
      }
    }
    return `${seen.size} pseudonyms voted of ${roll.size}`;
  });

  // 11–13. Tally.
  const tallyStream = `tally-${electionId}`;
  const totalsFromLog = new Map(ofType('EncryptedTallyComputed').filter((e) => e.stream === tallyStream)
    .map((e) => [(e.data as { contestId: string }).contestId, e.data as { ballots: number; options: { optionId: string; alpha: string; beta: string }[] }]));
  let recomputed: EncryptedSums | undefined;
  checks.run('tally.aggregates', 'Totales cifrados recalculados', 'Encrypted totals recomputed', (problems) => {
    if (!styles) throw new Error('no ballot styles');
    recomputed = recomputedSums ?? new EncryptedSums(styles.values());
    if (totalsFromLog.size === 0) problems.push('the log has no EncryptedTallyComputed event');
    for (const [contestId, logged] of totalsFromLog) {
      const sums = recomputed.contest(contestId);
      if (logged.ballots !== recomputed.ballotsIn(contestId)) problems.push(`${contestId}: ${logged.ballots} ballots recorded, ${recomputed.ballotsIn(contestId)} recomputed`);
      logged.options.forEach((o, k) => {
        if (!sums[k] || !ciphertextsEqual(sums[k], decodeTotal(o))) problems.push(`${contestId}/${o.optionId}: the recorded total is not the sum of the ballots`);
      });
    }
    return `${totalsFromLog.size} contests`;
  });

  const posted = ofType('PartialDecryptionPosted').filter((x) => x.stream === tallyStream)
    .map((e) => e.data as { trusteeIndex: number; contestId: string; partials: { trustee: number }[] });
  let partialWork: WorkResult | undefined;
  if (setup?.verificationKeys) {
    const items: PartialCheckItem[] = [];
    for (const d of posted) {
      totalsFromLog.get(d.contestId)?.options.forEach((o, k) => items.push({ optionId: tallyOptionId(d.contestId, o.optionId), total: { alpha: o.alpha, beta: o.beta }, partial: d.partials?.[k] }));
    }
    partialWork = yield { kind: 'partials', setup, items };
  }
  checks.run('tally.partial-decryptions', 'Pruebas de los descifrados parciales', 'Partial decryption proofs', (problems) => {
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
      totals.options.forEach((o, k) => {
        n++;
        const p = d.partials[k];
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
      return { totals: totals.every((t) => t.ciphertext) ? totals.map((t) => ({ optionId: t.optionId, ciphertext: ciphertextHex(t.ciphertext) })) : undefined, result: c.result };
    }));
    resultWork = items.ok ? yield { kind: 'tally-results', setup, items: items.value } : items;
  }
  checks.run('tally.results', 'Resultados: descifrado comprobado', 'Results: decryption checked', (problems) => {
    if (!context || !completed) throw new Error('no election context');
    const file = parseCanonicalFile(input.results, 'tally/results.json') as RecordResults;
    decodeVerificationKeys(completed.verificationKeys);
    const published = new Map(ofType('ResultsPublished').filter((e) => e.stream === tallyStream)
      .map((e) => [(e.data as { contestId: string }).contestId, e.data as { counts: { optionId: string; count: number }[]; trustees: number[] }]));
    if (published.size === 0) problems.push('the log has no ResultsPublished event');
    if (file.contests.length !== published.size) problems.push(`tally/results.json has ${file.contests.length} contests, the log ${published.size}`);
    const resultFailures = answer<TallyResultFailure[][]>(resultWork);
    for (const [ci, c] of file.contests.entries()) {
      const logged = published.get(c.contestId);
      if (!logged) {
        problems.push(`${c.contestId}: not published in the log`);
        continue;
      }
      const sums = recomputed?.contest(c.contestId) ?? [];
      const check = { failures: resultFailures[ci] ?? [] };
      for (const f of check.failures) problems.push(`${c.contestId}: ${f.check}${f.trustee ? ` (trustee ${f.trustee})` : ''}: ${f.reason}`);
      c.result.options.forEach((o, k) => {
        if (logged.counts[k]?.count !== o.count || tallyOptionId(c.contestId, logged.counts[k]?.optionId) !== o.optionId) {
          problems.push(`${o.optionId}: results.json says ${o.count}, the log published ${String(logged.counts[k]?.count)}`);
        }
        if (sums[k] && canonicalJson(ciphertextHex(sums[k])) !== canonicalJson(o.ciphertext)) problems.push(`${o.optionId}: ciphertext is not the recomputed total`);
      });
    }
    return `${file.contests.length} contests`;
  });

  // 14. The acta.
  if (input.acta === undefined) checks.skip('acta.results', 'Acta igual a los resultados', 'Acta equals the results', 'no acta in this record');
  else checks.run('acta.results', 'Acta igual a los resultados', 'Acta equals the results', (problems) => {
    const acta = JSON.parse(input.acta!) as { ballotBoxHash?: string; contests: { contestId: string; lines: { optionId: string; votes: number }[] }[] };
    const published = new Map(ofType('ResultsPublished').filter((e) => e.stream === tallyStream)
      .map((e) => [(e.data as { contestId: string }).contestId, (e.data as { counts: { optionId: string; count: number }[] }).counts]));
    if (acta.ballotBoxHash !== undefined && input.ballotBox !== undefined && acta.ballotBoxHash !== sha256Hex(input.ballotBox)) problems.push('the acta names another ballot box hash');
    for (const contest of acta.contests) {
      const counts = new Map((published.get(contest.contestId) ?? []).map((c) => [c.optionId, c.count]));
      if (!published.has(contest.contestId)) problems.push(`${contest.contestId}: in the acta, not in the published results`);
      for (const line of contest.lines) {
        if (counts.get(line.optionId) !== line.votes) problems.push(`${contest.contestId}/${line.optionId}: acta ${line.votes}, results ${String(counts.get(line.optionId))}`);
      }
    }
    if (acta.contests.length !== published.size) problems.push(`the acta has ${acta.contests.length} contests, the results ${published.size}`);
    const issued = one<{ jsonSha256: string }>('ActaIssued', tallyStream);
    if (issued && issued.jsonSha256 !== sha256Hex(input.acta!.endsWith('\n') ? input.acta!.slice(0, -1) : input.acta!)) problems.push('acta.json is not the acta whose hash was recorded (ActaIssued)');
    return `${acta.contests.length} contests`;
  });

  return { ok: checks.ok, results: checks.results };
}
