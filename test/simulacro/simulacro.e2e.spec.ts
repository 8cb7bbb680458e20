import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSyntheticVoter } from '../../src/simulacro/synthetic-voter';
import { VoterCryptoPool } from '../../src/simulacro/voter-crypto-pool';
import { VoterHttpClient } from '../../src/simulacro/voter-http-client';

/**
 * The README's run command, small: a whole simulacro in a child process on its own embedded
 * PostgreSQL and SoftHSM tokens, through the HTTP API, tally, acta, manifest and the verifier.
 */
const REPO = join(__dirname, '..', '..');

interface Run {
  child: ChildProcess;
  /** stderr so far. */
  stderr(): string;
  /** Resolves with the first match of `pattern` in stderr at or after `from`. */
  waitFor(pattern: RegExp, from?: number): Promise<RegExpExecArray>;
  done: Promise<{ code: number; stdout: string; stderr: string }>;
}

function startSimulacro(args: string[]): Run {
  const env = { ...process.env };
  delete env.DATABASE_URL; // its own embedded PostgreSQL, as on a fresh machine
  delete env.SOFTHSM2_CONF;
  const child = spawn(process.execPath, ['-r', 'urna-ts-register', join(REPO, 'src', 'simulacro', 'run-simulacro.ts'), ...args], { cwd: REPO, env });
  let stdout = '';
  let stderr = '';
  let exited = false;
  const watchers = new Set<() => void>();
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => {
    stderr += d;
    watchers.forEach((w) => w());
  });
  const done = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => child.on('exit', (code) => {
    exited = true;
    watchers.forEach((w) => w());
    resolve({ code: code ?? 1, stdout, stderr });
  }));
  const waitFor = (pattern: RegExp, from = 0) => new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const found = new RegExp(pattern.source, pattern.flags).exec(stderr.slice(from));
      if (found) {
        watchers.delete(check);
        resolve(found);
      } else if (exited) {
        watchers.delete(check);
        reject(new Error(`the simulacro exited before printing ${pattern}:\n${failureExcerpt(stderr)}`));
      }
    };
    watchers.add(check);
    check();
  });
  return { child, stderr: () => stderr, waitFor, done };
}

const runSimulacro = (args: string[]) => startSimulacro(args).done;

/** Where the run went wrong: from the first error line (a crash may append a long object dump
 * after it, which a plain tail would show instead), and the last lines. */
function failureExcerpt(stderr: string): string {
  const firstError = stderr.search(/^.*(Error|error:|✗).*$/m);
  const head = firstError >= 0 ? stderr.slice(firstError, firstError + 2500) : '';
  return `${head}\n…\n${stderr.slice(-1500)}`;
}

describe('npm run simulacro', () => {
  const data = mkdtempSync(join(tmpdir(), 'urna-simulacro-test-'));
  chmodSync(data, 0o755); // the embedded PostgreSQL runs as its own user when tests run as root
  afterAll(() => rmSync(data, { recursive: true, force: true }));

  // One run serves both: the whole election, and --keep-open (issue 15), where a person votes by
  // hand with the credentials and SMS codes it prints before Enter closes, tallies and verifies.
  it('runs a whole election end to end, stays open for a vote by hand, and the decrypted tally equals the plain choices', async () => {
    const run = startSimulacro(['--voters', '6', '--trustees', '3', '--threshold', '2', '--spoil', '0.5', '--data', data, '--keep-open']);
    try {
      await run.waitFor(/Press Enter here to close voting/);
    } catch (err) {
      throw new Error(`simulacro did not stay open: ${(err as Error).message}`);
    }
    const printed = run.stderr();
    // Spanish first, then English: the booth's address and three voters who have not voted.
    expect(printed.indexOf('El simulacro sigue abierto')).toBeLessThan(printed.indexOf('The simulacro stays open'));
    const base = /Casilla: (http:\/\/127\.0\.0\.1:\d+)\/booth\.html/.exec(printed)![1];
    expect(printed).toContain(`Booth: ${base}/booth.html`);
    const voters = [...printed.matchAll(/usuario (\S+)\s+contraseña (\S+)\s+teléfono (\S+)/g)];
    expect(voters).toHaveLength(3);
    expect((await fetch(`${base}/booth.html`)).status).toBe(200);
    // The person's vote: the booth's requests over HTTP, with the codes read off the console.
    const [, username, password, phone] = voters[0];
    const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const codeLine = new RegExp(`SMS a ${escape(phone)} \\(${escape(username)}\\): código (\\d+)`, 'g');
    let codesRead = 0;
    const codeFromConsole = async () => {
      const wanted = ++codesRead;
      for (let tries = 0; tries < 300; tries++) {
        const shown = [...run.stderr().matchAll(codeLine)];
        if (shown.length >= wanted) return shown[wanted - 1][1];
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no SMS code for ${username} on the console`);
    };
    const crypto = new VoterCryptoPool(1);
    const byHand = await runSyntheticVoter(new VoterHttpClient(base), crypto, { username, password, phone, spoilFirst: false, random: () => 0 }, codeFromConsole);
    expect(byHand.receipt.trackingCode).toMatch(/\S/);
    run.child.stdin!.write('\n'); // the person presses Enter
    const { code, stdout, stderr } = await run.done;
    if (code !== 0) throw new Error(`simulacro exited ${code}:\n${failureExcerpt(stderr)}`);
    const summary = JSON.parse(stdout.slice(stdout.lastIndexOf('\n{')));
    expect(summary).toMatchObject({ ballots: 4, byHand: 1, mismatches: 0, verifier: 'VERIFICADO', trusteesUsed: [1, 2] });
    // Every phase timed, in the result JSON and in the summary at the end.
    expect(Object.keys(summary.phaseSeconds)).toEqual(['database', 'configuration', 'roll', 'credentials', 'ceremony', 'opening', 'service', 'casting', 'keepOpen', 'closing', 'tally', 'preservation', 'verification', 'results']);
    expect(stderr).toMatch(/Tiempo por fase \/ Time per phase:[\s\S]*votación \/ casting/);
    expect(stderr).toContain('1 boleta(s) emitidas a mano');
    expect(stderr).toContain('la votación inició sola');
    expect(stderr).toMatch(/boletas auditadas/);
    for (const file of ['preservacion/acta/acta.pdf', 'preservacion/acta/acta.json', 'preservacion/preservation-manifest.json', 'preservacion/election-record/record.json']) {
      expect(existsSync(join(data, file))).toBe(true);
    }
    expect(readFileSync(join(data, 'preservacion', 'acta', 'acta.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // The preservation package: the ledger export only sealed (to the notary key the simulacro
    // made, 0600), and `urna verify --package` passes on it.
    expect(existsSync(join(data, 'preservacion', 'ledger', 'events.jsonl'))).toBe(false);
    expect(readFileSync(join(data, 'preservacion', 'confidencial', 'ledger-events.jsonl.urna-sealed')).subarray(0, 8).toString()).toBe('URNASEAL');
    expect(statSync(join(data, 'notaria', 'notary-x25519.key')).mode & 0o777).toBe(0o600);
    // The final operation report (numeral 28) is in the package and its signed manifest.
    const manifest = JSON.parse(readFileSync(join(data, 'preservacion', 'preservation-manifest.json'), 'utf8')) as { manifest: { artefacts: { name: string; kind: string }[] } };
    expect(manifest.manifest.artefacts.filter((a) => a.kind === 'operation-report').map((a) => a.name))
      .toEqual([expect.stringMatching(/^informes-operacion\/informe-final-\d{4}-\d{2}-\d{2}\.json$/), expect.stringMatching(/\.pdf$/)]);
    const pkg = spawnSync(process.execPath, ['-r', 'urna-ts-register', join(REPO, 'src', 'verifier', 'urna-verify.ts'), '--package', join(data, 'preservacion')], { cwd: REPO, encoding: 'utf8' });
    expect([pkg.status, pkg.stdout]).toEqual([0, expect.stringContaining('VERIFICADO')]);
  }, 600_000); // ~100 s on a quiet machine; a machine shared with other jobs can take several times that

  it('refuses bad options with a clear message and a non-zero exit', async () => {
    const { code, stderr } = await runSimulacro(['--voters', 'many']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--voters debe ser un entero/);
  });
});
