/**
 * Addresses of the C2SP tlog-tiles read API (docs/spec/log.md §5.2), parsed and written.
 * Browser-safe: a client in the board page and the server share it.
 *
 *   tile/<L>/<N>[.p/<W>]         hash tile: W hashes of tree level 8·L, from node 256·N on
 *   tile/entries/<N>[.p/<W>]     entry bundle: the raw bytes of leaves 256·N … 256·N + W − 1
 *
 * <N> is written in groups of three decimal digits, most significant first, every group but
 * the last prefixed with "x" (1234067 → x001/x234/067). Exactly one spelling of each address
 * is accepted (no leading "x000" group, no ".p/256", no leading zeros in L or W), so a cache
 * never holds one resource under two names and a malformed path is told apart from an absent
 * tile.
 */

/** Tree levels one tile spans. */
export const TILE_HEIGHT = 8;
/** Hashes in a full tile, entries in a full bundle: 2^TILE_HEIGHT. */
export const TILE_WIDTH = 256;
/** Highest hash-tile level the path grammar admits (C2SP: 0 … 63). */
export const MAX_TILE_LEVEL = 63;

export interface TileAddress {
  /** Hash-tile level, or 'entries' for an entry bundle. */
  level: number | 'entries';
  /** Tile number within its level. */
  index: number;
  /** Hashes (or entries) in it: 1 … 255 for a partial tile, TILE_WIDTH for a full one. */
  width: number;
}

export class TilePathError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`malformed tile path "${path}": ${reason}`);
    this.name = 'TilePathError';
  }
}

/** N as path elements: "x001/x234/067". */
export function encodeTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`tile index must be a non-negative safe integer, got ${index}`);
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The address as a path relative to the log's base: "tile/0/x001/234.p/5". */
export function formatTilePath(tile: TileAddress): string {
  const { level, index, width } = tile;
  if (level !== 'entries' && (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL)) throw new RangeError(`tile level must be 0 … ${MAX_TILE_LEVEL} or 'entries'`);
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) throw new RangeError(`tile width must be 1 … ${TILE_WIDTH}`);
  const partial = width < TILE_WIDTH ? `.p/${width}` : '';
  return `tile/${level}/${encodeTileIndex(index)}${partial}`;
}

/** Parses "tile/…" (relative to the log's base, no query). Throws TilePathError. */
export function parseTilePath(path: string): TileAddress {
  const fail = (reason: string): never => {
    throw new TilePathError(path, reason);
  };
  const parts = path.split('/');
  if (parts.length < 3 || parts[0] !== 'tile') fail('expected tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>]');
  let level: number | 'entries';
  if (parts[1] === 'entries') level = 'entries';
  else if (/^(0|[1-9][0-9]?)$/.test(parts[1]) && Number(parts[1]) <= MAX_TILE_LEVEL) level = Number(parts[1]);
  else return fail(`level "${parts[1]}" is not 0 … ${MAX_TILE_LEVEL} (no leading zeros) or "entries"`);

  let groups = parts.slice(2);
  let width = TILE_WIDTH;
  const last = groups[groups.length - 1];
  if (groups.length >= 2 && groups[groups.length - 2].endsWith('.p')) {
    if (!/^[1-9][0-9]{0,2}$/.test(last) || Number(last) >= TILE_WIDTH) fail(`partial width "${last}" is not 1 … ${TILE_WIDTH - 1} (no leading zeros)`);
    width = Number(last);
    groups = groups.slice(0, -1);
    groups[groups.length - 1] = groups[groups.length - 1].slice(0, -'.p'.length);
  }
  let index = 0;
  groups.forEach((g, i) => {
    const isLast = i === groups.length - 1;
    const m = (isLast ? /^([0-9]{3})$/ : /^x([0-9]{3})$/).exec(g);
    if (!m) fail(isLast ? `last index element "${g}" is not three digits` : `index element "${g}" is not "x" and three digits`);
    if (i === 0 && !isLast && m![1] === '000') fail('the index has a leading x000 element');
    index = index * 1000 + Number(m![1]);
  });
  if (!Number.isSafeInteger(index)) fail('tile index too large');
  return { level, index, width };
}

/** First leaf index the tile covers: index · 256^(level+1) (entries: index · 256). */
export function tileStartLeaf(tile: TileAddress): number {
  const level = tile.level === 'entries' ? 0 : tile.level;
  return tile.index * TILE_WIDTH ** (level + 1);
}

/**
 * Smallest tree size in which every hash (or entry) of the tile exists: the W-th hash of a
 * level-L tile is the root of 256^L leaves, complete only once all of them are in the tree.
 */
export function treeSizeNeeded(tile: TileAddress): number {
  const level = tile.level === 'entries' ? 0 : tile.level;
  return (tile.index * TILE_WIDTH + tile.width) * TILE_WIDTH ** level;
}

/** The tree level (RFC 9162 node height) of the hashes in a level-L hash tile. */
export function storageLevelOf(tileLevel: number): number {
  return tileLevel * TILE_HEIGHT;
}
