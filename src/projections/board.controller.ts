/**
 * Public board read API (no authentication): turnout, monitoring, results and the election
 * summary. Thin: it picks the election and asks the projections' queries.
 */
import { Controller, Get, HttpException, HttpStatus, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DefaultElectionQuery, ElectionSummaryQuery, MonitoringQuery, PublishedResultsQuery, TurnoutQuery } from './board.queries';

function notFound(error: string, message: string, mensaje: string): HttpException {
  return new HttpException({ error, message, mensaje }, HttpStatus.NOT_FOUND);
}

@ApiTags('board')
@Controller('api/board')
export class BoardController {
  constructor(private readonly queries: QueryBus) {}

  private async electionId(requested: unknown): Promise<string> {
    if (typeof requested === 'string' && requested.length > 0) {
      if (requested.length > 200) throw new HttpException({ error: 'bad_request', message: 'election id too long', mensaje: 'identificador de elección demasiado largo' }, HttpStatus.BAD_REQUEST);
      return requested;
    }
    const id = await this.queries.execute(new DefaultElectionQuery());
    if (!id) throw notFound('no_election', 'no election has been recorded yet', 'aún no se ha registrado ninguna elección');
    return id;
  }

  @Get('turnout')
  @ApiOperation({ summary: 'Participación / turnout (projection)' })
  @ApiQuery({ name: 'election', required: false })
  async turnout(@Query('election') election?: unknown) {
    return this.queries.execute(new TurnoutQuery(await this.electionId(election)));
  }

  @Get('results')
  @ApiOperation({ summary: 'Resultados publicados / published results' })
  @ApiQuery({ name: 'election', required: false })
  @ApiNotFoundResponse({ description: 'Not published yet.' })
  async results(@Query('election') election?: unknown) {
    const id = await this.electionId(election);
    const found = await this.queries.execute(new PublishedResultsQuery(id));
    if (!found) throw notFound('results_not_published', `results of ${id} are not published yet`, `los resultados de ${id} aún no se publican`);
    return found;
  }

  @Get('election')
  @ApiOperation({ summary: 'Resumen de la elección / election summary (manifest, phase, window, key)' })
  @ApiQuery({ name: 'election', required: false })
  @ApiOkResponse({ description: 'Manifest summary, phase, window, public key and base hash.' })
  async election(@Query('election') election?: unknown) {
    return this.queries.execute(new ElectionSummaryQuery(await this.electionId(election)));
  }

  @Get('monitoring')
  @ApiOperation({ summary: 'Monitoreo / monitoring: projection lag, log lag, checkpoint age' })
  async monitoring() {
    return this.queries.execute(new MonitoringQuery());
  }
}
