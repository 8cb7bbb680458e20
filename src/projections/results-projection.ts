/**
 * Published results: one row per contest from the tally's ResultsPublished events (decrypted
 * counts per option and the trustees combined; src/domain/tally/events.ts), and TallyCompleted
 * once every contest is out. Republishing a contest replaces its row.
 */
import type { PoolClient } from 'pg';
import type { RecordedEvent } from '../ledger/event-store';
import { qualified, type Projection } from './projection';

interface ResultsPublishedData {
  electionId: string;
  contestId: string;
  counts: { optionId: string; count: number }[];
  trustees: number[];
}

interface TallyCompletedData {
  electionId: string;
  contests: number;
  ballots: number;
  completedAt: string;
}

export const resultsProjection: Projection = {
  name: 'results',
  tables: ['results_contests', 'results_tally'],

  async createTables(db: PoolClient, schema: string): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${qualified(schema, 'results_contests')} (
        election_id text NOT NULL, contest_id text NOT NULL, position bigint NOT NULL, recorded_at timestamptz NOT NULL,
        counts jsonb NOT NULL, trustees jsonb NOT NULL, PRIMARY KEY (election_id, contest_id));
      CREATE TABLE IF NOT EXISTS ${qualified(schema, 'results_tally')} (
        election_id text PRIMARY KEY, contests int NOT NULL, ballots int NOT NULL, completed_at timestamptz NOT NULL, position bigint NOT NULL);
    `);
  },

  async apply(db: PoolClient, schema: string, event: RecordedEvent): Promise<void> {
    if (event.visibility !== 'public') return;
    if (event.type === 'ResultsPublished') {
      const d = event.data as ResultsPublishedData;
      await db.query(
        `INSERT INTO ${qualified(schema, 'results_contests')} (election_id, contest_id, position, recorded_at, counts, trustees) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (election_id, contest_id) DO UPDATE SET position = EXCLUDED.position, recorded_at = EXCLUDED.recorded_at,
           counts = EXCLUDED.counts, trustees = EXCLUDED.trustees`,
        [d.electionId, d.contestId, event.position, event.metadata.recordedAt, JSON.stringify(d.counts), JSON.stringify(d.trustees)],
      );
    } else if (event.type === 'TallyCompleted') {
      const d = event.data as TallyCompletedData;
      await db.query(
        `INSERT INTO ${qualified(schema, 'results_tally')} (election_id, contests, ballots, completed_at, position) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (election_id) DO UPDATE SET contests = EXCLUDED.contests, ballots = EXCLUDED.ballots, completed_at = EXCLUDED.completed_at, position = EXCLUDED.position`,
        [d.electionId, d.contests, d.ballots, d.completedAt, event.position],
      );
    }
  },
};
