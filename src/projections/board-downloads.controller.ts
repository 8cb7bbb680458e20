/**
 * Downloads for auditors (no authentication): the acta de cómputo (PDF, JSON), the election record
 * as one .tar, a list of what is available with each file's SHA-256, and the specifications an
 * outside verifier is built from (docs/spec/*.md) so that the board's links to them work offline.
 * Every file carries its SHA-256 in Repr-Digest (RFC 9530) and its ETag; board-downloads.ts
 * refuses a file that is not the one the ledger recorded.
 */
import { Controller, Get, HttpStatus, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pair } from '../messages/catalog';
import { boardMessages } from '../messages/board.messages';
import { refusal, resolveElectionId } from './board-election-param';
import { BoardDownloads, DownloadUnavailable } from './board-downloads';
import { clientHolds, setDigestHeaders, streamFile, type HashedFile } from '../http/file-answer';

export const SPEC_DIR = join(__dirname, '..', '..', 'docs', 'spec');
/** A spec file name: lower-case words and hyphens, .md; nothing else is ever read from disk. */
const SPEC_NAME = /^[a-z0-9]+(-[a-z0-9]+)*\.md$/;

/** A file name for Content-Disposition from an election id: safe characters only. */
const safeName = (id: string) => id.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || 'eleccion';

@ApiTags('board')
@Controller()
export class BoardDownloadsController {
  constructor(private readonly queries: QueryBus, private readonly downloads: BoardDownloads) {}

  private refuse(err: unknown): never {
    if (!(err instanceof DownloadUnavailable)) throw err;
    switch (err.reason) {
      case 'not_issued': throw refusal(HttpStatus.NOT_FOUND, 'not_issued', pair(boardMessages, 'api.notIssued'));
      case 'not_here': throw refusal(HttpStatus.NOT_FOUND, 'not_on_this_server', pair(boardMessages, 'api.notHere'));
      case 'no_log': throw refusal(HttpStatus.NOT_FOUND, 'no_log', pair(boardMessages, 'api.noLog'));
      case 'mismatch': throw refusal(HttpStatus.CONFLICT, 'file_does_not_match_ledger', pair(boardMessages, 'api.mismatch'));
    }
  }

  private send(req: Request, res: Response, file: HashedFile, type: string, name: string): void {
    // The same name may hold a newer file later (a record built at a larger checkpoint): revalidate.
    setDigestHeaders(res, file.sha256, 'public, no-cache');
    res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    if (clientHolds(req, file.sha256)) {
      res.status(304).end();
      return;
    }
    void streamFile(req, res, file, type);
  }

  @Get('api/board/acta.pdf')
  @ApiOperation({ summary: 'Acta de cómputo (PDF) / tally record (PDF), checked against ActaIssued.pdfSha256' })
  @ApiQuery({ name: 'election', required: false })
  @ApiProduces('application/pdf')
  @ApiNotFoundResponse({ description: 'Not issued yet, or not on this server.' })
  async actaPdf(@Req() req: Request, @Res() res: Response, @Query('election') election?: unknown): Promise<void> {
    const id = await resolveElectionId(this.queries, election);
    const file = await this.downloads.actaFile(id, 'pdf').catch((e) => this.refuse(e));
    this.send(req, res, file, 'application/pdf', `acta-${safeName(id)}.pdf`);
  }

  @Get('api/board/acta.json')
  @ApiOperation({ summary: 'Acta de cómputo (JSON canónico) / tally record (canonical JSON), checked against ActaIssued.jsonSha256' })
  @ApiQuery({ name: 'election', required: false })
  async actaJson(@Req() req: Request, @Res() res: Response, @Query('election') election?: unknown): Promise<void> {
    const id = await resolveElectionId(this.queries, election);
    const file = await this.downloads.actaFile(id, 'json').catch((e) => this.refuse(e));
    this.send(req, res, file, 'application/json', `acta-${safeName(id)}.json`);
  }

  @Get('api/board/record')
  @ApiOperation({ summary: 'Registro electoral (.tar, docs/spec/record.md) / election record, after closing' })
  @ApiQuery({ name: 'election', required: false })
  @ApiProduces('application/x-tar')
  async record(@Req() req: Request, @Res() res: Response, @Query('election') election?: unknown): Promise<void> {
    const id = await resolveElectionId(this.queries, election);
    const file = await this.downloads.recordArchive(id).catch((e) => this.refuse(e));
    this.send(req, res, file, 'application/x-tar', `registro-electoral-${safeName(id)}.tar`);
  }

  @Get('api/board/downloads')
  @ApiOperation({ summary: 'Qué descargas existen, con su SHA-256 / which downloads exist, with their SHA-256' })
  @ApiQuery({ name: 'election', required: false })
  async list(@Query('election') election?: unknown) {
    const id = await resolveElectionId(this.queries, election);
    const describe = async (find: () => Promise<HashedFile>) => {
      try {
        const f = await find();
        return { available: true as const, sha256: f.sha256, bytes: f.bytes };
      } catch (err) {
        if (err instanceof DownloadUnavailable) return { available: false as const, reason: err.reason };
        throw err;
      }
    };
    return {
      electionId: id,
      actaPdf: await describe(() => this.downloads.actaFile(id, 'pdf')),
      actaJson: await describe(() => this.downloads.actaFile(id, 'json')),
      // Listing never builds a record: it says whether one can be had.
      record: await this.downloads.recordStatus(id),
    };
  }

  @Get('spec/:name')
  @ApiOperation({ summary: 'Especificaciones para verificadores externos / specifications for outside verifiers (docs/spec)' })
  @ApiProduces('text/markdown')
  async spec(@Param('name') name: string, @Res() res: Response): Promise<void> {
    const path = join(SPEC_DIR, name);
    if (!SPEC_NAME.test(name) || !existsSync(path)) throw refusal(HttpStatus.NOT_FOUND, 'not_found', pair(boardMessages, 'api.noSuchSpec'));
    res.setHeader('Cache-Control', 'public, max-age=300');
    res.type('text/markdown; charset=utf-8').send(await readFile(path, 'utf8'));
  }
}
