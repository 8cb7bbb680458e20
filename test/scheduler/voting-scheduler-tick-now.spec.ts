/**
 * VotingScheduler.tickNow: a look at the lifecycle right away (after a simulacro's early close),
 * never overlapping the look the scheduler's own loop is making: the closing export runs inside
 * a look, and two exports at once would write the same temporary file.
 */
import type { CommandBus } from '@nestjs/cqrs';
import type { LifecycleState } from '../../src/domain/lifecycle/state';
import type { EventStore } from '../../src/ledger/event-store';
import { VotingScheduler } from '../../src/scheduler/voting-scheduler';

type Phase = LifecycleState['phase'];

/** A scheduler whose looks are recorded and held until released, one by one. */
function heldScheduler(onError: (err: Error) => void = () => undefined) {
  const scheduler = new VotingScheduler({ store: {} as EventStore, commands: {} as CommandBus, electionId: 'e', intervalMs: 60_000, onError });
  let running = 0;
  let mostAtOnce = 0;
  const started: number[] = [];
  const releases: ((outcome: Phase | Error) => void)[] = [];
  scheduler.tick = () => {
    running++;
    mostAtOnce = Math.max(mostAtOnce, running);
    started.push(started.length + 1);
    return new Promise<Phase>((resolve, reject) => {
      releases.push((outcome) => {
        running--;
        if (outcome instanceof Error) reject(outcome);
        else resolve(outcome);
      });
    });
  };
  return { scheduler, started, releases, mostAtOnce: () => mostAtOnce };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('VotingScheduler.tickNow', () => {
  it('looks at once, not at the next interval, and only after the look in progress has ended', async () => {
    const s = heldScheduler();
    s.scheduler.start();
    await settle();
    expect(s.started).toEqual([1]); // the loop's first look, held
    const now = s.scheduler.tickNow();
    await settle();
    expect(s.started).toEqual([1]); // waits for it
    s.releases[0]('voting');
    await settle();
    expect(s.started).toEqual([1, 2]); // then looks, long before the 60 s interval
    s.releases[1]('closed');
    await expect(now).resolves.toBe('closed');
    expect(s.mostAtOnce()).toBe(1);
    await s.scheduler.stop();
  });

  it('two early looks asked together run one after the other', async () => {
    const s = heldScheduler();
    const first = s.scheduler.tickNow();
    const second = s.scheduler.tickNow();
    await settle();
    expect(s.started).toEqual([1]);
    s.releases[0]('closed');
    await settle();
    expect(s.started).toEqual([1, 2]);
    s.releases[1]('exported');
    await expect(first).resolves.toBe('closed');
    await expect(second).resolves.toBe('exported');
    expect(s.mostAtOnce()).toBe(1);
  });

  it('a failed look is reported to the caller and to onError, and the next look still runs', async () => {
    const errors: string[] = [];
    const s = heldScheduler((err) => errors.push(err.message));
    const failing = s.scheduler.tickNow();
    const next = s.scheduler.tickNow();
    await settle();
    s.releases[0](new Error('export failed'));
    await expect(failing).rejects.toThrow('export failed');
    expect(errors).toEqual(['export failed']);
    await settle();
    s.releases[1]('exported');
    await expect(next).resolves.toBe('exported');
  });
});
