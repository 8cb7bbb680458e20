/**
 * GET /api/board/events: the board's live notices as Server-Sent Events (board-notices.ts). The
 * page opens one EventSource, fetches a view again only when a notice says it changed, and falls
 * back to polling when the stream fails (a proxy that buffers, an old browser).
 *
 * Bounded: an unknown election gets a 404 before any reader starts (else anyone could make the
 * service poll for a million made-up ids), and past MAX_WATCHERS open streams a new one gets a
 * 503 and the page polls instead.
 */
import { Controller, Header, HttpStatus, Query, Sse, type MessageEvent } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { defer, finalize, map, type Observable } from 'rxjs';
import { pair } from '../messages/catalog';
import { boardMessages } from '../messages/board.messages';
import { refusal, resolveElectionId } from './board-election-param';
import { BoardNotices } from './board-notices';
import { BoardQueries } from './board-queries';

/** Open streams one process serves at most; each is a socket and a little memory. */
export const MAX_WATCHERS = 10_000;

@ApiTags('board')
@Controller('api/board')
export class BoardEventsController {
  private open = 0;

  constructor(private readonly queries: QueryBus, private readonly board: BoardQueries, private readonly notices: BoardNotices) {}

  /** Streams open now (tests read it to see that closed pages release theirs). */
  get openStreams(): number {
    return this.open;
  }

  @Sse('events')
  // A proxy (nginx) must pass each event on at once (Nest itself sends Cache-Control: no-store).
  // Set by the decorator, before the handler runs: with an interceptor in front (src/faults), the
  // stream's headers may be sent before the handler's own code, and a late setHeader throws.
  @Header('X-Accel-Buffering', 'no')
  @ApiOperation({ summary: 'Avisos en vivo del tablero / live board notices (Server-Sent Events: event "state" with the positions of turnout, results, election and the checkpoint size; "heartbeat")' })
  @ApiQuery({ name: 'election', required: false })
  @ApiProduces('text/event-stream')
  async events(@Query('election') requested: unknown): Promise<Observable<MessageEvent>> {
    const electionId = await resolveElectionId(this.queries, requested);
    if (!(await this.board.electionExists(electionId))) {
      throw refusal(HttpStatus.NOT_FOUND, 'no_election', pair(boardMessages, 'api.unknownElection', { electionId }));
    }
    if (this.open >= MAX_WATCHERS) throw refusal(HttpStatus.SERVICE_UNAVAILABLE, 'busy', pair(boardMessages, 'api.tooManyWatchers'));
    // Counted while subscribed: a client gone before the stream starts is never counted.
    return defer(() => {
      this.open++;
      return this.notices.watch(electionId).pipe(finalize(() => this.open--));
    }).pipe(map((m): MessageEvent => ({ type: m.kind, data: m })));
  }
}
