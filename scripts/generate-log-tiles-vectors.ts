/**
 * Writes docs/spec/vectors/log-tiles.json: a small log of 260 fixed entries and what the
 * tlog-tiles API serves for it (docs/spec/log.md §2.4, §5.2, §5.4): leaf bytes and hashes,
 * tile paths, hash tiles at levels 0 and 1, full and partial entry bundles, the root, and the
 * resource ETags, so an outside implementation can check its tile reader byte for byte.
 *
 *   node -r urna-ts-register scripts/generate-log-tiles-vectors.ts
 *
 * test/merkle/log-tiles-vectors.spec.ts recomputes the file and compares it byte for byte.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourceTag } from '../src/bulletin-board/log-caching';
import { toHex } from '../src/ledger/merkle/encoding';
import { encodeEntryBundle } from '../src/ledger/merkle/entry-bundle';
import { hashLeaf } from '../src/ledger/merkle/hash';
import { type PublicEventEntry, LEAF_FORMAT, leafDataOfEntry } from '../src/ledger/merkle/leaf-encoding';
import { MemoryMerkleTree } from '../src/ledger/merkle/memory-tree';
import { TILE_WIDTH, type TileAddress, formatTilePath, storageLevelOf } from '../src/ledger/merkle/tile-path';

export const LOG_TILES_VECTORS_PATH = join(__dirname, '..', 'docs', 'spec', 'vectors', 'log-tiles.json');
const LEAVES = 260;
/** A key ID as the ETags carry it (any 8 hex digits; this one is made up). */
const KEY_ID = '5f1e2a3b';

/** The public entry of the i-th fixed event (log.md §2.1). */
function entryOf(i: number): PublicEventEntry {
  return {
    format: LEAF_FORMAT,
    position: i,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    stream: `vectors-${i % 3}`,
    revision: Math.floor(i / 3),
    type: 'VectorFact',
    version: 1,
    recordedAt: '2027-06-06T12:00:00.000Z',
    actor: 'system:vectors',
    visibility: 'public',
    data: { n: i, texto: i % 2 === 0 ? 'año ñandú' : 'voto "válido"\n', ...(i % 5 === 0 ? { big: 1e21, small: 0.000001 } : {}) },
  };
}

export async function logTilesVectors(): Promise<string> {
  const leafBytes = Array.from({ length: LEAVES }, (_, i) => leafDataOfEntry(entryOf(i)));
  const tree = new MemoryMerkleTree();
  for (const bytes of leafBytes) tree.appendData(bytes);

  const hashTile = async (t: TileAddress & { level: number }) => {
    const hashes = await tree.readHashes(Array.from({ length: t.width }, (_, i) => ({ level: storageLevelOf(t.level), index: t.index * TILE_WIDTH + i })));
    const out = new Uint8Array(32 * hashes.length);
    hashes.forEach((h, i) => out.set(h, 32 * i));
    return out;
  };
  const bundle = (t: TileAddress) => encodeEntryBundle(leafBytes.slice(t.index * TILE_WIDTH, t.index * TILE_WIDTH + t.width));
  const tile0 = await hashTile({ level: 0, index: 0, width: 256 });
  const tile0p = await hashTile({ level: 0, index: 1, width: 4 });
  const tile1p = await hashTile({ level: 1, index: 0, width: 1 });
  return JSON.stringify(
    {
      description:
        'Urna transparency log, C2SP tlog-tiles (docs/spec/log.md §2.4, §5.2, §5.4): a log of 260 fixed public entries. leafBytes = UTF-8(JCS(entry)); leafHash = SHA-256(0x00 || leafBytes); hash tile (L, N, W) = W node hashes of tree level 8·L from node 256·N; entry bundle = uint16_be(length) || leafBytes for each leaf. All binary values in lowercase hex.',
      leafCount: LEAVES,
      entryOfLeaf0: entryOf(0),
      leaves: [0, 1, 5, 255, 256, 259].map((i) => ({ index: i, leafBytes: toHex(leafBytes[i]), leafHash: toHex(hashLeaf(leafBytes[i])) })),
      root: toHex(tree.currentRoot()),
      paths: [
        { level: 0, index: 0, width: 256 },
        { level: 0, index: 1, width: 4 },
        { level: 1, index: 0, width: 1 },
        { level: 'entries', index: 1, width: 4 },
        { level: 2, index: 1234067, width: 256 },
        { level: 'entries', index: 1000, width: 17 },
      ].map((t) => ({ ...t, path: formatTilePath(t as TileAddress) })),
      hashTiles: [
        { path: 'tile/0/000', hex: toHex(tile0) },
        { path: 'tile/0/001.p/4', hex: toHex(tile0p) },
        { path: 'tile/1/000.p/1', hex: toHex(tile1p), note: 'the root of leaves 0 … 255 (the tree of size 256)' },
      ],
      entryBundles: [
        { path: 'tile/entries/001.p/4', hex: toHex(bundle({ level: 'entries', index: 1, width: 4 })) },
        { path: 'tile/entries/000', bytes: bundle({ level: 'entries', index: 0, width: 256 }).length, sha256: toHex(sha256(bundle({ level: 'entries', index: 0, width: 256 }))) },
      ],
      etags: ['tile/0/000', 'tile/entries/001.p/4', 'checkpoint/260', 'proof/inclusion/3/260', 'proof/consistency/5/260', 'entries/0/260', 'checkpoints/0/2'].map((resource) => ({
        keyId: KEY_ID,
        resource,
        etag: resourceTag(KEY_ID, resource),
      })),
    },
    null,
    2,
  ) + '\n';
}

if (require.main === module) {
  void logTilesVectors().then((text) => {
    writeFileSync(LOG_TILES_VECTORS_PATH, text);
    console.log(`wrote ${LOG_TILES_VECTORS_PATH}`);
  });
}
