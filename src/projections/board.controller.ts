/**
 * Public board read API (no authentication): turnout, monitoring, results and the election
 * summary. Thin: it picks the election and asks the projections' queries.
 */
import { Controller, Get, Header, HttpStatus, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { pair } from '../messages/catalog';
import { voterApiMessages } from '../messages/voter-api.messages';
import type { BoardContact } from './board-contact';
import { refusal, resolveElectionId } from './board-election-param';
import { BOARD_CONTACT } from './projections.tokens';
import { ElectionSummaryQuery, MonitoringQuery, PublishedResultsQuery, TurnoutQuery } from './board.queries';

/** The board's figures change at most every few seconds and are the same for every reader:
 * a CDN or the reverse proxy may serve them for 5 s (and a stale copy while it refreshes), so a
 * flood of readers reaches the service once per period, not once per request. */
const PUBLIC_READ_CACHE = 'public, max-age=5, stale-while-revalidate=25';

@ApiTags('board')
@Controller('api/board')
export class BoardController {
  constructor(private readonly queries: QueryBus, @Inject(BOARD_CONTACT) private readonly contact: BoardContact) {}

  private electionId(requested: unknown): Promise<string> {
    return resolveElectionId(this.queries, requested);
  }

  @Get('turnout')
  @Header('Cache-Control', PUBLIC_READ_CACHE)
  @ApiOperation({ summary: 'Participación / turnout (projection)' })
  @ApiQuery({ name: 'election', required: false })
  async turnout(@Query('election') election?: unknown) {
    return this.queries.execute(new TurnoutQuery(await this.electionId(election)));
  }

  @Get('results')
  @Header('Cache-Control', PUBLIC_READ_CACHE)
  @ApiOperation({ summary: 'Resultados publicados / published results' })
  @ApiQuery({ name: 'election', required: false })
  @ApiNotFoundResponse({ description: 'Not published yet.' })
  async results(@Query('election') election?: unknown) {
    const id = await this.electionId(election);
    const found = await this.queries.execute(new PublishedResultsQuery(id));
    if (!found) throw refusal(HttpStatus.NOT_FOUND, 'results_not_published', pair(voterApiMessages, 'board.resultsNotPublished', { electionId: id }));
    return found;
  }

  @Get('election')
  @Header('Cache-Control', PUBLIC_READ_CACHE)
  @ApiOperation({ summary: 'Resumen de la elección / election summary (manifest, phase, window, key)' })
  @ApiQuery({ name: 'election', required: false })
  @ApiOkResponse({ description: 'Manifest summary, phase, window, public key and base hash.' })
  async election(@Query('election') election?: unknown) {
    return this.queries.execute(new ElectionSummaryQuery(await this.electionId(election)));
  }

  @Get('about')
  @Header('Cache-Control', PUBLIC_READ_CACHE)
  @ApiOperation({ summary: 'Autoridad y contacto / the authority, its contact details and privacy notice (set at deployment)' })
  about(): BoardContact {
    return this.contact;
  }

  @Get('monitoring')
  @Header('Cache-Control', PUBLIC_READ_CACHE)
  @ApiOperation({ summary: 'Monitoreo / monitoring: projection lag, log lag, checkpoint age' })
  async monitoring() {
    return this.queries.execute(new MonitoringQuery());
  }
}
