/** The public board's ballot endpoints (no authentication): receipt lookup and the closing export. */
import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { ballotBoxLines, readCastBallots } from '../closing/ballot-box';
import { parseReadableTrackingCode } from '../domain/crypto/ballot';
import { ErrorDto, PublicReceiptDto } from './voting-api.dto';
import { voterApi, VotingErrorFilter, VotingHttpError } from './voting-errors';
import { VotingService } from './voting.service';
import { ReceiptQuery } from './receipt.query';
import { Inject } from '@nestjs/common';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import type { EventStore } from '../ledger/event-store';

const notFound = () => new VotingHttpError(404, 'RECEIPT_NOT_FOUND', 'board.receiptNotFound');

@ApiTags('board')
@Controller('api/board')
@UseFilters(VotingErrorFilter)
export class BoardBallotsController {
  constructor(
    private readonly voting: VotingService,
    private readonly queries: QueryBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('receipts/:trackingCode')
  @ApiOperation({ summary: voterApi.both('doc.boardReceipt') })
  @ApiOkResponse({ type: PublicReceiptDto })
  @ApiNotFoundResponse({ type: ErrorDto })
  async receipt(@Param('trackingCode') raw: string): Promise<PublicReceiptDto> {
    const full = /^[0-9a-f]{64}$/i.test(raw) ? raw.toLowerCase() : undefined;
    const key = full ?? parseReadableTrackingCode(raw);
    if (!key) throw notFound();
    const found = await this.queries.execute(new ReceiptQuery(key));
    if (!found) throw notFound();
    return { trackingCode: found.trackingCode, logIndex: found.logIndex, leafHash: found.leafHash, castAt: found.castAt };
  }

  /** Rebuilt from the ledger byte for byte (the export is deterministic) and checked against
   * the hash recorded in BallotBoxExported before it is served. */
  @Get('ballot-box.jsonl')
  @ApiProduces('application/jsonl')
  @ApiOperation({ summary: voterApi.both('doc.boardBallotBox') })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not exported yet' })
  async ballotBox(@Res({ passthrough: true }) res: Response): Promise<string> {
    const lifecycle = await this.voting.lifecycle();
    if (lifecycle.phase !== 'exported' || !lifecycle.ballotBoxHash) {
      throw new VotingHttpError(404, 'NOT_EXPORTED', 'board.notExported');
    }
    const text = ballotBoxLines(await readCastBallots(this.store, this.voting.electionId)).join('');
    if (createHash('sha256').update(text, 'utf8').digest('hex') !== lifecycle.ballotBoxHash) {
      throw new VotingHttpError(500, 'BALLOT_BOX_MISMATCH', 'board.ballotBoxMismatch');
    }
    res.setHeader('Content-Type', 'application/jsonl; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="ballot-box.jsonl"');
    return text;
  }
}
