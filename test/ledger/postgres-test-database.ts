/**
 * A throwaway schema in the test PostgreSQL (DATABASE_URL, set by scripts/with-postgres.ts),
 * so suites running at the same time never see each other's ledgers.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through scripts/with-postgres.ts (npm test does)');
  return url;
}

export function freshSchemaName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export async function dropSchema(pool: Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
