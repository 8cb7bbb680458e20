/**
 * Encryption of the largest ballot (entity 09: 4 contests of 17 + 17 + 15 + 12 = 61 options),
 * before and after a change to the encrypting side, side by side in one run: in Node and in
 * Chromium (the booth's browser, through playwright-core). Writes bench/results/encrypt.json.
 *
 *   node -r urna-ts-register bench/encrypt.bench.ts
 *
 * "before" is the domain code of BASELINE (a commit; default below: the one before the wide
 * affine fixed-base tables), extracted with `git archive` into a temporary folder; "after" is
 * this working tree. Rounds alternate before/after (ROUNDS, default 15, after 3 warm-up rounds
 * each), so a machine shared with other jobs slows both alike; the ratio is the figure to
 * compare across runs. Both use @noble/curves, as the booth does.
 *
 * Fields: *_ms_p50 one ballot (encryption, all proofs, tracking code and the voter's
 * signature), median of ROUNDS, warm; *_tables_ms building the tables for G and K at once, in a
 * page or process that has run the other variants' set-up; *_first_ballot_ms both. Variants:
 * after = the booth's tables (BOOTH_FIXED_BASE_WINDOW, 7 bits), after_default = 8-bit tables
 * (the booth's before they were built in slices), after_wide = 11-bit (the simulacro's workers);
 * speedup* = before ÷ each.
 *
 * chromium.booth_first_ballot is the figure a voter pays: each variant in FIRST_BALLOT_PAGES fresh
 * pages (no code warm yet), the pages alternated; this tree builds its tables in slices, yielding
 * to the browser between them as booth.ts does, the baseline at once; then one encryption.
 * tables_ms is main-thread time (the sum of the slices), tables_wall_ms includes the pauses,
 * longest_slice_ms is the longest task the build puts on the main thread (the page's
 * responsiveness), first_ballot_ratio this tree's first ballot ÷ the baseline's (medians).
 * FIRST_BALLOT_WINDOWS=6,8 adds other widths to that comparison. Each file records its commit,
 * date, backend and the load average at start and end.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const REPO = join(__dirname, '..');
const BASELINE = process.env.BASELINE ?? 'a68685004c615ba65326589011bb0098d1f47cac';
const ROUNDS = Number(process.env.ROUNDS ?? 15);
const WARMUP = 3;
const CHROMIUM = '/usr/bin/chromium';
const CONTEST_SIZES = [17, 17, 15, 12];
const WIDE_WINDOW = 11; // WIDE_FIXED_BASE_WINDOW (src/domain/crypto/ristretto255-noble-msm.ts)
const DEFAULT_WINDOW = 8; // FIXED_BASE_WINDOW: the booth's tables until they were built in slices
/** Fresh pages per variant for the booth's first ballot (each pays the cold start, as a voter's does). */
const FIRST_BALLOT_PAGES = Number(process.env.FIRST_BALLOT_PAGES ?? 9);
/** Table widths tried for the booth's first ballot besides the booth's own (e.g. FIRST_BALLOT_WINDOWS=6,8). */
const EXTRA_WINDOWS = (process.env.FIRST_BALLOT_WINDOWS ?? '').split(',').filter(Boolean).map(Number);

type BallotModule = typeof import('../src/domain/crypto/ballot/index') & Pick<typeof import('../src/domain/crypto/hash'), 'hashToScalar' | 'hash256' | 'utf8'>;
// The booth's width, read from this tree (the baseline has no such constant).
const BOOTH_WINDOW: number = (require('../src/domain/crypto/ristretto255-noble-msm') as typeof import('../src/domain/crypto/ristretto255-noble-msm')).BOOTH_FIXED_BASE_WINDOW;

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
 * The bench's election key, context, ballot style, choices and credential, from the ballot
 * module alone. The page gets its source with makeBench's and firstBallot's (pageFunction).
 */
function benchBallot(U: BallotModule, sizes: number[]) {
  const secret = U.hashToScalar('urna/bench/encrypt', U.utf8('election key'));
  const publicKey = U.group.mul(U.group.generator, secret);
  const context = U.electionContext(U.hash256('urna/bench/manifest', U.utf8('encrypt')), publicKey);
  const style = { id: 'entidad-09', contests: sizes.map((n, c) => ({ id: `c${c}`, optionIds: Array.from({ length: n }, (_, i) => `o${i}`) })) };
  const selections = Object.fromEntries(style.contests.map((c, k) => [c.id, c.optionIds[k % c.optionIds.length]]));
  const credential = U.deriveCredentialKey('eleccion-bench', 'v-aaaa-bbbb-cccc', '0123456789abcdef');
  return { publicKey, context, style, selections, credential };
}

/** Source of a bench function for the page, with benchBallot in its scope. */
function pageSource(fn: (...args: never[]) => unknown): string {
  return `(() => { const benchBallot = ${benchBallot.toString()}; return ${fn.toString()}; })()`;
}

/**
 * The code both sides run, as a function of the ballot module (`U`): the page evaluates its
 * source too, so Node and Chromium time exactly the same steps.
 */
function makeBench(U: BallotModule, sizes: number[], window?: number) {
  const { publicKey, context, style, selections, credential } = benchBallot(U, sizes);
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

type Variant = 'before' | 'after' | 'after_default' | 'after_wide';
const VARIANTS: Variant[] = ['before', 'after', 'after_default', 'after_wide'];

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
  out.speedup_default = round(p50(times.before) / p50(times.after_default), 2);
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
  const after = makeBench(loadTree(REPO), CONTEST_SIZES, BOOTH_WINDOW);
  const standard = makeBench(loadTree(REPO), CONTEST_SIZES, DEFAULT_WINDOW);
  const wide = makeBench(loadTree(REPO), CONTEST_SIZES, WIDE_WINDOW);
  const times = alternate({ before: () => before.encryptMs(), after: () => after.encryptMs(), after_default: () => standard.encryptMs(), after_wide: () => wide.encryptMs() });
  return summary(times, { before: before.tablesMs, after: after.tablesMs, after_default: standard.tablesMs, after_wide: wide.tablesMs });
}

/**
 * A booth session's first ballot, as the booth pays it, in a page that has run none of this code
 * yet: the tables (this tree: built in slices, the page yielding to the browser between them, as
 * booth.ts does; the baseline: at once), then one encryption. Main-thread time only: the pauses
 * between slices are the browser's, free for painting and the voter's input.
 */
async function firstBallot(U: BallotModule, sizes: number[], window: number | undefined) {
  const { publicKey, context, style, selections, credential } = benchBallot(U, sizes);
  // What the booth awaits between slices (bulletin-board-web/src/in-slices.ts).
  const pause = () => new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
  const slices: number[] = [];
  const wall = performance.now();
  let tables: ReturnType<typeof U.encryptionTables>;
  if (window === undefined) {
    const t = performance.now();
    tables = U.encryptionTables(publicKey);
    slices.push(performance.now() - t);
  } else {
    const steps = U.encryptionTablesInSlices(publicKey, { window });
    for (;;) {
      const t = performance.now();
      const next = steps.next();
      slices.push(performance.now() - t);
      if (next.done) {
        tables = next.value;
        break;
      }
      await pause();
    }
  }
  const tablesWallMs = performance.now() - wall;
  const t = performance.now();
  U.encryptBallot({ context, tables, style, pseudonym: 'seudonimo', credential, selections });
  const encryptMs = performance.now() - t;
  const tablesMs = slices.reduce((a, b) => a + b, 0);
  return { tablesMs, tablesWallMs, encryptMs, firstBallotMs: tablesMs + encryptMs, slices: slices.length, longestSliceMs: Math.max(...slices) };
}

type FirstBallot = Awaited<ReturnType<typeof firstBallot>>;

/**
 * Each variant in FIRST_BALLOT_PAGES fresh pages, variants alternated page by page (the order
 * rotating each round); medians per variant and the ratio to the baseline's first ballot.
 */
async function firstBallotRun(browser: BrowserContext, bundles: { before: string; after: string }) {
  const variants: { name: string; window?: number }[] = [
    { name: 'before' },
    { name: 'after', window: BOOTH_WINDOW },
    ...EXTRA_WINDOWS.filter((w) => w !== BOOTH_WINDOW).map((w) => ({ name: `after_w${w}`, window: w })),
  ];
  const runs: Record<string, FirstBallot[]> = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let round = 0; round < FIRST_BALLOT_PAGES; round++) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(round + i) % variants.length];
      const page = await browser.newPage();
      try {
        await page.setContent('<!doctype html><title>urna first ballot</title>');
        await page.addScriptTag({ content: v.window === undefined ? bundles.before : bundles.after });
        runs[v.name].push(await page.evaluate(
          ({ source, sizes, window }) => {
            const run = new Function(`return ${source}`)() as typeof firstBallot;
            const g = globalThis as unknown as Record<string, unknown>;
            return run((g.UrnaBefore ?? g.UrnaAfter) as BallotModule, sizes, window ?? undefined);
          },
          { source: pageSource(firstBallot), sizes: CONTEST_SIZES, window: v.window ?? null },
        ));
      } finally {
        await page.close();
      }
    }
  }
  const median = (name: string, key: keyof FirstBallot) => round(p50(runs[name].map((r) => r[key])));
  const out: Record<string, unknown> = { pages_per_variant: FIRST_BALLOT_PAGES, booth_window: BOOTH_WINDOW };
  for (const { name, window } of variants) {
    out[name] = {
      window: window ?? 'baseline default (8, projective, built at once)',
      first_ballot_ms_p50: median(name, 'firstBallotMs'),
      tables_ms_p50: median(name, 'tablesMs'),
      tables_wall_ms_p50: median(name, 'tablesWallMs'),
      encrypt_ms_p50: median(name, 'encryptMs'),
      slices: runs[name][0].slices,
      longest_slice_ms_p50: median(name, 'longestSliceMs'),
      longest_slice_ms_max: round(Math.max(...runs[name].map((r) => r.longestSliceMs))),
      first_ballot_ms: runs[name].map((r) => round(r.firstBallotMs)),
      longest_slice_ms: runs[name].map((r) => round(r.longestSliceMs)),
    };
  }
  out.first_ballot_ratio = round(p50(runs.after.map((r) => r.firstBallotMs)) / p50(runs.before.map((r) => r.firstBallotMs)), 2);
  return out;
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
    const bundles = { before: await bundle(baselineDir, 'UrnaBefore'), after: await bundle(REPO, 'UrnaAfter') };
    const boothFirstBallot = await firstBallotRun(browser, bundles);
    await page.addScriptTag({ content: bundles.before });
    await page.addScriptTag({ content: bundles.after });
    const userAgent = await page.evaluate(() => navigator.userAgent);
    const result = await page.evaluate(
      ({ makeBenchSource, alternateSource, sizes, rounds, warmup, wideWindow, boothWindow, defaultWindow }) => {
        const g = globalThis as unknown as Record<string, unknown>;
        const make = new Function(`return ${makeBenchSource}`)() as typeof makeBench;
        const alt = new Function(`return ${alternateSource}`)() as typeof alternate;
        const before = make(g.UrnaBefore as BallotModule, sizes);
        const after = make(g.UrnaAfter as BallotModule, sizes, boothWindow);
        const standard = make(g.UrnaAfter as BallotModule, sizes, defaultWindow);
        const wide = make(g.UrnaAfter as BallotModule, sizes, wideWindow);
        const times = alt({ before: () => before.encryptMs(), after: () => after.encryptMs(), after_default: () => standard.encryptMs(), after_wide: () => wide.encryptMs() }, rounds, warmup);
        return { times, tables: { before: before.tablesMs, after: after.tablesMs, after_default: standard.tablesMs, after_wide: wide.tablesMs } };
      },
      { makeBenchSource: pageSource(makeBench), alternateSource: alternate.toString(), sizes: CONTEST_SIZES, rounds: ROUNDS, warmup: WARMUP, wideWindow: WIDE_WINDOW, boothWindow: BOOTH_WINDOW, defaultWindow: DEFAULT_WINDOW },
    );
    return { user_agent: userAgent, booth_first_ballot: boothFirstBallot, ...summary(result.times, result.tables) };
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
    process.stderr.write(`node: before ${node.before_ms_p50} ms, after ${node.after_ms_p50} ms (×${node.speedup}), 8-bit ${node.after_default_ms_p50} ms, wide ${node.after_wide_ms_p50} ms (×${node.speedup_wide})\n`);
    const browser = await chromiumRun(baselineDir);
    if (!('skipped' in browser)) {
      const first = browser.booth_first_ballot as { before: { first_ballot_ms_p50: number }; after: { first_ballot_ms_p50: number; longest_slice_ms_max: number } };
      process.stderr.write(`chromium: before ${browser.before_ms_p50} ms, after ${browser.after_ms_p50} ms (×${browser.speedup}), 8-bit ${browser.after_default_ms_p50} ms, wide ${browser.after_wide_ms_p50} ms (×${browser.speedup_wide}); first ballot in a fresh page: before ${first.before.first_ballot_ms_p50} ms, after ${first.after.first_ballot_ms_p50} ms, longest slice ${first.after.longest_slice_ms_max} ms\n`);
    }
    const commit = execFileSync('git', ['-C', REPO, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['-C', REPO, 'status', '--porcelain', '--', 'src/domain'], { encoding: 'utf8' }).trim() !== '';
    const result = {
      benchmark: 'encrypt',
      note: 'one ballot of the largest style (61 options): encryption, every proof, tracking code and signature; before = BASELINE commit, after = this tree with the booth\'s tables (7-bit windows), after_default = 8-bit tables, after_wide = 11-bit tables (the simulacro\'s worker threads); alternated round by round in one process (Node) and one page (Chromium), warm; speedup = before ÷ after; *_first_ballot_ms = tables built at once + one warm encryption; chromium.booth_first_ballot = what a voter pays: fresh pages alternated, tables built in slices as the booth does (baseline: at once) then one encryption, main-thread ms, with the longest slice',
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
