/**
 * The real-election route as `urna` commands, one step each, each ending with what comes next
 * (README "A real election, step by step"):
 *
 *   configure → ratify → roll → ceremony → open → serve → (the scheduler closes) → tally → acta
 *
 * Every command opens the data folder's ledger (route-ledger.ts), does its one step through the
 * same services `urna setup` and the simulacro use (ElectionSetupService, the credential
 * authority's run, TallyService, issueActaAndPreservation), every change through the CommandBus,
 * and closes it again; the election id and the log's origin are read from <data>/election.json,
 * which `urna configure` writes.
 */
import { Command, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { computeSoftwareVersion } from '../application/software-version';
import { dataLayout } from '../config/data-layout';
import { readElectionFile, writeElectionFile } from '../config/election-file';
import { loadConfiguration as loadConfigurationState } from '../configuration/load-configuration';
import { isConfigured } from '../domain/configuration/state';
import { missingRatificationKeys } from '../domain/configuration/missing-ratifications';
import { ceremonyDecider } from '../domain/ceremony/decider';
import { ceremonyStream } from '../domain/ceremony/events';
import { loadState } from '../command-path/stream-state';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import { formatVerifierKey } from '../ledger/checkpoint/signed-note';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { messagesOf } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { witnessPolicyFromEnv } from '../ledger/checkpoint/witness-config';
import { keyFingerprint } from '../ledger/checkpoint/witness-policy';
import { logKeyFingerprint } from '../opening/log-key-fingerprint';
import { ElectionSetupService } from '../setup/election-setup-service';
import { checkpointLedger } from '../setup/log-checkpointer';
import { SetupError } from '../setup/setup-errors';
import { startTrusteeApi } from '../ceremony/trustee-api-server';
import { credentialAuthorityStep, runCredentialAuthority, verifierAuthorityArgs } from '../credentials/run-credential-authority';
import { TallyService } from '../tally/tally-service';
import { issueActaAndPreservation } from '../preservation/acta-and-preservation';
import { simulacroPackageInputs } from '../preservation/simulacro-package';
import { renderTallyRecordPdf } from '../documents';
import type { Enrolment } from '../trustee-station/station-folder';
import { closePkcs11Module } from '../hsm';
import { LOG_SCHEMA, openRouteLedger, routeConfiguration, routeLogSigner, type RouteLedger } from './route-ledger';
import { RemoteCeremonyTrustees, RemoteTallyTrustees } from './remote-trustees';
import { manualWindow, setVotingWindow, windowProblem } from './voting-window';

const m = messagesOf(cliMessages);
const say = (line: string) => process.stdout.write(`${line}\n`);
const DEFAULT_DATA = () => process.env.URNA_DATA_DIR ?? '.data';

/** "Next: …" in both languages, with the command to type. */
type NextStep = 'route.next.ratify' | 'route.next.roll' | 'route.next.ceremony' | 'route.next.open' | 'route.next.serve' | 'route.next.acta' | 'route.next.verify';
export function sayNext(key: NextStep, command: string): void {
  say(`\n→ ${m.both('route.next')}: ${m.both(key)}\n    ${command}`);
}

/** What people pin: the log's origin, its verifier key and its fingerprint. */
export function sayLogIdentity(signer: NoteSigner, out: (line: string) => void = say): void {
  const vkey = formatVerifierKey(signer.name, signer.publicKey);
  out(`  ${m.both('route.logOrigin')}: ${signer.name}`);
  out(`  ${m.both('route.logKey')}: ${vkey}`);
  out(`  ${m.both('route.logFingerprint')}: ${logKeyFingerprint(vkey)}`);
  // The witnesses the service will ask to cosign (URNA_WITNESSES), each with the fingerprint its
  // operator reads out from `urna witness init`, so they can be compared by eye here too.
  const policy = witnessPolicyFromEnv(process.env);
  if (policy.witnesses.length === 0) {
    out(`  ${m.both('route.noWitnesses')}`);
    return;
  }
  out(`  ${m.both('route.witnesses')}: ${policy.quorum}/${policy.witnesses.length}`);
  for (const w of policy.witnesses) out(`    ${w.vkey}  (${keyFingerprint(w.vkey)})`);
}

function instant(name: string) {
  return (value: string): Date => {
    const t = Date.parse(value);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) throw new InvalidArgumentError(`--${name}: ${m.both('route.option.instant')}`);
    return new Date(t);
  };
}

/** Runs one step on the folder's ledger for the election it holds, and closes everything after. */
async function onElection<T>(data: string, work: (ledger: RouteLedger, electionId: string, service: ElectionSetupService, signer: NoteSigner) => Promise<T>): Promise<T> {
  const layout = dataLayout(data);
  const recorded = readElectionFile(layout);
  if (!recorded) throw new SetupError('NO_ELECTION_IN_FOLDER', m.pair('route.error.noElection', { data: layout.root }));
  const ledger = await openRouteLedger(data, say);
  try {
    const config = routeConfiguration(ledger, recorded.electionId);
    // Every step checks the log's identity first, so a step never runs on another set-up's log.
    const signer = await routeLogSigner(ledger, config);
    const service = setupServiceOf(ledger, recorded.electionId, signer);
    return await work(ledger, recorded.electionId, service, signer);
  } finally {
    closePkcs11Module();
    await ledger.close();
  }
}

/** The set-up service on the route's ledger, the same the simulacro and `urna setup` use. */
export function setupServiceOf(ledger: RouteLedger, electionId: string, signer: NoteSigner, progress: (line: string) => void = (l) => say(`  ${l}`)): ElectionSetupService {
  return new ElectionSetupService({
    store: ledger.store, commands: ledger.path.commands, electionId, dataDir: ledger.layout.root,
    checkpoint: () => checkpointLedger(ledger.pool, ledger.store, signer, LOG_SCHEMA),
    log: { origin: signer.name, verifierKey: formatVerifierKey(signer.name, signer.publicKey) },
    witnesses: async () => witnessPolicyFromEnv(process.env),
    softwareVersion: () => computeSoftwareVersion(),
    progress,
  });
}

async function configure(o: { manual: string; opens?: Date; closes?: Date; data: string }): Promise<void> {
  if ((o.opens === undefined) !== (o.closes === undefined)) throw new InvalidArgumentError(m.both('route.option.bothInstants'));
  let manualText = readFileSync(resolve(o.manual), 'utf8');
  if (o.opens && o.closes) manualText = setVotingWindow(manualText, o.opens, o.closes);
  const window = manualWindow(manualText);
  const problem = windowProblem(window, new Date());
  if (problem) throw new SetupError('VOTING_WINDOW_NOT_AHEAD', m.pair('route.error.window', { problem, opens: window.opens, closes: window.closes }));
  const layout = dataLayout(o.data);
  const recorded = readElectionFile(layout);
  if (recorded && recorded.electionId !== window.electionId) {
    throw new SetupError('ANOTHER_ELECTION_IN_FOLDER', m.pair('route.error.otherElection', { data: layout.root, recorded: recorded.electionId, manual: window.electionId }));
  }
  const ledger = await openRouteLedger(o.data, say);
  try {
    const config = routeConfiguration(ledger, window.electionId);
    const signer = await routeLogSigner(ledger, config);
    const service = setupServiceOf(ledger, window.electionId, signer);
    const actor = { role: 'ine-operator' as const, id: 'urna-configure' };
    const { state } = await loadConfigurationState(ledger.store, window.electionId);
    if (!isConfigured(state)) {
      say(m.both('urna.step.configure'));
      await service.configure(manualText, actor);
    } else {
      say(m.both('route.amending', { version: state.configurationVersion }));
      await service.amend(manualText, state.configurationVersion, m.both('route.amendReason'), actor);
    }
    writeElectionFile(layout, { electionId: window.electionId, logOrigin: signer.name });
    say(`  ${m.both('route.election')}: ${window.electionId}`);
    say(`  ${m.both('route.window')}: ${window.opens} — ${window.closes}`);
    sayLogIdentity(signer);
    say(`  ${m.both('route.recorded')}: ${layout.electionFile}`);
    sayNext('route.next.ratify', `npm run urna -- ratify --data ${layout.root}`);
  } finally {
    closePkcs11Module();
    await ledger.close();
  }
}

async function ratify(o: { data: string }): Promise<void> {
  await onElection(o.data, async (ledger, electionId, service) => {
    say(m.both('urna.step.ratify'));
    say(`  ${await service.ratifyAll()} ${m.both('setup.ratifications')}`);
    const missing = missingRatificationKeys((await loadConfigurationState(ledger.store, electionId)).state);
    if (missing.length > 0) throw new SetupError('RATIFICATIONS_MISSING', m.pair('route.error.missing', { missing: missing.join(', ') }));
    sayNext('route.next.roll', `npm run urna -- roll --csv <padron.csv> --data ${ledger.layout.root}`);
  });
}

async function roll(o: { csv: string; data: string; credentialAuthority: boolean; systemUrl?: string }): Promise<void> {
  await onElection(o.data, async (ledger, electionId, service) => {
    const ln = Number(process.env.URNA_SCRYPT_LN ?? 15);
    say(m.both('urna.step.rollCsv', { path: resolve(o.csv), ln }));
    const imported = await service.importRollCsv(resolve(o.csv), { ln, r: 8, p: 1 });
    const line = m.pair('roll.line');
    for (const p of imported.problems.slice(0, 50)) say(`  ✗ ${line.es}/${line.en} ${p.line} [${p.code}] ${p.reason}`);
    say(`  ${imported.problems.length} ${m.both('urna.rowsRefused')}`);
    say(`  ${m.both('urna.rollImported', { imported: imported.imported, sent: imported.credentialsSent })}; ${m.text('urna.rollCommitment', 'es')} ${imported.rollCommitment}`);
    if (o.credentialAuthority) {
      // This machine plays the credential authority's processes too (its own folder, no database).
      say(credentialAuthorityStep());
      await runCredentialAuthority({
        store: ledger.store, commands: ledger.path.commands, electionId, dataDir: ledger.layout.root,
        outbox: process.env.URNA_SMTP_URL ? undefined : ledger.layout.outbox, systemUrl: o.systemUrl ?? process.env.URNA_PUBLIC_URL, say,
      });
    } else {
      say(`  ${m.both('route.credentialsElsewhere')}`);
    }
    sayNext('route.next.ceremony', `npm run urna -- ceremony --threshold <t> --enrolment <custodio-1/enrolment.json> … --data ${ledger.layout.root}`);
  });
}

function readEnrolment(arg: string, k: number): { name: string; tokenSerial: string; signingKey: string } {
  const eq = arg.indexOf('=');
  const name = eq > 0 ? arg.slice(0, eq) : m.text('urna.trusteeName', 'es', { k });
  const file = eq > 0 ? arg.slice(eq + 1) : arg;
  const card = JSON.parse(readFileSync(resolve(file), 'utf8')) as Enrolment;
  return { name, tokenSerial: card.tokenSerial, signingKey: card.signingKey };
}

async function ceremony(o: { threshold: number; enrolment: string[]; host: string; port: number; notary: string; data: string; timeout?: number }): Promise<void> {
  await onElection(o.data, async (ledger, electionId, service) => {
    const { state } = await loadState(ledger.store, ceremonyStream(electionId), ceremonyDecider);
    say(m.both('urna.step.ceremony', { t: o.threshold, n: o.enrolment.length || Object.keys(state.trustees).length }));
    // A ceremony resumed after a stop continues where the ledger says it is.
    if (Object.keys(state.trustees).length === 0) {
      if (o.enrolment.length === 0) throw new InvalidArgumentError(m.both('route.option.enrolment'));
      await service.enrolTrustees(o.enrolment.map((e, k) => readEnrolment(e, k + 1)));
    }
    if (!state.opened) await service.openCeremony(o.threshold, o.notary);
    const api = await startTrusteeApi(ledger.store, { electionId, host: o.host, port: o.port });
    try {
      say(`  ${m.both('route.trusteeApi')}: ${api.url}`);
      say(`  ${m.both('route.trusteesRun')}:\n    npm run urna -- trustee ceremony --service ${api.url} --data <carpeta-del-custodio>`);
      const completed = await service.runCeremony(new RemoteCeremonyTrustees({ store: ledger.store, electionId, timeoutMs: o.timeout }), o.notary, () => new Date().toISOString());
      say(`  ${m.both('urna.electionKey')}: ${completed.publicKey}`);
      say(`  ${m.both('urna.transcriptHash')}: ${completed.transcriptHash}`);
    } finally {
      await api.close();
    }
    sayNext('route.next.open', `npm run urna -- open --data ${ledger.layout.root}`);
  });
}

async function open(o: { notary: string; data: string }): Promise<void> {
  await onElection(o.data, async (ledger, _electionId, service, signer) => {
    say(m.both('urna.step.opening'));
    const role = m.pair('urna.notaryRole');
    const opened = await service.open(new Date().toISOString(), [{ name: o.notary, role: role.es, roleEn: role.en }]);
    say(`  ${m.both('urna.openingReport')}: ${opened.jsonPath} (sha256 ${opened.reportHash})`);
    say(`  PDF: ${opened.pdfPath} (sha256 ${opened.pdfHash})`);
    say(`  ${m.both('urna.softwareVersion')}: ${opened.report.software.codeHash}`);
    sayLogIdentity(signer);
    say(`  ${m.both('urna.votingOpens', { opens: opened.report.votingWindow?.opens ?? '' })}`);
    sayNext('route.next.serve', `npm run urna -- serve --data ${ledger.layout.root}`);
  });
}

async function serve(o: { data: string }): Promise<void> {
  const layout = dataLayout(o.data);
  const recorded = readElectionFile(layout);
  if (!recorded) throw new SetupError('NO_ELECTION_IN_FOLDER', m.pair('route.error.noElection', { data: layout.root }));
  // The service reads the folder's layout and its election.json (src/config/configuration.ts).
  process.env.URNA_DATA_DIR = layout.root;
  say(m.both('route.serving', { electionId: recorded.electionId }));
  say(`  ${m.both('route.afterClose')}:\n    npm run urna -- tally --data ${layout.root}`);
  await import('../main');
}

async function tally(o: { data: string; service?: string; present?: number; timeout?: number }): Promise<void> {
  await onElection(o.data, async (ledger, electionId) => {
    const lifecycle = (await loadState(ledger.store, lifecycleStream(electionId), lifecycleDecider)).state;
    if (lifecycle.phase !== 'exported') throw new SetupError('NOT_CLOSED', m.pair('route.error.notClosed', { phase: lifecycle.phase }));
    const serviceUrl = o.service ?? process.env.URNA_PUBLIC_URL ?? 'http://127.0.0.1:3000';
    say(m.both('route.tally'));
    say(`  ${m.both('route.trusteesTally')}:\n    npm run urna -- trustee tally --service ${serviceUrl} --data <carpeta-del-custodio>`);
    const service = new TallyService(ledger.store, ledger.path.commands, {
      actor: 'official:tally',
      onProgress: (p) => { if (p.step === 'trustee') say(`  ${p.line}`); },
    });
    const outcome = await service.tally(electionId, new RemoteTallyTrustees({ store: ledger.store, electionId, present: o.present, timeoutMs: o.timeout }));
    say(`  ${m.text('simulacro.tallySummary', 'es', { ballots: outcome.ballots, ballotBoxHash: outcome.ballotBoxHash, trustees: outcome.trusteesUsed.join(', ') })}`);
    for (const contest of outcome.results) {
      say(`  ${contest.contestId}: ${contest.counts.map((c) => `${c.optionId} ${c.count}`).join(', ')}`);
    }
    sayNext('route.next.acta', `npm run urna -- acta --data ${ledger.layout.root}`);
  });
}

/** Resolves once a checkpoint covers the ledger's head: signed by the running service, or, when
 * none follows the log (the service is stopped), by this process. */
async function syncLog(ledger: RouteLedger, checkpoints: CheckpointService, signer: NoteSigner): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const head = await ledger.store.head();
    const latest = await checkpoints.latest();
    if (latest && latest.size >= head) return latest.size;
    if (Date.now() > deadline) return (await checkpointLedger(ledger.pool, ledger.store, signer, LOG_SCHEMA)).size;
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function acta(o: { notary: string; data: string }): Promise<void> {
  await onElection(o.data, async (ledger, electionId, _service, signer) => {
    say(m.both('simulacro.step.preservation'));
    const log = new MerkleLog(ledger.pool, { schema: LOG_SCHEMA });
    const checkpoints = new CheckpointService(ledger.pool, log, signer, { schema: LOG_SCHEMA });
    const role = m.pair('urna.notaryRole');
    const dir = ledger.layout.preservation;
    const issued = await issueActaAndPreservation({
      store: ledger.store, commands: ledger.path.commands, log, checkpoints, signer, electionId, dir,
      officials: [{ name: o.notary, role: role.es, roleEn: role.en }],
      renderPdf: (record) => renderTallyRecordPdf(record),
      syncLog: () => syncLog(ledger, checkpoints, signer),
      ...simulacroPackageInputs(ledger.layout.root, electionId, say),
    });
    say(`  ${m.both('simulacro.acta')}: ${join(dir, 'acta', 'acta.pdf')}`);
    say(`  ${m.both('simulacro.signedManifest')}: ${issued.manifestPath}`);
    sayLogIdentity(signer);
    const vkey = formatVerifierKey(signer.name, signer.publicKey);
    const authority = verifierAuthorityArgs(ledger.layout.root).join(' ');
    sayNext('route.next.verify',
      `npm run urna -- verify ${join(dir, 'election-record')} --vkey '${vkey}' ${authority}\n    npm run urna -- verify --package ${dir} --vkey '${vkey}'`);
  });
}

const wholeNumber = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`--${name}: ${m.both('urna.option.wholeNumber')}`);
  return n;
};
const collect = (value: string, previous: string[]) => [...previous, value];

/** The route's commands, for src/cli/urna.ts. */
export function routeCommands(): Command[] {
  const data = () => new Command().option('--data <dir>', m.both('urna.setup.option.data'), DEFAULT_DATA());
  const notary = m.text('route.notaryName', 'es');
  return [
    data().name('configure').description(m.both('route.configure.description'))
      .requiredOption('--manual <manual.yaml>', m.both('urna.setup.option.fixture'))
      .option('--opens <ISO instant>', m.both('route.option.opens'), instant('opens'))
      .option('--closes <ISO instant>', m.both('route.option.closes'), instant('closes'))
      .action(configure),
    data().name('ratify').description(m.both('route.ratify.description')).action(ratify),
    data().name('roll').description(m.both('route.roll.description'))
      .requiredOption('--csv <roll.csv>', m.both('urna.setup.option.roll'))
      .option('--no-credential-authority', m.both('route.option.noCredentialAuthority'))
      .option('--system-url <url>', m.both('route.option.systemUrl'))
      .action(roll),
    data().name('ceremony').description(m.both('route.ceremony.description'))
      .requiredOption('--threshold <t>', m.both('urna.setup.option.threshold'), wholeNumber('threshold'))
      .option('--enrolment <[name=]enrolment.json>', m.both('route.option.enrolment'), collect, [])
      .option('--host <host>', m.both('route.option.host'), '127.0.0.1')
      .option('--port <port>', m.both('route.option.port'), (v) => Number(v), 3100)
      .option('--notary <name>', m.both('route.option.notary'), notary)
      .option('--timeout <ms>', m.both('route.option.timeout'), wholeNumber('timeout'))
      .action(ceremony),
    data().name('open').description(m.both('route.open.description'))
      .option('--notary <name>', m.both('route.option.notary'), notary)
      .action(open),
    data().name('serve').description(m.both('route.serve.description')).action(serve),
    data().name('tally').description(m.both('route.tally.description'))
      .option('--service <url>', m.both('route.option.service'))
      .option('--present <k>', m.both('route.option.present'), wholeNumber('present'))
      .option('--timeout <ms>', m.both('route.option.timeout'), wholeNumber('timeout'))
      .action(tally),
    data().name('acta').description(m.both('route.acta.description'))
      .option('--notary <name>', m.both('route.option.notary'), notary)
      .action(acta),
  ];
}
