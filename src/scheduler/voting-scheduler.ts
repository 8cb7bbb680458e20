import type { CommandBus } from '@nestjs/cqrs';
import { loadState } from '../command-path/stream-state';
import { CloseVotingCommand } from '../closing/closing.commands';
import { StartVotingCommand } from '../opening/opening.commands';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import type { LifecycleState } from '../domain/lifecycle/state';
import type { EventStore } from '../ledger/event-store';

/**
 * Starts and closes voting by itself at the configured instants. It keeps no state of its own:
 * each tick reads the lifecycle stream, so a restart (or a second instance) simply looks again
 * and catches up — StartVoting and CloseVoting are idempotent in the decider, and a tick after
 * a long outage records the real instant (`at`) beside `scheduledFor` (VotingClosed also
 * records `lateBy` when over a minute late). When the lifecycle is closed but not yet
 * exported, the onClosed hooks run (the closing export), on every start until exported.
 */
export type ClosedHook = (electionId: string) => Promise<void>;

export interface VotingSchedulerOptions {
  store: EventStore;
  commands: CommandBus;
  electionId: string;
  now?: () => Date;
  intervalMs?: number;
  onError?: (err: Error) => void;
  log?: (line: string) => void;
}

export class VotingScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private current: Promise<void> = Promise.resolve();
  private readonly hooks: ClosedHook[] = [];

  constructor(private readonly o: VotingSchedulerOptions) {}

  /** Registers the closing export (the voting API provides it). */
  onClosed(hook: ClosedHook): void {
    this.hooks.push(hook);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const loop = async () => {
      if (!this.running) return;
      await this.tickNow().catch(() => undefined); // reported through onError
      if (this.running) this.timer = setTimeout(loop, this.o.intervalMs ?? 1000);
    };
    void loop();
  }

  /**
   * A look now instead of at the next interval, for whoever just changed the lifecycle by hand
   * (a simulacro's early close): the closing export then starts at once, not up to a second
   * later. It waits for a look in progress, so two never run at once (the export is one of them);
   * the scheduler's own loop looks through it too. A failure goes to onError and to the caller.
   */
  tickNow(): Promise<LifecycleState['phase']> {
    const run = this.current.then(() => this.tick());
    this.current = run.then(() => undefined, (err) => this.o.onError?.(err as Error));
    return run;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  /** One look at the clock and the lifecycle; returns the phase it left the election in. */
  async tick(): Promise<LifecycleState['phase']> {
    const { store, commands, electionId } = this.o;
    const stream = lifecycleStream(electionId);
    const now = (this.o.now ?? (() => new Date()))();
    let { state } = await loadState(store, stream, lifecycleDecider);
    const by = { actor: 'system:scheduler' };
    if (state.phase === 'opened' && now.getTime() >= Date.parse(state.votingOpensAt!)) {
      await commands.execute(new StartVotingCommand(electionId, { type: 'StartVoting', electionId, now: now.toISOString() }, by));
      this.o.log?.(`Votación iniciada / voting started (${now.toISOString()}, programada ${state.votingOpensAt})`);
      state = (await loadState(store, stream, lifecycleDecider)).state;
    }
    if ((state.phase === 'voting' || state.phase === 'opened') && now.getTime() >= Date.parse(state.votingClosesAt!)) {
      await commands.execute(new CloseVotingCommand(electionId, { type: 'CloseVoting', electionId, now: now.toISOString() }, by));
      this.o.log?.(`Votación cerrada / voting closed (${now.toISOString()}, programada ${state.votingClosesAt})`);
      state = (await loadState(store, stream, lifecycleDecider)).state;
    }
    if (state.phase === 'closed') for (const hook of this.hooks) await hook(electionId);
    return state.phase;
  }
}
