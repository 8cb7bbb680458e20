/**
 * Screenshots of every step of the voter's booth (sign-in, codes, ballot, a missing mark,
 * review, receipt, "already voted") and of the audited-ballot page, on a phone (390×844, Spanish)
 * and a laptop (1280×800, English), for a person to look at (not committed):
 *   node -r urna-ts-register scripts/booth-screenshots.ts [folder]
 * (default folder .data/booth-screenshots). It runs the booth's browser test
 * (test/browser/booth.e2e.spec.ts) against a real election, which saves a picture at every step
 * it checks with axe-core; the board's views are scripts/board-screenshots.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const out = resolve(process.argv[2] ?? '.data/booth-screenshots');
mkdirSync(out, { recursive: true });
const root = join(__dirname, '..');
const run = spawnSync(process.execPath, ['-r', 'urna-ts-register', 'scripts/with-postgres.ts', 'node_modules/.bin/jest', 'test/browser/booth.e2e.spec.ts'], {
  cwd: root, stdio: 'inherit', env: { ...process.env, URNA_SCREENSHOTS: out },
});
process.stdout.write(`${out}\n`);
process.exit(run.status ?? 1);
