/**
 * The voting projection's table of cast αs (src/voting/voting-projection.ts), which the spoil
 * check reads (crypto.md, "a spoiled ballot discloses no α of a cast ballot"), on a real
 * PostgreSQL ledger: only this election's cast ballots count, a rebuild gives the same answers,
 * and a service upgraded in the middle of voting (the table missing, the projection's position
 * saved past earlier casts) fills it for the ballots cast before.
 */
import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { NewEvent } from '../../src/ledger/event-store';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { VotingProjection } from '../../src/voting/voting-projection';
import { dropSchema, freshSchemaName, testPool } from '../support/postgres';

const ELECTION = 'e2026';
/** 64 hex digits that differ from the first digit on (the table keeps the first 32). */
const hex = (n: number, salt = 0) => createHash('sha256').update(`${n}:${salt}`).digest('hex');

const cast = (electionId: string, k: number, alphas: string[]): NewEvent => ({
  type: 'BallotCast', version: 1, visibility: 'public', metadata: { actor: `voter:p${k}` },
  data: {
    electionId, pseudonym: `p${k}`, trackingCode: hex(k, electionId.length), castAt: '2026-12-04T00:00:00.000Z', styleId: 's',
    ballot: { styleId: 's', contests: [{ id: 'c', options: alphas.map((alpha) => ({ alpha, beta: hex(k, 99) })) }] },
  },
});

describe('the voting projection keeps the αs of cast ballots', () => {
  let pool: Pool;
  let ledger: string;
  let voting: string;
  let store: PostgresEventStore;

  beforeAll(async () => {
    pool = testPool();
    ledger = freshSchemaName('cast_alphas_ledger');
    voting = freshSchemaName('cast_alphas_voting');
    store = new PostgresEventStore(pool, { schema: ledger, isKnownType: () => true });
    await store.migrate();
    await store.append(`ballot-${ELECTION}-p1`, [cast(ELECTION, 1, [hex(1, 1), hex(1, 2)])], 'no_stream');
    await store.append(`ballot-other-p2`, [cast('other', 2, [hex(2, 1)])], 'no_stream');
  });

  afterAll(async () => {
    await store.close();
    await dropSchema(pool, ledger);
    await dropSchema(pool, voting);
    await pool.end();
  });

  const started = async (electionId = ELECTION) => {
    const projection = new VotingProjection(pool, store, electionId, voting);
    await projection.migrate();
    await projection.start();
    expect(await projection.caughtUpTo(await store.head())).toBe(true);
    return projection;
  };

  it('holds every α of this election\'s cast ballots, and none of another election or not cast', async () => {
    // Another election's projection on the same tables (one database, several elections).
    const other = await started('other');
    expect(await other.holdsCastAlpha([hex(2, 1)])).toBe(true);
    expect(await other.holdsCastAlpha([hex(1, 1)])).toBe(false);
    await other.stop();
    const projection = await started();
    try {
      expect(await projection.holdsCastAlpha([hex(1, 2)])).toBe(true);
      expect(await projection.holdsCastAlpha([hex(9, 9), hex(1, 1)])).toBe(true);
      expect(await projection.holdsCastAlpha([hex(2, 1)])).toBe(false); // another election's
      expect(await projection.holdsCastAlpha([hex(1, 99)])).toBe(false); // a β, not an α
      expect(await projection.holdsCastAlpha([])).toBe(false);
      // A ballot cast while it runs.
      await store.append(`ballot-${ELECTION}-p3`, [cast(ELECTION, 3, [hex(3, 1)])], 'no_stream');
      expect(await projection.caughtUpTo(await store.head())).toBe(true);
      expect(await projection.holdsCastAlpha([hex(3, 1)])).toBe(true);
      await projection.rebuild();
      expect(await projection.holdsCastAlpha([hex(3, 1)])).toBe(true);
      expect(await projection.holdsCastAlpha([hex(1, 1)])).toBe(true);
    } finally {
      await projection.stop();
    }
  });

  it('a service upgraded during voting fills the table for ballots cast before the upgrade', async () => {
    // The older service had applied every event and saved its position past them…
    const older = await started();
    await older.stop();
    const { rows } = await pool.query(`SELECT position FROM "${voting}".projection_state WHERE name = $1`, [`voting:${ELECTION}`]);
    expect(Number(rows[0].position)).toBe(await store.head());
    // …and had no cast_alphas table.
    await pool.query(`DROP TABLE "${voting}".cast_alphas`);
    const upgraded = await started();
    try {
      expect(await upgraded.holdsCastAlpha([hex(1, 1)])).toBe(true);
      expect(await upgraded.holdsCastAlpha([hex(3, 1)])).toBe(true);
      expect(await upgraded.holdsCastAlpha([hex(2, 1)])).toBe(false);
    } finally {
      await upgraded.stop();
    }
  });
});
