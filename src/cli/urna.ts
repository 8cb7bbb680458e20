/**
 * `npm run urna -- <command>`: the set-up console.
 *   version                     prints the software version (hash of the running code)
 *   setup --fixture <manual.yaml> [--voters 10000 | --roll <roll.csv>] [--trustees 5] [--threshold 3] [--data <dir>] [--now <ISO instant>]
 *       configures, ratifies, imports the roll (a synthetic one of --voters, or the CSV file given
 *       with --roll: bad rows are listed with their line and not imported; scrypt cost from
 *       URNA_SCRYPT_LN, default 15), runs the key ceremony on SoftHSM tokens
 *       created in <dir>/tokens (PINs in <dir>/trustee-pins.json, mode 0600, simulacro only),
 *       and opens the election (opening report JSON + PDF in <dir>/documents).
 *   verify <record-folder> [--vkey <log key>] [--json]
 *       verifies an exported election record; exit 0 verified, 1 a check failed, 2 usage
 * Ledger: DATABASE_URL, or an embedded PostgreSQL kept in <dir>/postgres.
 */
import { Command, InvalidArgumentError } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { parse as parseYaml } from 'yaml';
import { computeSoftwareVersion } from '../application/software-version';
import { openCommandPath } from '../command-path/open-command-path';
import { closePkcs11Module, createSoftHsmEnvironment } from '../hsm';
import { listSoftHsmTokens } from '../hsm/softhsm/softhsm-environment';
import { SoftwareNoteSigner } from '../ledger/checkpoint/software-note-signer';
import { closePool } from '../ledger/postgres/close-pool';
import { startEmbeddedPostgres } from '../ledger/postgres/embedded-postgres';
import { PostgresEventStore } from '../ledger/postgres/postgres-event-store';
import { ElectionSetupService } from '../setup/election-setup-service';
import { checkpointLedger } from '../setup/log-checkpointer';

const say = (line: string) => process.stdout.write(`${line}\n`);

interface SetupOptions {
  fixture: string;
  voters: number;
  roll?: string;
  trustees: number;
  threshold: number;
  data: string;
  now?: string;
}

async function setup(o: SetupOptions): Promise<void> {
  const started = Date.now();
  const fixture = resolve(o.fixture);
  const voters = o.voters;
  const n = o.trustees;
  const t = o.threshold;
  const dataDir = resolve(o.data);
  mkdirSync(dataDir, { recursive: true });
  const manualText = readFileSync(fixture, 'utf8');
  const processInfo = (parseYaml(manualText) as { process: { id: string; voting_opens: string; voting_closes: string } }).process;
  const electionId = processInfo.id;
  // A simulacro of a past election runs on a simulated clock one hour before voting opens.
  const opens = Date.parse(processInfo.voting_opens);
  const now = o.now ?? (Date.now() < opens ? new Date().toISOString() : new Date(opens - 3600_000).toISOString());
  const step = (k: number, es: string, en: string) => say(`[${k}/6] ${es} / ${en}  (+${((Date.now() - started) / 1000).toFixed(1)} s)`);

  let url = process.env.DATABASE_URL;
  let stopDb = async () => undefined as void;
  if (!url) {
    const db = await startEmbeddedPostgres({ dataDir: join(dataDir, 'postgres', 'data'), persistent: true });
    url = db.url;
    stopDb = db.stop;
    say(`PostgreSQL embebido / embedded PostgreSQL: ${join(dataDir, 'postgres')}`);
  }
  const pool = new Pool({ connectionString: url, max: 8 });
  // A broken idle connection is dropped by the pool and the next query reconnects; without a
  // listener the pool's 'error' event would kill the process.
  pool.on('error', (err) => process.stderr.write(`  PostgreSQL: conexión perdida / connection lost: ${err.message}\n`));
  const store = new PostgresEventStore(pool);
  const path = await openCommandPath(store);
  try {
    await store.migrate();
    const signer = SoftwareNoteSigner.fromKeyFile(join(dataDir, 'log-signing.key'), 'simulacro.urna.example/log');
    const service = new ElectionSetupService({
      store, commands: path.commands, electionId, dataDir,
      checkpoint: () => checkpointLedger(pool, store, signer, 'merkle'),
      softwareVersion: () => computeSoftwareVersion(),
      progress: say,
    });

    step(1, 'Configuración desde el manual', 'Configuration from the manual');
    await service.configure(manualText, { role: 'ine-operator', id: 'simulacro' });
    step(2, 'Ratificaciones (INE y cada OPL)', 'Ratifications (INE and each OPL)');
    say(`  ${await service.ratifyAll()} ratificaciones / ratifications`);

    const rollCsv = o.roll ? resolve(o.roll) : undefined;
    const ln = Number(process.env.URNA_SCRYPT_LN ?? 15);
    if (rollCsv) step(3, `Lista nominal desde ${rollCsv} (scrypt N=2^${ln})`, `Voter roll from ${rollCsv} (scrypt N=2^${ln})`);
    else step(3, `Lista nominal sintética de ${voters} votantes (scrypt N=2^10, simulacro)`, `Synthetic roll of ${voters} voters (scrypt N=2^10, simulacro)`);
    const fromCsv = rollCsv ? await service.importRollCsv(rollCsv, { ln, r: 8, p: 1 }) : undefined;
    const roll = fromCsv ?? await service.importSyntheticRoll(voters, `${electionId}-simulacro`);
    if (fromCsv) {
      for (const p of fromCsv.problems.slice(0, 50)) say(`  ✗ línea/line ${p.line} [${p.code}] ${p.reason}`);
      if (fromCsv.problems.length > 50) say(`  … ${fromCsv.problems.length - 50} problemas más / more problems`);
      say(`  ${fromCsv.problems.length} filas rechazadas, no importadas / rows refused, not imported`);
    }
    say(`  ${roll.imported} importados, ${roll.credentialsSent} credenciales enviadas / imported, credentials sent; compromiso ${roll.rollCommitment}`);

    step(4, `Tokens SoftHSM y registro de ${n} fideicomisarios`, `SoftHSM tokens and enrolment of ${n} trustees`);
    const hsm = createSoftHsmEnvironment(dataDir);
    hsm.activate();
    const existing = new Set(listSoftHsmTokens(hsm.confPath).map((x) => x.label));
    const pinsPath = join(dataDir, 'trustee-pins.json');
    const pins: Record<string, string> = existsSync(pinsPath) ? JSON.parse(readFileSync(pinsPath, 'utf8')) : {};
    const cards = Array.from({ length: n }, (_, k) => {
      const label = `${electionId}-trustee-${k + 1}`;
      if (!existing.has(label)) {
        pins[label] = randomBytes(6).toString('hex');
        hsm.initToken(label, randomBytes(8).toString('hex'), pins[label]);
      }
      return { name: `Fideicomisario ${k + 1}`, tokenLabel: label, pin: pins[label] };
    });
    writeFileSync(pinsPath, JSON.stringify(pins, null, 2), { mode: 0o600 });
    say(`  PINs del simulacro / simulacro PINs: ${pinsPath} (0600)`);
    await service.enrolTrustees(cards);

    step(5, `Ceremonia de llaves (t = ${t} de n = ${n})`, `Key ceremony (t = ${t} of n = ${n})`);
    await service.openCeremony(t, 'Notario público (simulacro)');
    const completed = await service.runCeremony(cards, 'Notario público (simulacro)', () => now);
    say(`  Llave de la elección / election key: ${completed.publicKey}`);
    say(`  Hash de la transcripción / transcript hash: ${completed.transcriptHash}`);

    step(6, 'Apertura y reporte inicial', 'Opening and opening report');
    const opened = await service.open(now, [{ name: 'Notario público (simulacro)', role: 'Notario público', roleEn: 'Notary public' }]);
    say(`  Reporte inicial / opening report: ${opened.jsonPath} (sha256 ${opened.reportHash})`);
    say(`  PDF: ${opened.pdfPath} (sha256 ${opened.pdfHash})`);
    say(`  Versión del software / software version: ${opened.report.software.codeHash}`);
    say(`Listo en ${((Date.now() - started) / 1000).toFixed(1)} s / done. La votación abre sola el ${processInfo.voting_opens} / voting opens by itself then.`);
  } finally {
    closePkcs11Module();
    await path.close();
    await store.close();
    await closePool(pool);
    await stopDb();
  }
}

const wholeNumber = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`--${name}: se espera un entero positivo / a positive whole number is expected`);
  return n;
};

function program(): Command {
  const urna = new Command('urna')
    .description('Consola de Urna / Urna console')
    .showHelpAfterError()
    .exitOverride();
  urna.command('version')
    .description('versión del software (hash del código) / software version (hash of the running code)')
    .action(() => {
      const v = computeSoftwareVersion();
      say(`urna ${v.packageVersion} ${v.hash} (${v.files} archivos / files)`);
    });
  urna.command('setup')
    .description('configura, ratifica, importa la lista nominal, ceremonia de llaves y apertura / configure, ratify, import the roll, key ceremony and opening')
    .requiredOption('--fixture <manual.yaml>', 'manual de configuración / configuration manual')
    .option('--voters <n>', 'lista nominal sintética de n votantes / synthetic roll of n voters', wholeNumber('voters'), 10000)
    .option('--roll <roll.csv>', 'lista nominal desde CSV (docs/spec/roll-and-authentication.md) / voter roll from CSV')
    .option('--trustees <n>', 'personas custodias / trustees', wholeNumber('trustees'), 5)
    .option('--threshold <t>', 'umbral para descifrar / threshold to decrypt', wholeNumber('threshold'), 3)
    .option('--data <dir>', 'carpeta de datos / data folder', 'urna-data')
    .option('--now <ISO instant>', 'reloj del simulacro / simulacro clock')
    .action((o: SetupOptions) => setup(o));
  urna.command('verify')
    .description('verifica un registro electoral exportado / verifies an exported election record (docs/spec/record.md)')
    .argument('[args...]', '<record-folder> [--vkey <key>] [--group …] [--json]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (args: string[]) => {
      // The verifier has its own options (npm run verify); exit 0 verified, 1 a check failed, 2 usage.
      const { main: verify } = await import('../verifier/urna-verify');
      process.exitCode = await verify(args);
    });
  return urna;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0) {
    program().outputHelp();
    return;
  }
  try {
    await program().parseAsync(argv, { from: 'user' });
  } catch (err) {
    // commander has already printed its message (unknown command or option, missing value).
    if (err instanceof Error && 'exitCode' in err && 'code' in err && String((err as { code: unknown }).code).startsWith('commander.')) {
      process.exitCode = (err as { code: string }).code === 'commander.helpDisplayed' || (err as { code: string }).code === 'commander.version' ? 0 : 2;
      return;
    }
    throw err;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
