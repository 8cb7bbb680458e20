/**
 * The work budget (src/http/work-budget.ts) attacked directly: a flood from one key, a flood of
 * unknown names from many keys, a queue that never drains; each time a real job must still run,
 * and the refused jobs must never run at all.
 */
import { addressKey, WorkBudget, WorkRefusedError, type WorkBudgetLimits } from '../../src/http/work-budget';

const LIMITS: WorkBudgetLimits = { concurrency: 2, queue: 6, perKey: 3, unknown: 3, maxWaitMs: 2000 };

/** A job that holds its slot until released, counting how many ran. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const ran: string[] = [];
  const job = (name: string) => async () => {
    ran.push(name);
    await opened;
    return name;
  };
  return { open, ran, job };
}

const refusalOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
    return undefined;
  } catch (err) {
    if (err instanceof WorkRefusedError) return err.reason;
    throw err;
  }
};

describe('WorkBudget', () => {
  it('runs at most `concurrency` jobs at once and the rest in order', async () => {
    const budget = new WorkBudget(LIMITS);
    const g = gate();
    const all = ['a', 'b', 'c', 'd'].map((k) => budget.run({ key: k }, g.job(k)));
    await Promise.resolve();
    expect(g.ran).toEqual(['a', 'b']);
    expect(budget.snapshot()).toMatchObject({ running: 2, waiting: 2 });
    g.open();
    expect(await Promise.all(all)).toEqual(['a', 'b', 'c', 'd']);
    expect(g.ran).toEqual(['a', 'b', 'c', 'd']);
    expect(budget.snapshot()).toMatchObject({ running: 0, waiting: 0, done: 4 });
  });

  it('refuses a flood from one key beyond its budget without running it, and another key still runs', async () => {
    const budget = new WorkBudget(LIMITS);
    const g = gate();
    const flood = Array.from({ length: 60 }, (_, i) => budget.run({ key: 'address:203.0.113.9' }, g.job(`flood-${i}`)));
    const refusals = await Promise.all(flood.slice(3).map(refusalOf));
    expect(refusals.every((r) => r === 'key')).toBe(true);
    const real = budget.run({ key: 'address:198.51.100.1' }, g.job('real'));
    g.open();
    expect(await real).toBe('real');
    await Promise.all(flood.slice(0, 3));
    expect(g.ran.filter((n) => n.startsWith('flood'))).toHaveLength(3);
    expect(budget.snapshot().refused.key).toBe(57);
  });

  it('keeps room for a known name while unknown names flood from many keys', async () => {
    const budget = new WorkBudget(LIMITS);
    const g = gate();
    const flood = Array.from({ length: 60 }, (_, i) => budget.run({ key: `address:10.0.${i}.1`, unknown: true }, g.job(`unknown-${i}`)));
    const refusals = await Promise.all(flood.slice(3).map(refusalOf));
    expect(refusals.every((r) => r === 'unknown')).toBe(true);
    // Three unknown jobs at most: the real voter's job is admitted (it waits for a slot at most).
    const real = budget.run({ key: 'address:198.51.100.1' }, g.job('real'));
    g.open();
    expect(await real).toBe('real');
    await Promise.all(flood.slice(0, 3));
    expect(g.ran.filter((n) => n.startsWith('unknown'))).toHaveLength(3);
  });

  it('starts a real voter\'s job before the jobs a flood from one address queued earlier', async () => {
    const budget = new WorkBudget({ concurrency: 2, queue: 16, perKey: 8, unknown: 8, maxWaitMs: 2000 });
    const started: string[] = [];
    const releases: (() => void)[] = [];
    const job = (name: string) => () => new Promise<string>((resolve) => {
      started.push(name);
      releases.push(() => resolve(name));
    });
    const flood = Array.from({ length: 8 }, (_, i) => budget.run({ key: 'address:203.0.113.9' }, job(`flood-${i}`)));
    const real = budget.run({ key: 'address:198.51.100.1' }, job('real'));
    await Promise.resolve();
    expect(started).toEqual(['flood-0', 'flood-1']);
    // One slot frees: the real voter's job goes next, not the flood's third.
    releases[0]();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['flood-0', 'flood-1', 'real']);
    while (releases.length < 9) {
      releases.forEach((r) => r());
      await new Promise((r) => setImmediate(r));
    }
    releases.forEach((r) => r());
    expect(await real).toBe('real');
    await Promise.all(flood);
  });

  it('starts a known name\'s job before unknown names queued earlier from many addresses', async () => {
    const budget = new WorkBudget({ concurrency: 2, queue: 16, perKey: 8, unknown: 8, maxWaitMs: 2000 });
    const started: string[] = [];
    const releases: (() => void)[] = [];
    const job = (name: string) => () => new Promise<string>((resolve) => {
      started.push(name);
      releases.push(() => resolve(name));
    });
    const flood = Array.from({ length: 8 }, (_, i) => budget.run({ key: `address:10.0.${i}.1`, unknown: true }, job(`unknown-${i}`)));
    const real = budget.run({ key: 'address:198.51.100.1' }, job('real'));
    await Promise.resolve();
    releases[0]();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['unknown-0', 'unknown-1', 'real']);
    while (releases.length < 9) {
      releases.forEach((r) => r());
      await new Promise((r) => setImmediate(r));
    }
    releases.forEach((r) => r());
    expect(await real).toBe('real');
    await Promise.all(flood);
  });

  it('refuses busy when the queue is full, for known and unknown names alike', async () => {
    const budget = new WorkBudget({ ...LIMITS, perKey: 100, unknown: 100 });
    const g = gate();
    const held = Array.from({ length: 8 }, (_, i) => budget.run({ key: `k${i}` }, g.job(`held-${i}`))); // 2 running + 6 waiting
    expect(await refusalOf(budget.run({ key: 'known' }, g.job('known')))).toBe('busy');
    expect(await refusalOf(budget.run({ key: 'unknown', unknown: true }, g.job('unknown')))).toBe('busy');
    g.open();
    await Promise.all(held);
    expect(g.ran).not.toContain('known');
  });

  it('refuses a job that waited longer than maxWaitMs, with a Retry-After', async () => {
    jest.useFakeTimers();
    try {
      const budget = new WorkBudget({ ...LIMITS, concurrency: 1, maxWaitMs: 1500 });
      const g = gate();
      const first = budget.run({ key: 'a' }, g.job('first'));
      const second = budget.run({ key: 'b' }, g.job('second'));
      const refused = second.catch((e: unknown) => e);
      jest.advanceTimersByTime(1501);
      const err = await refused;
      expect(err).toBeInstanceOf(WorkRefusedError);
      expect((err as WorkRefusedError).reason).toBe('busy');
      expect((err as WorkRefusedError).retryAfterSeconds).toBe(2);
      g.open();
      await first;
      expect(g.ran).toEqual(['first']);
      expect(budget.snapshot()).toMatchObject({ running: 0, waiting: 0 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('frees the slot and the key when a job fails', async () => {
    const budget = new WorkBudget({ ...LIMITS, perKey: 1 });
    await expect(budget.run({ key: 'a' }, async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    expect(await budget.run({ key: 'a' }, async () => 'again')).toBe('again');
    expect(budget.snapshot()).toMatchObject({ running: 0, waiting: 0, unknown: 0 });
  });

  it('groups IPv6 addresses by /64 and keeps IPv4 (also mapped) as is', () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
    expect(addressKey('::ffff:203.0.113.9')).toBe(addressKey('203.0.113.9'));
    expect(addressKey('203.0.113.9')).not.toBe(addressKey('203.0.113.10'));
  });
});
