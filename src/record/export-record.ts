/**
 * Exports the election record: everything an outside verifier needs, as one folder (and a
 * .tar of it). The log entries are the exact leaf bytes the transparency log hashed, so the
 * verifier recomputes every root; the other files are the same facts arranged for reading,
 * and the verifier checks them against the log. Layout: docs/spec/record.md.
 *
 * Each file goes to disk as it is produced (the log page by page, the ballot box from
 * ballotBoxStream) and the .tar is streamed from those files: the log (~41 kB per voter) and
 * the box (~34 kB per ballot) pass V8's string cap near 13,000 voters, so neither is ever one
 * string or held whole in memory.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { dirname, join, resolve } from 'node:path';
import { loadState } from '../command-path/stream-state';
import { loadElectionSnapshot } from '../application/election-snapshot';
import { ceremonyStream } from '../domain/ceremony/events';
import { transcriptHash, transcriptOf } from '../domain/ceremony/transcript-hash';
import { ceremonyDecider } from '../domain/ceremony/decider';
import { canonicalManifestBytes } from '../domain/configuration/manifest-hash';
import { toHex } from '../domain/crypto/hash';
import { TALLY_RESULT_TYPE, TALLY_RESULT_VERSION, type TallyResult } from '../domain/crypto/tally/decrypt-tally';
import { rollDecider, rollStream } from '../domain/roll/decider';
import { compareEntries } from '../domain/roll/roll-commitment';
import { tallyDecider, tallyOptionId, tallyStream } from '../domain/tally/decider';
import type { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import { formatVerifierKey } from '../ledger/checkpoint/signed-note';
import type { EventStore } from '../ledger/event-store';
import { canonicalJson } from '../domain/shared/canonical-json';
import { MAX_ENTRIES_PER_READ, type MerkleLog } from '../ledger/merkle/merkle-log';
import { ballotBoxStream } from '../closing/ballot-box';
import { writeBallotBoxFile } from '../closing/ballot-box-file';
import { RECORD_FORMAT, RecordFiles, type RecordIndex, type RecordResults } from './record-format';
import { writeTar } from './tar';

export interface ExportRecordInput {
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
  /** Log leaves and ledger events per read (default 250; tests use small pages to cross page boundaries). */
  readPage?: number;
  onProgress?: (step: string, done: number, total: number) => void;
}

const jsonFile = (value: unknown) => `${canonicalJson(value)}\n`;

/** Log leaves per read (≤ MAX_ENTRIES_PER_READ): a page is held twice (leaves and text), ~41 kB a voter. */
const LOG_PAGE = Math.min(250, MAX_ENTRIES_PER_READ);

export async function exportRecord(input: ExportRecordInput): Promise<{ dir: string; tar?: string; files: string[] }> {
  const { store, log, electionId, outDir } = input;
  /** Names of the files written so far. */
  const files: string[] = [];
  const snapshot = await loadElectionSnapshot(store, electionId);
  if (!snapshot.manifest) throw new Error(`election ${electionId} has no manifest`);
  await mkdir(outDir, { recursive: true });
  const pathOf = async (name: string) => {
    const path = join(outDir, name);
    await mkdir(dirname(path), { recursive: true });
    files.push(name);
    return path;
  };
  const put = async (name: string, content: string | Uint8Array) => writeFile(await pathOf(name), content);

  // The log: every leaf up to the latest signed checkpoint, and every checkpoint up to it.
  const latest = await input.checkpoints.latest();
  if (!latest) throw new Error('the log has no signed checkpoint yet');
  const decoder = new TextDecoder();
  const logPage = Math.min(input.readPage ?? LOG_PAGE, MAX_ENTRIES_PER_READ);
  async function* logPages(): AsyncGenerator<string> {
    for (let start = 0; start < latest!.size; start += logPage) {
      const leaves = await log.entries(start, Math.min(start + logPage, latest!.size));
      // Decoded and encoded again, as the exporter always did (a leaf is UTF-8 JSON).
      let page = '';
      for (const leaf of leaves) page += `${decoder.decode(leaf.data)}\n`;
      yield page;
      input.onProgress?.('log', Math.min(start + logPage, latest!.size), latest!.size);
    }
  }
  await pipeline(Readable.from(logPages(), { objectMode: false }), createWriteStream(await pathOf(RecordFiles.logEntries)));
  // Every checkpoint the log signed up to that one, in order: the empty tree (urna-sequence 0)
  // first, then 1, 2, … (log.md §4.1); the verifier sees a gap or a swap (record.md V4).
  const history = await input.checkpoints.history(latest.size);
  await put(RecordFiles.logCheckpoints, history.map((cp) => jsonFile({ size: cp.size, note: cp.note })).join(''));
  const origin = input.checkpoints.origin;
  const vkey = formatVerifierKey(origin, input.logPublicKey);
  await put(RecordFiles.logKey, `${vkey}\n`);

  // The readable copies.
  await put(RecordFiles.manifest, `${decoder.decode(canonicalManifestBytes(snapshot.manifest))}\n`);
  const roll = (await loadState(store, rollStream(electionId), rollDecider)).state;
  const rollEntries = [...roll.entries].map(([pseudonym, entity]) => ({ pseudonym, entity })).sort(compareEntries);
  await put(RecordFiles.roll, jsonFile({ format: 'urna.record-roll/1', electionId, rollVersion: roll.rollVersion, rollCommitment: roll.rollCommitment, entries: rollEntries }));
  const ceremony = (await loadState(store, ceremonyStream(electionId), ceremonyDecider)).state;
  const transcript = transcriptOf(ceremony);
  await put(RecordFiles.transcript, jsonFile({ format: 'urna.record-transcript/1', electionId, transcriptHash: transcriptHash(transcript), transcript }));
  // The spill file goes beside the record (not in it: the folder is the record), on the disk that
  // will hold the box anyway; the OS temp folder may be a RAM disk too small for a large box.
  const boxLines = ballotBoxStream(store, electionId, (done, total) => input.onProgress?.('ballot-box', done, total), { page: input.readPage, spillDir: dirname(resolve(outDir)) });
  await writeBallotBoxFile(boxLines, await pathOf(RecordFiles.ballotBox));

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
    await put(RecordFiles.results, jsonFile(results));
  }
  // Trustees and per-contest ballots come from the events themselves.
  function tallyEventsOf(contestId: string) {
    const r = tallyEvents.find((e) => e.type === 'ResultsPublished' && (e.data as { contestId: string }).contestId === contestId)!.data as { trustees: number[] };
    const c = tallyEvents.find((e) => e.type === 'EncryptedTallyComputed' && (e.data as { contestId: string }).contestId === contestId)!.data as { ballots: number };
    return { trustees: r.trustees, ballots: c.ballots };
  }
  if (input.actaJson) await put(RecordFiles.acta, input.actaJson);
  if (input.openingReportJson) await put(RecordFiles.openingReport, input.openingReportJson.endsWith('\n') ? input.openingReportJson : `${input.openingReportJson}\n`);
  if (input.preservationManifestJson) await put(RecordFiles.preservation, input.preservationManifestJson);

  const names = [...files, RecordFiles.index].sort();
  const index: RecordIndex = {
    format: RECORD_FORMAT,
    electionId,
    exportedAt: input.now ?? new Date().toISOString(),
    logOrigin: origin,
    logVerifierKey: vkey,
    logSize: latest.size,
    files: names,
  };
  await put(RecordFiles.index, jsonFile(index));

  let tarPath: string | undefined;
  if (input.tar !== false) {
    tarPath = `${outDir.replace(/\/+$/, '')}.tar`;
    await writeTar(tarPath, names.map((name) => ({ name: `election-record/${name}`, file: join(outDir, name) })));
  }
  return { dir: outDir, tar: tarPath, files: names };
}
