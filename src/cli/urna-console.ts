/**
 * The set-up console behind `npm run urna -- <command>` (src/cli/urna.ts starts it):
 *   version                     prints the software version (hash of the running code)
 *   setup --fixture <manual.yaml> [--voters 10000 | --roll <roll.csv>] [--trustees 5] [--threshold 3] [--data <dir>] [--now <ISO instant>] [--opens <ISO> --closes <ISO>]
 *       configures, ratifies, imports the roll (a synthetic one of --voters, or the CSV file given
 *       with --roll: bad rows are listed with their line and not imported; scrypt cost from
 *       URNA_SCRYPT_LN, default 15), runs the key ceremony with one trustee station process
 *       (`urna trustee`) per trustee, each on its own SoftHSM token under <dir>/trustees/trustee-<k>
 *       (PIN in its pin file, mode 0600, simulacro only), over the trustee API it serves meanwhile,
 *       and opens the election (opening report JSON + PDF in <dir>/documents).
 *   verify <record-folder> [--vkey <log key>] [--json]
 *       verifies an exported election record; exit 0 verified, 1 a check failed, 2 usage
 *   check-audited <audit code> --url <service> [--json]
 *       re-encrypts an audited (Benaloh) ballot from its published disclosure and prints its choices
 *   verify --package <preservation-folder> [--vkey <log key>] [--public-only] [--json]
 *       verifies a preservation package (checks P1–P7, docs/spec/documents.md §5.5)
 *   preservation-keygen [--out <dir>]   X25519 key pair for the notary (private key 0600)
 *   preservation-open <sealed-file> --key <private.pem> --out <file>
 *       decrypts the package's confidential part (urna.sealed/1) for the key's holder
 *   monitor --url <service> --vkey <log key> --state <dir> [--stale-after 120] [--once] [--json]
 *       follows the transparency log through its tiles and reports anomalies (src/monitor/monitor-cli.ts)
 *   monitoring add-account --username <u> --role <role> --name <n> --email <e> --phone <+E.164> | report --kind daily|final
 *       monitoring accounts and the signed operation reports (src/monitoring-accounts/monitoring-cli.ts)
 *   trustee init|status|next|ceremony|tally|view|submit …
 *       the trustee station, run by each trustee on their own machine (src/trustee-station/station-cli.ts)
 *   witness init --name <name> --out <dir> | serve --dir <dir> --port <p> --log <origin>=<vkey> …
 *       a transparency-log witness (C2SP tlog-witness), run by a party, observer or auditor (src/witness)
 *   configure --manual <manual.yaml> [--opens <ISO> --closes <ISO>] | ratify | roll --csv <roll.csv>
 *   | ceremony --threshold <t> --enrolment <card>… | open | serve | tally | acta      [--data <dir>]
 *       the real-election route, one step per command, each printing what comes next
 *       (src/route/route-commands.ts; README "A real election, step by step")
 * Data: one layout under --data (default URNA_DATA_DIR, else .data), the service's own
 * (src/config/data-layout.ts). Ledger: DATABASE_URL, or the folder's embedded PostgreSQL.
 */
import { Command, InvalidArgumentError } from 'commander';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { computeSoftwareVersion } from '../application/software-version';
import { consoleRoot } from './console-root';
import { runCliProgram } from './run-cli-program';
import { credentialsCommand } from '../credentials/credentials-cli';
import { monitorCommand } from '../monitor/monitor-cli';
import { monitoringCommand } from '../monitoring-accounts/monitoring-cli';
import { credentialAuthorityStep, runCredentialAuthority } from '../credentials/run-credential-authority';
import { closePkcs11Module, createSoftHsmEnvironment } from '../hsm';
import { listSoftHsmTokens } from '../hsm/softhsm/softhsm-environment';
import { TrusteeProcesses } from '../setup/trustee-processes';
import { startTrusteeApi } from '../ceremony/trustee-api-server';
import { trusteeCommand } from '../trustee-station/station-cli';
import { witnessCommand } from '../witness/witness-cli';
import { checkAuditedCommand } from '../verifier/check-audited-cli';
import { joinBoth, messagesOf, type Bilingual } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { trusteeFolder } from '../config/data-layout';
import { writeElectionFile } from '../config/election-file';
import { SetupError } from '../setup/setup-errors';
import { openRouteLedger, routeConfiguration, routeLogSigner } from '../route/route-ledger';
import { routeCommands, sayLogIdentity, setupServiceOf } from '../route/route-commands';
import { manualWindow, setVotingWindow, windowProblem } from '../route/voting-window';

const say = (line: string) => process.stdout.write(`${line}\n`);
const m = messagesOf(cliMessages);

interface SetupOptions {
  fixture: string;
  voters: number;
  roll?: string;
  trustees: number;
  threshold: number;
  data: string;
  now?: string;
  opens?: Date;
  closes?: Date;
}

async function setup(o: SetupOptions): Promise<void> {
  const started = Date.now();
  const fixture = resolve(o.fixture);
  const voters = o.voters;
  const n = o.trustees;
  const t = o.threshold;
  if ((o.opens === undefined) !== (o.closes === undefined)) throw new InvalidArgumentError(m.both('route.option.bothInstants'));
  let manualText = readFileSync(fixture, 'utf8');
  // The real voting window, when given, replaces the manual's (and is recorded with it).
  if (o.opens && o.closes) manualText = setVotingWindow(manualText, o.opens, o.closes);
  const window = manualWindow(manualText);
  const electionId = window.electionId;
  const problem = windowProblem(window, new Date());
  if (problem && o.opens) throw new SetupError('VOTING_WINDOW_NOT_AHEAD', m.pair('route.error.window', { problem, opens: window.opens, closes: window.closes }));
  // A rehearsal of a past election runs on a simulated clock one hour before voting opens.
  const opens = Date.parse(window.opens);
  const now = o.now ?? (Date.now() < opens ? new Date().toISOString() : new Date(opens - 3600_000).toISOString());
  if (problem && !o.now) say(m.both('setup.windowPast', { opens: window.opens, closes: window.closes, now }));
  const step = (k: number, title: Bilingual) => say(`[${k}/6] ${joinBoth(title)}  (+${((Date.now() - started) / 1000).toFixed(1)} s)`);

  // The data folder's one layout, the service's own (src/config/data-layout.ts): the same
  // database, the same log key and the same per-election origin that `npm start` uses after it.
  const ledger = await openRouteLedger(o.data, say);
  const { layout, pool, store, path } = ledger;
  const dataDir = layout.root;
  try {
    const signer = await routeLogSigner(ledger, routeConfiguration(ledger, electionId));
    writeElectionFile(layout, { electionId, logOrigin: signer.name });
    const service = setupServiceOf(ledger, electionId, signer, say);
    sayLogIdentity(signer);

    step(1, m.pair('urna.step.configure'));
    await service.configure(manualText, { role: 'ine-operator', id: 'simulacro' });
    step(2, m.pair('urna.step.ratify'));
    say(`  ${await service.ratifyAll()} ${m.both('setup.ratifications')}`);

    const rollCsv = o.roll ? resolve(o.roll) : undefined;
    const ln = Number(process.env.URNA_SCRYPT_LN ?? 15);
    if (rollCsv) step(3, m.pair('urna.step.rollCsv', { path: rollCsv, ln }));
    else step(3, m.pair('urna.step.rollSynthetic', { voters }));
    const fromCsv = rollCsv ? await service.importRollCsv(rollCsv, { ln, r: 8, p: 1 }) : undefined;
    const roll = fromCsv ?? await service.importSyntheticRoll(voters, `${electionId}-simulacro`);
    if (fromCsv) {
      const line = m.pair('roll.line');
      for (const p of fromCsv.problems.slice(0, 50)) say(`  ✗ ${line.es}/${line.en} ${p.line} [${p.code}] ${p.reason}`);
      if (fromCsv.problems.length > 50) say(`  … ${fromCsv.problems.length - 50} ${m.both('urna.moreProblems')}`);
      say(`  ${fromCsv.problems.length} ${m.both('urna.rowsRefused')}`);
    }
    say(`  ${m.both('urna.rollImported', { imported: roll.imported, sent: roll.credentialsSent })}; ${m.text('urna.rollCommitment', 'es')} ${roll.rollCommitment}`);
    // The credential authority, as another institution's process with its own folder (issue 13);
    // its e-mails go to the outbox unless URNA_SMTP_URL sends them.
    say(credentialAuthorityStep());
    await runCredentialAuthority({ store, commands: path.commands, electionId, dataDir, outbox: process.env.URNA_SMTP_URL ? undefined : layout.outbox, say });

    step(4, m.pair('urna.step.tokens', { n }));
    // One station per trustee (`urna trustee`), each with its own folder and SoftHSM token store
    // under <dir>/trustees/trustee-<k>; their PINs are kept there (0600): a simulacro plays every
    // trustee. This process only enrols them and serves the trustee API.
    const trustees = Array.from({ length: n }, (_, k) => {
      const folder = trusteeFolder(layout, k + 1);
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const hsm = createSoftHsmEnvironment(join(folder, 'hsm'));
      const label = `${electionId}-trustee-${k + 1}`;
      const pinPath = join(folder, 'pin');
      if (!listSoftHsmTokens(hsm.confPath).some((x) => x.label === label)) {
        writeFileSync(pinPath, `${randomBytes(6).toString('hex')}\n`, { mode: 0o600 });
        hsm.initToken(label, randomBytes(8).toString('hex'), readFileSync(pinPath, 'utf8').trim());
      }
      const pin = readFileSync(pinPath, 'utf8').trim();
      return { name: m.text('urna.trusteeName', 'es', { k: k + 1 }), trusteeIndex: k + 1, dataDir: join(folder, 'station'), tokenLabel: label, env: { ...hsm.env, URNA_TRUSTEE_PIN: pin } };
    });
    say(`  ${m.both('urna.pins')}: ${join(layout.trustees, 'trustee-<k>', 'pin')} (0600)`);
    await service.enrolTrustees(await TrusteeProcesses.init(trustees, electionId, say));

    step(5, m.pair('urna.step.ceremony', { t, n }));
    const notary = m.text('urna.notaryName', 'es');
    await service.openCeremony(t, notary);
    const trusteeApi = await startTrusteeApi(store, { electionId });
    let completed;
    try {
      completed = await service.runCeremony(new TrusteeProcesses(trustees, trusteeApi.url), notary, () => now);
    } finally {
      await trusteeApi.close();
    }
    say(`  ${m.both('urna.electionKey')}: ${completed.publicKey}`);
    say(`  ${m.both('urna.transcriptHash')}: ${completed.transcriptHash}`);

    step(6, m.pair('urna.step.opening'));
    const role = m.pair('urna.notaryRole');
    const opened = await service.open(now, [{ name: notary, role: role.es, roleEn: role.en }]);
    say(`  ${m.both('urna.openingReport')}: ${opened.jsonPath} (sha256 ${opened.reportHash})`);
    say(`  PDF: ${opened.pdfPath} (sha256 ${opened.pdfHash})`);
    say(`  ${m.both('urna.softwareVersion')}: ${opened.report.software.codeHash}`);
    sayLogIdentity(signer);
    say(`${m.both('urna.done', { seconds: ((Date.now() - started) / 1000).toFixed(1) })}. ${m.both('urna.votingOpens', { opens: window.opens })}.`);
    say(`\n→ ${m.both('route.next')}: ${m.both('route.next.serve')}\n    npm run urna -- serve --data ${dataDir}`);
  } finally {
    closePkcs11Module();
    await ledger.close();
  }
}

const isoInstant = (name: string) => (value: string): Date => {
  const t = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(t)) throw new InvalidArgumentError(`--${name}: ${m.both('route.option.instant')}`);
  return new Date(t);
};

const wholeNumber = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`--${name}: ${m.both('urna.option.wholeNumber')}`);
  return n;
};

function program(): Command {
  const urna = consoleRoot();
  urna.command('version')
    .description(m.both('urna.version.description'))
    .action(() => {
      const v = computeSoftwareVersion();
      say(`urna ${v.packageVersion} ${v.hash} (${v.files} ${m.both('urna.version.files')})`);
    });
  urna.command('setup')
    .description(m.both('urna.setup.description'))
    .requiredOption('--fixture <manual.yaml>', m.both('urna.setup.option.fixture'))
    .option('--voters <n>', m.both('urna.setup.option.voters'), wholeNumber('voters'), 10000)
    .option('--roll <roll.csv>', m.both('urna.setup.option.roll'))
    .option('--trustees <n>', m.both('urna.setup.option.trustees'), wholeNumber('trustees'), 5)
    .option('--threshold <t>', m.both('urna.setup.option.threshold'), wholeNumber('threshold'), 3)
    .option('--data <dir>', m.both('urna.setup.option.data'), process.env.URNA_DATA_DIR ?? '.data')
    .option('--now <ISO instant>', m.both('urna.setup.option.now'))
    .option('--opens <ISO instant>', m.both('route.option.opens'), isoInstant('opens'))
    .option('--closes <ISO instant>', m.both('route.option.closes'), isoInstant('closes'))
    .action((o: SetupOptions) => setup(o));
  // The real-election route, one step per command (src/route/route-commands.ts).
  for (const command of routeCommands()) urna.addCommand(command);
  // The preservation package's confidential part (docs/spec/documents.md §5.3): a recipient key
  // pair for the notary or authority, and opening the sealed file with its private key.
  urna.command('preservation-keygen')
    .description(m.both('urna.preservationKeygen.description'))
    .option('--out <dir>', m.both('urna.preservationKeygen.option.out'), 'notaria')
    .option('--name <name>', m.both('urna.preservationKeygen.option.name'), 'notary-x25519')
    .action(async (o: { out: string; name: string }) => {
      const { ensureRecipientKeyFiles } = await import('../preservation/recipient-key');
      const keys = ensureRecipientKeyFiles(resolve(o.out), o.name);
      say(`${m.both('preservation.privateKey')}: ${keys.privateKeyPath} (0600)`);
      say(`${m.both('preservation.publicKey')}: ${keys.publicKeyPath} (URNA_PRESERVATION_RECIPIENT)`);
      say(`${m.both('preservation.fingerprint')}: ${keys.fingerprint}`);
    });
  urna.command('preservation-open')
    .description(m.both('urna.preservationOpen.description'))
    .argument('<sealed-file>', `${m.both('urna.preservationOpen.argument.example')} preservacion/confidencial/ledger-events.jsonl.urna-sealed`)
    .requiredOption('--key <private-key.pem>', m.both('urna.preservationOpen.option.key'))
    .requiredOption('--out <file>', m.both('urna.preservationOpen.option.out'))
    .action(async (sealedFile: string, o: { key: string; out: string }) => {
      const { openSealedFileTo, parseRecipientPrivateKey } = await import('../preservation/sealed-file');
      const bytes = await openSealedFileTo(resolve(sealedFile), parseRecipientPrivateKey(readFileSync(resolve(o.key))), resolve(o.out));
      say(`${m.both('urna.preservationOpen.done', { bytes })}: ${resolve(o.out)} (0600)`);
    });
  urna.command('verify')
    .description(m.both('urna.verify.description'))
    .argument('[args...]', '<record-folder> [--vkey <key>] [--group …] [--json]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => {
      // The verifier has its own options (npm run verify); exit 0 verified, 1 a check failed, 2 usage.
      const { main: verify } = await import('../verifier/urna-verify');
      process.exitCode = await verify(args);
    });
  // Each trustee's own station (src/trustee-station): on the trustee's machine, with their token.
  urna.addCommand(trusteeCommand());
  // The credential authority, on its own machine, and the service's import of its files (src/credentials).
  urna.addCommand(credentialsCommand());
  // A log monitor anyone can run with the key from the opening report (src/monitor).
  urna.addCommand(monitorCommand());
  // Monitoring accounts and operation reports (src/monitoring-accounts, numerals 26-28).
  urna.addCommand(monitoringCommand());
  // A witness of the transparency log, run by a party, observer or auditor (src/witness).
  urna.addCommand(witnessCommand());
  // A voter's or auditor's check of an audited ballot, on any machine (src/verifier/check-audited-cli.ts).
  urna.addCommand(checkAuditedCommand());
  return urna;
}

/** Runs one console command (argv without node and the script); exits as run-cli-program.ts describes. */
export function runConsole(argv: readonly string[]): void {
  runCliProgram(program, argv);
}
