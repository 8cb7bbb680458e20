/**
 * The witness's HTTP service: `POST /add-checkpoint` (C2SP tlog-witness), nothing else.
 * Requests are handled one at a time, so that checking the old size and persisting the new
 * state are atomic (the spec's rollback race cannot happen), and the state is on disk before
 * the cosignature leaves. A refused request never touches the state file.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import type { NoteVerifierKey } from '../ledger/checkpoint/signed-note';
import { joinBoth, messagesOf } from '../messages/catalog';
import { witnessMessages } from '../messages/witness.messages';
import { MAX_REQUEST_BYTES } from './add-checkpoint-request';
import { decideAddCheckpoint, originOf } from './witness-decision';
import { readState, saveEvidence, writeState } from './witness-files';

const m = messagesOf(witnessMessages);

export interface WitnessServerOptions {
  dir: string;
  signer: NoteSigner;
  /** The logs it follows: origin → the log's verifier key. */
  logs: ReadonlyMap<string, NoteVerifierKey>;
  /** POSIX seconds; default the system clock. */
  now?: () => number;
  /** Called after fork evidence is saved (the console shouts it). */
  onFork?: (origin: string, file: string) => void;
}

export interface RunningWitness {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export function witnessHandler(o: WitnessServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  let queue: Promise<unknown> = Promise.resolve();
  const now = o.now ?? (() => Math.floor(Date.now() / 1000));
  const text = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== '/add-checkpoint') {
      req.resume();
      return text(res, 404, `not_found: ${m.both('add.notFound')}\n`);
    }
    const chunks: Buffer[] = [];
    let bytes = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge) return text(res, 400, `malformed: ${m.both('add.malformed', { detail: `larger than ${MAX_REQUEST_BYTES} bytes` })}\n`);
      const raw = Buffer.concat(chunks);
      const body = new TextDecoder('utf-8', { fatal: false }).decode(raw);
      const run = queue.then(async () => {
        const origin = originOf(body);
        const state = origin !== undefined && o.logs.has(origin) ? readState(o.dir, origin) : undefined;
        const answer = await decideAddCheckpoint(body, o.logs, state, o.signer, now());
        if (answer.status === 200) {
          writeState(o.dir, answer.state);
          return text(res, 200, answer.body);
        }
        if (answer.status === 409) return text(res, 409, `${answer.size}\n`, 'text/x.tlog.size');
        if (answer.evidence) {
          // Saved whether or not anyone listens (an optional call would skip evaluating it).
          const file = saveEvidence(o.dir, answer.evidence);
          o.onFork?.(answer.evidence.origin, file);
        }
        return text(res, answer.status, `${answer.error}: ${joinBoth(answer.message)}\n`);
      });
      queue = run.catch((err: Error) => {
        if (!res.headersSent) text(res, 500, `internal: ${err.message}\n`);
      });
    });
  };
}

export function startWitnessServer(o: WitnessServerOptions & { port: number; host?: string }): Promise<RunningWitness> {
  const server = createServer(witnessHandler(o));
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host ?? '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${o.host ?? '127.0.0.1'}:${port}`,
        server,
        close: () => new Promise<void>((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
      });
    });
  });
}
