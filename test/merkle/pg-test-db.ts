/** A throwaway schema per suite in the test PostgreSQL (DATABASE_URL from scripts/with-postgres.ts). */
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';

export function testPool(): Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run through scripts/with-postgres.ts');
  return new Pool({ connectionString: url, max: 5 });
}

export function freshSchema(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export async function dropSchema(pool: Pool, schema: string): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}
