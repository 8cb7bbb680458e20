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
@QueryHandler(TurnoutQuery)
export class TurnoutHandler implements IQueryHandler<TurnoutQuery> {
  constructor(private readonly board: BoardQueries) {}
  execute(query: TurnoutQuery): Promise<TurnoutView> {
    return this.board.turnout(query.electionId);
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
