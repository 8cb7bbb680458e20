/**
 * The sign-in challenges' shared state in PostgreSQL, so that any instance behind the proxy
 * accepts a challenge another issued, and none accepts it twice:
 *   <schema>.login_challenge_key(singleton, key bytea(32))   the MAC key, created once
 *   <schema>.login_challenges_used(challenge bytea PK, expires_at timestamptz)
 * The first instance to start inserts a random key (ON CONFLICT DO NOTHING: racing instances
 * all read the winner's). A challenge is marked used by one INSERT … ON CONFLICT DO NOTHING,
 * atomic across instances: of two concurrent sign-ins with one challenge exactly one inserts.
 * Expired rows are deleted at most once a minute per instance.
 *
 * The key only proves that this service issued a challenge recently; the sign-in itself needs
 * the voter's signature with the credential key. Someone who reads this table can mint
 * challenges, which gives them nothing they could not get by asking for one.
 */
import { randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { ChallengeStore } from './login-challenges';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const SWEEP_EVERY_MS = 60_000;

export class PostgresChallengeStore implements ChallengeStore {
  private readonly s: string;
  private keyRead: Promise<Buffer> | undefined;
  private lastSweep = 0;

  constructor(private readonly pool: Pool, private readonly schema: string) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid schema name "${schema}"`);
    this.s = `"${schema}"`;
  }

  key(): Promise<Buffer> {
    // A failed read (database away) is not cached: the next sign-in tries again.
    this.keyRead ??= this.readKey().catch((err) => {
      this.keyRead = undefined;
      throw err;
    });
    return this.keyRead;
  }

  async markUsed(challenge: Buffer, expiry: number, nowSeconds: number): Promise<boolean> {
    await this.key(); // the tables exist once the key was read
    if (nowSeconds * 1000 - this.lastSweep >= SWEEP_EVERY_MS) {
      this.lastSweep = nowSeconds * 1000;
      await this.pool.query(`DELETE FROM ${this.s}.login_challenges_used WHERE expires_at <= to_timestamp($1)`, [nowSeconds]);
    }
    const { rowCount } = await this.pool.query({
      name: `urna-login-challenge-used-${this.s}`,
      text: `INSERT INTO ${this.s}.login_challenges_used (challenge, expires_at) VALUES ($1, to_timestamp($2)) ON CONFLICT DO NOTHING`,
      values: [challenge, expiry],
    });
    return rowCount === 1;
  }

  private async readKey(): Promise<Buffer> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`urna-login-challenges-migrate:${this.schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.s}`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.s}.login_challenge_key (
          singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
          key bytea NOT NULL CHECK (octet_length(key) = 32)
        )`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.s}.login_challenges_used (
          challenge bytea PRIMARY KEY CHECK (octet_length(challenge) = 32),
          expires_at timestamptz NOT NULL
        )`);
      await client.query(`INSERT INTO ${this.s}.login_challenge_key (singleton, key) VALUES (true, $1) ON CONFLICT DO NOTHING`, [randomBytes(32)]);
      const { rows } = await client.query(`SELECT key FROM ${this.s}.login_challenge_key`);
      await client.query('COMMIT');
      return rows[0].key as Buffer;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
