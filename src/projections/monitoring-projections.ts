/**
 * Read models of the monitoring API (docs/spec/monitoring.md §6–7), so that a request reads a
 * few indexed rows instead of the whole ledger (issue 16 §2): credential and code deliveries
 * by entity and country, and the monitoring accounts' access log. Rebuildable like every
 * projection (ProjectionRunner.rebuild); a test replays the ledger through the fold the
 * operation reports use (OperationFactsFolder) and through the old whole-ledger read, and
 * compares.
 *
 * One election's, like the monitoring module: the streams are told by their exact prefix.
 * The places table holds a pseudonym's entity and country of residence (from its sealed
 * registration) and nothing else of the voter: no name, e-mail or phone. Only counts leave it.
 */
import type { PoolClient, Pool } from 'pg';
import type { DeliveryCounts, PlaceCounts } from '../domain/monitoring/operation-facts';
import type { RecordedEvent } from '../ledger/event-store';
import { qualified, type Projection } from './projection';

/** Where a voter is counted when its registration did not say (as the fold does). */
const UNKNOWN = 'unknown';

const DELIVERY_KIND: Record<string, { kind: 'credentials' | 'codes'; ok: boolean }> = {
  CredentialSent: { kind: 'credentials', ok: true },
  CredentialDeliveryFailed: { kind: 'credentials', ok: false },
  OneTimeCodeSent: { kind: 'codes', ok: true },
  OneTimeCodeDeliveryFailed: { kind: 'codes', ok: false },
};

/**
 * Deliveries: each voter's place, and per voter and kind how many messages were sent and failed.
 * Counted per voter and joined with the place at read time, so a delivery counts where the
 * voter's latest registration puts it, exactly as the fold does.
 */
export function deliveryStatusProjection(electionId: string): Projection {
  const voterPrefix = `voter-${electionId}-`;
  const resendsStream = `monitoring-resends-${electionId}`;
  return {
    name: 'monitoring_deliveries',
    tables: ['monitoring_voter_places', 'monitoring_delivery_counts', 'monitoring_resends'],
    async createTables(db: PoolClient, schema: string): Promise<void> {
      const q = (t: string) => qualified(schema, t);
      await db.query(`
        CREATE TABLE IF NOT EXISTS ${q('monitoring_voter_places')} (pseudonym text PRIMARY KEY, entity text NOT NULL, country text NOT NULL);
        CREATE TABLE IF NOT EXISTS ${q('monitoring_delivery_counts')} (
          kind text NOT NULL, pseudonym text NOT NULL, sent int NOT NULL, failed int NOT NULL, PRIMARY KEY (kind, pseudonym));
        CREATE TABLE IF NOT EXISTS ${q('monitoring_resends')} (one boolean PRIMARY KEY DEFAULT true, requested int NOT NULL);`);
    },
    async apply(db: PoolClient, schema: string, e: RecordedEvent): Promise<void> {
      const q = (t: string) => qualified(schema, t);
      if (e.stream.startsWith(voterPrefix)) {
        const pseudonym = e.stream.slice(voterPrefix.length);
        if (e.type === 'VoterRegistered') {
          const voter = ((e.data ?? {}) as { voter?: { entityOfOrigin?: string; countryOfResidence?: string } }).voter ?? {};
          await db.query(`INSERT INTO ${q('monitoring_voter_places')} VALUES ($1, $2, $3) ON CONFLICT (pseudonym) DO UPDATE SET entity = EXCLUDED.entity, country = EXCLUDED.country`,
            [pseudonym, voter.entityOfOrigin ?? UNKNOWN, voter.countryOfResidence ?? UNKNOWN]);
          return;
        }
        const delivery = DELIVERY_KIND[e.type];
        if (!delivery) return;
        const [sent, failed] = delivery.ok ? [1, 0] : [0, 1];
        await db.query(`INSERT INTO ${q('monitoring_delivery_counts')} AS c VALUES ($1, $2, $3, $4)
          ON CONFLICT (kind, pseudonym) DO UPDATE SET sent = c.sent + EXCLUDED.sent, failed = c.failed + EXCLUDED.failed`, [delivery.kind, pseudonym, sent, failed]);
        return;
      }
      if (e.type === 'CredentialResendRequested' && e.stream === resendsStream) {
        await db.query(`INSERT INTO ${q('monitoring_resends')} AS r (one, requested) VALUES (true, 1) ON CONFLICT (one) DO UPDATE SET requested = r.requested + 1`);
      }
    },
  };
}

export type DeliveryStatus = { credentials: DeliveryCounts & PlaceCounts<DeliveryCounts>; codes: DeliveryCounts & PlaceCounts<DeliveryCounts>; resendsRequested: number };

/** The delivery status as the fold gives it (OperationFacts['deliveries'] over all time), from the projection's rows. */
export async function readDeliveryStatus(pool: Pool, schema: string): Promise<DeliveryStatus> {
  const q = (t: string) => qualified(schema, t);
  const { rows } = await pool.query<{ kind: 'credentials' | 'codes'; entity: string; country: string; sent: number; failed: number }>(`
    SELECT c.kind, coalesce(p.entity, '${UNKNOWN}') AS entity, coalesce(p.country, '${UNKNOWN}') AS country,
           sum(c.sent)::int AS sent, sum(c.failed)::int AS failed
      FROM ${q('monitoring_delivery_counts')} c LEFT JOIN ${q('monitoring_voter_places')} p USING (pseudonym)
     GROUP BY 1, 2, 3`);
  const empty = (): DeliveryCounts & PlaceCounts<DeliveryCounts> => ({ sent: 0, failed: 0, byEntity: {}, byCountry: {} });
  const out = { credentials: empty(), codes: empty() };
  for (const r of rows) {
    const o = out[r.kind];
    o.sent += r.sent;
    o.failed += r.failed;
    for (const [by, place] of [['byEntity', r.entity], ['byCountry', r.country]] as const) {
      const cell = (o[by][place] ??= { sent: 0, failed: 0 });
      cell.sent += r.sent;
      cell.failed += r.failed;
    }
  }
  // Only places with a delivery appear, in code-point order, as the fold gives them.
  for (const o of Object.values(out)) {
    for (const by of ['byEntity', 'byCountry'] as const) {
      o[by] = Object.fromEntries(Object.entries(o[by]).filter(([, c]) => c.sent + c.failed > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
  }
  const resends = await pool.query<{ requested: number }>(`SELECT requested FROM ${q('monitoring_resends')}`);
  return { ...out, resendsRequested: resends.rows[0]?.requested ?? 0 };
}

/** One line of the access log: never a name, e-mail or phone, nor a token's or code's hash. */
export interface AccessLogEntry {
  position: number;
  username?: string;
  role?: string;
  type: string;
  at: string;
  data: Record<string, unknown>;
}

/** The access log: every event of every monitoring account, in ledger order, with the account's username and role. */
export function accessLogProjection(electionId: string): Projection {
  const prefix = `monitoring-account-${electionId}-`;
  return {
    name: 'monitoring_access_log',
    tables: ['monitoring_access_accounts', 'monitoring_access_log'],
    async createTables(db: PoolClient, schema: string): Promise<void> {
      const q = (t: string) => qualified(schema, t);
      await db.query(`
        CREATE TABLE IF NOT EXISTS ${q('monitoring_access_accounts')} (account_id text PRIMARY KEY, username text NOT NULL, role text NOT NULL);
        CREATE TABLE IF NOT EXISTS ${q('monitoring_access_log')} (
          position bigint PRIMARY KEY, account_id text NOT NULL, type text NOT NULL, at text NOT NULL, data jsonb NOT NULL);`);
    },
    async apply(db: PoolClient, schema: string, e: RecordedEvent): Promise<void> {
      if (!e.stream.startsWith(prefix)) return;
      const q = (t: string) => qualified(schema, t);
      const accountId = e.stream.slice(prefix.length);
      const d = (e.data ?? {}) as Record<string, unknown>;
      let data: Record<string, unknown>;
      if (e.type === 'MonitoringAccountCreated') {
        await db.query(`INSERT INTO ${q('monitoring_access_accounts')} VALUES ($1, $2, $3) ON CONFLICT (account_id) DO UPDATE SET username = EXCLUDED.username, role = EXCLUDED.role`,
          [accountId, String(d.username), String(d.role)]);
        data = { createdBy: d.createdBy };
      } else {
        const { tokenHash: _t, codeHash: _c, ...safe } = d;
        data = safe;
      }
      await db.query(`INSERT INTO ${q('monitoring_access_log')} VALUES ($1, $2, $3, $4, $5) ON CONFLICT (position) DO NOTHING`,
        [e.position, accountId, e.type, String(d.at), JSON.stringify(data)]);
    },
  };
}

/** The access log from the projection's rows, in ledger order. */
export async function readAccessLog(pool: Pool, schema: string): Promise<AccessLogEntry[]> {
  const q = (t: string) => qualified(schema, t);
  const { rows } = await pool.query<{ position: string; username: string | null; role: string | null; type: string; at: string; data: Record<string, unknown> }>(`
    SELECT l.position, a.username, a.role, l.type, l.at, l.data
      FROM ${q('monitoring_access_log')} l LEFT JOIN ${q('monitoring_access_accounts')} a USING (account_id)
     ORDER BY l.position`);
  return rows.map((r) => ({
    position: Number(r.position),
    ...(r.username !== null ? { username: r.username, role: r.role! } : {}),
    type: r.type, at: r.at, data: r.data,
  }));
}
