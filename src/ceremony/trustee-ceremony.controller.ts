/**
 * The key ceremony for trustee stations (`urna trustee …`): the ceremony as a station sees it,
 * and its signed messages. There is no login: a message is accepted when it is signed by the
 * enrolled key of the trustee it names, in its phase, once (the ceremony decider judges it,
 * docs/spec/crypto-ceremony-tally.md §7.4). The service learns nothing secret here: stations
 * send public messages only.
 */
import { Body, Controller, Get, HttpCode, Inject, Post, Query, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ceremonyProgress } from '../domain/ceremony/progress';
import { readSubmission, type CeremonySubmission } from '../domain/ceremony/trustee-submission';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import { both, pair } from '../messages/catalog';
import { trusteeStationMessages } from '../messages/trustee-station.messages';
import { CeremonyService } from './ceremony-service';
import { TrusteeApiError, TrusteeApiErrorFilter } from './trustee-api-errors';
import { TRUSTEE_API_OPTIONS, trusteeElectionId, type TrusteeApiOptions } from './trustee-api.options';

@ApiTags('trustee')
@Controller('api/trustee')
@UseFilters(TrusteeApiErrorFilter)
export class TrusteeCeremonyController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
    @Inject(TRUSTEE_API_OPTIONS) private readonly options: TrusteeApiOptions,
  ) {}

  private election(requested: unknown): string {
    return trusteeElectionId(requested, this.options);
  }

  @Get('ceremony')
  @ApiOperation({ summary: both(trusteeStationMessages, 'trusteeApi.doc.ceremonyView') })
  @ApiQuery({ name: 'election', required: false })
  async view(@Query('election') election?: unknown) {
    const view = await new CeremonyService(this.store, this.commands, this.election(election)).view();
    return { ...view, progress: ceremonyProgress(view.state) };
  }

  @Post('ceremony')
  @HttpCode(200)
  @ApiOperation({ summary: both(trusteeStationMessages, 'trusteeApi.doc.ceremonySubmit') })
  async submit(@Body() body: unknown) {
    const submission = readSubmission(body);
    if (submission.kind === 'partial-decryption') throw new TrusteeApiError(400, 'WRONG_ENDPOINT', pair(trusteeStationMessages, 'trusteeApi.wrongEndpoint'));
    const service = new CeremonyService(this.store, this.commands, submission.electionId);
    await service.submit(submission as CeremonySubmission);
    return { accepted: true, progress: await service.progress() };
  }
}
