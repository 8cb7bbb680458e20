/**
 * Turnout: the roll (size and per-entity counts from RollImported / RollAmended, and each
 * pseudonym's entity from RollEntriesPublished) and every cast and spoiled ballot. Ballots by
 * entity are a join of ballots and roll entries at query time, so a ballot counts for its
 * entity whichever arrives first. Only public events are read: nothing here names a voter.
 */
import type { PoolClient } from 'pg';
import type { RecordedEvent } from '../ledger/event-store';
import { qualified, type Projection } from './projection';

interface RollSummary {
  electionId: string;
  rollVersion: number;
  size: number;
  perEntity: Record<string, number>;
}

interface RollEntries {
  electionId: string;
  added: { pseudonym: string; entity: string }[];
  removed: string[];
}

interface BallotCastData {
  electionId: string;
  pseudonym: string;
  styleId: string;
  trackingCode: string;
  castAt: string;
}

interface BallotSpoiledData {
  electionId: string;
  styleId: string;
  trackingCode: string;
  spoiledAt: string;
}

/** The election an event belongs to: its data's electionId, or the id in a configuration/lifecycle stream name. */
export function electionIdOf(event: RecordedEvent): string | undefined {
  const data = event.data as { electionId?: unknown } | null;
  if (event.visibility === 'public' && data && typeof data.electionId === 'string') return data.electionId;
  const m = /^(configuration|lifecycle|roll|ceremony|tally)-(.+)$/.exec(event.stream);
  return m ? m[2] : undefined;
}

export const turnoutProjection: Projection = {
  name: 'turnout',
  tables: ['turnout_elections', 'turnout_roll', 'turnout_roll_entries', 'turnout_ballots', 'turnout_spoiled'],

  async createTables(db: PoolClient, schema: string): Promise<void> {
    const q = (t: string) => qualified(schema, t);
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${q('turnout_elections')} (election_id text PRIMARY KEY, first_position bigint NOT NULL);
      CREATE TABLE IF NOT EXISTS ${q('turnout_roll')} (
        election_id text PRIMARY KEY, roll_version int NOT NULL, size int NOT NULL, per_entity jsonb NOT NULL, position bigint NOT NULL);
      CREATE TABLE IF NOT EXISTS ${q('turnout_roll_entries')} (
        election_id text NOT NULL, pseudonym text NOT NULL, entity text NOT NULL, PRIMARY KEY (election_id, pseudonym));
      CREATE TABLE IF NOT EXISTS ${q('turnout_ballots')} (
        election_id text NOT NULL, pseudonym text NOT NULL, style_id text NOT NULL, tracking_code text NOT NULL,
        position bigint NOT NULL, cast_at timestamptz NOT NULL, PRIMARY KEY (election_id, pseudonym));
      CREATE INDEX IF NOT EXISTS turnout_ballots_cast_at ON ${q('turnout_ballots')} (election_id, cast_at);
      CREATE INDEX IF NOT EXISTS turnout_ballots_tracking_code ON ${q('turnout_ballots')} (tracking_code text_pattern_ops);
      CREATE TABLE IF NOT EXISTS ${q('turnout_spoiled')} (
        election_id text NOT NULL, tracking_code text NOT NULL, style_id text NOT NULL, position bigint NOT NULL,
        spoiled_at timestamptz NOT NULL, PRIMARY KEY (election_id, tracking_code));
    `);
  },

  async apply(db: PoolClient, schema: string, event: RecordedEvent): Promise<void> {
    if (event.visibility !== 'public') return;
    const q = (t: string) => qualified(schema, t);
    const electionId = electionIdOf(event);
    if (electionId) {
      await db.query(`INSERT INTO ${q('turnout_elections')} (election_id, first_position) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [electionId, event.position]);
    }
    switch (event.type) {
      case 'RollImported':
      case 'RollAmended': {
        const d = event.data as RollSummary;
        await db.query(
          `INSERT INTO ${q('turnout_roll')} (election_id, roll_version, size, per_entity, position) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (election_id) DO UPDATE SET roll_version = EXCLUDED.roll_version, size = EXCLUDED.size,
             per_entity = EXCLUDED.per_entity, position = EXCLUDED.position`,
          [d.electionId, d.rollVersion, d.size, JSON.stringify(d.perEntity), event.position],
        );
        return;
      }
      case 'RollEntriesPublished': {
        const d = event.data as RollEntries;
        if (d.added.length) {
          await db.query(
            `INSERT INTO ${q('turnout_roll_entries')} (election_id, pseudonym, entity)
             SELECT $1, p, e FROM unnest($2::text[], $3::text[]) AS x(p, e)
             ON CONFLICT (election_id, pseudonym) DO UPDATE SET entity = EXCLUDED.entity`,
            [d.electionId, d.added.map((a) => a.pseudonym), d.added.map((a) => a.entity)],
          );
        }
        if (d.removed.length) {
          await db.query(`DELETE FROM ${q('turnout_roll_entries')} WHERE election_id = $1 AND pseudonym = ANY($2::text[])`, [d.electionId, d.removed]);
        }
        return;
      }
      case 'BallotCast': {
        const d = event.data as BallotCastData;
        await db.query(
          `INSERT INTO ${q('turnout_ballots')} (election_id, pseudonym, style_id, tracking_code, position, cast_at)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [d.electionId, d.pseudonym, d.styleId, d.trackingCode, event.position, d.castAt],
        );
        return;
      }
      case 'BallotSpoiled': {
        const d = event.data as BallotSpoiledData;
        await db.query(
          `INSERT INTO ${q('turnout_spoiled')} (election_id, tracking_code, style_id, position, spoiled_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [d.electionId, d.trackingCode, d.styleId, event.position, d.spoiledAt],
        );
        return;
      }
      default:
        return;
    }
  },
};
