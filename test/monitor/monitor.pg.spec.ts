/**
 * `urna monitor` against the real log service (LedgerModule + BulletinBoardModule over HTTP on
 * PostgreSQL) of a real open election: it follows the log through its tiles across restarts,
 * and each attack a dishonest or broken server could make is reported, with the state left at
 * the last tree that verified: a leaf whose bytes are not the tree's, a checkpoint that forks
 * from the one seen before, a checkpoint signed by another key, a ballot whose proof fails, a
 * second ballot for a pseudonym, and a checkpoint that went stale while voting is open.
 */
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { BulletinBoardModule } from '../../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../../src/config/configuration';
import { registerEventTypes } from '../../src/domain/event-catalog';
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import type { EventStore } from '../../src/ledger/event-store';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { EVENT_STORE } from '../../src/ledger/ledger.tokens';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { runMonitor, type MonitorOptions } from '../../src/monitor/monitor-cli';
import { loadState } from '../../src/monitor/monitor-state';
import { dropSchema, freshSchemaName } from '../support/postgres';
import { openElection, type OpenElection } from '../support/open-election';
import { randomSigningKey } from '../support/credential-authority';
import { ballotCastEvent, ballotSpoiledEvent, castBallot } from './support/cast';

registerEventTypes([{ type: 'monitor.test', versions: [1], visibility: 'public', description: 'Test fact (monitor suite: another history).' }]);

const ORIGIN = 'monitor.urna.test/log/e';

interface Board {
  app: INestApplication;
  url: string;
  store: EventStore;
  logSchema: string;
}

describe('urna monitor follows the live log', () => {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL });
  const schemas: string[] = [];
  const apps: INestApplication[] = [];
  const dirs: string[] = [];
  const signer = SoftwareNoteSigner.generate(ORIGIN);
  const vkey = formatVerifierKey(ORIGIN, signer.publicKey);
  let board: Board;
  let election: OpenElection;
  let next = 0;

  async function startBoard(keyPair = signer): Promise<Board> {
    const ledgerSchema = freshSchemaName('monitor_ledger');
    const logSchema = freshSchemaName('monitor_log');
    schemas.push(ledgerSchema, logSchema);
    const moduleRef = await Test.createTestingModule({
      imports: [
        LedgerModule.forRoot(loadConfiguration({ DATABASE_URL: process.env.DATABASE_URL }), { schema: ledgerSchema }),
        BulletinBoardModule.forRoot({ origin: ORIGIN, signer: keyPair, schema: logSchema, checkpointIntervalMs: 40, runWriters: true }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    apps.push(app);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    return { app, url: `http://127.0.0.1:${port}`, store: app.get<EventStore>(EVENT_STORE), logSchema };
  }

  /** Waits until every ledger event is a leaf and a checkpoint covers them all. */
  async function sync(b: Board = board): Promise<number> {
    const head = await b.store.head();
    for (let i = 0; (await b.app.get(MerkleLog).size()) < head; i++) {
      if (i > 400) throw new Error('the log did not catch up');
      await new Promise((r) => setTimeout(r, 25));
    }
    return (await b.app.get(CheckpointService).checkpointNow()).size;
  }

  function stateDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'urna-monitor-'));
    dirs.push(dir);
    return dir;
  }

  async function monitor(state: string, extra: Partial<MonitorOptions> = {}) {
    const lines: string[] = [];
    const run = await runMonitor({ url: board.url, vkey, state, staleAfter: 120, once: true, json: true, write: (l) => lines.push(l), ...extra });
    const anomalies = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { type: string; code?: string; index?: number; es?: string; en?: string }).filter((l) => l.type === 'anomaly');
    return { ...run, lines, anomalies, codes: anomalies.map((a) => a.code) };
  }

  /** A state that has followed the whole log as it is now (whatever earlier tests left in it). */
  async function caughtUp(): Promise<string> {
    await sync();
    const dir = stateDir();
    await monitor(dir);
    expect(loadState(dir)!.size).toBe(await board.app.get(MerkleLog).size());
    return dir;
  }

  const voter = () => election.voters[next++];

  beforeAll(async () => {
    board = await startBoard();
    election = await openElection(board.store, { voters: 12 });
  }, 120_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const s of schemas) await dropSchema(pool, s);
    await pool.end();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('refuses to start without the pinned key, and says where to find it', async () => {
    const run = await monitor(stateDir(), { vkey: undefined, json: false });
    expect(run.exitCode).toBe(2);
    expect(run.lines.join('\n')).toMatch(/acta de apertura.*opening report/s);
  });

  it('runs as `urna monitor` from the console: exit 2 without the key, 0 and a bilingual summary when the log is sound', async () => {
    const urna = (...args: string[]) => promisify(execFile)(process.execPath, ['-r', 'urna-ts-register', resolve(__dirname, '../../src/cli/urna.ts'), 'monitor', ...args], { cwd: resolve(__dirname, '../..') })
      .then(({ stdout }) => ({ code: 0, stdout }), (err: { code?: number; stdout?: string }) => ({ code: err.code, stdout: String(err.stdout) }));
    const dir = stateDir();
    expect(await urna('--url', board.url, '--state', dir, '--once')).toMatchObject({ code: 2, stdout: expect.stringContaining('opening report') });
    const size = await sync();
    const run = await urna('--url', board.url, '--vkey', vkey, '--state', dir, '--once');
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining(`${size} hojas verificadas`) });
    expect(loadState(dir)!.size).toBeGreaterThanOrEqual(size);
  }, 60_000);

  it('follows a growing log across two restarts, reading only the new leaves each time', async () => {
    const dir = stateDir();
    const size0 = await sync();
    const first = await monitor(dir);
    expect(first.codes).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.rounds[0]).toMatchObject({ from: 0, to: size0 });
    expect(loadState(dir)!.elections[election.electionId].phase).toBe('voting');

    // Restart 1: two more ballots.
    await castBallot(board.store, election, voter());
    await castBallot(board.store, election, voter());
    const size1 = await sync();
    const second = await monitor(dir);
    expect(second.codes).toEqual([]);
    expect(second.rounds[0]).toMatchObject({ from: size0, to: size1, ballots: 2 });

    // Restart 2: one more.
    await castBallot(board.store, election, voter());
    const size2 = await sync();
    const third = await monitor(dir, { json: false });
    expect(third.exitCode).toBe(0);
    expect(third.rounds[0]).toMatchObject({ from: size1, to: size2, ballots: 1 });
    const state = loadState(dir)!;
    expect(state).toMatchObject({ size: size2, counters: { ballots: 3, anomalies: 0 } });
    expect(state.elections[election.electionId].voted).toHaveLength(3);
    expect(third.lines.join('\n')).toContain(`${size2} hojas verificadas`);
  }, 60_000);

  it('detects a second ballot for a pseudonym', async () => {
    const v = voter();
    await castBallot(board.store, election, v);
    const dir = await caughtUp();
    // The server appends another well-formed, signed ballot of the same voter after the first.
    const again = ballotCastEvent(election, v);
    await board.store.append(`ballot-${election.electionId}-${v.pseudonym}`, [again], 'any');
    await sync();
    const run = await monitor(dir);
    expect(run.exitCode).toBe(1);
    expect(run.anomalies).toContainEqual(expect.objectContaining({ code: 'second-ballot', es: expect.stringContaining(v.pseudonym) }));
  }, 60_000);

  it('detects a ballot signed by a credential not on the authority\'s list, and a credential used for a second voter', async () => {
    const dir = await caughtUp();
    // Ballot stuffing: a sound ballot for a voter who has not voted, signed by a key the server made.
    const absent = voter();
    const stuffed = ballotCastEvent(election, { ...absent, credential: randomSigningKey() });
    const first = await board.store.append(`ballot-${election.electionId}-${absent.pseudonym}`, [stuffed], 'no_stream');
    // A second voter's ballot signed with a listed credential that already cast one.
    const owner = voter();
    await castBallot(board.store, election, owner);
    const borrower = voter();
    const borrowed = ballotCastEvent(election, { ...borrower, credential: owner.credential });
    const second = await board.store.append(`ballot-${election.electionId}-${borrower.pseudonym}`, [borrowed], 'no_stream');
    await sync();
    const run = await monitor(dir);
    expect(run.exitCode).toBe(1);
    expect(run.anomalies.map((a) => [a.code, a.index])).toEqual([['credential-not-listed', first.positions[0]], ['credential-second-ballot', second.positions[0]]]);
  }, 60_000);

  it('detects a ballot of a pseudonym not on the roll, and one of another ballot style than the voter\'s entity', async () => {
    const dir = await caughtUp();
    const stranger = voter();
    const ghost = { ...stranger, pseudonym: `${stranger.pseudonym}x` };
    const first = await board.store.append(`ballot-${election.electionId}-${ghost.pseudonym}`, [ballotCastEvent(election, ghost)], 'no_stream');
    const v = voter();
    const other = election.manifest.ballotStyles.find((st) => st.id !== v.styleId)!;
    const second = await board.store.append(`ballot-${election.electionId}-${v.pseudonym}`, [ballotCastEvent(election, { ...v, styleId: other.id })], 'no_stream');
    await sync();
    const run = await monitor(dir);
    expect(run.exitCode).toBe(1);
    expect(run.anomalies.map((a) => [a.code, a.index])).toEqual([['not-on-roll', first.positions[0]], ['wrong-style', second.positions[0]]]);
  }, 60_000);

  it('detects a ballot whose proof does not verify', async () => {
    const dir = await caughtUp();
    const v = voter();
    const event = ballotCastEvent(election, v, (ballot) => {
      // The disjunctive proof's two responses swapped: well-formed scalars, a false proof.
      const option = ballot.contests[0].options[0] as { proof: { v0: string; v1: string } };
      [option.proof.v0, option.proof.v1] = [option.proof.v1, option.proof.v0];
    });
    const { positions } = await board.store.append(`ballot-${election.electionId}-${v.pseudonym}`, [event], 'no_stream');
    await sync();
    const run = await monitor(dir);
    expect(run.exitCode).toBe(1);
    expect(run.anomalies).toEqual([expect.objectContaining({ code: 'ballot-invalid', index: positions[0] })]);
    expect(run.anomalies[0].en).toMatch(/proof/);
  }, 60_000);

  it('checks spoiled ballots: one that opens from its disclosure passes, one whose disclosure names another choice is reported', async () => {
    const dir = await caughtUp();
    const honest = ballotSpoiledEvent(election, election.voters[next]);
    await board.store.append(honest.stream, [honest.event], 'no_stream');
    await sync();
    expect((await monitor(dir)).codes).toEqual([]);
    const lying = ballotSpoiledEvent(election, election.voters[next], (d) => {
      // The disclosure claims the second option where the ballot encrypts the first.
      const contest = Object.keys(d.selections)[0];
      const style = election.manifest.contests.find((c) => c.id === contest)!;
      d.selections[contest] = style.options.find((o) => o.id !== d.selections[contest])!.id;
    });
    const { positions } = await board.store.append(lying.stream, [lying.event], 'no_stream');
    await sync();
    const run = await monitor(dir);
    expect(run.exitCode).toBe(1);
    expect(run.anomalies.map((a) => [a.code, a.index])).toContainEqual(['spoiled-invalid', positions[0]]);
  }, 60_000);

  it('reports an event its election\'s phase does not allow (voting started a second time)', async () => {
    const dir = await caughtUp();
    const lifecycle = await board.store.append(`lifecycle-${election.electionId}`, [{
      type: 'VotingStarted', version: 1, visibility: 'public', metadata: { actor: 'system:scheduler' },
      data: { electionId: election.electionId, at: new Date().toISOString(), scheduledFor: election.votingOpensAt },
    }], 'any');
    await sync();
    const run = await monitor(dir);
    expect(run.exitCode).toBe(1);
    expect(run.anomalies).toEqual([expect.objectContaining({ code: 'event-out-of-phase', index: lifecycle.positions[0] })]);
  }, 60_000);

  it('detects a leaf whose bytes are not the tree\'s, and keeps its state at the last tree that verified', async () => {
    const dir = await caughtUp();
    const before = loadState(dir)!;
    await castBallot(board.store, election, voter());
    const size = await sync();
    const index = size - 1;
    const table = `${board.logSchema}.leaves`;
    const { rows } = await pool.query<{ data: Buffer }>(`SELECT data FROM ${table} WHERE idx = $1`, [index]);
    const original = rows[0].data;
    const forged = Buffer.from(original.toString('utf8').replace('"castAt":"', '"castAt":"1'));
    expect(forged.equals(original)).toBe(false);
    await pool.query(`ALTER TABLE ${table} DISABLE TRIGGER append_only`);
    try {
      await pool.query(`UPDATE ${table} SET data = $2 WHERE idx = $1`, [index, forged]);
      const run = await monitor(dir);
      expect(run.exitCode).toBe(1);
      expect(run.anomalies).toEqual([expect.objectContaining({ code: 'entry-bytes', index })]);
      expect(loadState(dir)!.size).toBe(before.size);
      // Restored, the same state follows on.
      await pool.query(`UPDATE ${table} SET data = $2 WHERE idx = $1`, [index, original]);
      const after = await monitor(dir);
      expect(after.codes).toEqual([]);
      expect(loadState(dir)!.size).toBe(size);
    } finally {
      await pool.query(`UPDATE ${table} SET data = $2 WHERE idx = $1`, [index, original]);
      await pool.query(`ALTER TABLE ${table} ENABLE TRIGGER append_only`);
    }
  }, 60_000);

  it('detects a checkpoint that is not consistent with the last one seen (a forked log under the same key)', async () => {
    const dir = await caughtUp();
    const seen = loadState(dir)!.size;
    // Another history, signed with the same key and origin, longer than the one seen.
    const fork = await startBoard(signer);
    const events = Array.from({ length: seen + 3 }, (_, i) => ({ id: randomUUID(), type: 'monitor.test', version: 1, data: { i }, metadata: { actor: 'system:test' }, visibility: 'public' as const }));
    await fork.store.append('fork-1', events, 'no_stream');
    const forkSize = await sync(fork);
    expect(forkSize).toBeGreaterThan(seen);
    const run = await monitor(dir, { url: fork.url });
    expect(run.exitCode).toBe(1);
    expect(run.anomalies).toEqual([expect.objectContaining({ code: 'fork' })]);
    expect(loadState(dir)!.size).toBe(seen);
    // A shorter history is a fork too (a log never shrinks).
    const shorter = await startBoard(signer);
    await sync(shorter);
    expect((await monitor(dir, { url: shorter.url })).codes).toEqual(['fork']);
  }, 60_000);

  it('detects a checkpoint signed by another key than the pinned one', async () => {
    const impostor = await startBoard(SoftwareNoteSigner.generate(ORIGIN));
    await sync(impostor);
    const run = await monitor(stateDir(), { url: impostor.url });
    expect(run.exitCode).toBe(1);
    expect(run.codes).toEqual(['checkpoint-signature']);
    // Watching (no --once), the same anomaly is said once however many rounds it lasts.
    const stop = new AbortController();
    const lines: string[] = [];
    const watching = await runMonitor({
      url: impostor.url, vkey, state: stateDir(), staleAfter: 120, json: true, interval: 0.02, signal: stop.signal,
      write: (l) => {
        lines.push(l);
        if (lines.filter((x) => x.includes('"type":"round"')).length === 3) stop.abort();
      },
    });
    expect(watching.rounds).toHaveLength(3);
    expect(watching.rounds.every((r) => r.anomalies.length === 1)).toBe(true);
    expect(lines.filter((x) => x.includes('"type":"anomaly"'))).toHaveLength(1);
  }, 60_000);

  it('reports a stale checkpoint while voting is open: the log grows and nothing signs it', async () => {
    const dir = await caughtUp();
    // Fresh checkpoint: nothing to report.
    expect((await monitor(dir, { staleAfter: 1 })).codes).toEqual([]);
    await board.app.get(CheckpointService).stop();
    await castBallot(board.store, election, voter());
    const head = await board.store.head();
    for (let i = 0; (await board.app.get(MerkleLog).size()) < head && i < 400; i++) await new Promise((r) => setTimeout(r, 25));
    const later = () => new Date(Date.now() + 5_000);
    // Within the limit: not stale.
    expect((await monitor(dir, { staleAfter: 120, now: later })).codes).toEqual([]);
    const run = await monitor(dir, { staleAfter: 2, now: later });
    expect(run.exitCode).toBe(1);
    expect(run.codes).toEqual(['stale-checkpoint']);
  }, 60_000);
});
