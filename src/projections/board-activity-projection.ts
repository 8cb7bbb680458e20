/**
 * Board activity: per election, the ledger position of the last public event that changes what
 * each part of the board shows — the turnout (roll and ballots), the results (the tally stream)
 * and the election's own facts (configuration, lifecycle, ceremony and tally streams: phase,
 * voting window, an early close, the acta). The live notices (board-notices.ts) compare these
 * positions instead of re-reading the views, so a quiet election costs one indexed row read per
 * period however many people watch, and a sealed event (a login) never wakes a board.
 */
import type { PoolClient } from 'pg';
import type { RecordedEvent } from '../ledger/event-store';
import { qualified, type Projection } from './projection';
import { electionIdOf } from './turnout-projection';

/** Event types the turnout view reads (turnout-projection.ts). */
const TURNOUT_TYPES = new Set(['RollImported', 'RollAmended', 'RollEntriesPublished', 'BallotCast', 'BallotSpoiled']);
/** Event types the results view reads (results-projection.ts). */
const RESULTS_TYPES = new Set(['ResultsPublished', 'TallyCompleted']);
/** Streams whose events change the election summary (election-summary.ts folds them). */
const ELECTION_STREAM = /^(configuration|lifecycle|ceremony|tally)-/;

export const boardActivityProjection: Projection = {
  name: 'board_activity',
  tables: ['board_activity'],

  async createTables(db: PoolClient, schema: string): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS ${qualified(schema, 'board_activity')} (
        election_id text PRIMARY KEY,
        turnout_position bigint, results_position bigint, election_position bigint);
    `);
  },

  async apply(db: PoolClient, schema: string, event: RecordedEvent): Promise<void> {
    if (event.visibility !== 'public') return;
    const electionId = electionIdOf(event);
    if (!electionId) return;
    const turnout = TURNOUT_TYPES.has(event.type) ? event.position : null;
    const results = RESULTS_TYPES.has(event.type) ? event.position : null;
    const election = ELECTION_STREAM.test(event.stream) ? event.position : null;
    if (turnout === null && results === null && election === null) return;
    await db.query(
      `INSERT INTO ${qualified(schema, 'board_activity')} (election_id, turnout_position, results_position, election_position) VALUES ($1, $2, $3, $4)
       ON CONFLICT (election_id) DO UPDATE SET
         turnout_position = coalesce(EXCLUDED.turnout_position, ${qualified(schema, 'board_activity')}.turnout_position),
         results_position = coalesce(EXCLUDED.results_position, ${qualified(schema, 'board_activity')}.results_position),
         election_position = coalesce(EXCLUDED.election_position, ${qualified(schema, 'board_activity')}.election_position)`,
      [electionId, turnout, results, election],
    );
  },
};
