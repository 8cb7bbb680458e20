/**
 * The C2SP tlog-tiles entry bundle (docs/spec/log.md §5.2): each leaf's raw bytes, in index
 * order, each preceded by its length as a big-endian uint16. A client hashes each entry as
 * SHA-256(0x00 || entry) and compares it with the level-0 tile, so it never needs to know how
 * Urna builds leaves (RFC 8785 JSON) to check that the entries are the log's. Browser-safe.
 */

/** The largest leaf a bundle can carry: a uint16 length. */
export const MAX_BUNDLE_ENTRY_BYTES = 0xffff;

export class EntryTooLargeError extends Error {
  constructor(
    readonly offset: number,
    readonly bytes: number,
  ) {
    super(`entry ${offset} of the bundle has ${bytes} bytes; a bundle entry has at most ${MAX_BUNDLE_ENTRY_BYTES}`);
    this.name = 'EntryTooLargeError';
  }
}

export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  entries.forEach((e, i) => {
    if (e.length > MAX_BUNDLE_ENTRY_BYTES) throw new EntryTooLargeError(i, e.length);
    total += 2 + e.length;
  });
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >>> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/** Splits a bundle into its entries (views into `bundle`); throws on a truncated or padded one. */
export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let at = 0;
  while (at < bundle.length) {
    if (at + 2 > bundle.length) throw new Error(`entry bundle ends inside a length prefix at byte ${at}`);
    const length = (bundle[at] << 8) | bundle[at + 1];
    if (at + 2 + length > bundle.length) throw new Error(`entry bundle ends inside entry ${entries.length}`);
    entries.push(bundle.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}
