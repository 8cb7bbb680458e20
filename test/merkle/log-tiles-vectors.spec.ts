/**
 * docs/spec/vectors/log-tiles.json: regenerating it gives the checked-in file byte for byte,
 * and the file is consistent with log.md from the file alone, checked here with node:crypto's
 * SHA-256 and nothing from src/ (leaf hashes in the tiles, the bundle's entries, the level-1
 * hash, the root).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { LOG_TILES_VECTORS_PATH, logTilesVectors } from '../../scripts/generate-log-tiles-vectors';

const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (bytes: Buffer) => sha(Buffer.from([0]), bytes);
const node = (l: Buffer, r: Buffer) => sha(Buffer.from([1]), l, r);
const hex = (s: string) => Buffer.from(s, 'hex');

describe('log tiles test vectors (docs/spec/vectors/log-tiles.json)', () => {
  const v = JSON.parse(readFileSync(LOG_TILES_VECTORS_PATH, 'utf8'));
  const tile = (path: string) => hex(v.hashTiles.find((t: { path: string }) => t.path === path).hex);
  const hashAt = (t: Buffer, i: number) => t.subarray(32 * i, 32 * i + 32);

  it('recomputing the vectors gives the checked-in file byte for byte', async () => {
    expect(await logTilesVectors()).toBe(readFileSync(LOG_TILES_VECTORS_PATH, 'utf8'));
  });

  it('each leaf hash is SHA-256(0x00 || leaf bytes) and sits in the level-0 tile at its index', () => {
    const full = tile('tile/0/000');
    const partial = tile('tile/0/001.p/4');
    expect(full.length).toBe(256 * 32);
    expect(partial.length).toBe(4 * 32);
    for (const l of v.leaves) {
      const h = leafHash(hex(l.leafBytes));
      expect(h.toString('hex')).toBe(l.leafHash);
      expect(hashAt(l.index < 256 ? full : partial, l.index % 256)).toEqual(h);
    }
  });

  it('the partial bundle holds the raw leaf bytes, each after a big-endian uint16 length', () => {
    const bundle = hex(v.entryBundles.find((b: { path: string }) => b.path === 'tile/entries/001.p/4').hex);
    const entries: Buffer[] = [];
    for (let at = 0; at < bundle.length; ) {
      const len = bundle.readUInt16BE(at);
      entries.push(bundle.subarray(at + 2, at + 2 + len));
      at += 2 + len;
    }
    expect(entries).toHaveLength(4);
    const partial = tile('tile/0/001.p/4');
    entries.forEach((e, i) => expect(leafHash(e)).toEqual(hashAt(partial, i)));
    expect(entries[0].toString('hex')).toBe(v.leaves.find((l: { index: number }) => l.index === 256).leafBytes);
    // The bytes are the entry's RFC 8785 JSON: leaf 0's, printed in the file.
    expect(JSON.parse(hex(v.leaves[0].leafBytes).toString('utf8'))).toEqual(v.entryOfLeaf0);
  });

  it('the level-1 hash is the root of the full level-0 tile, and the root folds the tiles', () => {
    let level = Array.from({ length: 256 }, (_, i) => hashAt(tile('tile/0/000'), i));
    while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => node(level[2 * i], level[2 * i + 1]));
    expect(tile('tile/1/000.p/1')).toEqual(level[0]);
    const p = tile('tile/0/001.p/4');
    const right = node(node(hashAt(p, 0), hashAt(p, 1)), node(hashAt(p, 2), hashAt(p, 3)));
    expect(node(level[0], right).toString('hex')).toBe(v.root);
  });

  it('paths follow the spec examples', () => {
    expect(v.paths.map((p: { path: string }) => p.path)).toEqual(['tile/0/000', 'tile/0/001.p/4', 'tile/1/000.p/1', 'tile/entries/001.p/4', 'tile/2/x001/x234/067', 'tile/entries/x001/000.p/17']);
  });

  it('each ETag is the key ID and 22 base64url characters of SHA-256 over the resource name', () => {
    for (const e of v.etags) {
      const digest = createHash('sha256').update(`urna-log-resource/1\n${e.keyId}\n${e.resource}`).digest('base64url').slice(0, 22);
      expect(e.etag).toBe(`"${e.keyId}.${digest}"`);
    }
  });
});
