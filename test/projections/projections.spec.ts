/**
 * Projections on a real PostgreSQL: they follow the ledger, a rebuild from the ledger gives
 * the same rows, a restart resumes exactly where it stopped, and the monitoring view reports
 * the lags it should.
 */
import { Pool } from 'pg';
import type { EventStore } from '../../src/ledger/event-store';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { BoardQueries } from '../../src/projections/board-queries';
import { monitoringView } from '../../src/projections/monitoring';
import { qualified } from '../../src/projections/projection';
import { ProjectionRunner } from '../../src/projections/projection-runner';
import { resultsProjection } from '../../src/projections/results-projection';
import { turnoutProjection } from '../../src/projections/turnout-projection';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { appendBallot, appendRoll, appendSealed, appendSpoiled, ELECTION } from './board-events';

const projections = [turnoutProjection, resultsProjection];

async function allRows(pool: Pool, schema: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const p of projections) {
    for (const table of p.tables) {
      const { rows } = await pool.query(`SELECT * FROM ${qualified(schema, table)} ORDER BY 1, 2`);
      out[table] = rows;
    }
  }
  return out;
}

describe('projections', () => {
  let pool: Pool;
  let store: EventStore;
  const ledgerSchema = freshSchemaName('proj_ledger');
  const schema = freshSchemaName('proj_read');
  const roll = Array.from({ length: 12 }, (_, i) => ({ pseudonym: `P${String(i).padStart(3, '0')}`, entity: ['09', '14', '19'][i % 3] }));

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
    const pg = new PostgresEventStore(pool, { schema: ledgerSchema });
    await pg.migrate();
    store = pg;
    await appendRoll(store, roll);
    await appendSealed(store, 1);
    // P000, P003 (entity 09), P001 (14) vote; times in two hours
    await appendBallot(store, 'P000', '2024-06-02T10:15:00.000Z');
    await appendBallot(store, 'P003', '2024-06-02T10:45:00.000Z');
    await appendBallot(store, 'P001', '2024-06-02T11:05:00.000Z');
    await appendSpoiled(store, 'spoil-1');
    await appendSealed(store, 2);
  });

  afterAll(async () => {
    await store.close();
    await dropSchema(pool, ledgerSchema);
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('computes turnout from the ledger, ignoring sealed events', async () => {
    const runner = new ProjectionRunner(store, pool, projections, { schema });
    await runner.start();
    try {
      await runner.waitUntilCaughtUp();
      const view = await new BoardQueries(pool, schema).turnout(ELECTION, new Date('2024-06-02T11:30:00.000Z'));
      expect(view).toMatchObject({
        electionId: ELECTION,
        rollSize: 12,
        rollVersion: 1,
        ballots: 3,
        spoiled: 1,
        byEntity: { '09': 2, '14': 1, '19': 0 },
        rollByEntity: { '09': 4, '14': 4, '19': 4 },
        byStyle: { E09: 3 },
        byHour: [
          { hour: '2024-06-02T10:00:00.000Z', ballots: 2 },
          { hour: '2024-06-02T11:00:00.000Z', ballots: 1 },
        ],
        lastHour: [{ minute: '2024-06-02T10:45:00.000Z', ballots: 1 }, { minute: '2024-06-02T11:05:00.000Z', ballots: 1 }],
        asOfPosition: await store.head(),
      });
      expect(await new BoardQueries(pool, schema).defaultElectionId()).toBe(ELECTION);
    } finally {
      await runner.stop();
    }
  });

  it('finds a cast ballot by its full or readable-prefix tracking code, and only then', async () => {
    const queries = new BoardQueries(pool, schema);
    const ballots = (await store.readAll()).filter((e) => e.type === 'BallotCast');
    const code = (ballots[1].data as { trackingCode: string }).trackingCode;
    expect(await queries.ballotByTrackingCode(code)).toMatchObject({ trackingCode: code, logIndex: ballots[1].position });
    expect(await queries.ballotByTrackingCode(code.slice(0, 20))).toMatchObject({ logIndex: ballots[1].position });
    expect(await queries.ballotByTrackingCode('0'.repeat(64))).toBeUndefined();
    expect(await queries.ballotByTrackingCode("x' OR 1=1 --")).toBeUndefined();
  });

  it('rebuild drops the tables and replays the ledger into exactly the same rows', async () => {
    const runner = new ProjectionRunner(store, pool, projections, { schema });
    await runner.start();
    try {
      await runner.waitUntilCaughtUp();
      const before = await allRows(pool, schema);
      expect(before.turnout_ballots).toHaveLength(3);
      // Damage the read model: a rebuild must not depend on what is in the tables.
      await pool.query(`DELETE FROM ${qualified(schema, 'turnout_ballots')} WHERE pseudonym = 'P003'`);
      await pool.query(`UPDATE ${qualified(schema, 'turnout_roll')} SET size = 999`);
      expect(await allRows(pool, schema)).not.toEqual(before);
      await runner.rebuild('turnout');
      await runner.rebuild('results');
      expect(await allRows(pool, schema)).toEqual(before);
      // still following after the rebuild
      await appendBallot(store, 'P002', '2024-06-02T12:00:00.000Z');
      await runner.waitUntilCaughtUp();
      expect((await new BoardQueries(pool, schema).turnout(ELECTION)).ballots).toBe(4);
    } finally {
      await runner.stop();
    }
  });

  it('resumes after a restart from the stored position: nothing applied twice, nothing skipped', async () => {
    const first = new ProjectionRunner(store, pool, projections, { schema });
    await first.start();
    await first.waitUntilCaughtUp();
    await first.stop();
    const stoppedAt = await store.head();

    // While stopped: three more ballots (and a sealed event).
    await appendBallot(store, 'P004', '2024-06-02T12:10:00.000Z');
    await appendBallot(store, 'P005', '2024-06-02T12:20:00.000Z');
    await appendSealed(store, 3);
    await appendBallot(store, 'P006', '2024-06-02T12:30:00.000Z');

    // The stopped runner shows the lag: the events appended since it stopped.
    const lagging = await monitoringView(store, first, undefined);
    expect(lagging.ledgerHead).toBe(stoppedAt + 4);
    expect(lagging.projections).toEqual([
      { name: 'turnout', position: stoppedAt, lag: 4 },
      { name: 'results', position: stoppedAt, lag: 4 },
    ]);
    expect(lagging.log).toBeNull();

    // A monitoring view with a log behind the ledger and a checkpoint behind the log.
    const now = new Date('2024-06-02T12:00:10.000Z');
    const withLog = await monitoringView(store, first, {
      size: async () => stoppedAt + 1,
      latestCheckpoint: async () => ({ size: stoppedAt - 1, createdAt: new Date('2024-06-02T12:00:00.000Z') }),
    }, now);
    expect(withLog.log).toEqual({
      size: stoppedAt + 1,
      lag: 3,
      checkpoint: { size: stoppedAt - 1, createdAt: '2024-06-02T12:00:00.000Z', ageSeconds: 10, unsignedLeaves: 2 },
    });

    const second = new ProjectionRunner(store, pool, projections, { schema });
    await second.start();
    try {
      await second.waitUntilCaughtUp();
      const view = await new BoardQueries(pool, schema).turnout(ELECTION);
      expect(view.ballots).toBe(7);
      expect(view.byEntity).toEqual({ '09': 3, '14': 2, '19': 2 });
      expect((await monitoringView(store, second, undefined)).projections.map((p) => p.lag)).toEqual([0, 0]);
      // And its rows equal a rebuild from scratch.
      const resumed = await allRows(pool, schema);
      await second.rebuild('turnout');
      expect(await allRows(pool, schema)).toEqual(resumed);
    } finally {
      await second.stop();
    }
  });

  it('publishes results per contest (a republication replaces it) and marks the tally complete', async () => {
    const tally = `tally-${ELECTION}`;
    const publish = (contestId: string, a: number, b: number) => ({
      type: 'ResultsPublished', version: 1, visibility: 'public' as const, metadata: { actor: 'system:tally' },
      data: { electionId: ELECTION, contestId, counts: [{ optionId: 'A', count: a }, { optionId: 'B', count: b }], trustees: [1, 2] },
    });
    await store.append(tally, [publish('PRES', 4, 3), publish('SEN-09', 5, 2)], 'any');
    const runner = new ProjectionRunner(store, pool, projections, { schema });
    await runner.start();
    const queries = new BoardQueries(pool, schema);
    try {
      await runner.waitUntilCaughtUp();
      expect(await queries.results(ELECTION)).toMatchObject({
        complete: false,
        contests: [
          { contestId: 'PRES', counts: [{ optionId: 'A', count: 4 }, { optionId: 'B', count: 3 }], trustees: [1, 2] },
          { contestId: 'SEN-09', counts: [{ optionId: 'A', count: 5 }, { optionId: 'B', count: 2 }] },
        ],
      });
      await store.append(tally, [
        publish('PRES', 6, 1),
        { type: 'TallyCompleted', version: 1, visibility: 'public', metadata: { actor: 'system:tally' },
          data: { electionId: ELECTION, contests: 2, ballots: 7, trustees: [1, 2], completedAt: '2024-06-03T09:00:00.000Z' } },
      ], 'any');
      await runner.waitUntilCaughtUp();
      const done = await queries.results(ELECTION);
      expect(done).toMatchObject({ complete: true, ballots: 7, completedAt: '2024-06-03T09:00:00.000Z' });
      expect(done!.contests.map((c) => [c.contestId, c.counts[0].count])).toEqual([['SEN-09', 5], ['PRES', 6]]);
      expect(await queries.results('otra-eleccion')).toBeUndefined();
      const before = await allRows(pool, schema);
      await runner.rebuild('results');
      expect(await allRows(pool, schema)).toEqual(before);
    } finally {
      await runner.stop();
    }
  });
});
