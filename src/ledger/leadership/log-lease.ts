/**
 * The lease that elects the one instance which sequences the log and signs its checkpoints
 * (docs/spec/log.md §10). One row per log schema:
 *
 *   log_lease(singleton, epoch, holder, acquired_at, expires_at)
 *   log_lease_epochs(epoch PRIMARY KEY, holder, acquired_at)      every epoch ever granted
 *
 * Every decision is one statement on the database's clock (`clock_timestamp()`), so instances
 * whose clocks disagree still agree on who holds the lease:
 *   - acquire: only when the lease has expired (or names this same holder, e.g. a restarted
 *     process); it always increments the epoch, the fencing token;
 *   - renew: only the holder of the current epoch, and only before expiry;
 *   - release: ends the lease now (a clean shutdown hands over at once).
 * Triggers refuse a lower or skipped epoch and any DELETE, so epochs only grow one by one.
 *
 * migrate() also installs the fence (log-fence.ts): statement triggers on the log's tables
 * (leaves, nodes, log_state, checkpoints) that refuse a write claiming an epoch which is not the
 * current, unexpired one. The trigger reads the lease row FOR SHARE, so a takeover (an UPDATE
 * of that row) waits for a write in flight to commit, and a write after the takeover sees the
 * new epoch: a write either commits before the new leader reads the log's size, or is refused.
 */
import type { Pool } from 'pg';
import { quoteSchema } from '../merkle/merkle-log-schema';
import { FENCED_SQLSTATE } from './log-fence';

export interface LeaseGrant {
  epoch: number;
  holder: string;
}

export interface LeaseState {
  epoch: number;
  holder: string | null;
  /** Whether it has not expired, on the database's clock. */
  live: boolean;
}

/** The tables the fence guards, and the statement it guards on each. */
const FENCED = [
  ['leaves', 'INSERT'],
  ['nodes', 'INSERT'],
  ['log_state', 'UPDATE'],
  ['checkpoints', 'INSERT'],
] as const;

export class LogLease {
  private readonly s: string;

  constructor(
    private readonly pool: Pool,
    readonly schema: string,
    /** How long a grant or renewal lasts. */
    readonly ttlMs: number,
  ) {
    this.s = quoteSchema(schema);
    if (!Number.isSafeInteger(ttlMs) || ttlMs < 100) throw new Error(`the log lease must last at least 100 ms (got ${ttlMs})`);
  }

  /** Creates the lease tables and the fence. Run after the log's and the checkpoints' migrations. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`urna-log-lease-migrate:${this.schema}`]);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.s}.log_lease (
          singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
          epoch bigint NOT NULL CHECK (epoch >= 0),
          holder text,
          acquired_at timestamptz,
          expires_at timestamptz NOT NULL
        )`);
      await client.query(`INSERT INTO ${this.s}.log_lease (singleton, epoch, expires_at) VALUES (true, 0, '-infinity') ON CONFLICT DO NOTHING`);
      await client.query(`
        CREATE TABLE IF NOT EXISTS ${this.s}.log_lease_epochs (
          epoch bigint PRIMARY KEY CHECK (epoch >= 1),
          holder text NOT NULL,
          acquired_at timestamptz NOT NULL
        )`);
      await client.query(`
        CREATE OR REPLACE FUNCTION ${this.s}.log_lease_monotonic() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'UPDATE' THEN
            RAISE EXCEPTION 'the log lease is never deleted: % refused', TG_OP;
          END IF;
          IF NEW.epoch <> OLD.epoch AND NEW.epoch <> OLD.epoch + 1 THEN
            RAISE EXCEPTION 'the log lease epoch goes from % to % only by one', OLD.epoch, NEW.epoch;
          END IF;
          RETURN NEW;
        END $$`);
      await client.query(`
        CREATE OR REPLACE FUNCTION ${this.s}.log_lease_epochs_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'the epochs of the log lease are append-only: % refused', TG_OP;
        END $$`);
      await client.query(`
        CREATE OR REPLACE FUNCTION ${this.s}.fence_log_write() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
          claimed text := nullif(current_setting('urna.log_epoch', true), '');
          current_epoch bigint;
          live boolean;
        BEGIN
          IF claimed IS NULL THEN
            RETURN NULL; -- a writer outside the lease (set-up, route commands): see log.md §10.4
          END IF;
          SELECT epoch, expires_at > clock_timestamp() INTO current_epoch, live FROM ${this.s}.log_lease FOR SHARE;
          IF current_epoch IS DISTINCT FROM claimed::bigint THEN
            RAISE EXCEPTION 'write to % under log epoch % refused: the lease is at epoch %', TG_TABLE_NAME, claimed, current_epoch
              USING ERRCODE = '${FENCED_SQLSTATE}';
          END IF;
          IF NOT live THEN
            RAISE EXCEPTION 'write to % under log epoch % refused: the lease has expired', TG_TABLE_NAME, claimed
              USING ERRCODE = '${FENCED_SQLSTATE}';
          END IF;
          RETURN NULL;
        END $$`);
      const triggers: Array<[string, string, string, string]> = [
        ['log_lease', 'log_lease_monotonic', 'BEFORE UPDATE OR DELETE', 'FOR EACH ROW EXECUTE FUNCTION log_lease_monotonic()'],
        ['log_lease_epochs', 'append_only', 'BEFORE UPDATE OR DELETE', 'FOR EACH ROW EXECUTE FUNCTION log_lease_epochs_append_only()'],
        ...FENCED.map(([table, op]): [string, string, string, string] => [table, 'log_fence', `BEFORE ${op}`, 'FOR EACH STATEMENT EXECUTE FUNCTION fence_log_write()']),
      ];
      for (const [table, name, when, action] of triggers) {
        // Created once: dropping and re-creating at every start would lock the log's tables
        // against the leader's appends while another instance starts.
        const { rows } = await client.query(
          `SELECT 1 FROM pg_trigger WHERE tgname = $1 AND tgrelid = to_regclass($2)`,
          [name, `${this.s}.${table}`],
        );
        if (rows.length === 0) {
          await client.query(`CREATE TRIGGER ${name} ${when} ON ${this.s}.${table} ${action.replace(/EXECUTE FUNCTION (\w+)/, `EXECUTE FUNCTION ${this.s}.$1`)}`);
        }
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Takes the lease for `holder` if it is free (expired) or already theirs: a new epoch. */
  async acquire(holder: string): Promise<LeaseGrant | undefined> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(
        `UPDATE ${this.s}.log_lease
            SET epoch = epoch + 1, holder = $1, acquired_at = clock_timestamp(),
                expires_at = clock_timestamp() + $2::bigint * interval '1 millisecond'
          WHERE expires_at <= clock_timestamp() OR holder = $1
          RETURNING epoch, acquired_at`,
        [holder, this.ttlMs],
      );
      if (rows.length === 0) {
        await client.query('ROLLBACK');
        return undefined;
      }
      await client.query(`INSERT INTO ${this.s}.log_lease_epochs (epoch, holder, acquired_at) VALUES ($1, $2, $3)`, [rows[0].epoch, holder, rows[0].acquired_at]);
      await client.query('COMMIT');
      return { epoch: Number(rows[0].epoch), holder };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /** Extends the lease of `epoch` by the TTL; false if it is no longer current or has expired. */
  async renew(epoch: number): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE ${this.s}.log_lease SET expires_at = clock_timestamp() + $2::bigint * interval '1 millisecond'
        WHERE epoch = $1 AND expires_at > clock_timestamp()`,
      [epoch, this.ttlMs],
    );
    return rowCount === 1;
  }

  /** Ends the lease of `epoch` now, so that another instance may take it without waiting. */
  async release(epoch: number): Promise<void> {
    await this.pool.query(`UPDATE ${this.s}.log_lease SET expires_at = clock_timestamp() WHERE epoch = $1 AND expires_at > clock_timestamp()`, [epoch]);
  }

  async current(): Promise<LeaseState> {
    const { rows } = await this.pool.query(`SELECT epoch, holder, expires_at > clock_timestamp() AS live FROM ${this.s}.log_lease`);
    return { epoch: Number(rows[0].epoch), holder: rows[0].holder, live: rows[0].live };
  }

  /** Every epoch granted so far, in order. */
  async epochs(): Promise<Array<{ epoch: number; holder: string; acquiredAt: Date }>> {
    const { rows } = await this.pool.query(`SELECT epoch, holder, acquired_at FROM ${this.s}.log_lease_epochs ORDER BY epoch`);
    return rows.map((r) => ({ epoch: Number(r.epoch), holder: r.holder, acquiredAt: r.acquired_at }));
  }
}
