/**
 * Encryption of the largest ballot (entity 09: 4 contests of 17 + 17 + 15 + 12 = 61 options),
 * before and after a change to the encrypting side, side by side in one run: in Node and in
 * Chromium (the booth's browser, through playwright-core). Writes bench/results/encrypt.json.
 *
 *   node -r @swc-node/register bench/encrypt.bench.ts
 *
 * "before" is the domain code of BASELINE (a commit; default below: the one before the wide
 * affine fixed-base tables), extracted with `git archive` into a temporary folder; "after" is
 * this working tree. Rounds alternate before/after (ROUNDS, default 15, after 3 warm-up rounds
 * each), so a machine shared with other jobs slows both alike; the ratio is the figure to
 * compare across runs. Both use @noble/curves, as the booth does.
 *
 * Fields: *_ms_p50 one ballot (encryption, all proofs, tracking code and the voter's
 * signature), median of ROUNDS; *_tables_ms building the tables for G and K once;
 * *_first_ballot_ms both (a booth session's first ballot); speedup is before ÷ after (the booth's
 * default tables), speedup_wide before ÷ after_wide (11-bit tables, the simulacro's workers). Each file records its commit, date, backend and the load average at start
 * and end.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const REPO = join(__dirname, '..');
const BASELINE = process.env.BASELINE ?? 'a68685004c615ba65326589011bb0098d1f47cac';
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const WARMUP = 3;
const CHROMIUM = '/usr/bin/chromium';
const CONTEST_SIZES = [17, 17, 15, 12];
const WIDE_WINDOW = 11; // WIDE_FIXED_BASE_WINDOW (src/domain/crypto/ristretto255-noble-msm.ts)

type BallotModule = typeof import('../src/domain/crypto/ballot/index') & Pick<typeof import('../src/domain/crypto/hash'), 'hashToScalar' | 'hash256' | 'utf8'>;

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const load = () => loadavg().map((x) => round(x, 2));

/** The baseline's src/ in a temporary folder that resolves this checkout's node_modules. */
function extractBaseline(): string {
  const dir = mkdtempSync(join(tmpdir(), 'urna-encrypt-baseline-'));
  execFileSync('bash', ['-c', `git -C ${JSON.stringify(REPO)} archive ${BASELINE} src | tar -x -C ${JSON.stringify(dir)}`]);
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

/**
 * The code both sides run, as a function of the ballot module (`U`): the page evaluates its
 * source too, so Node and Chromium time exactly the same steps.
 */
function makeBench(U: BallotModule, sizes: number[], window?: number) {
  const secret = U.hashToScalar('urna/bench/encrypt', U.utf8('election key'));
  const publicKey = U.group.mul(U.group.generator, secret);
  const context = U.electionContext(U.hash256('urna/bench/manifest', U.utf8('encrypt')), publicKey);
  const style = { id: 'entidad-09', contests: sizes.map((n, c) => ({ id: `c${c}`, optionIds: Array.from({ length: n }, (_, i) => `o${i}`) })) };
  const selections = Object.fromEntries(style.contests.map((c, k) => [c.id, c.optionIds[k % c.optionIds.length]]));
  const credential = U.deriveCredentialKey('eleccion-bench', 'v-aaaa-bbbb-cccc', '0123456789abcdef');
  const t0 = performance.now();
  // The baseline's encryptionTables takes one argument and ignores the second.
  const tables = window === undefined ? U.encryptionTables(publicKey) : U.encryptionTables(publicKey, { window });
  const tablesMs = performance.now() - t0;
  return {
    tablesMs,
    encryptMs(): number {
      const t = performance.now();
      U.encryptBallot({ context, tables, style, pseudonym: 'seudonimo', credential, selections });
      return performance.now() - t;
    },
  };
}

type Variant = 'before' | 'after' | 'after_wide';
const VARIANTS: Variant[] = ['before', 'after', 'after_wide'];

/** Each variant once per round, in turn, after the warm-up rounds. */
function alternate(run: Record<string, () => number>, rounds = ROUNDS, warmup = WARMUP): Record<string, number[]> {
  const names = Object.keys(run);
  for (let i = 0; i < warmup; i++) for (const n of names) run[n]();
  const out: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let i = 0; i < rounds; i++) for (const n of names) out[n].push(run[n]());
  return out;
}

/**
 * p50 per variant, speedups against `before`, and the booth's first ballot (its tables are built
 * once per session, then one encryption): tables_ms + ms_p50.
 */
function summary(times: Record<string, number[]>, tables: Record<string, number>) {
  const out: Record<string, unknown> = {};
  for (const v of VARIANTS) {
    const ms = p50(times[v]);
    out[`${v}_ms_p50`] = round(ms);
    out[`${v}_tables_ms`] = round(tables[v]);
    out[`${v}_first_ballot_ms`] = round(tables[v] + ms);
  }
  out.speedup = round(p50(times.before) / p50(times.after), 2);
  out.speedup_wide = round(p50(times.before) / p50(times.after_wide), 2);
  for (const v of VARIANTS) out[`${v}_ms`] = times[v].map((x) => round(x));
  return out;
}

/** The ballot module and the hash helpers of the tree at `root` (what the browser bundle exports). */
function loadTree(root: string): BallotModule {
  const crypto = join(root, 'src', 'domain', 'crypto');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return { ...require(join(crypto, 'ballot', 'index.ts')), ...require(join(crypto, 'hash.ts')) } as BallotModule;
}

function nodeRun(baselineDir: string) {
  const before = makeBench(loadTree(baselineDir), CONTEST_SIZES);
  const after = makeBench(loadTree(REPO), CONTEST_SIZES);
  const wide = makeBench(loadTree(REPO), CONTEST_SIZES, WIDE_WINDOW);
  const times = alternate({ before: () => before.encryptMs(), after: () => after.encryptMs(), after_wide: () => wide.encryptMs() });
  return summary(times, { before: before.tablesMs, after: after.tablesMs, after_wide: wide.tablesMs });
}

async function bundle(root: string, globalName: string): Promise<string> {
  // The ballot entry plus the hash helpers the bench needs, as the booth bundles them.
  const entry = join(root, 'src', 'bench-encrypt-entry.ts');
  writeFileSync(entry, `export * from './domain/crypto/ballot/index';\nexport { hashToScalar, hash256, utf8 } from './domain/crypto/hash';\n`);
  const out = await build({ entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'iife', globalName, target: 'es2022', minify: true, logLevel: 'silent' });
  rmSync(entry);
  return out.outputFiles[0].text;
}

async function chromiumRun(baselineDir: string): Promise<{ skipped: string } | Record<string, unknown>> {
  if (!existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} is missing (scripts/ensure-system-packages.sh installs it)` };
  const profile = mkdtempSync(join(tmpdir(), 'urna-encrypt-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>urna encrypt bench</title>');
    await page.addScriptTag({ content: await bundle(baselineDir, 'UrnaBefore') });
    await page.addScriptTag({ content: await bundle(REPO, 'UrnaAfter') });
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const result = await page.evaluate(
      ({ makeBenchSource, alternateSource, sizes, rounds, warmup, wideWindow }) => {
        const g = globalThis as unknown as Record<string, unknown>;
        const make = new Function(`return ${makeBenchSource}`)() as typeof makeBench;
        const alt = new Function(`return ${alternateSource}`)() as typeof alternate;
        const before = make(g.UrnaBefore as BallotModule, sizes);
        const after = make(g.UrnaAfter as BallotModule, sizes);
        const wide = make(g.UrnaAfter as BallotModule, sizes, wideWindow);
        const times = alt({ before: () => before.encryptMs(), after: () => after.encryptMs(), after_wide: () => wide.encryptMs() }, rounds, warmup);
        return { times, tables: { before: before.tablesMs, after: after.tablesMs, after_wide: wide.tablesMs } };
      },
      { makeBenchSource: makeBench.toString(), alternateSource: alternate.toString(), sizes: CONTEST_SIZES, rounds: ROUNDS, warmup: WARMUP, wideWindow: WIDE_WINDOW },
    );
    return { user_agent: userAgent, ...summary(result.times, result.tables) };
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const loadStart = load();
  const baselineDir = extractBaseline();
  try {
    const node = nodeRun(baselineDir);
    process.stderr.write(`node: before ${node.before_ms_p50} ms, after ${node.after_ms_p50} ms (×${node.speedup}), wide ${node.after_wide_ms_p50} ms (×${node.speedup_wide})\n`);
    const browser = await chromiumRun(baselineDir);
    if (!('skipped' in browser)) process.stderr.write(`chromium: before ${browser.before_ms_p50} ms, after ${browser.after_ms_p50} ms (×${browser.speedup}), wide ${browser.after_wide_ms_p50} ms (×${browser.speedup_wide})\n`);
    const commit = execFileSync('git', ['-C', REPO, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', REPO, 'status', '--porcelain', '--', 'src/domain'], { encoding: 'utf8' }).trim() !== '';
    const result = {
      benchmark: 'encrypt',
      note: 'one ballot of the largest style (61 options): encryption, every proof, tracking code and signature; before = BASELINE commit, after = this tree with the booth\'s default tables (8-bit windows), after_wide = this tree with 11-bit tables (the simulacro\'s worker threads); alternated round by round in one process (Node) and one page (Chromium); speedup = before ÷ after; *_first_ballot_ms = tables built once + one encryption, what a booth session pays for its first ballot',
      commit, src_domain_uncommitted_changes: dirty, baseline: BASELINE,
      measured_at: new Date().toISOString(), backend: '@noble/curves (JavaScript), as in the booth',
      node_version: process.version, cpus: cpus().length, cpu_model: cpus()[0]?.model,
      loadavg_start: loadStart, loadavg_end: load(),
      style: { contests: CONTEST_SIZES.length, options: CONTEST_SIZES.reduce((a, b) => a + b, 0) },
      rounds: ROUNDS, warmup_rounds: WARMUP,
      targets_ms: { node: 60, chromium: 150 },
      node, chromium: browser,
    };
    mkdirSync(join(REPO, 'bench', 'results'), { recursive: true });
    writeFileSync(join(REPO, 'bench', 'results', 'encrypt.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(baselineDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
