/**
 * The voting side's read models in PostgreSQL, followed from the ledger in global order:
 *   voter_usernames (username → pseudonym), from the sealed CredentialIssued events: private;
 *     it lets a login find the voter's stream, and survives restarts;
 *   receipts (tracking code → log index, leaf hash, cast time), from the public BallotCast
 *     events: the public board's receipt lookup;
 *   cast_alphas (the first 128 bits of every α of every cast ballot), from the same events: a
 *     spoiled ballot may disclose none (crypto.md, "Cast or spoiled, never both"). Kept in the
 *     database, not in memory: 61 per ballot of the largest style, millions in a large election.
 * Disposable: `rebuild()` drops the rows and replays the ledger, giving the same rows. Writes
 * are idempotent, so a restart from an older saved position only repeats work.
 */
import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import type { EventStore, RecordedEvent, Subscription } from '../ledger/event-store';
import { eventLeafHashHex } from '../ledger/merkle/event-leaf-hash';
import { PositionWaiters } from '../ledger/position-waiters';
import { ballotAlphas } from '../domain/crypto/ballot';

/** How much of an α (hex digits) the cast_alphas table keeps: 128 bits, so that two different αs
 * share it with probability about n·2⁻¹²⁸ over n cast αs (never, in practice). */
const ALPHA_KEY_HEX = 32;
/** The table's keys for these αs, each once. */
const alphaKeys = (alphas: readonly string[]): string[] => [...new Set(alphas.map((alpha) => alpha.slice(0, ALPHA_KEY_HEX).toLowerCase()))];

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,40}$/;
const SAVE_EVERY = 200;

export interface ReceiptRow {
  trackingCode: string;
  logIndex: number;
  leafHash: string;
  castAt: string;
  styleId: string;
}

export class VotingProjection {
  private readonly s: string;
  private subscription: Subscription | undefined;
  /** Next global position to process. */
  private next = 0;
  private saved = 0;
  private failure: Error | undefined;
  private readonly waiters = new PositionWaiters();
  private readonly logger = new Logger('VotingProjection');

  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly electionId: string,
    schema = 'voting',
  ) {
    if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid projection schema "${schema}"`);
    this.s = `"${schema}"`;
  }

  async migrate(): Promise<void> {
    await this.pool.query(`CREATE SCHEMA IF NOT EXISTS ${this.s}`).catch((err) => {
      if ((err as { code?: string }).code !== '23505') throw err; // a concurrent CREATE SCHEMA
    });
    // A service upgraded while ballots were already cast finds rows for them in every table but
    // cast_alphas, which came later: the projection then starts again from the first event
    // (its writes are idempotent), so the spoil check sees every cast ballot.
    const { rows: [had] } = await this.pool.query<{ cast_alphas: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS cast_alphas`, [`${this.s}.cast_alphas`]);
    await this.pool.query(`
      CREATE TABLE IF NOT EXISTS ${this.s}.voter_usernames (
        election_id text NOT NULL, username text NOT NULL, pseudonym text NOT NULL,
        PRIMARY KEY (election_id, username));
      CREATE TABLE IF NOT EXISTS ${this.s}.receipts (
        tracking_code text PRIMARY KEY, election_id text NOT NULL, log_index bigint NOT NULL,
        leaf_hash text NOT NULL, cast_at text NOT NULL, style_id text NOT NULL);
      CREATE INDEX IF NOT EXISTS receipts_by_election ON ${this.s}.receipts (election_id, tracking_code);
      CREATE TABLE IF NOT EXISTS ${this.s}.cast_alphas (
        election_id text NOT NULL, alpha text NOT NULL, PRIMARY KEY (election_id, alpha));
      CREATE TABLE IF NOT EXISTS ${this.s}.projection_state (name text PRIMARY KEY, position bigint NOT NULL);`);
    if (!had.cast_alphas) await this.pool.query(`DELETE FROM ${this.s}.projection_state WHERE name = $1`, [this.stateKey]);
  }

  private get stateKey(): string {
    return `voting:${this.electionId}`;
  }

  async start(): Promise<void> {
    const { rows } = await this.pool.query(`SELECT position FROM ${this.s}.projection_state WHERE name = $1`, [this.stateKey]);
    this.next = this.saved = rows.length ? Number(rows[0].position) : 0;
    this.subscription = this.store.subscribeToAll(this.next, (e) => this.apply(e), (err) => {
      this.failure = err;
      this.logger.error(`projection stopped: ${err.message}`);
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.close();
    this.subscription = undefined;
    await this.savePosition().catch(() => undefined);
  }

  /** Drops the rows and replays the whole ledger (the projection is disposable). */
  async rebuild(): Promise<void> {
    await this.stop();
    await this.pool.query(`DELETE FROM ${this.s}.voter_usernames WHERE election_id = $1`, [this.electionId]);
    await this.pool.query(`DELETE FROM ${this.s}.receipts WHERE election_id = $1`, [this.electionId]);
    await this.pool.query(`DELETE FROM ${this.s}.cast_alphas WHERE election_id = $1`, [this.electionId]);
    await this.pool.query(`DELETE FROM ${this.s}.projection_state WHERE name = $1`, [this.stateKey]);
    await this.start();
    await this.caughtUpTo(await this.store.head());
  }

  /** Resolves once every event before `position` has been applied (or after `timeoutMs`). */
  caughtUpTo(position: number, timeoutMs = 5_000): Promise<boolean> {
    if (this.next >= position) return Promise.resolve(true);
    if (this.failure) return Promise.resolve(false);
    return this.waiters.wait(position, timeoutMs);
  }

  async findPseudonym(username: string): Promise<string | undefined> {
    const { rows } = await this.pool.query({
      name: `urna-voting-username-${this.s}`, text: `SELECT pseudonym FROM ${this.s}.voter_usernames WHERE election_id = $1 AND username = $2`, values: [this.electionId, username],
    });
    return rows[0]?.pseudonym;
  }

  /** By the full tracking code, or by the 20 hex digits of its readable form. */
  async findReceipt(trackingCodeOrPrefix: string): Promise<ReceiptRow | undefined> {
    const exact = trackingCodeOrPrefix.length === 64;
    const { rows } = await this.pool.query(
      exact
        ? `SELECT * FROM ${this.s}.receipts WHERE election_id = $1 AND tracking_code = $2`
        : `SELECT * FROM ${this.s}.receipts WHERE election_id = $1 AND tracking_code >= $2 AND tracking_code < $2 || 'g' ORDER BY tracking_code LIMIT 2`,
      [this.electionId, trackingCodeOrPrefix],
    );
    if (rows.length !== 1) return undefined; // none, or an ambiguous readable prefix
    const r = rows[0];
    return { trackingCode: r.tracking_code, logIndex: Number(r.log_index), leafHash: r.leaf_hash, castAt: r.cast_at, styleId: r.style_id };
  }

  /**
   * Whether any of `alphas` is an α of a ballot cast in the election, among the BallotCast
   * events applied so far (wait with caughtUpTo for those before a position).
   */
  async holdsCastAlpha(alphas: string[]): Promise<boolean> {
    const keys = alphaKeys(alphas);
    if (keys.length === 0) return false;
    const { rows } = await this.pool.query({
      name: `urna-voting-cast-alpha-${this.s}`,
      text: `SELECT 1 FROM ${this.s}.cast_alphas WHERE election_id = $1 AND alpha = ANY($2::text[]) LIMIT 1`,
      values: [this.electionId, keys],
    });
    return rows.length > 0;
  }

  private async apply(event: RecordedEvent): Promise<void> {
    const voterPrefix = `voter-${this.electionId}-`;
    if ((event.type === 'CredentialIssued' || event.type === 'CredentialResent') && event.stream.startsWith(voterPrefix)) {
      const { username } = event.data as { username: string };
      await this.pool.query(
        `INSERT INTO ${this.s}.voter_usernames (election_id, username, pseudonym) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [this.electionId, username, event.stream.slice(voterPrefix.length)],
      );
    } else if (event.type === 'BallotCast' && (event.data as { electionId?: string }).electionId === this.electionId) {
      const d = event.data as { trackingCode: string; castAt: string; styleId: string };
      // One statement, one round trip: the receipt row and the ballot's αs.
      await this.pool.query({
        name: `urna-voting-receipt-${this.s}`,
        text: `WITH receipt AS (INSERT INTO ${this.s}.receipts (tracking_code, election_id, log_index, leaf_hash, cast_at, style_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING) `
          + `INSERT INTO ${this.s}.cast_alphas (election_id, alpha) SELECT $2, unnest($7::text[]) ON CONFLICT DO NOTHING`,
        values: [d.trackingCode, this.electionId, event.position, eventLeafHashHex(event), d.castAt, d.styleId,
          alphaKeys(ballotAlphas((event.data as { ballot?: unknown }).ballot))],
      });
    }
    this.next = event.position + 1;
    if (this.next - this.saved >= SAVE_EVERY) await this.savePosition();
    this.waiters.reached(this.next);
  }

  private async savePosition(): Promise<void> {
    if (this.next === this.saved) return;
    const position = this.next;
    await this.pool.query(
      `INSERT INTO ${this.s}.projection_state (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = GREATEST(${this.s}.projection_state.position, EXCLUDED.position)`,
      [this.stateKey, position],
    );
    this.saved = position;
  }
}
