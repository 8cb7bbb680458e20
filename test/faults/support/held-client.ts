/**
 * A process holding a checked-out pooled connection (as a transaction, a LISTEN or the log's
 * append do) when its backend is terminated. Prints "held <backend pid>", then "lost" when the
 * connection broke, then "reconnected" once a query through the same pool works again, and exits 0.
 * Without an 'error' listener on the checked-out client, Node ends it on the unhandled event.
 *   node -r urna-ts-register test/faults/support/held-client.ts   (DATABASE_URL set)
 */
import { createGuardedPool } from '../../../src/ledger/postgres/guarded-pool';

async function main(): Promise<void> {
  const pool = createGuardedPool({ connectionString: process.env.DATABASE_URL, max: 2 }, () => process.stdout.write('lost\n'));
  const client = await pool.connect();
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  process.stdout.write(`held ${rows[0].pid}\n`);
  await new Promise<void>((resolve) => client.once('end', () => resolve()));
  client.release(true);
  await pool.query('SELECT 1');
  process.stdout.write('reconnected\n');
  await pool.end();
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exit(1);
  },
);
