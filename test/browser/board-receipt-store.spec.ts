/**
 * The receipt format the board and the booth share (docs/spec/board.md §1), fed what a stranger
 * could put in a file or in localStorage: a file that is not a receipt is refused, a field of the
 * wrong type is dropped, the store keeps at most ten receipts, one per code, and skips rubbish.
 * Also the instants' zone label and the percent's no-break space the phone layout relies on.
 */
import { forgetReceipt, loadReceipts, MAX_KEPT, parseReceiptText, RECEIPTS_KEY, ReceiptFormatError, receiptFromObject, saveReceipt } from '../../bulletin-board-web/src/receipt-store';
import { formatPercent, utcOffset } from '../../bulletin-board-web/src/time-format';

const CODE = 'ab'.repeat(32);
const NOTE = 'urna.test/log\n5\nAAAA\n\n— urna.test/log xyz\n';

class MemoryStorage {
  private items = new Map<string, string>();
  getItem(k: string) { return this.items.get(k) ?? null; }
  setItem(k: string, v: string) { this.items.set(k, String(v)); }
  removeItem(k: string) { this.items.delete(k); }
}

describe('receipt file and store', () => {
  beforeEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = new MemoryStorage();
  });
  afterAll(() => {
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });

  it('reads the file the booth downloads, with a BOM and Windows line ends', () => {
    const file = `\uFEFF${JSON.stringify({ trackingCode: CODE.toUpperCase(), readableTrackingCode: '7k3q-9xdf-2m8r-0awz', logIndex: 7, checkpoint: NOTE.replace(/\n/g, '\r\n'), checkpointSize: 9, electionId: 'e', savedAt: '2024-06-02T10:00:00Z', extra: 1 }, null, 2)}`;
    const { receipt, note } = parseReceiptText(file);
    expect(receipt).toEqual({ trackingCode: CODE, readableTrackingCode: '7K3Q-9XDF-2M8R-0AWZ', logIndex: 7, checkpoint: NOTE, checkpointSize: 9, electionId: 'e', savedAt: '2024-06-02T10:00:00Z' });
    expect(note).toBe(NOTE);
  });

  it('takes a bare note as a note, and refuses what is not a receipt', () => {
    expect(parseReceiptText(NOTE)).toEqual({ note: NOTE });
    expect(parseReceiptText('   ')).toEqual({});
    for (const bad of ['{not json', '{"trackingCode":"abc"}', '{}', `{"trackingCode":"${CODE}","checkpoint":"${'x'.repeat(10_001)}"}`]) {
      expect(() => parseReceiptText(bad)).toThrow(ReceiptFormatError);
    }
    expect(() => receiptFromObject([CODE])).toThrow(ReceiptFormatError);
    expect(() => receiptFromObject(null)).toThrow(ReceiptFormatError);
  });

  it('drops fields of the wrong type instead of trusting them', () => {
    expect(receiptFromObject({ trackingCode: CODE, logIndex: -1, checkpointSize: 1.5, readableTrackingCode: '<img src=x>', savedAt: 'ayer', checkpoint: 42, electionId: 7 }))
      .toEqual({ trackingCode: CODE });
  });

  it('keeps at most ten receipts, newest first, one per code, and skips rubbish in storage', () => {
    for (let i = 0; i < 12; i++) saveReceipt({ trackingCode: i.toString(16).padStart(2, '0').repeat(32) });
    saveReceipt({ trackingCode: '0b'.repeat(32), logIndex: 3 });
    const kept = loadReceipts();
    expect(kept).toHaveLength(MAX_KEPT);
    expect(kept[0]).toMatchObject({ trackingCode: '0b'.repeat(32), logIndex: 3 });
    expect(kept.filter((r) => r.trackingCode === '0b'.repeat(32))).toHaveLength(1);
    forgetReceipt('0b'.repeat(32));
    expect(loadReceipts().some((r) => r.trackingCode === '0b'.repeat(32))).toBe(false);
    localStorage.setItem(RECEIPTS_KEY, JSON.stringify([{ trackingCode: 'nope' }, 5, null, { trackingCode: CODE }]));
    expect(loadReceipts()).toEqual([{ trackingCode: CODE }]);
    localStorage.setItem(RECEIPTS_KEY, '{broken');
    expect(loadReceipts()).toEqual([]);
  });

  it('writes Mexico City times with their offset, and keeps a percent on one line', () => {
    expect(utcOffset(new Date('2024-06-02T18:00:00-06:00'))).toBe('UTC\u221206:00');
    // No summer time in Mexico City since 2022: the same offset in January.
    expect(utcOffset(new Date('2025-01-15T12:00:00Z'))).toBe('UTC\u221206:00');
    expect(formatPercent(3, 20, 'es')).toBe('15.00\u00a0%');
    expect(formatPercent(1, 0, 'en')).toBe('—');
  });
});
