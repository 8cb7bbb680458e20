/**
 * Reads C2SP tlog-tiles resources (docs/spec/log.md §5.2) from the stored log. No tile is
 * stored as such: a level-L hash tile is a run of W consecutive rows of `nodes` at tree level
 * 8·L (node (8·L, 256·N + i) is the root of the i-th 256^L-leaf block of the tile), and an
 * entry bundle is a run of W rows of `leaves`. Both are one range scan of a primary key, and
 * both exist exactly when the committed tree holds every leaf under them, so a tile is either
 * served whole or not at all, and never changes afterwards.
 */
import { encodeEntryBundle } from './entry-bundle';
import type { MerkleLog } from './merkle-log';
import { TILE_WIDTH, type TileAddress, storageLevelOf } from './tile-path';

/** Highest tree level the store keeps (nodes.level < 64): hash tiles above level 7 never exist. */
const MAX_STORED_TILE_LEVEL = 7;

export class LogTiles {
  constructor(private readonly log: MerkleLog) {}

  /** The tile's bytes, or undefined when the tree does not (yet) hold all it covers. */
  async read(tile: TileAddress): Promise<Uint8Array | undefined> {
    const first = tile.index * TILE_WIDTH;
    if (!Number.isSafeInteger(first + tile.width)) return undefined;
    if (tile.level === 'entries') {
      const datas = await this.log.leafDataRun(first, tile.width);
      return datas && encodeEntryBundle(datas); // throws EntryTooLargeError for a leaf over 65,535 bytes
    }
    if (tile.level > MAX_STORED_TILE_LEVEL) return undefined;
    return this.log.nodeHashRun(storageLevelOf(tile.level), first, tile.width);
  }
}
