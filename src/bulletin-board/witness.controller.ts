/**
 * The witness side of the /log API (docs/spec/log.md §8.4): the election's published witness
 * policy (names, keys, fingerprints, URLs, quorum), which a board or booth remembers the first
 * time, and the cosignatures collected on the checkpoint of a given size. Cosignatures arrive
 * after a checkpoint is signed, so neither answer is cacheable beyond revalidation.
 */
import { Controller, Get, Query, Res, UseFilters } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { keyFingerprint } from '../ledger/checkpoint/witness-policy';
import { WitnessedCheckpoints } from '../ledger/checkpoint/witnessed-checkpoints';
import { messagesOf } from '../messages/catalog';
import { logApiMessages } from '../messages/log-api.messages';
import { REVALIDATE } from './log-caching';
import { LogErrorDto } from './log-api.dto';
import { LogErrorFilter, notFound } from './log-http-errors';
import { requiredInteger } from './log-query';

const m = messagesOf(logApiMessages);

@ApiTags('log')
@Controller('log')
@UseFilters(LogErrorFilter)
export class WitnessController {
  constructor(private readonly witnessed: WitnessedCheckpoints) {}

  @Get('witnesses')
  @ApiOperation({ summary: m.both('openapi.witnesses') })
  @ApiOkResponse({ description: '{quorum, witnesses: [{name, vkey, fingerprint, url}]}' })
  witnesses(@Res() res: Response): void {
    const { quorum, witnesses } = this.witnessed.policy;
    res.setHeader('Cache-Control', REVALIDATE);
    res.json({ quorum, witnesses: witnesses.map((w) => ({ name: w.name, vkey: w.vkey, fingerprint: keyFingerprint(w.vkey), url: w.url })) });
  }

  @Get('cosignatures')
  @ApiOperation({ summary: m.both('openapi.cosignatures') })
  @ApiQuery({ name: 'size', required: true })
  @ApiOkResponse({ description: '{size, quorum, status, cosigners, cosignatures: [{witness, keyId, timestamp, line}], note}' })
  @ApiNotFoundResponse({ type: LogErrorDto })
  async cosignatures(@Res() res: Response, @Query('size') sizeRaw?: unknown): Promise<void> {
    const size = requiredInteger('size', sizeRaw);
    const found = await this.witnessed.atSize(size);
    if (!found) throw notFound(m.pair('checkpoint.notAtSize', { size }));
    const lines = found.cosignedNote.slice(found.note.length).split('\n').filter((l) => l.length > 0);
    res.setHeader('Cache-Control', REVALIDATE);
    res.json({
      size,
      quorum: found.witnessing.quorum,
      status: found.witnessing.status,
      cosigners: found.witnessing.cosigners,
      cosignatures: lines,
      note: found.cosignedNote,
    });
  }
}
