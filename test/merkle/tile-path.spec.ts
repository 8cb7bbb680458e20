/**
 * The C2SP tlog-tiles addresses and entry bundles (src/ledger/merkle/tile-path.ts,
 * entry-bundle.ts): the spec's own examples, one spelling per address, and every malformed
 * form a prober might send.
 */
import { EntryTooLargeError, MAX_BUNDLE_ENTRY_BYTES, decodeEntryBundle, encodeEntryBundle } from '../../src/ledger/merkle/entry-bundle';
import { TilePathError, encodeTileIndex, formatTilePath, parseTilePath, tileStartLeaf, treeSizeNeeded } from '../../src/ledger/merkle/tile-path';

describe('tile paths', () => {
  it('writes N in x-prefixed groups of three digits (the spec example 1234067 → x001/x234/067)', () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(encodeTileIndex(1_000_000)).toBe('x001/x000/000');
    expect(formatTilePath({ level: 2, index: 1234067, width: 256 })).toBe('tile/2/x001/x234/067');
    expect(formatTilePath({ level: 0, index: 5, width: 17 })).toBe('tile/0/005.p/17');
    expect(formatTilePath({ level: 'entries', index: 1000, width: 1 })).toBe('tile/entries/x001/000.p/1');
  });

  it('parses what it writes, for full and partial tiles of every kind', () => {
    for (const level of [0, 1, 7, 63, 'entries'] as const) {
      for (const index of [0, 1, 999, 1000, 65_535, 1234067, 2 ** 45]) {
        for (const width of [1, 2, 255, 256]) {
          const address = { level, index, width };
          expect(parseTilePath(formatTilePath(address))).toEqual(address);
        }
      }
    }
  });

  it.each([
    ['tile', 'too short'],
    ['tile/0', 'no index'],
    ['tiles/0/000', 'not tile/'],
    ['tile/00/000', 'level with a leading zero'],
    ['tile/64/000', 'level above 63'],
    ['tile/-1/000', 'negative level'],
    ['tile/data/000', "Go sumdb's name for the entries level"],
    ['tile/8/0/000', "Go sumdb's path with the height in it"],
    ['tile/0/12', 'two digits'],
    ['tile/0/0123', 'four digits'],
    ['tile/0/x001', 'last element with an x'],
    ['tile/0/001/234', 'an inner element without x'],
    ['tile/0/x000/001', 'a leading x000 group (a second spelling of 001)'],
    ['tile/0/x1/001', 'a short inner group'],
    ['tile/0/000.p/0', 'width 0'],
    ['tile/0/000.p/256', 'width 256 written as partial'],
    ['tile/0/000.p/01', 'width with a leading zero'],
    ['tile/0/000.p/', 'empty width'],
    ['tile/0/000.p', 'partial without width'],
    ['tile/0/.p/5', 'no index before .p'],
    ['tile/0/000/', 'trailing slash'],
    ['tile/0/+00', 'a sign'],
    ['tile/entries/x001', 'entries with only an x group'],
    ['tile/0/x999/x999/x999/x999/x999/x999/999', 'an index beyond 2^53'],
  ])('refuses %s (%s)', (path) => {
    expect(() => parseTilePath(path)).toThrow(TilePathError);
  });

  it('knows which tree a tile needs: (256·N + W)·256^L leaves', () => {
    // C2SP's example: a tree of 70,000 leaves has 273 full level-0 tiles, a partial of 112,
    // a full level-1 tile, a partial level-1 tile of 17 and a partial level-2 tile of 1.
    const size = 70_000;
    expect(treeSizeNeeded({ level: 0, index: 272, width: 256 })).toBeLessThanOrEqual(size);
    expect(treeSizeNeeded({ level: 0, index: 273, width: 112 })).toBeLessThanOrEqual(size);
    expect(treeSizeNeeded({ level: 0, index: 273, width: 113 })).toBeGreaterThan(size);
    expect(treeSizeNeeded({ level: 1, index: 0, width: 256 })).toBeLessThanOrEqual(size);
    expect(treeSizeNeeded({ level: 1, index: 1, width: 17 })).toBeLessThanOrEqual(size);
    expect(treeSizeNeeded({ level: 1, index: 1, width: 18 })).toBeGreaterThan(size);
    expect(treeSizeNeeded({ level: 2, index: 0, width: 1 })).toBeLessThanOrEqual(size);
    expect(treeSizeNeeded({ level: 2, index: 0, width: 2 })).toBeGreaterThan(size);
    expect(tileStartLeaf({ level: 1, index: 1, width: 17 })).toBe(65_536);
    expect(tileStartLeaf({ level: 'entries', index: 3, width: 1 })).toBe(768);
  });
});

describe('entry bundles', () => {
  const enc = (s: string) => new TextEncoder().encode(s);

  it('prefixes each entry with its length as a big-endian uint16', () => {
    const bundle = encodeEntryBundle([enc('ab'), new Uint8Array(0), new Uint8Array(300).fill(7)]);
    expect([...bundle.subarray(0, 4)]).toEqual([0, 2, 0x61, 0x62]);
    expect([...bundle.subarray(4, 6)]).toEqual([0, 0]);
    expect([...bundle.subarray(6, 8)]).toEqual([1, 44]); // 300 = 0x012c
    expect(bundle.length).toBe(2 + 2 + 2 + 2 + 300);
    expect(decodeEntryBundle(bundle).map((e) => e.length)).toEqual([2, 0, 300]);
  });

  it('carries an entry of exactly 65,535 bytes and refuses one byte more', () => {
    const max = new Uint8Array(MAX_BUNDLE_ENTRY_BYTES).fill(1);
    expect(decodeEntryBundle(encodeEntryBundle([max]))[0].length).toBe(MAX_BUNDLE_ENTRY_BYTES);
    // Without the check the length would wrap to 0 and the bundle would lie about the entry.
    expect(() => encodeEntryBundle([enc('x'), new Uint8Array(MAX_BUNDLE_ENTRY_BYTES + 1)])).toThrow(EntryTooLargeError);
  });

  it('refuses truncated bundles', () => {
    const bundle = encodeEntryBundle([enc('hello')]);
    expect(() => decodeEntryBundle(bundle.subarray(0, 1))).toThrow(/length prefix/);
    expect(() => decodeEntryBundle(bundle.subarray(0, 5))).toThrow(/inside entry/);
  });
});
