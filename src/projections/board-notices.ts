/**
 * Live notices for the public board (pushed over Server-Sent Events by
 * board-events.controller.ts): per election, a small vector of positions that says which part of
 * the board changed — turnout, results, the election's facts — and the size of the newest signed
 * checkpoint. The board fetches a view again only when its position moved, so nobody polls
 * /api/board/results (a 404 until the tally) every few seconds any more.
 *
 * One reader per election, shared by every connection watching it: the database sees one small
 * query per period whatever the number of observers. A position is announced only once the
 * projection behind that view has applied it, so a board that fetches on the notice never gets
 * an older view than the notice promised.
 */
import { catchError, defer, distinctUntilChanged, EMPTY, finalize, from, interval, map, merge, Observable, share, startWith, switchMap } from 'rxjs';
import type { Pool } from 'pg';
import { qualified } from './projection';

export interface BoardNotice {
  kind: 'state';
  electionId: string;
  /** Ledger position of the last event that changed the turnout view (roll, ballots), once applied. */
  turnout: number | null;
  /** Ledger position of the last ResultsPublished or TallyCompleted, once applied; null: no results yet. */
  results: number | null;
  /** Ledger position of the last configuration, lifecycle, ceremony or tally event (phase, window, acta). */
  election: number | null;
  /** Tree size of the newest signed checkpoint (null: none yet, or no log in this process). */
  checkpoint: number | null;
}

export interface BoardHeartbeat {
  kind: 'heartbeat';
  at: string;
}

export type BoardMessage = BoardNotice | BoardHeartbeat;

export interface BoardNoticesOptions {
  /** How often the shared reader looks (default 1000 ms). */
  pollMs?: number;
  /** A heartbeat keeps proxies from closing a quiet stream (default 15 s). */
  heartbeatMs?: number;
  /** The newest checkpoint's size, when the log runs in this process. */
  checkpointSize?: () => Promise<number | undefined>;
}

interface Row {
  turnout_position: string | null;
  results_position: string | null;
  election_position: string | null;
  turnout_applied: string | null;
  results_applied: string | null;
}

export class BoardNotices {
  private readonly streams = new Map<string, Observable<BoardMessage>>();
  /** The newest vector of each watched election, for a watcher that joins a running reader. */
  private readonly latest = new Map<string, BoardNotice>();
  private readonly pollMs: number;
  private readonly heartbeatMs: number;

  constructor(private readonly pool: Pool, private readonly schema: string, private readonly options: BoardNoticesOptions = {}) {
    this.pollMs = options.pollMs ?? 1000;
    this.heartbeatMs = options.heartbeatMs ?? 15_000;
  }

  /** Elections with a shared reader right now (for tests and monitoring). */
  get watched(): number {
    return this.streams.size;
  }

  /** The current vector, read once. `last` keeps positions a projection has not applied yet. */
  async read(electionId: string, last?: BoardNotice): Promise<BoardNotice> {
    const t = (name: string) => qualified(this.schema, name);
    const [{ rows }, checkpoint] = await Promise.all([
      this.pool.query<Row>(
        `SELECT a.turnout_position, a.results_position, a.election_position,
           (SELECT position FROM ${t('projection_positions')} WHERE name = 'turnout') AS turnout_applied,
           (SELECT position FROM ${t('projection_positions')} WHERE name = 'results') AS results_applied
         FROM ${t('board_activity')} a WHERE a.election_id = $1`,
        [electionId],
      ),
      this.options.checkpointSize?.().catch(() => undefined),
    ]);
    const r = rows[0];
    const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));
    // A position counts once its view has applied it (applied = next position to apply).
    const applied = (position: number | null, next: number | null, previous: number | null) =>
      position === null ? null : next !== null && next > position ? position : previous;
    return {
      kind: 'state',
      electionId,
      turnout: applied(num(r?.turnout_position), num(r?.turnout_applied), last?.turnout ?? null),
      results: applied(num(r?.results_position), num(r?.results_applied), last?.results ?? null),
      election: num(r?.election_position),
      checkpoint: checkpoint ?? null,
    };
  }

  /**
   * The notices for one election: the current vector at once, then every change, with
   * heartbeats between. Shared: the reader starts with the first watcher and stops with the last.
   */
  watch(electionId: string): Observable<BoardMessage> {
    let stream = this.streams.get(electionId);
    if (!stream) {
      let last: BoardNotice | undefined;
      const states = interval(this.pollMs).pipe(
        startWith(-1),
        // A read still running when the next tick comes is dropped, never queued.
        switchMap(() => from(this.read(electionId, last)).pipe(catchError(() => EMPTY))),
        distinctUntilChanged((a, b) => a.turnout === b.turnout && a.results === b.results && a.election === b.election && a.checkpoint === b.checkpoint),
        map((n) => (last = n)),
      );
      const heartbeats = interval(this.heartbeatMs).pipe(map((): BoardHeartbeat => ({ kind: 'heartbeat', at: new Date().toISOString() })));
      stream = merge(states, heartbeats).pipe(
        finalize(() => this.streams.delete(electionId)),
        share({ resetOnRefCountZero: true }),
      );
      this.streams.set(electionId, stream);
    }
    const shared = stream;
    // A watcher joining a running reader gets the newest vector first, not just later changes.
    return defer(() => {
      const current = this.latest.get(electionId);
      return current ? merge(from([current]), shared) : shared;
    }).pipe(map((m) => {
      if (m.kind === 'state') this.latest.set(electionId, m);
      return m;
    }), finalize(() => {
      if (!this.streams.has(electionId)) this.latest.delete(electionId);
    }));
  }
}
