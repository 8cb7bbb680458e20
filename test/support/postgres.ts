/**
 * The test PostgreSQL (DATABASE_URL, set by scripts/with-postgres.ts; npm test does this): a
 * pool on it and a throwaway schema per suite, so suites running at the same time never see
 * each other's tables.
 */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests through scripts/with-postgres.ts (npm test does)');
  return url;
}

export function testPool(): Pool {
  return new Pool({ connectionString: requireDatabaseUrl(), max: 5 });
}

/** A schema name no other suite will pick: `<prefix>_<10 hex digits>`. */
export function freshSchemaName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export async function dropSchema(pool: Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
