/** The public board's ballot endpoints (no authentication): receipt lookup and the closing export. */
import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { clientHolds, setDigestHeaders, streamFile } from '../http/file-answer';
import { DownloadSlots } from '../http/download-slots';
import { BoardDownloads, DownloadUnavailable, type BallotBoxFile } from '../projections/board-downloads';
import { parseReadableTrackingCode } from '../domain/crypto/ballot';
import { ErrorDto, PublicReceiptDto } from './voting-api.dto';
import { voterApi, VotingErrorFilter, VotingHttpError } from './voting-errors';
import { VotingService } from './voting.service';
import { ReceiptQuery } from './receipt.query';
import { Inject } from '@nestjs/common';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import type { EventStore, RecordedEvent } from '../ledger/event-store';
import { spoiledBallotStream } from '../domain/voting/decider';

const notFound = () => new VotingHttpError(404, 'RECEIPT_NOT_FOUND', 'board.receiptNotFound');
const auditedNotFound = () => new VotingHttpError(404, 'AUDITED_NOT_FOUND', 'board.auditedNotFound');

@ApiTags('board')
@Controller('api/board')
@UseFilters(VotingErrorFilter)
export class BoardBallotsController {
  constructor(
    private readonly voting: VotingService,
    private readonly queries: QueryBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly files: BoardDownloads,
    private readonly downloads: DownloadSlots,
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

  /**
   * An audited (Benaloh) ballot as the log published it (BallotSpoiled: the ballot and its
   * disclosure), by its full tracking code or its readable audit code, so that a second device
   * can re-encrypt it (docs/spec/crypto.md, "Benaloh challenge"). A full code reads its own
   * stream; a readable code is looked up among the published ones (audits are few).
   */
  @Get('audited/:trackingCode')
  @ApiOperation({ summary: voterApi.both('doc.boardAudited') })
  @ApiNotFoundResponse({ type: ErrorDto })
  async audited(@Param('trackingCode') raw: string): Promise<{ trackingCode: string; logIndex: number; spoiledAt: string; ballot: unknown; disclosure: unknown }> {
    const full = /^[0-9a-f]{64}$/i.test(raw) ? raw.toLowerCase() : undefined;
    const prefix = full ?? parseReadableTrackingCode(raw);
    if (!prefix) throw auditedNotFound();
    const electionId = this.voting.electionId;
    let found: RecordedEvent | undefined;
    if (full) {
      found = (await this.store.readStream(spoiledBallotStream(electionId, full))).find((e) => e.type === 'BallotSpoiled');
    } else {
      const code = await this.auditedCodeOf(prefix);
      if (code) found = (await this.store.readStream(spoiledBallotStream(electionId, code))).find((e) => e.type === 'BallotSpoiled');
    }
    if (!found) throw auditedNotFound();
    const d = found.data as { trackingCode: string; ballot: unknown; disclosure: unknown; spoiledAt: string };
    return { trackingCode: d.trackingCode, logIndex: found.position, spoiledAt: d.spoiledAt, ballot: d.ballot, disclosure: d.disclosure };
  }

  /** Readable audit code (its 20 hex digits) → full tracking code, caught up from the log's order: each entry is read once per process. */
  private readonly auditedCodes = new Map<string, string>();
  private auditedScanned = 0;
  private auditedScan: Promise<void> | undefined;

  private async auditedCodeOf(prefix: string): Promise<string | undefined> {
    this.auditedScan ??= (async () => {
      const head = await this.store.head();
      const streamPrefix = `${spoiledBallotStream(this.voting.electionId, '')}`;
      while (this.auditedScanned < head) {
        const page = await this.store.readAll({ from: this.auditedScanned, limit: 2000 });
        if (page.length === 0) break;
        for (const e of page) {
          if (e.type === 'BallotSpoiled' && e.stream.startsWith(streamPrefix)) {
            const code = e.stream.slice(streamPrefix.length);
            this.auditedCodes.set(code.slice(0, prefix.length), code);
          }
        }
        this.auditedScanned = page[page.length - 1].position + 1;
      }
    })().finally(() => (this.auditedScan = undefined));
    await this.auditedScan;
    return this.auditedCodes.get(prefix);
  }

  /**
   * The closing's export, byte for byte, served from a file this instance built once and checked
   * against the SHA-256 that BallotBoxExported recorded (board-downloads.ts). The hash is the
   * ETag: a client that already holds the box is answered 304 without a slot. Each address runs
   * at most a few downloads at once, the instance a few dozen (download-slots.ts).
   */
  @Get('ballot-box.jsonl')
  @ApiProduces('application/jsonl')
  @ApiOperation({ summary: voterApi.both('doc.boardBallotBox') })
  @ApiNotFoundResponse({ type: ErrorDto, description: 'Not exported yet' })
  async ballotBox(@Req() req: Request, @Res() res: Response): Promise<void> {
    const lifecycle = await this.voting.lifecycle();
    if (lifecycle.phase !== 'exported' || !lifecycle.ballotBoxHash) {
      throw new VotingHttpError(404, 'NOT_EXPORTED', 'board.notExported');
    }
    const sha256 = lifecycle.ballotBoxHash;
    // Only answers that carry the box (or confirm it) may be kept by caches, never a refusal.
    // The box cannot change after export, so caches may keep it for an hour without asking again.
    const cacheControl = 'public, max-age=3600';
    if (clientHolds(req, sha256)) {
      setDigestHeaders(res, sha256, cacheControl).status(304).end();
      return;
    }
    const slot = this.downloads.take(req.ip ?? '');
    if (!slot.ok) {
      const wait = slot.full === 'address' ? 5 : 10;
      res.setHeader('Retry-After', String(wait));
      throw slot.full === 'address'
        ? new VotingHttpError(429, 'TOO_MANY_DOWNLOADS', voterApi.pair('board.tooManyDownloads', { wait }))
        : new VotingHttpError(503, 'DOWNLOADS_BUSY', voterApi.pair('board.downloadsBusy', { wait }));
    }
    res.once('close', slot.release);
    let file: BallotBoxFile;
    try {
      file = await this.files.ballotBox(this.voting.electionId, sha256);
    } catch (err) {
      slot.release();
      if (err instanceof DownloadUnavailable) throw new VotingHttpError(500, 'BALLOT_BOX_MISMATCH', 'board.ballotBoxMismatch');
      throw err;
    }
    setDigestHeaders(res, sha256, cacheControl).status(200);
    res.setHeader('Content-Disposition', 'attachment; filename="ballot-box.jsonl"');
    await streamFile(req, res, file, 'application/jsonl; charset=utf-8');
  }
}
