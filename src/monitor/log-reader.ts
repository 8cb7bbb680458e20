/**
 * The monitor's only way into the log: HTTP GETs of the C2SP tlog-tiles resources (checkpoint,
 * level-0 hash tiles, entry bundles) and the last page of the checkpoint history for its
 * signing time (docs/spec/log.md §5.2, §5.3). Nothing read here is trusted: the tree follower
 * authenticates every byte against the signed checkpoint.
 */
import { formatTilePath, type TileAddress } from '../ledger/merkle/tile-path';

export class LogReadError extends Error {
  constructor(readonly what: string, readonly reason: string) {
    super(`${what}: ${reason}`);
  }
}

export interface HistoryTail {
  sequence: number;
  size: number;
  signedAt: string;
}

export class LogReader {
  /** `<base URL>/log`, the tlog-tiles prefix. */
  readonly prefix: string;

  constructor(baseUrl: string, private readonly timeoutMs = 30_000) {
    const trimmed = baseUrl.replace(/\/+$/, '');
    this.prefix = trimmed.endsWith('/log') ? trimmed : `${trimmed}/log`;
  }

  async checkpoint(): Promise<string> {
    return new TextDecoder().decode(await this.bytes('checkpoint'));
  }

  /** A tile or bundle; undefined when the log answers 404 (it does not hold it yet). */
  async tile(address: TileAddress): Promise<Uint8Array | undefined> {
    return this.bytes(formatTilePath(address), true);
  }

  /** The newest entry of the checkpoint history, when the log serves one. */
  async historyTail(): Promise<HistoryTail | undefined> {
    const first = await this.json<{ count: number }>('checkpoints?start=0&end=1');
    if (!first || !Number.isSafeInteger(first.count) || first.count < 1) return undefined;
    const page = await this.json<{ checkpoints: HistoryTail[] }>(`checkpoints?start=${first.count - 1}&end=${first.count}`);
    return page?.checkpoints?.[0];
  }

  private async get(path: string): Promise<Response> {
    try {
      return await fetch(`${this.prefix}/${path}`, { signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      throw new LogReadError(path, (err as Error).message);
    }
  }

  private async bytes(path: string): Promise<Uint8Array>;
  private async bytes(path: string, missingIsUndefined: true): Promise<Uint8Array | undefined>;
  private async bytes(path: string, missingIsUndefined = false): Promise<Uint8Array | undefined> {
    const res = await this.get(path);
    if (res.status === 404 && missingIsUndefined) return undefined;
    if (!res.ok) throw new LogReadError(path, `HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  private async json<T>(path: string): Promise<T | undefined> {
    const res = await this.get(path);
    if (res.status === 404) return undefined;
    if (!res.ok) throw new LogReadError(path, `HTTP ${res.status}`);
    return (await res.json()) as T;
  }
}
