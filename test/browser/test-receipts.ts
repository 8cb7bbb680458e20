/**
 * GET /api/board/receipts/:code as the voter API serves it in production (src/voting/
 * board-ballots.controller.ts), over the turnout projection: the board's browser tests need the
 * lookup without the whole voter API. The projections module of the app under test answers it.
 */
import { Controller, Get, HttpException, Module, Param } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { parseReadableTrackingCode } from '../../src/domain/crypto/ballot/tracking-code';
import { BoardQueries } from '../../src/projections/board-queries';

@Controller('api/board')
class TestReceiptsController {
  constructor(private readonly moduleRef: ModuleRef) {}
  @Get('receipts/:code')
  async receipt(@Param('code') raw: string) {
    const code = /^[0-9a-f]{64}$/i.test(raw) ? raw.toLowerCase() : parseReadableTrackingCode(raw);
    const found = code ? await this.moduleRef.get(BoardQueries, { strict: false }).ballotByTrackingCode(code) : undefined;
    if (!found) throw new HttpException({ error: 'RECEIPT_NOT_FOUND', message: 'no ballot with that code', mensaje: 'no hay boleta con ese código' }, 404);
    return found;
  }
}

@Module({ controllers: [TestReceiptsController] })
export class TestReceiptsModule {}
