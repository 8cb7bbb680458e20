/**
 * Runs a command with DATABASE_URL pointing at a real PostgreSQL. If DATABASE_URL is
 * already set it is used as is; otherwise an embedded PostgreSQL is started in a fresh
 * temporary folder and removed afterwards.
 *   node -r urna-ts-register scripts/with-postgres.ts <command> [args…]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../src/ledger/postgres/embedded-postgres';

async function main(): Promise<number> {
  const [command, ...args] = process.argv.slice(2);
  if (!command) throw new Error('usage: with-postgres <command> [args…]');
  let stop = async () => undefined as void;
  if (!process.env.DATABASE_URL) {
    const root = mkdtempSync(join(tmpdir(), 'urna-pg-'));
    const started = Date.now();
    const db = await startEmbeddedPostgres({ dataDir: join(root, 'data'), persistent: false });
    process.stderr.write(`embedded PostgreSQL ready in ${Date.now() - started} ms\n`);
    process.env.DATABASE_URL = db.url;
    stop = async () => {
      await db.stop();
      rmSync(root, { recursive: true, force: true });
    };
  }
  const child = spawn(command, args, { stdio: 'inherit', env: process.env });
  const code: number = await new Promise((ok) => child.on('exit', (c, sig) => ok(c ?? (sig ? 1 : 0))));
  await stop();
  return code;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`with-postgres: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
