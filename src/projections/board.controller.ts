/**
 * Public board read API (no authentication): turnout, monitoring, results and the election
 * summary. Thin: it picks the election and asks the projections' queries.
 */
import { Controller, Get, HttpException, HttpStatus, Inject, Query } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import { MerkleLog } from '../ledger/merkle/merkle-log';
import { BoardQueries } from './board-queries';
import { electionSummary } from './election-summary';
import { monitoringView, type LogStatusSource } from './monitoring';
import { ProjectionRunner } from './projection-runner';

function notFound(error: string, message: string, mensaje: string): HttpException {
  return new HttpException({ error, message, mensaje }, HttpStatus.NOT_FOUND);
}

@ApiTags('board')
@Controller('api/board')
export class BoardController {
  constructor(
    private readonly queries: BoardQueries,
    private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly moduleRef: ModuleRef,
  ) {}

  private async electionId(requested: unknown): Promise<string> {
    if (typeof requested === 'string' && requested.length > 0) {
      if (requested.length > 200) throw new HttpException({ error: 'bad_request', message: 'election id too long', mensaje: 'identificador de elección demasiado largo' }, HttpStatus.BAD_REQUEST);
      return requested;
    }
    const id = await this.queries.defaultElectionId();
    if (!id) throw notFound('no_election', 'no election has been recorded yet', 'aún no se ha registrado ninguna elección');
    return id;
  }

  @Get('turnout')
  @ApiOperation({ summary: 'Participación / turnout (projection)' })
  @ApiQuery({ name: 'election', required: false })
  async turnout(@Query('election') election?: unknown) {
    return this.queries.turnout(await this.electionId(election));
  }

  @Get('results')
  @ApiOperation({ summary: 'Resultados publicados / published results' })
  @ApiQuery({ name: 'election', required: false })
  @ApiNotFoundResponse({ description: 'Not published yet.' })
  async results(@Query('election') election?: unknown) {
    const id = await this.electionId(election);
    const found = await this.queries.results(id);
    if (!found) throw notFound('results_not_published', `results of ${id} are not published yet`, `los resultados de ${id} aún no se publican`);
    return found;
  }

  @Get('election')
  @ApiOperation({ summary: 'Resumen de la elección / election summary (manifest, phase, window, key)' })
  @ApiQuery({ name: 'election', required: false })
  @ApiOkResponse({ description: 'Manifest summary, phase, window, public key and base hash.' })
  async election(@Query('election') election?: unknown) {
    return electionSummary(this.store, await this.electionId(election));
  }

  @Get('monitoring')
  @ApiOperation({ summary: 'Monitoreo / monitoring: projection lag, log lag, checkpoint age' })
  async monitoring() {
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
