/**
 * After the tally (issue 6 §3, the parts that are not rendering): issue the acta (tally record)
 * from the published results, then the preservation package (docs/spec/documents.md §5), in
 * two parts —
 *   public (anyone may receive it; nothing in it names a voter):
 *     <dir>/election-record/…        the record export (docs/spec/record.md) with the acta inside
 *     <dir>/election-record.tar      the same as one download
 *     <dir>/acta/acta.json|.pdf      the acta, and acta/copias/… its copies (numeral 38)
 *     <dir>/reporte-inicial/…        the opening report (JSON + PDF), when given
 *   confidential (only for the holder of the recipient key the authority or notary named):
 *     <dir>/confidencial/ledger-events.jsonl.urna-sealed
 *                                    the full event export (every event as recorded, sealed ones
 *                                    included, with their salts), sealed to that X25519 key
 *                                    (sealed-file.ts) as it is read: never written in clear
 *   <dir>/preservation-manifest.json  SHA-256 and size of every artefact (of the sealed file for
 *                                  the confidential one), which part each belongs to, the
 *                                  recipient key's fingerprint, the final checkpoint; signed
 *                                  with the log key (a NoteSigner: file key or token)
 * ActaIssued and PreservationManifestIssued are recorded in tally-<id>.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandBus } from '@nestjs/cqrs';
import { loadState, toDomainEvent } from '../command-path/stream-state';
import { RecordActaCommand } from '../tally/tally.commands';
import { RecordPreservationManifestCommand } from './preservation.commands';
import { loadElectionSnapshot } from '../application/election-snapshot';
import { ceremonyStream, type CeremonyEvent, type TrusteeEnrolled } from '../domain/ceremony/events';
import { lifecycleStream } from '../domain/lifecycle/decider';
import { tallyDecider, tallyStream } from '../domain/tally/decider';
import { deliverableCopies } from '../documents/deliverable-copies';
import type { LogKeyRef } from '../documents/document-types';
import { ACTA_OPTION_KIND, buildTallyRecord, type TallyRecord } from '../documents/tally-record';
import { canonicalDocumentJson, sha256Hex } from '../documents/canonical-json';
import { canonicalJson } from '../domain/shared/canonical-json';
import { collectArtefacts } from '../documents/artefact-files';
import { sealedEncryption, signPreservationManifest, type ArtefactInput, type ArtefactKind, type SignedPreservationManifest } from '../documents/preservation-manifest';
import type { CheckpointService, StoredCheckpoint } from '../ledger/checkpoint/checkpoint-service';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { formatVerifierKey } from '../ledger/checkpoint/signed-note';
import type { EventStore } from '../ledger/event-store';
import { toBase64 } from '../ledger/merkle/encoding';
import type { MerkleLog } from '../ledger/merkle/merkle-log';
import { both } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { exportRecord } from '../record/export-record';
import { TallyError } from '../tally/tally-errors';
import { SealedFileWriter } from './sealed-file';

/**
 * Ledger events per read while the full export is sealed. A ballot makes an event of about
 * 35 kB, and a page is held parsed and as text at once: at 1,000 a page (35 MB) the collector
 * copied and promoted it, and the preservation phase of a 1,000-voter simulacro took 6.7 and
 * 7.1 s; at 100, 6.5 and 6.5 s (runs alternated). Pages stay small whatever the election's size.
 */
const LEDGER_EXPORT_PAGE = 100;

/** Where each part of the package goes, relative to the preservation folder. */
export const PackageFiles = {
  manifest: 'preservation-manifest.json',
  record: 'election-record',
  recordTar: 'election-record.tar',
  acta: 'acta/acta.json',
  actaPdf: 'acta/acta.pdf',
  actaCopies: 'acta/copias',
  openingReport: 'reporte-inicial/reporte-inicial.json',
  openingReportPdf: 'reporte-inicial/reporte-inicial.pdf',
  operationReports: 'informes-operacion',
  /** The one confidential artefact: the full ledger export, sealed. */
  ledgerExport: 'confidencial/ledger-events.jsonl.urna-sealed',
} as const;

export interface PreservationInput {
  store: EventStore;
  /** Where RecordActa and RecordPreservationManifest are sent. */
  commands: CommandBus;
  log: MerkleLog;
  checkpoints: CheckpointService;
  /** The log key: signs checkpoints and the preservation manifest. */
  signer: NoteSigner;
  electionId: string;
  /** Preservation folder to create. */
  dir: string;
  /** The X25519 public key (raw 32 bytes) the authority or notary named: the confidential part
   * is sealed to it (src/preservation/recipient-key.ts reads it from configuration). */
  confidentialRecipient: Uint8Array;
  /** The opening report as issued (its canonical JSON bytes, and its PDF), for the public part. */
  openingReport?: { json: Uint8Array | string; pdf?: Uint8Array };
  officials?: { name: string; role: string; roleEn?: string }[];
  /** The operation reports' folder (<data>/documents/informes-operacion, src/monitoring/operation-reports.ts):
   * every report in it goes into the public part under informes-operacion/. */
  operationReportsDir?: string;
  /** Renders the acta PDF (src/documents renderTallyRecordPdf) when given. */
  renderPdf?: (record: TallyRecord) => Promise<Uint8Array>;
  /** Waits until the log holds every ledger event and returns the new checkpoint's size
   * (in the service: the sequencer and checkpoint loop; in tests: a helper). */
  syncLog: () => Promise<number>;
  now?: () => string;
  /** Ledger events per read of the confidential export (LEDGER_EXPORT_PAGE); tests make it
   * small so that a few events cross pages. */
  ledgerExportPage?: number;
}

/** The acta as a document, from the published results and the manifest. */
export async function buildActa(
  store: EventStore, electionId: string, checkpoints: CheckpointService, now: string, officials: PreservationInput['officials'] = [], log?: LogKeyRef,
): Promise<TallyRecord> {
  const snapshot = await loadElectionSnapshot(store, electionId);
  const tally = (await loadState(store, tallyStream(electionId), tallyDecider)).state;
  if (tally.phase !== 'completed' || !snapshot.manifest) throw new TallyError('TALLY_NOT_COMPLETED', both(cliMessages, 'preservation.error.tallyNotCompleted'));
  const manifest = snapshot.manifest;
  const tallyEvents = await store.readStream(tallyStream(electionId));
  const started = tallyEvents.find((e) => e.type === 'TallyStarted')!.data as { ballotBoxHash: string };
  const exported = (await store.readStream(lifecycleStream(electionId))).find((e) => e.type === 'BallotBoxExported');
  const closing = exported ? await firstCheckpointCovering(checkpoints, exported.position + 1) : undefined;
  if (!closing) throw new TallyError('NO_CLOSING_CHECKPOINT', 'no signed checkpoint covers the ballot box export yet');
  const used = new Set(tallyEvents.filter((e) => e.type === 'ResultsPublished').flatMap((e) => (e.data as { trustees: number[] }).trustees));
  const enrolled = (await store.readStream(ceremonyStream(electionId))).map((e) => toDomainEvent<CeremonyEvent>(e)).filter((e): e is TrusteeEnrolled => e.type === 'TrusteeEnrolled');
  const entityName = new Map(manifest.entities.map((e) => [e.code, e.name]));
  return buildTallyRecord({
    process: { id: manifest.process.id, name: manifest.process.name },
    electionId,
    generatedAt: now,
    ballotBoxHash: started.ballotBoxHash,
    closingCheckpoint: { size: closing.size, rootHash: toBase64(closing.rootHash), note: closing.note },
    // The log's identity, printed so that people can pin it out of band (urna verify --vkey).
    ...(log ? { log } : {}),
    trustees: enrolled.filter((t) => used.has(t.data.trusteeIndex)).map((t) => ({
      trusteeId: t.data.trusteeId,
      name: t.data.name,
      decryptionEventPositions: tallyEvents.filter((e) => e.type === 'PartialDecryptionPosted' && (e.data as { trusteeIndex: number }).trusteeIndex === t.data.trusteeIndex).map((e) => e.position),
    })),
    officials,
    contests: tally.contests.map((contestId) => {
      const contest = manifest.contests.find((c) => c.id === contestId)!;
      const counts = new Map(tally.results.get(contestId)!.map((c) => [c.optionId, c.count]));
      const computed = tallyEvents.find((e) => e.type === 'EncryptedTallyComputed' && (e.data as { contestId: string }).contestId === contestId)!.data as { ballots: number };
      return {
        contestId,
        scope: contest.scope,
        office: contest.office,
        entity: contest.entity === null ? 'national' as const : { code: contest.entity, name: entityName.get(contest.entity) ?? contest.entity },
        ballotsCounted: computed.ballots,
        options: contest.options.map((o) => ({
          optionId: o.id, kind: ACTA_OPTION_KIND[o.kind], label: o.label, emblems: [...o.emblems],
          ...(o.candidate ? { candidate: o.candidate } : {}), votes: counts.get(o.id) ?? 0,
        })),
      };
    }),
  });
}

async function firstCheckpointCovering(checkpoints: CheckpointService, size: number): Promise<StoredCheckpoint | undefined> {
  const latest = await checkpoints.latest();
  for (let s = size; latest && s <= latest.size; s++) {
    const cp = await checkpoints.atSize(s);
    if (cp) return cp;
  }
  return undefined;
}

export async function issueActaAndPreservation(input: PreservationInput): Promise<{ acta: TallyRecord; manifest: SignedPreservationManifest; manifestPath: string }> {
  const now = input.now ?? (() => new Date().toISOString());
  const { store, electionId, dir } = input;
  const by = { actor: 'system:tally' };

  // 1. The acta, hashed into the ledger.
  await input.syncLog();
  const logKey = { origin: input.signer.name, verifierKey: formatVerifierKey(input.signer.name, input.signer.publicKey) };
  const acta = await buildActa(store, electionId, input.checkpoints, now(), input.officials, logKey);
  const actaJson = canonicalDocumentJson(acta);
  const pdf = input.renderPdf ? await input.renderPdf(acta) : undefined;
  await mkdir(join(dir, 'acta'), { recursive: true });
  await writeFile(join(dir, 'acta', 'acta.json'), `${actaJson}\n`);
  if (pdf) await writeFile(join(dir, 'acta', 'acta.pdf'), pdf);
  // The copies numeral 38 asks for (authority, party representatives, each OPL), each with its
  // own canonical JSON (and PDF); they are artefacts of the manifest below like the original.
  await mkdir(join(dir, 'acta', 'copias'), { recursive: true });
  for (const copy of deliverableCopies(acta)) {
    await writeFile(join(dir, 'acta', 'copias', `${copy.name}.json`), `${canonicalJson(copy.record)}\n`);
    if (input.renderPdf) await writeFile(join(dir, 'acta', 'copias', `${copy.name}.pdf`), await input.renderPdf(copy.record));
  }
  await input.commands.execute(new RecordActaCommand(electionId,
    { type: 'RecordActa', electionId, jsonSha256: sha256Hex(actaJson), ...(pdf ? { pdfSha256: sha256Hex(pdf) } : {}), now: now() }, by));

  // 2. The record (with the acta) and the full event export, after a checkpoint covering them.
  await input.syncLog();
  await exportRecord({
    store, log: input.log, checkpoints: input.checkpoints, logPublicKey: input.signer.publicKey,
    electionId, outDir: join(dir, 'election-record'), actaJson: `${actaJson}\n`, now: now(),
    ...(input.openingReport ? { openingReportJson: typeof input.openingReport.json === 'string' ? input.openingReport.json : new TextDecoder().decode(input.openingReport.json) } : {}),
  });
  // The opening report, as issued, in the public part.
  if (input.openingReport) {
    await mkdir(join(dir, 'reporte-inicial'), { recursive: true });
    await writeFile(join(dir, PackageFiles.openingReport), input.openingReport.json);
    if (input.openingReport.pdf) await writeFile(join(dir, PackageFiles.openingReportPdf), input.openingReport.pdf);
  }
  // The operation reports (numeral 28), daily and final, as issued.
  if (input.operationReportsDir && existsSync(input.operationReportsDir)) {
    await cp(input.operationReportsDir, join(dir, PackageFiles.operationReports), { recursive: true });
  }
  // The confidential part: the full event export, sealed as it is read (never in clear on disk).
  await mkdir(join(dir, 'confidencial'), { recursive: true });
  const sealed = await SealedFileWriter.create(join(dir, PackageFiles.ledgerExport), input.confidentialRecipient);
  try {
    const head = await store.head();
    const page = input.ledgerExportPage ?? LEDGER_EXPORT_PAGE;
    for (let from = 0; from < head; from += page) {
      await sealed.write((await store.readAll({ from, limit: page })).map((e) => `${canonicalJson(e)}\n`).join(''));
    }
    await sealed.close();
  } catch (err) {
    await sealed.abort();
    throw err;
  }

  // 3. The signed manifest over every artefact.
  const finalCheckpoint = (await input.checkpoints.latest())!;
  const kindOf = (name: string): ArtefactKind =>
    name.endsWith('ballot-box.jsonl') ? 'encrypted-ballot-box'
      : name.endsWith('tally/results.json') ? 'decrypted-results'
        : name.includes('/log/') ? 'log'
          : name === PackageFiles.ledgerExport ? 'ledger-export'
            : name.startsWith('acta/') || name.endsWith('acta/acta.json') ? 'tally-record'
              : name.startsWith('reporte-inicial/') || name.endsWith('opening/opening-report.json') ? 'opening-report'
                : name.startsWith(`${PackageFiles.operationReports}/`) ? 'operation-report'
                : name.endsWith('.tar') ? 'record-export'
                  : name.endsWith('manifest.json') ? 'configuration'
                    : 'other';
  const encryption = sealedEncryption(input.confidentialRecipient);
  const artefacts: ArtefactInput[] = (await collectArtefacts(dir, kindOf))
    .filter((a) => a.name !== PackageFiles.manifest)
    .map((a) => (a.name.startsWith('confidencial/') ? { ...a, access: 'confidential' as const, encryption } : { ...a, access: 'public' as const }));
  const manifest = await signPreservationManifest({
    process: { id: acta.process.id, name: acta.process.name },
    electionId,
    artefacts,
    finalCheckpoint: { size: finalCheckpoint.size, rootHash: toBase64(finalCheckpoint.rootHash), note: finalCheckpoint.note },
    signedAt: now(),
  }, (bytes) => input.signer.sign(bytes), input.signer.publicKey);
  const manifestText = `${canonicalDocumentJson(manifest)}\n`;
  const manifestPath = join(dir, PackageFiles.manifest);
  await writeFile(manifestPath, manifestText);
  await input.commands.execute(new RecordPreservationManifestCommand(electionId, {
    type: 'RecordPreservationManifest', electionId, manifestSha256: sha256Hex(manifestText),
    artefacts: artefacts.map((a) => ({ name: a.name, sha256: a.sha256 })), signerPublicKey: Buffer.from(input.signer.publicKey).toString('hex'), now: now(),
  }, by));
  return { acta, manifest, manifestPath };
}
