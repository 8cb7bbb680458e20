/**
 * Checkpoints as served with their witnesses' cosignatures (docs/spec/log.md §8.4): the log's
 * signed note followed by the stored cosignature lines, and where each stands against the
 * election's quorum. What the /log API, the receipts and the waiter read.
 */
import { appendSignatureLines } from './cosignature';
import type { CheckpointService, StoredCheckpoint } from './checkpoint-service';
import type { CosignatureStore, StoredCosignature } from './cosignature-store';
import type { WitnessPolicy } from './witness-policy';

export interface Witnessing {
  quorum: number;
  /** Names of the configured witnesses whose cosignature is on the note. */
  cosigners: string[];
  /** 'cosigned' when cosigners ≥ quorum (always, with no witnesses configured). */
  status: 'cosigned' | 'waiting';
}

export interface WitnessedCheckpoint extends StoredCheckpoint {
  /** The note with the cosignature lines appended (equal to `note` without any). */
  cosignedNote: string;
  witnessing: Witnessing;
}

export class WitnessedCheckpoints {
  private readonly names: string[];

  constructor(
    readonly checkpoints: CheckpointService,
    private readonly store: CosignatureStore | undefined,
    readonly policy: WitnessPolicy,
  ) {
    this.names = policy.witnesses.map((w) => w.name);
  }

  async withCosignatures(list: readonly StoredCheckpoint[]): Promise<WitnessedCheckpoint[]> {
    const bySize = this.store && this.names.length > 0 ? await this.store.forSizes(list.map((c) => c.size)) : new Map<number, StoredCosignature[]>();
    return list.map((c) => this.combine(c, bySize.get(c.size) ?? []));
  }

  async latest(): Promise<WitnessedCheckpoint | undefined> {
    const latest = await this.checkpoints.latest();
    return latest ? (await this.withCosignatures([latest]))[0] : undefined;
  }

  async atSize(size: number): Promise<WitnessedCheckpoint | undefined> {
    const found = await this.checkpoints.atSize(size);
    return found ? (await this.withCosignatures([found]))[0] : undefined;
  }

  /**
   * What a receipt waiter looks at, in one query: the latest checkpoint and the newest of size >
   * minIndex that reached the quorum (with no witnesses, the latest is that one too).
   */
  async forWaiters(minIndex: number): Promise<{ latest?: WitnessedCheckpoint; cosigned?: WitnessedCheckpoint }> {
    if (this.policy.quorum === 0 || !this.store) {
      const latest = await this.latest();
      return { latest, cosigned: latest && latest.size > minIndex && latest.witnessing.status === 'cosigned' ? latest : undefined };
    }
    const found = await this.store.forWaiters(this.policy.quorum, this.names, minIndex + 1);
    return {
      latest: found.latest && this.combine(found.latest.checkpoint, found.latest.cosignatures),
      cosigned: found.cosigned && this.combine(found.cosigned.checkpoint, found.cosigned.cosignatures),
    };
  }

  /** A checkpoint this process just signed, as served before any witness cosigned it. */
  freshlySigned(c: StoredCheckpoint): WitnessedCheckpoint {
    return this.combine(c, []);
  }

  /** Called whenever this process signs a checkpoint or stores cosignatures. Returns the unsubscribe. */
  onChange(listener: (signed?: StoredCheckpoint) => void): () => void {
    const offSigned = this.checkpoints.onSigned((c) => listener(c));
    const offAdded = this.store?.onAdded(() => listener());
    return () => {
      offSigned();
      offAdded?.();
    };
  }

  /** The newest checkpoint of size > minIndex that reached the quorum, if any. */
  async latestCosignedAbove(minIndex: number): Promise<WitnessedCheckpoint | undefined> {
    if (this.policy.quorum === 0) {
      const latest = await this.latest();
      return latest && latest.size > minIndex ? latest : undefined;
    }
    const size = await this.store!.latestWithQuorum(this.policy.quorum, this.names, minIndex + 1);
    return size === undefined ? undefined : this.atSize(size);
  }

  private combine(c: StoredCheckpoint, cosignatures: StoredCosignature[]): WitnessedCheckpoint {
    const mine = cosignatures.filter((s) => this.names.includes(s.witness));
    const cosigners = this.names.filter((n) => mine.some((s) => s.witness === n));
    return {
      ...c,
      cosignedNote: appendSignatureLines(c.note, mine.map((s) => s.line)),
      witnessing: { quorum: this.policy.quorum, cosigners, status: cosigners.length >= this.policy.quorum ? 'cosigned' : 'waiting' },
    };
  }
}
