/**
 * The C2SP tlog-tiles API, the checkpoint history and the caching of /log on a real
 * PostgreSQL: ledger events in through the sequencer, then an outside client that knows only
 * HTTP, the log's vkey and RFC 9162 checks every tile and bundle byte; the immutable answers
 * carry long-lived headers and conditional requests skip the database; bad paths are 400,
 * tiles beyond the tree 404, and none of it writes to the server log.
 */
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { BulletinBoardModule } from '../../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../../src/config/configuration';
import { registerEventTypes } from '../../src/domain/event-catalog';
import { checkpointSequence, openCheckpoint } from '../../src/ledger/checkpoint/checkpoint-format';
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { parseVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import type { EventStore } from '../../src/ledger/event-store';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { EVENT_STORE, PG_POOL } from '../../src/ledger/ledger.tokens';
import { decodeEntryBundle } from '../../src/ledger/merkle/entry-bundle';
import { hashLeaf } from '../../src/ledger/merkle/hash';
import { leafDataOfEntry } from '../../src/ledger/merkle/leaf-encoding';
import { LogSequencer } from '../../src/ledger/merkle/log-sequencer';
import { MemoryMerkleTree } from '../../src/ledger/merkle/memory-tree';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { foldSubtrees } from '../../src/ledger/merkle/proof-builder';
import { formatTilePath } from '../../src/ledger/merkle/tile-path';
import { dropSchema, freshSchemaName } from '../support/postgres';

registerEventTypes([{ type: 'tiletest.published', versions: [1], visibility: 'public', description: 'Test fact (log tiles suite).' }]);

const ORIGIN = 'urna.test/tiles';
/** Two full level-0 tiles and a partial one of 88; level 1 is a partial tile of width 2. */
const N = 600;
const IMMUTABLE = 'public, max-age=31536000, immutable';

class CapturingLogger extends ConsoleLogger {
  readonly lines: string[] = [];
  override warn(message: unknown): void {
    this.lines.push(`warn ${String(message)}`);
  }
  override error(message: unknown): void {
    this.lines.push(`error ${String(message)}`);
  }
  override log(): void {}
  override debug(): void {}
  override verbose(): void {}
}

describe('GET /log/tile/*, /log/checkpoints and caching', () => {
  let app: INestApplication;
  let pool: Pool;
  const logger = new CapturingLogger();
  const ledgerSchema = freshSchemaName('tiles_ledger');
  const logSchema = freshSchemaName('tiles_log');
  const get = (url: string) => request(app.getHttpServer()).get(url);
  const binary = (url: string) =>
    get(url)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });

  beforeAll(async () => {
    const config = loadConfiguration({ DATABASE_URL: process.env.DATABASE_URL });
    const moduleRef = await Test.createTestingModule({
      imports: [
        LedgerModule.forRoot(config, { schema: ledgerSchema }),
        BulletinBoardModule.forRoot({ origin: ORIGIN, signer: SoftwareNoteSigner.generate(ORIGIN), schema: logSchema, checkpointIntervalMs: 50 }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger });
    await app.init();
    pool = app.get(PG_POOL);
    const store = app.get<EventStore>(EVENT_STORE);
    // in a few batches, so the checkpoint loop signs a few intermediate sizes
    for (let start = 0; start < N; start += 150) {
      const events = Array.from({ length: 150 }, (_, j) => ({
        type: 'tiletest.published',
        version: 1,
        data: { n: start + j, texto: 'café ñ', pad: 'x'.repeat((start + j) % 97) },
        metadata: { actor: 'admin:ana' },
        visibility: 'public' as const,
      }));
      await store.append(`election-${start}`, events, 'any');
      await waitForCheckpoint(start + 150);
    }
  });

  async function waitForCheckpoint(size: number): Promise<void> {
    for (let i = 0; i < 400; i++) {
      const res = await get('/log/checkpoint');
      if (res.status === 200 && Number(res.text.split('\n')[1]) >= size) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`no checkpoint of size ${size}`);
  }

  afterAll(async () => {
    await app.close();
    const cleanup = new Pool({ connectionString: process.env.DATABASE_URL });
    await dropSchema(cleanup, ledgerSchema);
    await dropSchema(cleanup, logSchema);
    await cleanup.end();
  });

  async function verifiedCheckpoint() {
    const vkey = parseVerifierKey((await get('/log/key').expect(200)).body.vkey);
    return openCheckpoint((await get('/log/checkpoint').expect(200)).text, vkey, ORIGIN);
  }

  it('a client that knows only the tiles recomputes every leaf hash from the raw bytes and the signed root', async () => {
    const checkpoint = await verifiedCheckpoint();
    expect(checkpoint.size).toBe(N);
    const tree = new MemoryMerkleTree();
    const fullTiles = Math.floor(N / 256);
    for (let t = 0; t <= fullTiles; t++) {
      const width = t < fullTiles ? 256 : N % 256;
      const hashes = (await binary(`/log/${formatTilePath({ level: 0, index: t, width })}`).expect(200).expect('Content-Type', 'application/octet-stream')).body as Buffer;
      const bundle = (await binary(`/log/${formatTilePath({ level: 'entries', index: t, width })}`).expect(200)).body as Buffer;
      expect(hashes.length).toBe(32 * width);
      const entries = decodeEntryBundle(new Uint8Array(bundle));
      expect(entries).toHaveLength(width);
      entries.forEach((raw, i) => {
        const leafHash = hashLeaf(raw);
        expect(Buffer.from(leafHash)).toEqual(hashes.subarray(32 * i, 32 * i + 32));
        tree.appendLeafHash(leafHash);
      });
    }
    expect(Buffer.from(tree.currentRoot())).toEqual(Buffer.from(checkpoint.rootHash));

    // Level 1: each hash is the root of a full level-0 tile (RFC 9162 MTH of 256 leaves).
    const level1 = (await binary('/log/tile/1/000.p/2').expect(200)).body as Buffer;
    expect(level1.length).toBe(64);
    for (let i = 0; i < 2; i++) {
      const tile = new Uint8Array((await binary(`/log/tile/0/${String(i).padStart(3, '0')}`).expect(200)).body as Buffer);
      expect(Buffer.from(subtreeOfTile(tile))).toEqual(level1.subarray(32 * i, 32 * i + 32));
    }
    expect(Buffer.from(await tree.root(256))).toEqual(level1.subarray(0, 32));
  });

  /** MTH of a full tile's 256 leaf hashes, folded pairwise (they form a perfect subtree). */
  function subtreeOfTile(tile: Uint8Array): Uint8Array {
    let level = Array.from({ length: 256 }, (_, i) => tile.subarray(32 * i, 32 * i + 32));
    while (level.length > 1) level = Array.from({ length: level.length / 2 }, (_, i) => foldSubtrees([level[2 * i], level[2 * i + 1]]));
    return level[0];
  }

  it('an entry in a bundle is the leaf data of the ledger event: UTF-8(JCS(public entry)), byte for byte', async () => {
    const json = await get('/log/entries?start=256&end=300').expect(200);
    const bundle = decodeEntryBundle(new Uint8Array((await binary('/log/tile/entries/001').expect(200)).body as Buffer));
    json.body.entries.forEach((e: { index: number; entry: never }, i: number) => {
      expect(e.index).toBe(256 + i);
      expect(Buffer.from(bundle[i])).toEqual(Buffer.from(leafDataOfEntry(e.entry)));
    });
  });

  it('a partial tile is a prefix of the full one and never changes', async () => {
    const full = (await binary('/log/tile/0/001').expect(200)).body as Buffer;
    const partial = (await binary('/log/tile/0/001.p/5').expect(200)).body as Buffer;
    expect(partial).toEqual(full.subarray(0, 5 * 32));
    const bundle = (await binary('/log/tile/entries/001.p/5').expect(200)).body as Buffer;
    expect(decodeEntryBundle(new Uint8Array(bundle))).toHaveLength(5);
  });

  it('serves tiles, bundles, past checkpoints, fixed proofs and complete ranges immutable, with a strong ETag', async () => {
    const size5 = (await get('/log/checkpoints?start=1&end=2').expect(200)).body.checkpoints[0].size;
    for (const url of [
      '/log/tile/0/000',
      '/log/tile/0/002.p/88',
      '/log/tile/entries/000',
      `/log/checkpoint?size=${size5}`,
      '/log/checkpoint?size=0',
      `/log/proof/inclusion?index=3&size=${N}`,
      '/log/proof/consistency?from=5&to=300',
      '/log/entries?start=0&end=600',
      '/log/checkpoints?start=0&end=2',
    ]) {
      const res = await get(url).expect(200);
      expect([url, res.headers['cache-control']]).toEqual([url, IMMUTABLE]);
      expect(res.headers.etag).toMatch(/^"[0-9a-f]{8}\.[A-Za-z0-9_-]{22}"$/);
    }
    // What can still change is revalidated: the latest checkpoint, a range cut at the end.
    expect((await get('/log/checkpoint').expect(200)).headers['cache-control']).toBe('public, max-age=1');
    expect((await get('/log/entries?start=590&end=700').expect(200)).headers['cache-control']).toBe('no-cache');
    expect((await get('/log/checkpoints?start=0&end=1000').expect(200)).headers['cache-control']).toBe('no-cache');
  });

  it('answers a conditional request for an immutable resource with 304 without asking the database', async () => {
    const first = await get('/log/tile/0/001').expect(200);
    const etag = first.headers.etag;
    // The log's own writers query the same pool on their own clock (the checkpoint loop looks
    // for growth every interval): held still here, so every query the spy sees is the request's.
    const writers = [app.get(CheckpointService), app.get(LogSequencer)];
    await Promise.all(writers.map((w) => w.stop()));
    const spy = jest.spyOn(pool, 'query');
    try {
      const again = await request(app.getHttpServer()).get('/log/tile/0/001').set('If-None-Match', etag).expect(304);
      expect(again.headers['cache-control']).toBe(IMMUTABLE);
      await request(app.getHttpServer()).get(`/log/proof/inclusion?index=3&size=${N}`).set('If-None-Match', (await get(`/log/proof/inclusion?index=3&size=${N}`)).headers.etag).expect(304);
      spy.mockClear();
      await request(app.getHttpServer()).get('/log/tile/0/001').set('If-None-Match', etag).expect(304);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
      await app.get(LogSequencer).start();
      app.get(CheckpointService).start();
    }
    // Another resource's tag does not match.
    await request(app.getHttpServer()).get('/log/tile/0/000').set('If-None-Match', etag).expect(200);
  });

  it('lists every signed checkpoint with its signing time, from the empty tree, in pages', async () => {
    const vkey = parseVerifierKey((await get('/log/key')).body.vkey);
    const all = await get('/log/checkpoints').expect(200);
    const { count, checkpoints } = all.body;
    expect(count).toBeGreaterThanOrEqual(5); // empty tree + one per batch at least
    expect(checkpoints).toHaveLength(count);
    expect(checkpoints[0]).toMatchObject({ sequence: 0, size: 0, rootHash: '47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' });
    checkpoints.forEach((c: { sequence: number; size: number; rootHash: string; signedAt: string; note: string }, i: number) => {
      const opened = openCheckpoint(c.note, vkey, ORIGIN);
      expect(c.sequence).toBe(i);
      expect(checkpointSequence(opened)).toBe(i);
      expect(opened.size).toBe(c.size);
      expect(Buffer.from(opened.rootHash).toString('base64')).toBe(c.rootHash);
      expect(new Date(c.signedAt).toISOString()).toBe(c.signedAt);
      if (i > 0) {
        expect(c.size).toBeGreaterThan(checkpoints[i - 1].size);
        expect(Date.parse(c.signedAt)).toBeGreaterThanOrEqual(Date.parse(checkpoints[i - 1].signedAt));
      }
    });
    // Pages join up to the whole list; each note is the one /log/checkpoint?size= serves.
    const page = await get('/log/checkpoints?start=1&end=3').expect(200);
    expect(page.body).toMatchObject({ count, start: 1, end: 3 });
    expect(page.body.checkpoints).toEqual(checkpoints.slice(1, 3));
    expect((await get(`/log/checkpoint?size=${checkpoints[2].size}`).expect(200)).text).toBe(checkpoints[2].note);
    const clipped = await get(`/log/checkpoints?start=${count - 1}&end=${count + 10}`).expect(200);
    expect(clipped.body).toMatchObject({ start: count - 1, end: count });
  });

  it.each([
    ['/log/tile/0/12', 400],
    ['/log/tile/0/x000/001', 400],
    ['/log/tile/0/000.p/256', 400],
    ['/log/tile/0/000.p/0', 400],
    ['/log/tile/00/000', 400],
    ['/log/tile/64/000', 400],
    ['/log/tile/data/000', 400],
    ['/log/tile/8/0/000', 400],
    ['/log/tile/entries/000.p', 400],
    ['/log/tile/0/abc', 400],
    ['/log/tile/0/%30%30%30', 400],
    ['/log/tile/0/003', 404], // the tree has 2 full level-0 tiles and a partial one
    ['/log/tile/0/002', 404],
    ['/log/tile/0/002.p/89', 404],
    ['/log/tile/entries/002.p/89', 404],
    ['/log/tile/entries/x001/000', 404],
    ['/log/tile/1/000', 404],
    ['/log/tile/1/000.p/3', 404],
    ['/log/tile/2/000.p/1', 404],
    ['/log/tile/8/000.p/1', 404],
    ['/log/tile/63/x999/x999/999', 404],
    ['/log/checkpoints?start=9999', 404],
    ['/log/checkpoints?start=5&end=5', 400],
    ['/log/checkpoints?start=0&end=1001', 400],
    ['/log/checkpoints?start=-1', 400],
    ['/log/checkpoint?size=1', 404],
  ])('%s -> %d with a JSON error, not cached', async (url, status) => {
    const res = await get(url).expect(status);
    expect(res.body).toEqual({ error: expect.any(String), message: expect.any(String), mensaje: expect.any(String) });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
  });

  it('writes nothing to the server log for a prober walking sizes and paths', async () => {
    logger.lines.length = 0;
    for (let size = 1; size < 200; size++) await get(`/log/checkpoint?size=${size}`);
    for (const path of ['tile/0/999', 'tile/0/x', 'tile/5/000', 'tile/entries/x001/x002/003']) await get(`/log/${path}`);
    await get('/log/proof/inclusion?index=1&size=99999');
    await get('/log/entries?start=99999&end=100000');
    expect(logger.lines).toEqual([]);
  });

  it('carries any bytes, and refuses an entry bundle that would hold a leaf over 65,535 bytes (501) while still serving its hashes', async () => {
    // The ledger refuses events over 60 KiB (MAX_EVENT_BYTES) to keep every entry within a
    // bundle's uint16 length, but an entry adds its envelope to the event: if one ever
    // exceeded 65,535 bytes, the bundle must refuse rather than wrap the length. Such a leaf
    // cannot come through the ledger, so it goes straight into the log (last test: the
    // sequencer now waits for a ledger event N that never comes).
    // First a leaf whose bytes are not UTF-8: a bundle carries bytes, not text.
    const notUtf8 = new Uint8Array([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x80, 0x7b]);
    await app.get(MerkleLog).append([notUtf8, new Uint8Array(70_000).fill(0x7b)], N);
    const bundle = decodeEntryBundle(new Uint8Array((await binary(`/log/tile/entries/002.p/${(N % 256) + 1}`).expect(200)).body as Buffer));
    expect([...bundle[N % 256]]).toEqual([...notUtf8]);
    const res = await get(`/log/tile/entries/002.p/${(N % 256) + 2}`).expect(501);
    expect(res.body.error).toBe('entry_too_large');
    expect(res.body.message).toContain(`entry ${N + 1} has 70000 bytes`);
    expect(res.headers['cache-control']).toBe('no-store');
    await get(`/log/tile/0/002.p/${(N % 256) + 2}`).expect(200);
  });
});
