/**
 * The tally for trustee stations (`urna trustee tally`): what a station must check before it
 * decrypts (the totals, the exported box's hash and count, the keys) and its signed partial
 * decryptions. The station downloads the ballot box from the board (GET
 * /api/board/ballot-box.jsonl) or reads the closing's file, and checks it itself.
 */
import { Body, Controller, Get, HttpCode, Inject, Post, Query, UseFilters } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { readSubmission, type TallySubmission } from '../domain/ceremony/trustee-submission';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import { both, pair } from '../messages/catalog';
import { trusteeStationMessages } from '../messages/trustee-station.messages';
import { TrusteeApiError, TrusteeApiErrorFilter } from '../ceremony/trustee-api-errors';
import { TRUSTEE_API_OPTIONS, trusteeElectionId, type TrusteeApiOptions } from '../ceremony/trustee-api.options';
import { TallyService } from './tally-service';

@ApiTags('trustee')
@Controller('api/trustee')
@UseFilters(TrusteeApiErrorFilter)
export class TrusteeTallyController {
  /** One service for every request: the stations' posts to an election are then decided one at
   * a time (TallyService.submit) and checked against keys read once, not once per post. */
  private readonly tally: TallyService;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    commands: CommandBus,
    @Inject(TRUSTEE_API_OPTIONS) private readonly options: TrusteeApiOptions,
  ) {
    this.tally = new TallyService(store, commands);
  }

  @Get('tally')
  @ApiOperation({ summary: both(trusteeStationMessages, 'trusteeApi.doc.tallyView') })
  @ApiQuery({ name: 'election', required: false })
  async view(@Query('election') election?: unknown) {
    return this.tally.trusteeView(trusteeElectionId(election, this.options));
  }

  @Post('tally')
  @HttpCode(200)
  @ApiOperation({ summary: both(trusteeStationMessages, 'trusteeApi.doc.tallySubmit') })
  async submit(@Body() body: unknown) {
    const submission = readSubmission(body);
    if (submission.kind !== 'partial-decryption') throw new TrusteeApiError(400, 'WRONG_ENDPOINT', pair(trusteeStationMessages, 'trusteeApi.wrongEndpoint'));
    const failure = await this.tally.submit(submission as TallySubmission);
    // Recorded as PartialDecryptionRejected (a proof that fails names its trustee): the station is told why.
    if (failure) throw new TrusteeApiError(422, failure.code, { es: failure.message, en: failure.message });
    return { accepted: true, contestId: submission.contestId };
  }
}
