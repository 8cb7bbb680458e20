/**
 * The simulacro in one command (the README's first command): a whole mock election of the
 * fixture on the embedded defaults, through the real components — PostgreSQL ledger,
 * transparency log, SoftHSM tokens, the HTTP API the booth uses — ending with the verifier.
 * Exits non-zero if anything disagrees.
 *
 *   npm run simulacro [-- --voters 1000 --spoil 0.1 --concurrency N --data DIR --seed S --keep-open]
 *
 * Synthetic voters run many at once (--concurrency), each from its own loopback address, and
 * encrypt in worker threads (--crypto-workers), so that the run measures the service rather than
 * its client. With --keep-open the service stays up after casting for a person to vote by hand
 * in the booth (issue 15), until Enter closes, tallies and verifies as usual.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Pool } from 'pg';
import { parse as parseYaml } from 'yaml';
import { AppModule } from '../app.module';
import { CloseVotingCommand } from '../closing/closing.commands';
import { openCommandPath, type CommandPath } from '../command-path/open-command-path';
import { loadState } from '../command-path/stream-state';
import { loadElectionSnapshot } from '../application/election-snapshot';
import { computeSoftwareVersion } from '../application/software-version';
import { loadConfiguration } from '../config/configuration';
import { dataLayout, trusteeFolder } from '../config/data-layout';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import type { LifecyclePhase } from '../domain/lifecycle/state';
import { closePkcs11Module, createSoftHsmEnvironment } from '../hsm';
import { configureHttp } from '../http-setup';
import type { EventStore } from '../ledger/event-store';
import { closePool } from '../ledger/postgres/close-pool';
import { startEmbeddedPostgres } from '../ledger/postgres/embedded-postgres';
import { PostgresEventStore } from '../ledger/postgres/postgres-event-store';
import { createGuardedPool } from '../ledger/postgres/guarded-pool';
import { createLogSigner } from '../log-signer';
import { renderTallyRecordPdf } from '../documents';
import { DocumentError } from '../documents/document-types';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { formatVerifierKey } from '../ledger/checkpoint/signed-note';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { messagesOf } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { issueActaAndPreservation } from '../preservation/acta-and-preservation';
import { ComponentState } from '../monitoring/component-state';
import { operationReportsDir, produceOperationReport } from '../monitoring/operation-reports';
import { monitoringMessages } from '../messages/monitoring.messages';
import { simulacroPackageInputs } from '../preservation/simulacro-package';
import { TallyService } from '../tally/tally-service';
import { OutboxMailSender, OutboxSmsSender, readOutbox } from '../messaging/outbox';
import { credentialFromMail } from '../messaging/voter-messages';
import { seededRandomSource } from '../roll/seeded-random-source';
import { generateSyntheticRoll } from '../roll/synthetic-roll';
import { loadConfiguration as loadConfigurationState } from '../configuration/load-configuration';
import { ElectionSetupService } from '../setup/election-setup-service';
import { ElectionRuntime } from '../election-runtime';
import { TrusteeProcesses, type TrusteeMachine } from '../setup/trustee-processes';
import { startTrusteeApi } from '../ceremony/trustee-api-server';
import { checkpointLedger } from '../setup/log-checkpointer';
import { credentialAuthorityStep, runCredentialAuthority, verifierAuthorityArgs } from '../credentials/run-credential-authority';
import { CapturingSmsSender } from './capturing-sms-sender';
import { Progress, step } from './progress';
import { parseSimulacroOptions, type SimulacroOptions } from './simulacro-options';
import { moveVotingWindow } from './simulacro-manual';
import { runSyntheticVoter, type SyntheticVoterOutcome } from './synthetic-voter';
import { VoterHttpClient, voterLoopbackAddress } from './voter-http-client';
import { VoterCryptoPool } from './voter-crypto-pool';
import { PhaseClock, type PhaseName } from './phase-times';
import { compareResults } from './compare-results';
import { simulacroMessages } from '../messages/simulacro.messages';
import { groupBackendFromEnv, selectGroupBackendFromEnv } from '../parallel/group-backend';
import { startWitnessProcesses, type WitnessProcesses } from './witness-processes';
import type { WitnessPolicy } from '../ledger/checkpoint/witness-policy';
import { countCosignedReceipts } from './receipts-cosigned';
import { witnessMessages } from '../messages/witness.messages';

const REPO_ROOT = join(__dirname, '..', '..');
const m = messagesOf(cliMessages);
const NOTARY = m.text('simulacro.notaryName', 'es');
const notaryRole = m.pair('simulacro.notaryRole');
const NOTARY_OFFICIAL = { name: NOTARY, role: notaryRole.es, roleEn: notaryRole.en };
const w = messagesOf(witnessMessages);
const ms = messagesOf(simulacroMessages);
/** Voters kept for a person with --keep-open (the rest vote by themselves first). */
const HAND_VOTERS = 3;
/** The simulacro's witnesses (a party, an observer, an auditor) and their quorum (log.md §8.3). */
const WITNESS_NAMES = ['testigo.partido-a.simulacro', 'testigo.observacion.simulacro', 'testigo.auditoria.simulacro'];
const WITNESS_QUORUM = 2;

export interface SimulacroContext {
  options: SimulacroOptions;
  dataDir: string;
  electionId: string;
  store: EventStore;
  /** The director's own command path (the service has its own, for the voters). */
  path: CommandPath;
  pool: Pool;
  /** The trustees' stations (folder, token, process environment). */
  trustees: TrusteeMachine[];
  outcomes: SyntheticVoterOutcome[];
  baseUrl: string;
  clock: PhaseClock;
}

async function main(): Promise<number> {
  const options = parseSimulacroOptions(process.argv.slice(2), REPO_ROOT);
  // The service runs in this process: its deciders use the backend its worker threads use.
  await selectGroupBackendFromEnv();
  const started = Date.now();
  const clock = new PhaseClock();
  const phase = (name: PhaseName, title: string) => {
    clock.start(name);
    step(title);
  };
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'urna-simulacro-'));
  mkdirSync(dataDir, { recursive: true });
  // mkdtemp makes it 0700; PostgreSQL, run as its own user when we are root, must pass through.
  if (!options.dataDir) chmodSync(dataDir, 0o755);
  const summary = m.text('simulacro.summary', 'es', { voters: options.voters, trustees: options.trustees, threshold: options.threshold });
  process.stderr.write(`${m.both('simulacro.title')} — ${summary}\n  ${m.both('simulacro.data')}: ${dataDir}\n`);

  phase('database', m.both('simulacro.step.database'));
  let url = process.env.DATABASE_URL;
  let stopDb = async (): Promise<void> => undefined;
  if (!url) {
    const db = await startEmbeddedPostgres({ dataDir: dataLayout(dataDir).postgresCluster, persistent: true });
    url = db.url;
    stopDb = db.stop;
    process.stderr.write(`  ${m.both('db.embedded')}\n`);
  }
  // A broken connection, idle or checked out, is reported and dropped; the next query reconnects
  // (without listeners its 'error' event would kill the process: src/ledger/postgres/guarded-pool.ts).
  const pool = createGuardedPool({ connectionString: url, max: 10 }, (err) => process.stderr.write(`  PostgreSQL: ${m.both('db.connectionLost')}: ${err.message}\n`));
  const store = new PostgresEventStore(pool);
  let app: NestExpressApplication | undefined;
  let path: CommandPath | undefined;
  let witnesses: Promise<WitnessProcesses> | undefined;
  try {
    await store.migrate();
    path = await openCommandPath(store);
    // Configured with the window an hour ahead; just before opening it is amended to start
    // seconds later (the opening report must precede the window), and ratified again.
    const fixtureText = readFileSync(options.fixture, 'utf8');
    const now = new Date();
    const manualText = moveVotingWindow(fixtureText, new Date(now.getTime() + 3600_000), new Date(now.getTime() + 13 * 3600_000), now);
    const electionId = String((parseYaml(manualText) as { process: { id: string } }).process.id);
    const config = loadConfiguration({
      ...process.env,
      DATABASE_URL: url,
      URNA_DATA_DIR: dataDir,
      URNA_ELECTION_ID: electionId,
      URNA_SCRYPT_LN: '10',
      LOG_FORMAT: 'text',
    });
    const signer = await createLogSigner(config);
    // The witnesses start now, as processes of their own, while the set-up runs (their start-up
    // then costs the simulacro no time); the service is given their keys and URLs.
    witnesses = startWitnessProcesses(dataDir, WITNESS_NAMES, WITNESS_QUORUM, signer.name, formatVerifierKey(signer.name, signer.publicKey),
      (line) => process.stderr.write(`${line}\n`));
    witnesses.catch(() => undefined); // awaited at the service step; never an unhandled rejection
    const setup = new ElectionSetupService({
      store,
      commands: path.commands,
      electionId,
      dataDir,
      checkpoint: () => checkpointLedger(pool, store, signer, 'merkle'),
      log: { origin: signer.name, verifierKey: formatVerifierKey(signer.name, signer.publicKey) },
      witnesses: async () => (await witnesses!).policy,
      softwareVersion: () => computeSoftwareVersion(),
      progress: (line) => process.stderr.write(`  ${line}\n`),
    });

    phase('configuration', m.both('simulacro.step.configuration'));
    await setup.configure(manualText, { role: 'ine-operator', id: 'simulacro' });
    process.stderr.write(`  ${await setup.ratifyAll()} ${m.both('setup.ratifications')}\n`);

    phase('roll', `${m.both('simulacro.step.roll')} (${options.voters})`);
    const roll = await setup.importSyntheticRoll(options.voters, options.seed);
    process.stderr.write(`  ${m.both('simulacro.rollImported', { imported: roll.imported, sent: roll.credentialsSent })}\n`);

    // The credential authority: another institution's process, with its own folder (issue 13).
    phase('credentials', credentialAuthorityStep());
    await runCredentialAuthority({ store, commands: path.commands, electionId, dataDir, outbox: join(dataDir, 'outbox'), say: (line) => process.stderr.write(`${line}\n`) });

    phase('ceremony', m.both('simulacro.step.ceremony', { trustees: options.trustees }));
    // Each trustee is a station of its own: its own folder, its own token (its own SoftHSM store)
    // and its own process. This process plays the officials and the service: it never opens a
    // trustee's token, and reaches the stations only through the trustee API (HTTP).
    const trustees: TrusteeMachine[] = Array.from({ length: options.trustees }, (_, k) => {
      const folder = trusteeFolder(dataLayout(dataDir), k + 1);
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const hsm = createSoftHsmEnvironment(join(folder, 'hsm'));
      const tokenLabel = `${electionId}-custodio-${k + 1}`;
      const pin = randomBytes(6).toString('hex');
      hsm.initToken(tokenLabel, randomBytes(8).toString('hex'), pin);
      // What only this trustee knows, kept beside its token (a simulacro's trustees are played here).
      writeFileSync(join(folder, 'pin'), `${pin}\n`, { mode: 0o600 });
      return { name: m.text('simulacro.trusteeName', 'es', { k: k + 1 }), trusteeIndex: k + 1, dataDir: join(folder, 'station'), tokenLabel, env: { ...hsm.env, URNA_TRUSTEE_PIN: pin } };
    });
    const say = (line: string) => process.stderr.write(`${line}\n`);
    await setup.enrolTrustees(await TrusteeProcesses.init(trustees, electionId, say));
    await setup.openCeremony(options.threshold, NOTARY);
    const trusteeApi = await startTrusteeApi(store, { electionId });
    let ceremony;
    try {
      ceremony = await setup.runCeremony(new TrusteeProcesses(trustees, trusteeApi.url), NOTARY, () => new Date().toISOString());
    } finally {
      await trusteeApi.close();
    }
    process.stderr.write(`  ${m.both('simulacro.electionKey')} ${ceremony.publicKey}\n`);

    phase('opening', m.both('simulacro.step.opening'));
    // The window is moved to start two seconds from now: the amendment, ratifications and report
    // take 0.6–0.8 s here, and the service starts in about 1 s meanwhile (with 3 s, casting
    // waited about 1 s more for the window). On a loaded machine they can take longer, and the
    // report must come first: then the window is moved again, further out.
    let opened: Awaited<ReturnType<typeof setup.open>> | undefined;
    for (const marginMs of [2000, 10_000, 30_000]) {
      const opensAt = new Date(Date.now() + marginMs);
      await setup.amend(
        moveVotingWindow(fixtureText, opensAt, new Date(opensAt.getTime() + 12 * 3600_000), now),
        (await loadConfigurationState(store, electionId)).state.configurationVersion,
        m.both('simulacro.amendReason'),
        { role: 'ine-operator', id: 'simulacro' },
      );
      await setup.ratifyAll();
      try {
        opened = await setup.open(new Date().toISOString(), [NOTARY_OFFICIAL]);
        break;
      } catch (err) {
        if (!(err instanceof DocumentError && err.code === 'OPENING_AFTER_VOTING_STARTED') || marginMs === 30_000) throw err;
      }
    }
    if (!opened) throw new Error('unreachable: the opening either succeeded or threw');
    process.stderr.write(`  ${m.both('simulacro.openingReport')} ${opened.pdfPath} (sha256 ${opened.pdfHash})\n`);

    phase('service', m.both('simulacro.step.service'));
    const outbox = dataLayout(dataDir).outbox;
    const sms = new CapturingSmsSender(new OutboxSmsSender(outbox));
    const witnessPolicy = (await witnesses).policy;
    process.stderr.write(`  ${w.both('simulacro.witnesses', { count: witnessPolicy.witnesses.length, quorum: witnessPolicy.quorum })}\n`);
    app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot(config, {
        signer,
        checkpointIntervalMs: 200,
        witnesses: witnessPolicy,
        messaging: { mail: new OutboxMailSender(outbox), sms },
        // Every synthetic voter connects from 127.0.0.1: the per-address budget is sized for the
        // whole simulacro; the per-voter limits stay as in production.
        rateLimits: { perIp: { capacity: 20 * options.voters + 100, refillPerSecond: 1000 } },
      }),
      { bodyParser: false, logger: ['error', 'warn'] },
    );
    // The booth's pages only when a person will use them (--keep-open).
    await configureHttp(app, { web: options.keepOpen ? {} : false });
    await app.listen(options.keepOpen ? options.port : 0, '127.0.0.1');
    const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    process.stderr.write(`  ${baseUrl}\n`);
    await waitForPhase(store, electionId, ['voting'], 15_000);
    process.stderr.write(`  ${m.both('simulacro.votingStarted')}\n`);

    phase('casting', m.both('simulacro.step.voting'));
    const { outcomes, reserved } = await castAll({ options, store, electionId, outbox, baseUrl, sms });
    if (options.keepOpen) {
      clock.start('keepOpen');
      await keepOpen(baseUrl, outbox, reserved, sms);
    }

    phase('closing', m.both('simulacro.step.closing'));
    await path.commands.execute(new CloseVotingCommand(electionId, {
      type: 'CloseVoting',
      electionId,
      now: new Date().toISOString(),
      simulacroEarlyClose: { isSimulacro: true, reason: m.both('simulacro.earlyCloseReason', { voters: options.voters }) },
    }, { actor: 'simulacro:director' }));
    // The service's runtime exports the box when it next looks at the lifecycle: now. A failed
    // export is logged by the runtime and tried again at its next look, which the wait covers.
    await app.get(ElectionRuntime).tickNow().catch(() => undefined);
    await waitForPhase(store, electionId, ['exported'], 60_000);
    const lifecycle = (await loadState(store, lifecycleStream(electionId), lifecycleDecider)).state;
    process.stderr.write(`  ${m.both('simulacro.ballotBoxExported')}, sha256 ${lifecycle.ballotBoxHash}\n`);

    const witnessed = receiptsCosigned(outcomes, witnessPolicy, signer);
    const context: SimulacroContext = { options, dataDir, electionId, store, path, pool, trustees, outcomes, baseUrl, clock };
    const ok = (await afterClosing(context, app, signer)) && witnessed;
    clock.end();
    process.stderr.write(`\n${clock.summary()}\n`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stderr.write(`\n${ok ? '✓' : '✗'} ${m.both(ok ? 'simulacro.complete' : 'simulacro.differences', { seconds })}\n  ${m.both('simulacro.data')}: ${dataDir}\n`);
    return ok ? 0 : 1;
  } finally {
    await app?.close();
    await (await witnesses?.catch(() => undefined))?.stop();
    await path?.close();
    closePkcs11Module();
    await store.close();
    await closePool(pool);
    await stopDb();
  }
}

/**
 * After closing: the tally ceremony with `trusteesAtTally` of the trustees' tokens, the acta
 * and the signed preservation manifest with the full election record, then the verifier run
 * as a separate process on that record, and the decrypted results set beside the tally of the
 * synthetic voters' plain choices.
 */
async function afterClosing(c: SimulacroContext, app: NestExpressApplication, signer: NoteSigner): Promise<boolean> {
  c.clock.start('tally');
  step(m.both('simulacro.step.tally', { atTally: c.options.trusteesAtTally, trustees: c.options.trustees }));
  let verifying: Progress | undefined;
  let verifyingDone = 0;
  const tally = new TallyService(c.store, c.path.commands, {
    actor: 'simulacro:tally-officer',
    onProgress: (p) => {
      if (p.step === 'verifying') {
        verifying ??= new Progress(m.both('simulacro.ballotsVerified'), p.total);
        verifying.tick(p.done - verifyingDone);
        verifyingDone = p.done;
      } else if (p.step === 'trustee') {
        process.stderr.write(`${p.line}\n`);
      }
    },
  });
  // The trustees present decrypt at their stations, each after checking the totals against the
  // ballot box the board serves (the service never sees a share). Each station checks in its own
  // thread (--workers 1): here the three stations share this machine's cores, and two worker
  // threads each (the default, right for a station alone on its machine) only added six thread
  // start-ups contending for the same two cores (tally phase of 1,000 voters 21.7–24.9 s → 16.8–18.4 s,
  // runs alternated; docs/operations/scaling.md §2.4).
  const outcome = await tally.tally(c.electionId, new TrusteeProcesses(c.trustees.slice(0, c.options.trusteesAtTally), c.baseUrl, { workers: 1 }));
  verifying?.finish();
  process.stderr.write(`  ${m.text('simulacro.tallySummary', 'es', { ballots: outcome.ballots, ballotBoxHash: outcome.ballotBoxHash, trustees: outcome.trusteesUsed.join(', ') })}\n`);

  c.clock.start('preservation');
  step(m.both('simulacro.step.preservation'));
  const log = app.get(MerkleLog);
  const checkpoints = app.get(CheckpointService);
  const preservationDir = dataLayout(c.dataDir).preservation;
  // The final operation report (numeral 28), issued before the package that preserves it.
  const report = await produceOperationReport({
    store: c.store, commands: c.path.commands, checkpoints, signer, electionId: c.electionId, issuedBy: 'operator',
    outDir: operationReportsDir(dataLayout(c.dataDir).documents), snapshots: [await app.get(ComponentState).snapshot()],
  }, 'final');
  process.stderr.write(`  ${messagesOf(monitoringMessages).both('cli.reportWritten')}: ${report.jsonPath}\n`);
  const issued = await issueActaAndPreservation({
    store: c.store, commands: c.path.commands, log, checkpoints, signer, electionId: c.electionId, dir: preservationDir,
    officials: [NOTARY_OFFICIAL],
    renderPdf: (record) => renderTallyRecordPdf(record),
    syncLog: () => waitForLog(c.store, log, checkpoints),
    ...simulacroPackageInputs(c.dataDir, c.electionId), // the notary's key (confidential part) and the opening report
  });
  process.stderr.write(`  ${m.text('simulacro.acta', 'es')}: ${join(preservationDir, 'acta', 'acta.pdf')}\n  ${m.both('simulacro.signedManifest')}: ${issued.manifestPath}\n`);

  c.clock.start('verification');
  step(m.both('simulacro.step.verification'));
  const recordDir = join(preservationDir, 'election-record');
  const vkey = formatVerifierKey(signer.name, signer.publicKey);
  const verified = spawnSync(process.execPath, ['-r', 'urna-ts-register', join(__dirname, '..', 'verifier', 'urna-verify.ts'), recordDir, '--vkey', vkey, ...verifierAuthorityArgs(c.dataDir)], {
    cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024,
  });
  process.stderr.write(verified.stdout ?? '');
  const verifierOk = verified.status === 0;

  c.clock.start('results');
  step(m.both('simulacro.step.results'));
  // Ballots a person cast by hand (--keep-open) have choices unknown here: compare-results.ts.
  const { mismatches, rows: compared, byHand } = compareResults(expectedTotals(c.outcomes), outcome.results, outcome.ballots, c.outcomes.length, c.options.keepOpen ? HAND_VOTERS : 0);
  if (byHand > 0) process.stderr.write(`  ${ms.both('keepOpen.handBallots', { count: byHand })}\n`);
  const rows = compared.map((r) => `  ${r.contestId.padEnd(10)} ${r.optionId.padEnd(16)} ${String(r.plain).padStart(6)} ${String(r.decrypted).padStart(9)}  ${r.agrees ? '✓' : '✗'}`);
  c.clock.end();
  const columns = m.pair('simulacro.results.columns');
  process.stdout.write(['', `  ${columns.es}`, `             ${columns.en}`, ...rows, ''].join('\n'));
  const { phases, total, thread } = c.clock.times();
  process.stdout.write(`\n${JSON.stringify({
    ballots: outcome.ballots, ballotBoxHash: outcome.ballotBoxHash, trusteesUsed: outcome.trusteesUsed, mismatches,
    verifier: m.text(verifierOk ? 'simulacro.verified' : 'simulacro.notVerified', 'es'), record: recordDir,
    byHand, phaseSeconds: phases, totalSeconds: total,
    // The service's thread (this one) per phase: seconds on a core, and waiting for one.
    serviceThreadSeconds: thread,
  }, null, 2)}\n`);
  if (mismatches > 0) process.stderr.write(`✗ ${m.both('simulacro.mismatches', { count: mismatches })}\n`);
  if (!verifierOk) process.stderr.write(`✗ ${m.both('simulacro.verifierRejected')}\n`);
  return mismatches === 0 && verifierOk;
}

/**
 * Every receipt's checkpoint, as the voter got it, verifies with the log's key and carries the
 * cosignatures of at least the quorum of the configured witnesses (checked from the note alone).
 */
function receiptsCosigned(outcomes: SyntheticVoterOutcome[], policy: WitnessPolicy, signer: NoteSigner): boolean {
  const cosigned = countCosignedReceipts(outcomes.map((o) => o.receipt.checkpoint), policy, formatVerifierKey(signer.name, signer.publicKey));
  const ok = cosigned === outcomes.length;
  process.stderr.write(`  ${ok ? '✓' : '✗'} ${w.both('simulacro.receiptsCosigned', { cosigned, receipts: outcomes.length, quorum: policy.quorum })}\n`);
  return ok;
}

/** Resolves once the transparency log holds every ledger event under a signed checkpoint. */
async function waitForLog(store: EventStore, log: MerkleLog, checkpoints: CheckpointService): Promise<number> {
  const head = await store.head();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const latest = await checkpoints.latest();
    if ((await log.size()) >= head && latest && latest.size >= head) return latest.size;
    if (Date.now() > deadline) throw new Error(m.both('simulacro.logBehind'));
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function expectedTotals(outcomes: SyntheticVoterOutcome[]): Record<string, Record<string, number>> {
  const totals: Record<string, Record<string, number>> = {};
  for (const o of outcomes) {
    for (const [contest, option] of Object.entries(o.selections)) {
      totals[contest] ??= {};
      totals[contest][option] = (totals[contest][option] ?? 0) + 1;
    }
  }
  return totals;
}

interface VoterCredential {
  to: string;
  phone: string;
  cred: { username: string; password: string };
}

/**
 * Every synthetic voter casts (all but HAND_VOTERS with --keep-open, returned as `reserved`),
 * `concurrency` of them in flight, each from its own loopback address, encrypting in the worker
 * pool. Each voter draws from its own seeded source (seed and e-mail), so the choices and who
 * challenges a ballot do not depend on which voter finished first.
 */
async function castAll(p: { options: SimulacroOptions; store: EventStore; electionId: string; outbox: string; baseUrl: string; sms: CapturingSmsSender }): Promise<{ outcomes: SyntheticVoterOutcome[]; reserved: VoterCredential[] }> {
  const snapshot = await loadElectionSnapshot(p.store, p.electionId);
  const entityCodes = snapshot.manifest!.entities.map((e) => e.code);
  // The same seeded roll the set-up imported: it tells each synthetic voter's phone number.
  const roll = generateSyntheticRoll({ size: p.options.voters, random: seededRandomSource(p.options.seed), entityCodes });
  const phoneByEmail = new Map(roll.map((v) => [v.email, v.mobilePhone]));
  const credentials: VoterCredential[] = (await readOutbox(p.outbox, { channel: 'mail' }))
    .map((m) => ({ to: m.to, phone: phoneByEmail.get(m.to) ?? '', cred: credentialFromMail(m.text) }))
    .filter((m): m is VoterCredential => Boolean(m.cred));
  if (credentials.length !== p.options.voters) throw new Error(`expected ${p.options.voters} credential e-mails in the outbox, found ${credentials.length}`);
  credentials.sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0));
  const reserved = p.options.keepOpen ? credentials.splice(credentials.length - Math.min(HAND_VOTERS, credentials.length - 1)) : [];
  const crypto = new VoterCryptoPool(p.options.cryptoWorkers);
  const inFlight = Math.min(p.options.concurrency, credentials.length);
  const backend = groupBackendFromEnv(); // the worker threads' and, since selectGroupBackendFromEnv, this thread's
  process.stderr.write(`  ${ms.both('casting.parallel', { inFlight, threads: Math.max(p.options.cryptoWorkers, 1), backend })}\n`);
  const progress = new Progress(m.both('simulacro.voters'), credentials.length);
  const outcomes: SyntheticVoterOutcome[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    for (;;) {
      const k = next++;
      if (k >= credentials.length) return;
      const { to, phone, cred } = credentials[k];
      const random = seededRandomSource(`${p.options.seed}/choices/${to}`);
      const uniform = () => random.bytes(4).reduce((a, b) => a * 256 + b, 0) / 2 ** 32;
      try {
        if (!phone) throw new Error(`no phone for ${to}`);
        const spoilFirst = uniform() < p.options.spoilShare;
        const client = new VoterHttpClient(p.baseUrl, voterLoopbackAddress(k), { keepAlive: true });
        const outcome = await runSyntheticVoter(client, crypto, { ...cred, phone, spoilFirst, random: uniform }, (ph) => p.sms.nextCode(ph)).finally(() => client.close());
        if (outcome.spoiledAudit && !outcome.spoiledAudit.ok) failures.push(`${cred.username}: audited ballot did not match the choices`);
        outcomes.push(outcome);
      } catch (err) {
        failures.push(`${cred.username}: ${(err as Error).message}`);
      }
      progress.tick();
    }
  };
  try {
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    await crypto.close();
  }
  const spoiled = outcomes.filter((o) => o.spoiledAudit).length;
  progress.finish(m.both('simulacro.votesCast', { cast: outcomes.length, audited: spoiled }));
  if (failures.length > 0) throw new Error(`${m.both('simulacro.votersFailed', { count: failures.length })}:\n  ${failures.slice(0, 10).join('\n  ')}`);
  return { outcomes, reserved };
}

/**
 * --keep-open (issue 15): the service stays up with voting open; the booth's address and the
 * reserved voters' credentials are printed, Spanish then English, and their SMS codes are shown
 * on this console as the service sends them. Resolves when Enter is pressed (a line on stdin);
 * the simulacro then closes, tallies and verifies as usual.
 */
async function keepOpen(baseUrl: string, outbox: string, reserved: VoterCredential[], sms: CapturingSmsSender): Promise<void> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  for (const { phone, cred } of reserved) {
    sms.showCodes(phone, (code) => say(`  ✉ ${ms.both('keepOpen.code', { username: cred.username, phone, code })}`));
  }
  const lines: string[] = [];
  for (const lang of ['es', 'en'] as const) {
    lines.push('', `  ${ms.text('keepOpen.title', lang)}`, `    ${ms.text('keepOpen.booth', lang)}: ${baseUrl}/booth.html`, `    ${ms.text('keepOpen.board', lang)}: ${baseUrl}/`);
    lines.push(`    ${ms.text('keepOpen.credentials', lang)}`);
    for (const { phone, cred } of reserved) lines.push(`      ${ms.text('keepOpen.voter', lang, { username: cred.username, password: cred.password, phone })}`);
    lines.push(`    ${ms.text('keepOpen.sms', lang, { outbox })}`, `    ${ms.text('keepOpen.finish', lang)}`);
  }
  say(lines.join('\n'));
  // Enter, not Ctrl-C: a terminal's Ctrl-C reaches the whole process group, and the embedded
  // PostgreSQL and the witnesses would stop with it before the tally.
  const input = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => input.once('line', () => resolve()));
  input.close();
  say(`\n  ${ms.both('keepOpen.closing')}`);
}

async function waitForPhase(store: EventStore, electionId: string, phases: LifecyclePhase[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { state } = await loadState(store, lifecycleStream(electionId), lifecycleDecider);
    if (phases.includes(state.phase)) return;
    if (Date.now() > deadline) throw new Error(m.both('simulacro.phaseNotReached', { phases: phases.join('/'), phase: state.phase }));
    await new Promise((r) => setTimeout(r, 200));
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`\n✗ ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
