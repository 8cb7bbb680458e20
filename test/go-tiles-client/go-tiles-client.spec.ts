/**
 * A second, independent implementation follows Urna's log: test/go-tiles-client (Go's own
 * golang.org/x/mod/sumdb/tlog and note, from Debian's golang-golang-x-mod-dev) reads a running
 * service over HTTP through the C2SP tiles only, verifies the signed checkpoint, hashes every
 * leaf itself from the raw bytes of the entry bundles, rebuilds the tree, checks proofs from
 * tiles against the JSON API, walks the checkpoint history and probes bad requests.
 *
 * Two logs: one fed by ledger events through the sequencer (public and sealed events: what
 * the service really hashes, so a change of the leaf or node hashing, e.g. prefix 0x00 → 0x01,
 * fails here), and one of 70,000 leaves loaded straight into the tables (full level-1 tiles
 * and a level-2 tile, which a small log never has).
 * Needs `go` and /usr/share/gocode (scripts/ensure-system-packages.sh installs them).
 */
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Pool } from 'pg';
import { BulletinBoardModule } from '../../src/bulletin-board/bulletin-board.module';
import { loadConfiguration } from '../../src/config/configuration';
import { registerEventTypes } from '../../src/domain/event-catalog';
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import type { EventStore } from '../../src/ledger/event-store';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { EVENT_STORE } from '../../src/ledger/ledger.tokens';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { bulkLoadLeaves } from '../support/bulk-merkle-log';
import { dropSchema, freshSchemaName } from '../support/postgres';

const run = promisify(execFile);

registerEventTypes([
  { type: 'gotiles.published', versions: [1], visibility: 'public', description: 'Test fact (Go tiles client suite).' },
  { type: 'gotiles.private', versions: [1], visibility: 'sealed', description: 'Test fact with personal data (Go tiles client suite).' },
]);

/** Builds test/go-tiles-client offline, in GOPATH mode against Debian's x/mod. */
export async function buildGoTilesClient(outDir: string): Promise<string> {
  const binary = join(outDir, 'go-tiles-client');
  await run('go', ['build', '-o', binary, './test/go-tiles-client'], {
    cwd: join(__dirname, '../..'),
    env: { ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOFLAGS: '', GOENV: 'off', GOCACHE: join(tmpdir(), 'urna-go-cache'), GOPROXY: 'off' },
  });
  return binary;
}

interface Summary {
  origin: string;
  leaves: number;
  bundles: number;
  inclusion_checked: number;
  consistency_checked: number;
  checkpoints_verified: number;
  bad_requests_checked: number;
}

async function follow(binary: string, baseUrl: string, vkey: string, samples = 25): Promise<Summary> {
  const { stdout } = await run(binary, ['-log', baseUrl, '-vkey', vkey, '-samples', String(samples)], { maxBuffer: 1 << 20 });
  const lines = stdout.trim().split('\n');
  expect(lines[lines.length - 1]).toBe('OK');
  return JSON.parse(lines[0]) as Summary;
}

/** The Go program's stderr when it fails: what it found wrong. */
async function followExpectingFailure(binary: string, baseUrl: string, vkey: string): Promise<string> {
  try {
    await run(binary, ['-log', baseUrl, '-vkey', vkey, '-samples', '3']);
  } catch (err) {
    return String((err as { stderr?: string }).stderr);
  }
  throw new Error('the Go client accepted the log');
}

async function listen(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}/log`;
}

describe('Go sumdb/tlog follows the log through the C2SP tiles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urna-go-tiles-'));
  const schemas: string[] = [];
  const apps: INestApplication[] = [];
  let binary: string;

  beforeAll(async () => {
    binary = await buildGoTilesClient(dir);
  }, 180_000);

  afterAll(async () => {
    for (const app of apps) await app.close();
    const cleanup = new Pool({ connectionString: process.env.DATABASE_URL });
    for (const s of schemas) await dropSchema(cleanup, s);
    await cleanup.end();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startBoard(origin: string, runWriters: boolean) {
    const ledgerSchema = freshSchemaName('gotiles_ledger');
    const logSchema = freshSchemaName('gotiles_log');
    schemas.push(ledgerSchema, logSchema);
    const signer = SoftwareNoteSigner.generate(origin);
    const moduleRef = await Test.createTestingModule({
      imports: [
        LedgerModule.forRoot(loadConfiguration({ DATABASE_URL: process.env.DATABASE_URL }), { schema: ledgerSchema }),
        BulletinBoardModule.forRoot({ origin, signer, schema: logSchema, checkpointIntervalMs: 40, runWriters }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    apps.push(app);
    const baseUrl = await listen(app);
    return { app, baseUrl, logSchema, vkey: formatVerifierKey(origin, signer.publicKey) };
  }

  it('a log fed by the ledger (public and sealed events, several checkpoints): every leaf, tile, proof and checkpoint', async () => {
    const { app, baseUrl, vkey } = await startBoard('urna.test/log/go-ledger', true);
    const store = app.get<EventStore>(EVENT_STORE);
    const N = 700;
    for (let start = 0; start < N; start += 175) {
      await store.append(
        `stream-${start}`,
        Array.from({ length: 175 }, (_, j) => {
          const sealed = (start + j) % 7 === 3;
          return {
            type: sealed ? 'gotiles.private' : 'gotiles.published',
            version: 1,
            data: sealed ? { email: `v${start + j}@example.mx` } : { n: start + j, texto: 'ñandú «café»', pad: 'z'.repeat((start + j) % 300) },
            metadata: { actor: sealed ? `voter:${start + j}` : 'admin:ana' },
            visibility: sealed ? ('sealed' as const) : ('public' as const),
          };
        }),
        'any',
      );
      // once the sequencer has the batch, sign it: one checkpoint per batch
      for (let i = 0; i < 400 && (await app.get(MerkleLog).size()) < start + 175; i++) await new Promise((r) => setTimeout(r, 25));
      await app.get(CheckpointService).checkpointNow();
    }
    expect((await app.get(CheckpointService).latest())!.size).toBe(N);

    const summary = await follow(binary, baseUrl, vkey);
    expect(summary).toMatchObject({ origin: 'urna.test/log/go-ledger', leaves: N, bundles: 3, inclusion_checked: 25, consistency_checked: 25, bad_requests_checked: 8 });
    expect(summary.checkpoints_verified).toBeGreaterThanOrEqual(5); // the empty tree and one per batch

    // With another log's key the very first step fails.
    const other = formatVerifierKey('urna.test/log/go-ledger', SoftwareNoteSigner.generate('urna.test/log/go-ledger').publicKey);
    expect(await followExpectingFailure(binary, baseUrl, other)).toMatch(/checkpoint/);
  }, 180_000);

  it('a log of 70,000 leaves: full level-1 tiles and a level-2 tile', async () => {
    const { app, baseUrl, logSchema, vkey } = await startBoard('urna.test/log/go-bulk', false);
    const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    try {
      await bulkLoadLeaves(pool, logSchema, 70_000, { leafBytes: 120 });
    } finally {
      await pool.end();
    }
    const checkpoints = app.get(CheckpointService);
    await checkpoints.checkpointNow(); // the empty tree, then 70,000
    await checkpoints.checkpointNow();
    expect((await checkpoints.latest())!.size).toBe(70_000);
    const summary = await follow(binary, baseUrl, vkey, 15);
    expect(summary).toMatchObject({ leaves: 70_000, bundles: 274, inclusion_checked: 15, checkpoints_verified: 2 });
  }, 180_000);
});
