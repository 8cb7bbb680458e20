/** The board's download slots (src/http/download-slots.ts): per address, per instance, given back once. */
import { BOARD_DOWNLOAD_SLOTS, DownloadSlots } from '../../src/http/download-slots';

describe('download slots', () => {
  it('refuses past the per-address and the per-instance limits, and frees a slot only once', () => {
    const slots = new DownloadSlots({ perAddress: 2, total: 3 });
    const a1 = slots.take('a');
    const a2 = slots.take('a');
    expect(slots.take('a')).toEqual({ ok: false, full: 'address' });
    const b1 = slots.take('b');
    expect(slots.take('c')).toEqual({ ok: false, full: 'instance' });
    expect(slots.inUse).toBe(3);
    if (!a1.ok || !a2.ok || !b1.ok) throw new Error('slots refused');
    a1.release();
    a1.release(); // a second release (error path and 'close' both) must not free someone else's slot
    expect(slots.inUse).toBe(2);
    expect(slots.take('a').ok).toBe(true);
    expect(slots.take('a')).toEqual({ ok: false, full: 'address' });
    a2.release();
    b1.release();
    expect(slots.inUse).toBe(1);
  });

  it('refuses limits that would let nothing through, and defaults leave room for a ceremony room', () => {
    expect(() => new DownloadSlots({ perAddress: 0, total: 1 })).toThrow(/invalid/);
    expect(() => new DownloadSlots({ perAddress: 1, total: Number.NaN })).toThrow(/invalid/);
    expect(BOARD_DOWNLOAD_SLOTS.perAddress).toBeGreaterThanOrEqual(3);
  });
});
