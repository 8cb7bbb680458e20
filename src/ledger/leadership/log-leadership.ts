/**
 * Runs the log's writers (sequencer, checkpoint signer, cosigner) on exactly one instance at a
 * time, the holder of the log lease (log-lease.ts). Every instance runs this loop; each tick:
 *   - a leader renews; if the database says the epoch is no longer current, or no renewal has
 *     succeeded within the lease's time, it stops its writers at once (step down);
 *   - a follower tries to acquire; on success it starts the writers under the new epoch.
 * So when a leader dies, a follower leads within about ttl + one tick.
 *
 * The leader's own view of its lease ends *earlier* than the database's: its validity is counted
 * from the moment it sent the renewal (on this process's monotonic clock), minus a margin. It
 * therefore stops claiming its epoch before the database would refuse it — and the database
 * fence (log-fence.ts) refuses it anyway if a paused process wakes up late.
 */
import type { LeaseGrant, LogLease } from './log-lease';
import { isFenced } from './log-fence';

export interface LeaderRoles {
  /** Start the writers under `epoch` (called after the lease was granted and committed). */
  lead(epoch: number): Promise<void>;
  /** Stop the writers (called on losing the lease and on shutdown). */
  follow(): Promise<void>;
}

export type LeadershipChange =
  | { kind: 'leading'; epoch: number; holder: string }
  | { kind: 'stepped-down'; epoch: number; reason: string };

export interface LogLeadershipOptions {
  /** This instance's name in the lease (unique among instances). */
  holder: string;
  /** How often to renew, or to try to acquire. Default a quarter of the TTL. */
  tickMs?: number;
  onChange?: (change: LeadershipChange) => void;
  onError?: (err: Error) => void;
}

export class LogLeadership {
  private grant: LeaseGrant | undefined;
  /** performance.now() after which this process no longer claims its epoch. */
  private validUntil = 0;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private readonly tickMs: number;
  private readonly marginMs: number;

  constructor(
    private readonly lease: LogLease,
    private readonly roles: LeaderRoles,
    private readonly options: LogLeadershipOptions,
  ) {
    this.tickMs = options.tickMs ?? Math.max(50, Math.floor(lease.ttlMs / 4));
    this.marginMs = Math.floor(lease.ttlMs / 10);
  }

  /** The epoch the writers may claim now, or undefined when this instance does not lead. */
  get epoch(): number | undefined {
    return this.grant && performance.now() < this.validUntil ? this.grant.epoch : undefined;
  }

  get holder(): string {
    return this.options.holder;
  }

  /** Starts the loop; resolves after the first attempt (a free lease is taken at once). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.runTick();
  }

  /** Stops the writers if leading, then releases the lease so a follower takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.ticking;
    const grant = this.grant;
    if (!grant) return;
    await this.stepDown('shutdown');
    await this.lease.release(grant.epoch).catch((err) => this.options.onError?.(err as Error));
  }

  private runTick(): Promise<void> {
    this.ticking = this.tick()
      .catch((err) => this.options.onError?.(err as Error))
      .finally(() => {
        if (this.running) this.timer = setTimeout(() => void this.runTick(), this.tickMs);
      });
    return this.ticking;
  }

  private async tick(): Promise<void> {
    const sentAt = performance.now();
    if (this.grant) {
      let renewed: boolean | undefined;
      try {
        renewed = await this.lease.renew(this.grant.epoch);
      } catch (err) {
        this.options.onError?.(err as Error); // database unreachable: keep leading until validUntil
      }
      // A renewal that comes back after this instance stopped claiming its epoch does not
      // resume it: the writers may have stood by meanwhile (log-sequencer.ts), so step down and
      // lead again at the next tick, from the log's size, under a new epoch.
      if (renewed === true && performance.now() >= this.validUntil) await this.stepDown('the renewal came back after the lease time');
      else if (renewed === true) this.validUntil = sentAt + this.lease.ttlMs - this.marginMs;
      else if (renewed === false) await this.stepDown('the lease moved on or expired');
      else if (performance.now() >= this.validUntil) await this.stepDown('no renewal within the lease time');
      return;
    }
    const grant = await this.lease.acquire(this.options.holder);
    if (!grant || !this.running) {
      if (grant) await this.lease.release(grant.epoch);
      return;
    }
    this.grant = grant;
    this.validUntil = sentAt + this.lease.ttlMs - this.marginMs;
    this.options.onChange?.({ kind: 'leading', epoch: grant.epoch, holder: grant.holder });
    try {
      await this.roles.lead(grant.epoch);
    } catch (err) {
      this.options.onError?.(err as Error);
      await this.stepDown(`the writers did not start: ${(err as Error).message}`);
      await this.lease.release(grant.epoch).catch(() => undefined);
    }
  }

  private async stepDown(reason: string): Promise<void> {
    const grant = this.grant;
    if (!grant) return;
    this.grant = undefined;
    this.validUntil = 0;
    try {
      await this.roles.follow();
    } catch (err) {
      // Appends refused by the fence while stopping are expected: the next leader redoes them.
      if (!isFenced(err)) this.options.onError?.(err as Error);
    }
    this.options.onChange?.({ kind: 'stepped-down', epoch: grant.epoch, reason });
  }
}
