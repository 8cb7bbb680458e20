import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The README's run command, small: a whole simulacro in a child process on its own embedded
 * PostgreSQL and SoftHSM tokens, through the HTTP API, tally, acta, manifest and the verifier.
 */
const REPO = join(__dirname, '..', '..');

function runSimulacro(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL; // its own embedded PostgreSQL, as on a fresh machine
  delete env.SOFTHSM2_CONF;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(REPO, 'src', 'simulacro', 'run-simulacro.ts'), ...args], { cwd: REPO, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

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

  it('runs a whole election end to end and the decrypted tally equals the plain choices', async () => {
    const { code, stdout, stderr } = await runSimulacro(['--voters', '6', '--trustees', '3', '--threshold', '2', '--spoil', '0.5', '--data', data]);
    if (code !== 0) throw new Error(`simulacro exited ${code}:\n${failureExcerpt(stderr)}`);
    const summary = JSON.parse(stdout.slice(stdout.lastIndexOf('\n{')));
    expect(summary).toMatchObject({ ballots: 6, mismatches: 0, verifier: 'VERIFICADO', trusteesUsed: [1, 2] });
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
    const pkg = spawnSync(process.execPath, ['-r', '@swc-node/register', join(REPO, 'src', 'verifier', 'urna-verify.ts'), '--package', join(data, 'preservacion')], { cwd: REPO, encoding: 'utf8' });
    expect([pkg.status, pkg.stdout]).toEqual([0, expect.stringContaining('VERIFICADO')]);
  }, 300_000);

  it('refuses bad options with a clear message and a non-zero exit', async () => {
    const { code, stderr } = await runSimulacro(['--voters', 'many']);
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/--voters debe ser un entero/);
  });
});
