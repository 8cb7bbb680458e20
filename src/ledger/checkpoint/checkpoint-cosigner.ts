/**
 * Gathers witness cosignatures on the log's checkpoints (docs/spec/log.md §8.4). Its own loop,
 * apart from signing: each tick it takes the latest signed checkpoint and, for every witness
 * not already holding it and not busy with an earlier request, sends add-checkpoint with a
 * consistency proof from the size that witness last cosigned. A 409 names that size: the
 * cosigner retries once at once from it. Returned lines are kept only if they verify with the
 * configured witness key. A witness that is down, slow or refusing delays only its own
 * cosignature; the checkpoint loop never waits for any of them. A checkpoint this process signs
 * is sent at once (log.md §4.2: receipts wait for the quorum), not at the next tick.
 */
import { type CosignerKey, verifyCosignatures } from './cosignature';
import { withNodeCosignatureCheck } from './node-note-verifier';
import type { CheckpointService, StoredCheckpoint } from './checkpoint-service';
import type { CosignatureStore } from './cosignature-store';
import type { MerkleLog } from '../merkle/merkle-log';
import { addCheckpoint } from './witness-client';
import { type WitnessEntry, type WitnessPolicy, checkWitnessPolicy } from './witness-policy';

interface WitnessTrack {
  entry: WitnessEntry;
  key: CosignerKey;
  /** The size this witness last cosigned, as far as the log knows (undefined: ask with 0). */
  knownSize?: number;
  busy: boolean;
  /** After a failure, no new request before this time (ms). */
  retryAt: number;
  failures: number;
}

export interface CosignerOptions {
  /** How often to look for a newer checkpoint. Default 100 ms. */
  intervalMs?: number;
  timeoutMs?: number;
  onProblem?: (witness: string, problem: string) => void;
}

export class CheckpointCosigner {
  private readonly tracks: WitnessTrack[];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly checkpoints: CheckpointService,
    private readonly log: MerkleLog,
    private readonly store: CosignatureStore,
    readonly policy: WitnessPolicy,
    private readonly options: CosignerOptions = {},
  ) {
    // Each witness's reply is checked with node:crypto: one cosignature per witness per checkpoint.
    const keys = checkWitnessPolicy(policy).map(withNodeCosignatureCheck);
    this.tracks = policy.witnesses.map((entry, i) => ({ entry, key: keys[i], busy: false, retryAt: 0, failures: 0 }));
  }

  start(): void {
    if (this.running || this.tracks.length === 0) return;
    this.running = true;
    this.unsubscribe = this.checkpoints.onSigned((signed) => {
      if (this.running) void this.tick(signed).catch((err: Error) => this.options.onProblem?.('*', err.message));
    });
    const tick = async () => {
      if (!this.running) return;
      await this.tick().catch((err: Error) => this.options.onProblem?.('*', err.message));
      if (this.running) this.timer = setTimeout(tick, this.options.intervalMs ?? 100);
    };
    void tick();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** One round: the latest checkpoint (or the one just signed) to every idle witness that lacks it. Resolves at once. */
  async tick(signed?: StoredCheckpoint): Promise<void> {
    const latest = signed ?? (await this.checkpoints.latest());
    if (!latest) return;
    const now = Date.now();
    for (const t of this.tracks) {
      if (t.busy || t.knownSize === latest.size || now < t.retryAt) continue;
      t.busy = true;
      const p = this.submit(t, latest).finally(() => {
        t.busy = false;
        this.inFlight.delete(p);
      });
      this.inFlight.add(p);
    }
  }

  /** Sends `checkpoint` to one witness now and waits for the outcome (also used by tests). */
  async submit(t: WitnessTrack, checkpoint: StoredCheckpoint, retried = false): Promise<void> {
    const old = t.knownSize ?? 0;
    if (old > checkpoint.size) return this.fail(t, `the witness holds size ${old}, larger than the log's latest ${checkpoint.size}`);
    const proof = old > 0 && old < checkpoint.size ? await this.log.consistencyProof(old, checkpoint.size) : [];
    const reply = await addCheckpoint(t.entry.url, old, proof, checkpoint.note, this.options.timeoutMs);
    if (reply.kind === 'conflict' && !retried) {
      t.knownSize = reply.size;
      if (reply.size === checkpoint.size) return; // it already holds this tree
      return this.submit(t, checkpoint, true);
    }
    if (reply.kind !== 'cosigned') return this.fail(t, reply.kind === 'conflict' ? `409 again at size ${reply.size}` : `${reply.kind}: ${'status' in reply ? `${reply.status} ` : ''}${reply.reason}`);
    let verified;
    try {
      verified = verifyCosignatures(appendLines(checkpoint.note, reply.lines), [t.key]);
    } catch (err) {
      return this.fail(t, `its cosignature does not verify: ${(err as Error).message}`);
    }
    if (verified.length === 0) return this.fail(t, 'it answered 200 without a cosignature by its configured key');
    await this.store.add(checkpoint.size, verified);
    t.knownSize = checkpoint.size;
    t.failures = 0;
    t.retryAt = 0;
  }

  /** Witness tracks, for tests and the status page. */
  get witnesses(): readonly WitnessTrack[] {
    return this.tracks;
  }

  private fail(t: WitnessTrack, problem: string): void {
    t.failures += 1;
    // Back off up to 30 s so a witness that is down is not hammered; the quorum just waits.
    t.retryAt = Date.now() + Math.min(30_000, 250 * 2 ** Math.min(t.failures, 7));
    // The size it last cosigned is kept: if the witness moved meanwhile, its 409 says where to.
    this.options.onProblem?.(t.entry.name, problem);
  }
}

/** The note with the witness's lines appended (only lines that look like signatures). */
function appendLines(note: string, lines: readonly string[]): string {
  return note + lines.filter((l) => l.startsWith('\u2014 ')).map((l) => `${l}\n`).join('');
}
