/**
 * The simulacro's phase clock also says, per phase, how long its thread (the service's) ran on a
 * core and how long it waited for one: the figures that tell a change's effect from the shared
 * machine's noise (docs/operations/scaling.md §2.7).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PhaseClock } from '../../src/simulacro/phase-times';
import { threadTime, type ThreadTime } from '../../src/simulacro/thread-time';

const spin = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // on a core the whole time
  }
};

describe('the service thread\'s time per phase', () => {
  it('reads this thread\'s running and waiting seconds from /proc/thread-self/schedstat', () => {
    const before = threadTime()!;
    spin(150);
    const after = threadTime()!;
    expect(after.running - before.running).toBeGreaterThan(0.05);
    expect(after.waiting).toBeGreaterThanOrEqual(before.waiting);
  });

  it('reads the file\'s first two fields as nanoseconds, and says nothing where there is no such file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'urna-schedstat-'));
    try {
      writeFileSync(join(dir, 'schedstat'), '2500000000 750000000 4321\n');
      expect(threadTime(join(dir, 'schedstat'))).toEqual({ running: 2.5, waiting: 0.75 });
      writeFileSync(join(dir, 'garbled'), 'not numbers\n');
      expect(threadTime(join(dir, 'garbled'))).toBeUndefined();
      expect(threadTime(join(dir, 'missing'))).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives each phase the difference between its start and its end, summed over its stretches', () => {
    const readings: ThreadTime[] = [
      { running: 10, waiting: 1 }, // casting starts
      { running: 14, waiting: 3 }, // casting ends: ran 4, waited 2
      { running: 14, waiting: 3 }, // closing starts
      { running: 14.5, waiting: 3.25 }, // closing ends: ran 0.5, waited 0.25
      { running: 20, waiting: 5 }, // casting starts again
      { running: 21, waiting: 5.5 }, // and ends: ran 1, waited 0.5
    ];
    let k = 0;
    const clock = new PhaseClock(() => readings[k++]);
    clock.start('casting');
    clock.start('closing');
    clock.end();
    clock.start('casting');
    clock.end();
    expect(k).toBe(readings.length);
    const { thread } = clock.times();
    expect(thread.casting).toEqual({ running: 5, waiting: 2.5 });
    expect(thread.closing).toEqual({ running: 0.5, waiting: 0.3 });
  });

  it('leaves a phase out when the system gives no reading', () => {
    const clock = new PhaseClock(() => undefined);
    clock.start('casting');
    clock.end();
    expect(clock.times().thread).toEqual({});
    expect(clock.times().phases.casting).toBeDefined();
  });

  it('measures a busy phase as running, a sleeping one as neither', async () => {
    const clock = new PhaseClock();
    clock.start('casting');
    spin(200);
    clock.start('closing');
    await new Promise((r) => setTimeout(r, 200));
    clock.end();
    const { thread } = clock.times();
    expect(thread.casting!.running).toBeGreaterThanOrEqual(0.1);
    expect(thread.closing!.running).toBeLessThan(0.1);
  });
});
