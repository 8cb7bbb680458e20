/**
 * The transparency log's public read API (docs/spec/log.md §5): the JSON API (checkpoints,
 * proofs, entries, the checkpoint history) and the C2SP tlog-tiles API (checkpoint, hash
 * tiles, entry bundles) that off-the-shelf clients, monitors and mirrors follow. Thin:
 * validation, encoding and caching headers here, everything else in MerkleLog, LogTiles and
 * CheckpointService. Handlers write their responses themselves so that a conditional request
 * for an immutable resource is answered before the database is asked (log-caching.ts).
 */
import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import { WitnessedCheckpoints } from '../ledger/checkpoint/witnessed-checkpoints';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { ed25519KeyId, formatVerifierKey, keyIdHex } from '../ledger/checkpoint/signed-note';
import { EntryTooLargeError } from '../ledger/merkle/entry-bundle';
import { toBase64, toHex } from '../ledger/merkle/encoding';
import { LogTiles } from '../ledger/merkle/log-tiles';
import { MAX_ENTRIES_PER_READ, MerkleLog } from '../ledger/merkle/merkle-log';
import { TILE_WIDTH, TilePathError, type TileAddress, formatTilePath, parseTilePath, treeSizeNeeded } from '../ledger/merkle/tile-path';
import { messagesOf } from '../messages/catalog';
import { logApiMessages } from '../messages/log-api.messages';
import { LOG_NOTE_SIGNER, PUBLIC_MERKLE_LOG } from './bulletin-board.tokens';
import {
  CheckpointHistoryDto,
  ConsistencyProofDto,
  InclusionProofDto,
  LogEntriesDto,
  LogErrorDto,
  LogKeyDto,
} from './log-api.dto';
import { LATEST, REVALIDATE, immutableOrNotModified, resourceTag } from './log-caching';
import { LogErrorFilter, LogHttpError, badRequest, notFound } from './log-http-errors';
import { optionalInteger, parseHashParam, requiredInteger } from './log-query';

const decoder = new TextDecoder();
const m = messagesOf(logApiMessages);
/** Checkpoints per page of /log/checkpoints. */
export const MAX_CHECKPOINTS_PER_READ = 1000;

@ApiTags('log')
@Controller('log')
@UseFilters(LogErrorFilter)
@ApiBadRequestResponse({ type: LogErrorDto, description: m.both('openapi.badRequest') })
export class LogController {
  private readonly tiles: LogTiles;
  /** The log key's ID: part of every immutable resource's ETag (log-caching.ts). */
  private readonly keyId: string;

  constructor(
    @Inject(PUBLIC_MERKLE_LOG) private readonly log: MerkleLog,
    private readonly checkpoints: CheckpointService,
    @Inject(LOG_NOTE_SIGNER) private readonly signer: NoteSigner,
    private readonly witnessed: WitnessedCheckpoints,
  ) {
    this.tiles = new LogTiles(log);
    this.keyId = keyIdHex(ed25519KeyId(signer.name, signer.publicKey));
  }

  @Get('checkpoint')
  @ApiOperation({ summary: m.both('openapi.checkpoint') })
  @ApiQuery({ name: 'size', required: false, description: 'A past checkpoint by tree size instead of the latest (immutable).' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The signed note, exactly as signed.', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: LogErrorDto, description: 'No checkpoint (at that size) yet.' })
  async checkpoint(@Req() req: Request, @Res() res: Response, @Query('size') sizeRaw?: unknown): Promise<void> {
    const size = optionalInteger('size', sizeRaw);
    if (size === undefined) {
      // The latest, with the witnesses' cosignature lines gathered so far (log.md §8.4).
      const latest = await this.witnessed.latest();
      if (!latest) throw notFound(m.pair('checkpoint.none'));
      res.setHeader('Cache-Control', LATEST);
      res.type('text/plain; charset=utf-8').send(latest.cosignedNote);
      return;
    }
    if (immutableOrNotModified(req, res, resourceTag(this.keyId, `checkpoint/${size}`))) return;
    const found = await this.checkpoints.atSize(size);
    if (!found) throw notFound(m.pair('checkpoint.notAtSize', { size }));
    res.type('text/plain; charset=utf-8').send(found.note);
  }

  @Get('checkpoints')
  @ApiOperation({
    summary: m.both('openapi.checkpoints'),
    description: `Checkpoints numbered [start, end) by their urna-sequence line, at most ${MAX_CHECKPOINTS_PER_READ} per call; a complete page is immutable.`,
  })
  @ApiQuery({ name: 'start', required: false, description: 'Default 0.' })
  @ApiQuery({ name: 'end', required: false, description: `Default start + ${MAX_CHECKPOINTS_PER_READ}; clipped to the count.` })
  @ApiOkResponse({ type: CheckpointHistoryDto })
  @ApiNotFoundResponse({ type: LogErrorDto, description: 'start is at or beyond the number of checkpoints.' })
  async checkpointHistory(@Req() req: Request, @Res() res: Response, @Query('start') startRaw?: unknown, @Query('end') endRaw?: unknown): Promise<void> {
    const start = optionalInteger('start', startRaw) ?? 0;
    const end = optionalInteger('end', endRaw) ?? start + MAX_CHECKPOINTS_PER_READ;
    checkRange(start, end, MAX_CHECKPOINTS_PER_READ);
    const { count, checkpoints } = await this.checkpoints.page(start, end);
    if (start >= count) throw notFound(m.pair('checkpoints.beyondHistory', { start, count }));
    // A page whose every checkpoint exists never changes; one cut at the newest may grow.
    if (end <= count) {
      if (immutableOrNotModified(req, res, resourceTag(this.keyId, `checkpoints/${start}/${end}`))) return;
    } else res.setHeader('Cache-Control', REVALIDATE);
    const body: CheckpointHistoryDto = {
      count,
      start,
      end: start + checkpoints.length,
      checkpoints: checkpoints.map((c) => ({
        sequence: c.sequence,
        size: c.size,
        rootHash: toBase64(c.rootHash),
        signedAt: c.createdAt.toISOString(),
        note: c.note,
      })),
    };
    res.json(body);
  }

  @Get('key')
  @ApiOperation({ summary: m.both('openapi.key') })
  @ApiOkResponse({ type: LogKeyDto })
  key(@Res() res: Response): void {
    const body: LogKeyDto = {
      name: this.signer.name,
      keyId: this.keyId,
      vkey: formatVerifierKey(this.signer.name, this.signer.publicKey),
      publicKey: toBase64(this.signer.publicKey),
      algorithm: 'Ed25519',
    };
    res.json(body);
  }

  @Get('proof/inclusion')
  @ApiOperation({ summary: m.both('openapi.inclusion'), description: 'Give `index` or `leafHash` (64 hex digits or base64), and `size`. Immutable.' })
  @ApiQuery({ name: 'index', required: false })
  @ApiQuery({ name: 'leafHash', required: false })
  @ApiQuery({ name: 'size', required: true })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiNotFoundResponse({ type: LogErrorDto, description: 'No leaf with that hash in the tree of that size.' })
  async inclusion(
    @Req() req: Request,
    @Res() res: Response,
    @Query('index') indexRaw?: unknown,
    @Query('leafHash') leafHashRaw?: unknown,
    @Query('size') sizeRaw?: unknown,
  ): Promise<void> {
    const size = requiredInteger('size', sizeRaw);
    if ((indexRaw === undefined) === (leafHashRaw === undefined)) throw badRequest(m.pair('inclusion.indexOrHash'));
    let index: number;
    if (indexRaw !== undefined) {
      index = requiredInteger('index', indexRaw);
      if (index >= size) throw badRequest(m.pair('inclusion.indexBelowSize', { index, size }));
      if (immutableOrNotModified(req, res, resourceTag(this.keyId, `proof/inclusion/${index}/${size}`))) return;
    } else {
      const leafHash = parseHashParam('leafHash', leafHashRaw);
      if (immutableOrNotModified(req, res, resourceTag(this.keyId, `proof/inclusion/h/${toHex(leafHash)}/${size}`))) return;
      ({ index } = await this.log.inclusionProofByLeafHash(leafHash, size));
    }
    const { leafHash, proof, root } = await this.log.inclusionProofWithRoot(index, size);
    const body: InclusionProofDto = { leafIndex: index, treeSize: size, leafHash: toBase64(leafHash), rootHash: toBase64(root), proof: proof.map(toBase64) };
    res.json(body);
  }

  @Get('proof/consistency')
  @ApiOperation({ summary: m.both('openapi.consistency'), description: 'From a tree of `from` leaves to one of `to` leaves (1 <= from <= to). Immutable.' })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  @ApiOkResponse({ type: ConsistencyProofDto })
  async consistency(@Req() req: Request, @Res() res: Response, @Query('from') fromRaw?: unknown, @Query('to') toRaw?: unknown): Promise<void> {
    const from = requiredInteger('from', fromRaw);
    const to = requiredInteger('to', toRaw);
    if (from > to) throw badRequest(m.pair('consistency.fromAfterTo', { from, to }));
    if (from === 0) throw badRequest(m.pair('consistency.fromZero'));
    if (immutableOrNotModified(req, res, resourceTag(this.keyId, `proof/consistency/${from}/${to}`))) return;
    const { proof, oldRoot, newRoot } = await this.log.consistencyProofWithRoots(from, to);
    const body: ConsistencyProofDto = { fromSize: from, toSize: to, fromRoot: toBase64(oldRoot), toRoot: toBase64(newRoot), proof: proof.map(toBase64) };
    res.json(body);
  }

  @Get('entries')
  @ApiOperation({
    summary: m.both('openapi.entries'),
    description: `Leaves [start, end), at most ${MAX_ENTRIES_PER_READ} per call; end is clipped to the tree size. A range inside the tree is immutable. The raw leaf bytes are in the entry bundles (tile/entries/…).`,
  })
  @ApiQuery({ name: 'start', required: true })
  @ApiQuery({ name: 'end', required: true })
  @ApiOkResponse({ type: LogEntriesDto })
  @ApiNotFoundResponse({ type: LogErrorDto, description: 'start is at or beyond the tree size.' })
  async entries(@Req() req: Request, @Res() res: Response, @Query('start') startRaw?: unknown, @Query('end') endRaw?: unknown): Promise<void> {
    const start = requiredInteger('start', startRaw);
    const end = requiredInteger('end', endRaw);
    checkRange(start, end, MAX_ENTRIES_PER_READ);
    if (await this.log.holds(end)) {
      if (immutableOrNotModified(req, res, resourceTag(this.keyId, `entries/${start}/${end}`))) return;
    } else res.setHeader('Cache-Control', REVALIDATE);
    const treeSize = await this.log.size();
    if (start >= treeSize) throw notFound(m.pair('entries.beyondTree', { start, size: treeSize }));
    const leaves = await this.log.entries(start, end);
    const body: LogEntriesDto = {
      treeSize,
      start,
      end: start + leaves.length,
      entries: leaves.map((l) => ({ index: l.index, leafHash: toBase64(l.leafHash), entry: JSON.parse(decoder.decode(l.data)) })),
    };
    res.json(body);
  }

  @Get('tile/*path')
  @ApiOperation({
    summary: m.both('openapi.tile'),
    description:
      'C2SP tlog-tiles. tile/<L>/<N>[.p/<W>]: W (256 when full) SHA-256 hashes of tree level 8·L; tile/entries/<N>[.p/<W>]: the raw bytes of leaves 256·N … 256·N+W−1, each after a big-endian uint16 length. <N> in 3-digit groups, all but the last prefixed "x". Immutable.',
  })
  @ApiParam({ name: 'path', description: 'e.g. 0/x001/234.p/17 or entries/005', type: String })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The tile bytes.', schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ type: LogErrorDto, description: 'The tree does not (yet) hold every leaf the tile covers.' })
  async tile(@Req() req: Request, @Res() res: Response): Promise<void> {
    const relative = req.path.slice(req.path.indexOf('/tile/') + 1);
    let address: TileAddress;
    try {
      address = parseTilePath(relative);
    } catch (err) {
      if (!(err instanceof TilePathError)) throw err;
      throw badRequest(m.pair('tile.malformed', { path: relative.slice(0, 120), reason: err.reason }), 'malformed_tile_path');
    }
    const path = formatTilePath(address);
    if (immutableOrNotModified(req, res, resourceTag(this.keyId, path))) return;
    let data: Uint8Array | undefined;
    try {
      data = await this.tiles.read(address);
    } catch (err) {
      if (!(err instanceof EntryTooLargeError)) throw err;
      // The bundle format cannot carry it (log.md §5.2); /log/entries still serves the entry.
      throw new LogHttpError(501, 'entry_too_large', m.pair('tile.entryTooLarge', { index: address.index * TILE_WIDTH + err.offset, bytes: err.bytes }));
    }
    if (!data) throw notFound(m.pair('tile.beyondTree', { path, needed: treeSizeNeeded(address), size: await this.log.size() }));
    res.type('application/octet-stream').send(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
}

function checkRange(start: number, end: number, max: number): void {
  if (end <= start) throw badRequest(m.pair('range.endNotAfterStart', { start, end }));
  if (end - start > max) throw badRequest(m.pair('range.tooLarge', { max }), 'range_too_large');
}
