/**
 * Live updates for the board: one EventSource on /api/board/events; each "state" notice is handed
 * to the page, which fetches again only what moved. When the stream cannot be had (a 404 before
 * the first election, a 503 when the service is busy, a proxy that buffers, a network that drops
 * it), the page polls every POLL_MS instead and tries the stream again after RETRY_MS.
 */
/** The notice the server pushes (src/projections/board-notices.ts), as a type only. */
import type { BoardNotice } from '../../src/projections/board-notices';
export type { BoardNotice };

export type LiveMode = 'connecting' | 'live' | 'polling' | 'offline';

export interface LiveOptions {
  electionId?: string;
  onNotice(notice: BoardNotice): void;
  onHeartbeat(): void;
  /** Called every POLL_MS while the stream is down. */
  poll(): Promise<void>;
  onMode(mode: LiveMode): void;
}

export const POLL_MS = 5000;
const RETRY_MS = 60_000;

export function startLive(options: LiveOptions): { stop(): void } {
  let source: EventSource | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const startPolling = () => {
    if (stopped) return;
    if (!pollTimer) {
      options.onMode('polling');
      pollTimer = setInterval(() => {
        options.poll().then(() => options.onMode('polling'), () => options.onMode('offline'));
      }, POLL_MS);
    }
    retryTimer ??= setTimeout(() => {
      retryTimer = undefined;
      connect();
    }, RETRY_MS);
  };

  const stopPolling = () => {
    if (pollTimer) clearInterval(pollTimer);
    if (retryTimer) clearTimeout(retryTimer);
    pollTimer = undefined;
    retryTimer = undefined;
  };

  function connect(): void {
    if (stopped) return;
    if (typeof EventSource === 'undefined') return startPolling();
    source?.close();
    const url = `/api/board/events${options.electionId ? `?election=${encodeURIComponent(options.electionId)}` : ''}`;
    const es = new EventSource(url);
    source = es;
    options.onMode('connecting');
    es.addEventListener('open', () => {
      stopPolling();
      options.onMode('live');
    });
    es.addEventListener('state', (ev) => {
      try {
        options.onNotice(JSON.parse((ev as MessageEvent<string>).data) as BoardNotice);
      } catch {
        // a malformed notice is ignored; the next one carries the whole state again
      }
    });
    es.addEventListener('heartbeat', () => options.onHeartbeat());
    es.addEventListener('error', () => {
      // CLOSED: the server refused the stream (not text/event-stream); CONNECTING: the browser
      // retries by itself, but the page polls meanwhile so figures never freeze.
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        startPolling();
      } else if (!pollTimer) {
        startPolling();
      }
    });
  }

  connect();
  return {
    stop() {
      stopped = true;
      source?.close();
      stopPolling();
    },
  };
}
