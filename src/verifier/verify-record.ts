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
import { BallotTotals } from '../domain/crypto/ballot/ballot-totals';
import { ballotStyles, type BallotStyles } from '../domain/crypto/ballot/ballot-style';
import type { VerifiedBallot } from '../domain/crypto/ballot/verification-result';
import { verifyBallots } from '../domain/crypto/ballot/verify-ballot';
import { verifyCeremonyTranscript } from '../domain/crypto/ceremony/transcript';
import type { CeremonyTranscript } from '../domain/crypto/ceremony/messages';
import { ciphertextsEqual } from '../domain/crypto/elgamal';
import { electionContext, type ElectionContext } from '../domain/crypto/election-context';
import { fromHex } from '../domain/crypto/hash';
import { verifyTallyResult } from '../domain/crypto/tally/decrypt-tally';
import { verifyPartialDecryption } from '../domain/crypto/tally/partial-decryption';
import { ciphertextHex } from '../domain/crypto/tally/tally-wire';
import { rollCommitment } from '../domain/roll/roll-commitment';
import { decodeTotal, decodeVerificationKeys } from '../domain/tally/decide';
import { tallyOptionId } from '../domain/tally/events';
import { manifestBallotStyles } from '../domain/tally/manifest-styles';
import { openCheckpoint } from '../ledger/checkpoint/checkpoint-format';
import { parseVerifierKey } from '../ledger/checkpoint/signed-note';
import { canonicalJson } from '../ledger/merkle/canonical-json';
import { CompactRange } from '../ledger/merkle/compact-range';
import { bytesEqual, hashLeaf } from '../ledger/merkle/hash';
import { LEAF_FORMAT, type PublicEventEntry } from '../ledger/merkle/leaf-encoding';
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

export function verifyRecord(input: RecordInput, options: VerifyOptions = {}): RecordVerification {
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

  // 9. Ballot proofs (accumulating the totals as we go).
  const verified: VerifiedBallot[] = [];
  checks.run('ballots.proofs', 'Pruebas de cada boleta', "Every ballot's proofs", (problems) => {
    if (!context || !styles) throw new Error('no election context (manifest or ceremony failed)');
    const ballots = boxLines.map((l) => JSON.parse(l) as { pseudonym?: string; trackingCode?: string });
    for (let i = 0; i < ballots.length; i += BATCH) {
      const batch = ballots.slice(i, i + BATCH);
      verifyBallots(batch, context, styles).forEach((r, k) => {
        if (r.ok) verified.push(r.ballot);
        else problems.push(`ballot ${batch[k].trackingCode ?? `#${i + k}`}: ${r.failures.map((f) => `${f.check}${f.contest ? ` (${f.contest})` : ''}: ${f.reason}`).join('; ')}`);
      });
      progress('ballots.proofs', Math.min(i + BATCH, ballots.length), ballots.length);
    }
    return `${verified.length} of ${ballots.length} ballots verify`;
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
  let recomputed: BallotTotals | undefined;
  checks.run('tally.aggregates', 'Totales cifrados recalculados', 'Encrypted totals recomputed', (problems) => {
    if (!styles) throw new Error('no ballot styles');
    recomputed = new BallotTotals(styles.values());
    const perContest = new Map<string, number>();
    for (const b of verified) {
      recomputed.add(b);
      for (const c of b.contests) perContest.set(c.contestId, (perContest.get(c.contestId) ?? 0) + 1);
    }
    if (totalsFromLog.size === 0) problems.push('the log has no EncryptedTallyComputed event');
    for (const [contestId, logged] of totalsFromLog) {
      const sums = recomputed.contest(contestId);
      if (logged.ballots !== (perContest.get(contestId) ?? 0)) problems.push(`${contestId}: ${logged.ballots} ballots recorded, ${perContest.get(contestId) ?? 0} recomputed`);
      logged.options.forEach((o, k) => {
        if (!sums[k] || !ciphertextsEqual(sums[k], decodeTotal(o))) problems.push(`${contestId}/${o.optionId}: the recorded total is not the sum of the ballots`);
      });
    }
    return `${totalsFromLog.size} contests`;
  });

  checks.run('tally.partial-decryptions', 'Pruebas de los descifrados parciales', 'Partial decryption proofs', (problems) => {
    if (!context || !completed) throw new Error('no election context');
    const keys = decodeVerificationKeys(completed.verificationKeys);
    let n = 0;
    for (const e of ofType('PartialDecryptionPosted').filter((x) => x.stream === tallyStream)) {
      const d = e.data as { trusteeIndex: number; contestId: string; partials: { trustee: number }[] };
      const totals = totalsFromLog.get(d.contestId);
      if (!totals) {
        problems.push(`trustee ${d.trusteeIndex}: contest ${d.contestId} has no recorded total`);
        continue;
      }
      totals.options.forEach((o, k) => {
        n++;
        const p = d.partials[k];
        if (p?.trustee !== d.trusteeIndex) problems.push(`trustee ${d.trusteeIndex}, ${d.contestId}/${o.optionId}: made by trustee ${String(p?.trustee)}`);
        const check = verifyPartialDecryption(context!, tallyOptionId(d.contestId, o.optionId), decodeTotal(o), keys, p);
        if (!check.ok) problems.push(`trustee ${d.trusteeIndex}, ${d.contestId}/${o.optionId}: ${check.failure.check}: ${check.failure.reason}`);
      });
    }
    return `${n} partial decryptions`;
  });

  checks.run('tally.results', 'Resultados: descifrado comprobado', 'Results: decryption checked', (problems) => {
    if (!context || !completed) throw new Error('no election context');
    const file = parseCanonicalFile(input.results, 'tally/results.json') as RecordResults;
    const keys = decodeVerificationKeys(completed.verificationKeys);
    const published = new Map(ofType('ResultsPublished').filter((e) => e.stream === tallyStream)
      .map((e) => [(e.data as { contestId: string }).contestId, e.data as { counts: { optionId: string; count: number }[]; trustees: number[] }]));
    if (published.size === 0) problems.push('the log has no ResultsPublished event');
    if (file.contests.length !== published.size) problems.push(`tally/results.json has ${file.contests.length} contests, the log ${published.size}`);
    for (const c of file.contests) {
      const logged = published.get(c.contestId);
      if (!logged) {
        problems.push(`${c.contestId}: not published in the log`);
        continue;
      }
      const sums = recomputed?.contest(c.contestId) ?? [];
      const optionIds = totalsFromLog.get(c.contestId)?.options.map((o) => o.optionId) ?? [];
      const totals = optionIds.map((optionId, k) => ({ optionId: tallyOptionId(c.contestId, optionId), ciphertext: sums[k] }));
      const check = verifyTallyResult({ context, threshold: completed.threshold, verificationKeys: keys, totals: totals.every((t) => t.ciphertext) ? totals : undefined, result: c.result });
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
