/**
 * THE PREVIOUS EXPORTER, kept verbatim (imports aside) as the oracle of
 * export-record-bytes.pg.spec.ts: it built every file as one string in memory and the .tar from
 * those strings. The streaming exporter must give the same folder and the same .tar bytes.
 *
 * Exports the election record: everything an outside verifier needs, as one folder (and a
 * .tar of it). The log entries are the exact leaf bytes the transparency log hashed, so the
 * verifier recomputes every root; the other files are the same facts arranged for reading,
 * and the verifier checks them against the log. Layout: docs/spec/record.md.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { loadState } from '../../src/command-path/stream-state';
import { loadElectionSnapshot } from '../../src/application/election-snapshot';
import { ceremonyStream } from '../../src/domain/ceremony/events';
import { transcriptHash, transcriptOf } from '../../src/domain/ceremony/transcript-hash';
import { ceremonyDecider } from '../../src/domain/ceremony/decider';
import { canonicalManifestBytes } from '../../src/domain/configuration/manifest-hash';
import { toHex } from '../../src/domain/crypto/hash';
import { TALLY_RESULT_TYPE, TALLY_RESULT_VERSION, type TallyResult } from '../../src/domain/crypto/tally/decrypt-tally';
import { rollDecider, rollStream } from '../../src/domain/roll/decider';
import { compareEntries } from '../../src/domain/roll/roll-commitment';
import { tallyDecider, tallyOptionId, tallyStream } from '../../src/domain/tally/decider';
import type { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import type { EventStore } from '../../src/ledger/event-store';
import { canonicalJson } from '../../src/domain/shared/canonical-json';
import { MAX_ENTRIES_PER_READ, type MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { ballotBoxLines, readCastBallots } from '../../src/closing/ballot-box';
import { RECORD_FORMAT, RecordFiles, type RecordIndex, type RecordResults } from '../../src/record/record-format';
import { writeTar } from '../../src/record/tar';

interface ExportRecordInput {
  store: EventStore;
  log: MerkleLog;
  checkpoints: CheckpointService;
  /** The log key's public half (the checkpoints' signer). */
  logPublicKey: Uint8Array;
  electionId: string;
  /** Folder to create (must not hold an older record). */
  outDir: string;
  /** Optional documents, written as given: canonical JSON and one 0x0A (record.md §2). */
  actaJson?: string;
  /** The opening report's canonical JSON as issued (its SHA-256 is ElectionOpened.openingReportHash). */
  openingReportJson?: string;
  preservationManifestJson?: string;
  /** Also write `<outDir>.tar`. Default true. */
  tar?: boolean;
  now?: string;
  onProgress?: (step: string, done: number, total: number) => void;
}

const jsonFile = (value: unknown) => `${canonicalJson(value)}\n`;

export async function referenceExportRecord(input: ExportRecordInput): Promise<{ dir: string; tar?: string; files: string[] }> {
  const { store, log, electionId, outDir } = input;
  const files = new Map<string, string | Uint8Array>();
  const snapshot = await loadElectionSnapshot(store, electionId);
  if (!snapshot.manifest) throw new Error(`election ${electionId} has no manifest`);

  // The log: every leaf up to the latest signed checkpoint, and every checkpoint up to it.
  const latest = await input.checkpoints.latest();
  if (!latest) throw new Error('the log has no signed checkpoint yet');
  const lines: string[] = [];
  const decoder = new TextDecoder();
  for (let start = 0; start < latest.size; start += MAX_ENTRIES_PER_READ) {
    const leaves = await log.entries(start, Math.min(start + MAX_ENTRIES_PER_READ, latest.size));
    for (const leaf of leaves) lines.push(`${decoder.decode(leaf.data)}\n`);
    input.onProgress?.('log', Math.min(start + MAX_ENTRIES_PER_READ, latest.size), latest.size);
  }
  files.set(RecordFiles.logEntries, lines.join(''));
  // Every checkpoint the log signed up to that one, in order: the empty tree (urna-sequence 0)
  // first, then 1, 2, … (log.md §4.1); the verifier sees a gap or a swap (record.md V4).
  const history = await input.checkpoints.history(latest.size);
  files.set(RecordFiles.logCheckpoints, history.map((cp) => jsonFile({ size: cp.size, note: cp.note })).join(''));
  const origin = input.checkpoints.origin;
  const vkey = formatVerifierKey(origin, input.logPublicKey);
  files.set(RecordFiles.logKey, `${vkey}\n`);

  // The readable copies.
  files.set(RecordFiles.manifest, `${decoder.decode(canonicalManifestBytes(snapshot.manifest))}\n`);
  const roll = (await loadState(store, rollStream(electionId), rollDecider)).state;
  const rollEntries = [...roll.entries].map(([pseudonym, entity]) => ({ pseudonym, entity })).sort(compareEntries);
  files.set(RecordFiles.roll, jsonFile({ format: 'urna.record-roll/1', electionId, rollVersion: roll.rollVersion, rollCommitment: roll.rollCommitment, entries: rollEntries }));
  const ceremony = (await loadState(store, ceremonyStream(electionId), ceremonyDecider)).state;
  const transcript = transcriptOf(ceremony);
  files.set(RecordFiles.transcript, jsonFile({ format: 'urna.record-transcript/1', electionId, transcriptHash: transcriptHash(transcript), transcript }));
  files.set(RecordFiles.ballotBox, ballotBoxLines(await readCastBallots(store, electionId)).join(''));

  const tally = (await loadState(store, tallyStream(electionId), tallyDecider)).state;
  const tallyEvents = await store.readStream(tallyStream(electionId));
  if (tally.phase === 'completed' && snapshot.context) {
    const results: RecordResults = {
      format: 'urna.record-results/1',
      electionId,
      threshold: tally.threshold,
      ballots: tally.ballots,
      contests: tally.contests.map((contestId) => {
        const published = tallyEventsOf(contestId);
        const counts = tally.results.get(contestId)!;
        const trustees = published.trustees;
        const totals = tally.totals.get(contestId)!;
        const posted = tally.partials.get(contestId)!;
        const result: TallyResult = {
          type: TALLY_RESULT_TYPE,
          version: TALLY_RESULT_VERSION,
          baseHash: toHex(snapshot.context!.baseHash),
          ballotBoxHash: tally.ballotBoxHash,
          ballots: published.ballots,
          threshold: tally.threshold,
          maxCount: tally.ballots,
          options: totals.map((t, k) => ({
            optionId: tallyOptionId(contestId, t.optionId),
            ciphertext: { alpha: t.alpha, beta: t.beta },
            partialDecryptions: trustees.map((j) => posted.get(j)![k]),
            count: counts[k].count,
          })),
        };
        return { contestId, ballots: published.ballots, trustees, result };
      }),
    };
    files.set(RecordFiles.results, jsonFile(results));
  }
  // Trustees and per-contest ballots come from the events themselves.
  function tallyEventsOf(contestId: string) {
    const r = tallyEvents.find((e) => e.type === 'ResultsPublished' && (e.data as { contestId: string }).contestId === contestId)!.data as { trustees: number[] };
    const c = tallyEvents.find((e) => e.type === 'EncryptedTallyComputed' && (e.data as { contestId: string }).contestId === contestId)!.data as { ballots: number };
    return { trustees: r.trustees, ballots: c.ballots };
  }
  if (input.actaJson) files.set(RecordFiles.acta, input.actaJson);
  if (input.openingReportJson) files.set(RecordFiles.openingReport, input.openingReportJson.endsWith('\n') ? input.openingReportJson : `${input.openingReportJson}\n`);
  if (input.preservationManifestJson) files.set(RecordFiles.preservation, input.preservationManifestJson);

  const names = [...files.keys(), RecordFiles.index].sort();
  const index: RecordIndex = {
    format: RECORD_FORMAT,
    electionId,
    exportedAt: input.now ?? new Date().toISOString(),
    logOrigin: origin,
    logVerifierKey: vkey,
    logSize: latest.size,
    files: names,
  };
  files.set(RecordFiles.index, jsonFile(index));

  await mkdir(outDir, { recursive: true });
  for (const [name, content] of files) {
    await mkdir(dirname(join(outDir, name)), { recursive: true });
    await writeFile(join(outDir, name), content);
  }
  let tarPath: string | undefined;
  if (input.tar !== false) {
    tarPath = `${outDir.replace(/\/+$/, '')}.tar`;
    await writeTar(tarPath, names.map((name) => ({ name: `election-record/${name}`, content: files.get(name)! })));
  }
  return { dir: outDir, tar: tarPath, files: names };
}
