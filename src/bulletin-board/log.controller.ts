/**
 * The transparency log's public read API (docs/spec/log.md §5). Thin: validation and
 * encoding here, everything else in MerkleLog and CheckpointService.
 */
import { Controller, Get, Header, Inject, Query, UseFilters } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { ed25519KeyId, formatVerifierKey, keyIdHex } from '../ledger/checkpoint/signed-note';
import { toBase64 } from '../ledger/merkle/encoding';
import { MAX_ENTRIES_PER_READ, MerkleLog } from '../ledger/merkle/merkle-log';
import { LOG_NOTE_SIGNER } from './bulletin-board.tokens';
import { ConsistencyProofDto, InclusionProofDto, LogEntriesDto, LogErrorDto, LogKeyDto } from './log-api.dto';
import { MerkleLogErrorFilter, badRequest, notFound } from './log-http-errors';
import { optionalInteger, parseHashParam, requiredInteger } from './log-query';

const decoder = new TextDecoder();

@ApiTags('log')
@Controller('log')
@UseFilters(MerkleLogErrorFilter)
@ApiBadRequestResponse({ type: LogErrorDto, description: 'Parámetro inválido / invalid parameter' })
export class LogController {
  constructor(
    private readonly log: MerkleLog,
    private readonly checkpoints: CheckpointService,
    @Inject(LOG_NOTE_SIGNER) private readonly signer: NoteSigner,
  ) {}

  @Get('checkpoint')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'Último checkpoint firmado / latest signed checkpoint (C2SP tlog-checkpoint in a signed note)' })
  @ApiQuery({ name: 'size', required: false, description: 'A past checkpoint by tree size instead of the latest.' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The signed note, exactly as signed.', schema: { type: 'string' } })
  @ApiNotFoundResponse({ type: LogErrorDto, description: 'No checkpoint (at that size) yet.' })
  async checkpoint(@Query('size') sizeRaw?: unknown): Promise<string> {
    const size = optionalInteger('size', sizeRaw);
    const found = size === undefined ? await this.checkpoints.latest() : await this.checkpoints.atSize(size);
    if (!found) {
      throw size === undefined
        ? notFound('no checkpoint has been signed yet', 'aún no se ha firmado ningún checkpoint')
        : notFound(`no checkpoint was signed at size ${size}`, `no se firmó ningún checkpoint con tamaño ${size}`);
    }
    return found.note;
  }

  @Get('key')
  @ApiOperation({ summary: 'Llave de verificación del registro / the log’s verifier key' })
  @ApiOkResponse({ type: LogKeyDto })
  key(): LogKeyDto {
    return {
      name: this.signer.name,
      keyId: keyIdHex(ed25519KeyId(this.signer.name, this.signer.publicKey)),
      vkey: formatVerifierKey(this.signer.name, this.signer.publicKey),
      publicKey: toBase64(this.signer.publicKey),
      algorithm: 'Ed25519',
    };
  }

  @Get('proof/inclusion')
  @ApiOperation({ summary: 'Prueba de inclusión / inclusion proof', description: 'Give `index` or `leafHash` (64 hex digits or base64), and `size`.' })
  @ApiQuery({ name: 'index', required: false })
  @ApiQuery({ name: 'leafHash', required: false })
  @ApiQuery({ name: 'size', required: true })
  @ApiOkResponse({ type: InclusionProofDto })
  @ApiNotFoundResponse({ type: LogErrorDto, description: 'No leaf with that hash in the tree of that size.' })
  async inclusion(@Query('index') indexRaw?: unknown, @Query('leafHash') leafHashRaw?: unknown, @Query('size') sizeRaw?: unknown): Promise<InclusionProofDto> {
    const size = requiredInteger('size', sizeRaw);
    if ((indexRaw === undefined) === (leafHashRaw === undefined)) {
      throw badRequest('give exactly one of "index" or "leafHash"', 'indique exactamente uno de "index" o "leafHash"');
    }
    let index: number;
    let proof: Uint8Array[];
    if (indexRaw !== undefined) {
      index = requiredInteger('index', indexRaw);
      if (index >= size) throw badRequest(`index ${index} must be below size ${size}`, `el índice ${index} debe ser menor que el tamaño ${size}`);
      proof = await this.log.inclusionProof(index, size);
    } else {
      ({ index, proof } = await this.log.inclusionProofByLeafHash(parseHashParam('leafHash', leafHashRaw), size));
    }
    const [leaf] = await this.log.entries(index, index + 1);
    return {
      leafIndex: index,
      treeSize: size,
      leafHash: toBase64(leaf.leafHash),
      rootHash: toBase64(await this.log.root(size)),
      proof: proof.map(toBase64),
    };
  }

  @Get('proof/consistency')
  @ApiOperation({ summary: 'Prueba de consistencia / consistency proof', description: 'From a tree of `from` leaves to one of `to` leaves (1 <= from <= to).' })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: true })
  @ApiOkResponse({ type: ConsistencyProofDto })
  async consistency(@Query('from') fromRaw?: unknown, @Query('to') toRaw?: unknown): Promise<ConsistencyProofDto> {
    const from = requiredInteger('from', fromRaw);
    const to = requiredInteger('to', toRaw);
    if (from > to) throw badRequest(`"from" (${from}) must not exceed "to" (${to})`, `"from" (${from}) no debe ser mayor que "to" (${to})`);
    if (from === 0) throw badRequest('a consistency proof from the empty tree proves nothing; use from >= 1', 'una prueba de consistencia desde el árbol vacío no prueba nada; use from >= 1');
    const proof = await this.log.consistencyProof(from, to);
    return {
      fromSize: from,
      toSize: to,
      fromRoot: toBase64(await this.log.root(from)),
      toRoot: toBase64(await this.log.root(to)),
      proof: proof.map(toBase64),
    };
  }

  @Get('entries')
  @ApiOperation({
    summary: 'Entradas públicas del registro / public log entries',
    description: `Leaves [start, end), at most ${MAX_ENTRIES_PER_READ} per call; end is clipped to the tree size.`,
  })
  @ApiQuery({ name: 'start', required: true })
  @ApiQuery({ name: 'end', required: true })
  @ApiOkResponse({ type: LogEntriesDto })
  @ApiNotFoundResponse({ type: LogErrorDto, description: 'start is at or beyond the tree size.' })
  async entries(@Query('start') startRaw?: unknown, @Query('end') endRaw?: unknown): Promise<LogEntriesDto> {
    const start = requiredInteger('start', startRaw);
    const end = requiredInteger('end', endRaw);
    if (end <= start) throw badRequest(`"end" (${end}) must be greater than "start" (${start})`, `"end" (${end}) debe ser mayor que "start" (${start})`);
    if (end - start > MAX_ENTRIES_PER_READ) {
      throw badRequest(`at most ${MAX_ENTRIES_PER_READ} entries per call`, `como máximo ${MAX_ENTRIES_PER_READ} entradas por consulta`, 'range_too_large');
    }
    const treeSize = await this.log.size();
    if (start >= treeSize) throw notFound(`no entries at or after ${start}: the tree has ${treeSize}`, `no hay entradas desde ${start}: el árbol tiene ${treeSize}`);
    const leaves = await this.log.entries(start, end);
    return {
      treeSize,
      start,
      end: start + leaves.length,
      entries: leaves.map((l) => ({ index: l.index, leafHash: toBase64(l.leafHash), entry: JSON.parse(decoder.decode(l.data)) })),
    };
  }
}
