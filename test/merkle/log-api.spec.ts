/**
 * The /log API end to end on a real PostgreSQL: ledger events in, then an outside auditor's
 * checks through HTTP only (checkpoint signature, every root from /log/entries, proofs), and
 * every kind of bad input.
 */
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Pool } from 'pg';
import request from 'supertest';
import { BulletinBoardModule } from '../../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../../src/config/configuration';
import { registerEventTypes } from '../../src/domain/event-catalog';
import { openCheckpoint } from '../../src/ledger/checkpoint/checkpoint-format';
import { parseVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import type { EventStore } from '../../src/ledger/event-store';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { EVENT_STORE, PG_POOL } from '../../src/ledger/ledger.tokens';
import { hashLeaf } from '../../src/ledger/merkle/hash';
import { leafDataOfEntry } from '../../src/ledger/merkle/leaf-encoding';
import { MemoryMerkleTree } from '../../src/ledger/merkle/memory-tree';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/merkle/verify';
import { dropSchema, freshSchemaName } from '../support/postgres';

registerEventTypes([
  { type: 'logtest.published', versions: [1], visibility: 'public', description: 'Test fact (log API suite).' },
  { type: 'logtest.private', versions: [1], visibility: 'sealed', description: 'Test fact with personal data (log API suite).' },
]);

const ORIGIN = 'urna.test/log';
const b64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'));

describe('GET /log/*', () => {
  let app: INestApplication;
  let pool: Pool;
  const ledgerSchema = freshSchemaName('api_ledger');
  const logSchema = freshSchemaName('api_log');
  const N = 21;

  beforeAll(async () => {
    const config = loadConfiguration({ DATABASE_URL: process.env.DATABASE_URL });
    const moduleRef = await Test.createTestingModule({
      imports: [
        LedgerModule.forRoot(config, { schema: ledgerSchema }),
        BulletinBoardModule.forRoot({ origin: ORIGIN, signer: SoftwareNoteSigner.generate(ORIGIN), schema: logSchema, checkpointIntervalMs: 50 }),
      ],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    pool = app.get(PG_POOL);
    const store = app.get<EventStore>(EVENT_STORE);
    for (let i = 0; i < N; i++) {
      const sealed = i % 5 === 2;
      await store.append(
        sealed ? `voter-${i}` : 'election-1',
        [{ type: sealed ? 'logtest.private' : 'logtest.published', version: 1, data: sealed ? { email: `voter${i}@example.mx` } : { n: i, texto: 'café' }, metadata: { actor: sealed ? `voter:${i}` : 'admin:ana' }, visibility: sealed ? 'sealed' : 'public' }],
        'any',
      );
    }
    // wait for the sequencer and the checkpoint loop
    for (let i = 0; i < 200; i++) {
      const res = await request(app.getHttpServer()).get('/log/checkpoint');
      if (res.status === 200 && res.text.split('\n')[1] === String(N)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    await app.close(); // stops the sequencer and loop, then the ledger closes the pool
    const { Pool: PgPool } = await import('pg');
    const cleanup = new PgPool({ connectionString: process.env.DATABASE_URL });
    await dropSchema(cleanup, ledgerSchema);
    await dropSchema(cleanup, logSchema);
    await cleanup.end();
    void pool;
  });

  const get = (url: string) => request(app.getHttpServer()).get(url);

  it('an auditor verifies the checkpoint and recomputes every root from /log/entries', async () => {
    const key = await get('/log/key').expect(200);
    expect(key.body).toMatchObject({ name: ORIGIN, algorithm: 'Ed25519' });
    const vkey = parseVerifierKey(key.body.vkey);
    expect(key.body.keyId).toBe(vkey.keyId.toString(16).padStart(8, '0'));

    const cp = await get('/log/checkpoint').expect(200).expect('Content-Type', /text\/plain/);
    const checkpoint = openCheckpoint(cp.text, vkey, ORIGIN);
    expect(checkpoint.size).toBe(N);

    const entries = await get(`/log/entries?start=0&end=${N + 50}`).expect(200);
    expect(entries.body).toMatchObject({ treeSize: N, start: 0, end: N });
    const tree = new MemoryMerkleTree();
    for (const e of entries.body.entries) {
      const leafHash = hashLeaf(leafDataOfEntry(e.entry));
      expect(Buffer.from(leafHash).toString('base64')).toBe(e.leafHash);
      tree.appendLeafHash(leafHash);
    }
    expect(Buffer.from(tree.currentRoot())).toEqual(Buffer.from(checkpoint.rootHash));
    // sealed events reveal nothing personal
    const text = JSON.stringify(entries.body);
    expect(text).not.toMatch(/example\.mx|voter/);
    expect(entries.body.entries[2].entry).toEqual({ format: 'urna-leaf/1', position: 2, type: 'logtest.private', version: 1, recordedAt: expect.any(String), visibility: 'sealed', data: { commitment: expect.stringMatching(/^[0-9a-f]{64}$/) } });

    // the size-0 checkpoint was signed first and stays available
    expect((await get('/log/checkpoint?size=0').expect(200)).text.split('\n')[1]).toBe('0');
  });

  it('serves inclusion proofs by index and by leaf hash (hex or base64)', async () => {
    const { body } = await get('/log/entries?start=7&end=8').expect(200);
    const leafHash = b64(body.entries[0].leafHash);
    const root = openCheckpoint((await get('/log/checkpoint')).text, parseVerifierKey((await get('/log/key')).body.vkey)).rootHash;
    const byIndex = await get(`/log/proof/inclusion?index=7&size=${N}`).expect(200);
    expect(byIndex.body).toMatchObject({ leafIndex: 7, treeSize: N, leafHash: body.entries[0].leafHash });
    verifyInclusion(7, N, leafHash, byIndex.body.proof.map(b64), root);
    const hex = Buffer.from(leafHash).toString('hex');
    const byHex = await get(`/log/proof/inclusion?leafHash=${hex}&size=${N}`).expect(200);
    expect(byHex.body.proof).toEqual(byIndex.body.proof);
    const byB64 = await get(`/log/proof/inclusion?leafHash=${encodeURIComponent(body.entries[0].leafHash)}&size=${N}`).expect(200);
    expect(byB64.body.leafIndex).toBe(7);
  });

  it('serves consistency proofs', async () => {
    const { body } = await get(`/log/proof/consistency?from=5&to=${N}`).expect(200);
    verifyConsistency(5, N, body.proof.map(b64), b64(body.fromRoot), b64(body.toRoot));
    expect((await get(`/log/proof/consistency?from=${N}&to=${N}`).expect(200)).body.proof).toEqual([]);
  });

  it.each([
    ['/log/proof/inclusion?index=1&size=abc', 400],
    ['/log/proof/inclusion?index=-1&size=5', 400],
    ['/log/proof/inclusion?index=1.5&size=5', 400],
    ['/log/proof/inclusion?index=01&size=5', 400],
    ['/log/proof/inclusion?index=5&size=5', 400],
    ['/log/proof/inclusion?index=1&size=9999', 400],
    ['/log/proof/inclusion?size=5', 400],
    ['/log/proof/inclusion?index=1', 400],
    ['/log/proof/inclusion?index=1&leafHash=00&size=5', 400],
    ['/log/proof/inclusion?index=1&index=2&size=5', 400],
    ['/log/proof/inclusion?leafHash=zz&size=5', 400],
    [`/log/proof/inclusion?leafHash=${'00'.repeat(32)}&size=5`, 404],
    ['/log/proof/consistency?from=6&to=5', 400],
    ['/log/proof/consistency?from=0&to=5', 400],
    ['/log/proof/consistency?from=1&to=99999', 400],
    ['/log/proof/consistency?from=1', 400],
    ['/log/entries?start=5&end=5', 400],
    ['/log/entries?start=0&end=1001', 400],
    ['/log/entries?start=x&end=2', 400],
    ['/log/entries?start=9999&end=10000', 404],
    ['/log/checkpoint?size=999', 404],
    ['/log/checkpoint?size=-3', 400],
  ])('%s -> %d with a JSON error', async (url, status) => {
    const res = await get(url).expect(status);
    expect(res.body).toEqual({ error: expect.any(String), message: expect.any(String), mensaje: expect.any(String) });
  });
});
