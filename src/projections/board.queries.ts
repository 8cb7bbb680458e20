/**
 * The public board's read models as queries on @nestjs/cqrs's QueryBus (numerals 26-27:
 * what party representatives, observers and auditors watch). Controllers only translate a
 * request into one of these; the handlers read the projections and the ledger.
 */
import { Inject } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { BoardQueries, type PublishedResults, type TurnoutView } from './board-queries';
import { electionSummary, type ElectionSummary } from './election-summary';
import { monitoringView, type LogStatusSource, type MonitoringView } from './monitoring';
import { ProjectionRunner } from './projection-runner';

/** The election the board shows when none is named: the newest one recorded. */
export class DefaultElectionQuery extends Query<string | undefined> {}
@QueryHandler(DefaultElectionQuery)
export class DefaultElectionHandler implements IQueryHandler<DefaultElectionQuery> {
  constructor(private readonly board: BoardQueries) {}
  execute(): Promise<string | undefined> {
    return this.board.defaultElectionId();
  }
}

export class TurnoutQuery extends Query<TurnoutView> {
  constructor(readonly electionId: string) {
    super();
  }
}
/** Every live board fetches the turnout when a ballot arrives: one computation per election
 * serves every request of the same second (and the requests that come while it runs). */
const TURNOUT_REUSE_MS = 1000;

@QueryHandler(TurnoutQuery)
export class TurnoutHandler implements IQueryHandler<TurnoutQuery> {
  private readonly recent = new Map<string, { at: number; view: Promise<TurnoutView> }>();
  constructor(private readonly board: BoardQueries) {}
  execute(query: TurnoutQuery): Promise<TurnoutView> {
    const now = Date.now();
    const hit = this.recent.get(query.electionId);
    if (hit && now - hit.at < TURNOUT_REUSE_MS) return hit.view;
    const view = this.board.turnout(query.electionId);
    // Only elections that exist are kept (an unknown id answers an empty view, never cached).
    view.then((v) => {
      if (v.rollSize === 0 && v.ballots === 0) this.recent.delete(query.electionId);
    }, () => this.recent.delete(query.electionId));
    if (this.recent.size > 100) this.recent.clear();
    this.recent.set(query.electionId, { at: now, view });
    return view;
  }
}

/** Undefined until the tally publishes results. */
export class PublishedResultsQuery extends Query<PublishedResults | undefined> {
  constructor(readonly electionId: string) {
    super();
  }
}
@QueryHandler(PublishedResultsQuery)
export class PublishedResultsHandler implements IQueryHandler<PublishedResultsQuery> {
  constructor(private readonly board: BoardQueries) {}
  execute(query: PublishedResultsQuery): Promise<PublishedResults | undefined> {
    return this.board.results(query.electionId);
  }
}

export class ElectionSummaryQuery extends Query<ElectionSummary> {
  constructor(readonly electionId: string) {
    super();
  }
}
@QueryHandler(ElectionSummaryQuery)
export class ElectionSummaryHandler implements IQueryHandler<ElectionSummaryQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  execute(query: ElectionSummaryQuery): Promise<ElectionSummary> {
    return electionSummary(this.store, query.electionId);
  }
}

/** Ledger head, each projection's lag, the log's lag and checkpoint age. */
export class MonitoringQuery extends Query<MonitoringView> {}
@QueryHandler(MonitoringQuery)
export class MonitoringHandler implements IQueryHandler<MonitoringQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    private readonly moduleRef: ModuleRef,
  ) {}

  execute(): Promise<MonitoringView> {
    return monitoringView(this.store, this.runner, this.logStatus());
  }

  /** The transparency log lives in BulletinBoardModule; monitoring works without it too. */
  private logStatus(): LogStatusSource | undefined {
    let log: MerkleLog;
    let checkpoints: CheckpointService;
    try {
      log = this.moduleRef.get(MerkleLog, { strict: false });
      checkpoints = this.moduleRef.get(CheckpointService, { strict: false });
    } catch {
      return undefined;
    }
    return { size: () => log.size(), latestCheckpoint: () => checkpoints.latest() };
  }
}

export const boardQueryHandlers = [DefaultElectionHandler, TurnoutHandler, PublishedResultsHandler, ElectionSummaryHandler, MonitoringHandler];
