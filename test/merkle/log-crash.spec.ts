import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { openCheckpoint } from '../../src/ledger/checkpoint/checkpoint-format';
import { formatVerifierKey, parseVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { bytesEqual, hashLeaf } from '../../src/ledger/merkle/hash';
import { leafDataOf } from '../../src/ledger/merkle/leaf-encoding';
import { LogSequencer } from '../../src/ledger/merkle/log-sequencer';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { verifyConsistency } from '../../src/ledger/merkle/verify';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import '../ledger/ledger-contract-events';
import { dropSchema, freshSchemaName as freshSchema, testPool } from '../support/postgres';

/**
 * Issue 2's crash test for the log: the service (ledger + sequencer + checkpoint loop) is
 * killed with SIGKILL while appending; after a restart no acknowledged event is missing, the
 * log catches up to the ledger, every leaf is the hash of its event's canonical bytes, and
 * every checkpoint signed before or after the crash has the root recomputed from the leaves
 * and is consistent with the next one.
 */
describe('crash during appends: the transparency log still verifies', () => {
  const pool: Pool = testPool();
  const ledgerSchema = freshSchema('crash_ledger');
  const logSchema = freshSchema('crash_log');
  const dir = mkdtempSync(join(tmpdir(), 'urna-log-crash-'));
  const keyFile = join(dir, 'keys', 'log.key');

  afterAll(async () => {
    await dropSchema(pool, ledgerSchema);
    await dropSchema(pool, logSchema);
    await pool.end();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing acknowledged and every root and checkpoint verifies after restart', async () => {
    const acked: number[] = [];
    const child = spawn(process.execPath, ['-r', 'urna-ts-register', join(__dirname, 'fixtures', 'log-writer.ts'), ledgerSchema, logSchema, keyFile], {
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise((r) => child.once('exit', r));
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const line of lines) if (line.startsWith('ack ')) acked.push(Number(line.slice(4)));
        if (acked.length >= 400) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      void exited.then(() => (acked.length >= 400 ? resolve() : reject(new Error(`writer exited early: ${stderr}`))));
    });
    await exited;

    const store = new PostgresEventStore(pool, { schema: ledgerSchema });
    const log = new MerkleLog(pool, { schema: logSchema });
    const signer = SoftwareNoteSigner.fromKeyFile(keyFile, 'urna.test/crash');
    const checkpoints = new CheckpointService(pool, log, signer, { intervalMs: 30 });
    const sizeAtCrash = await log.size();
    const sequencer = new LogSequencer(store, log);
    await sequencer.start();
    const head = await store.head();
    const events = await store.readAll({ from: 0, limit: head });
    for (let waited = 0; (await log.size()) < head && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await sequencer.stop();
    checkpoints.start();
    for (let waited = 0; ((await checkpoints.latest())?.size ?? -1) < head && waited < 20_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    await checkpoints.stop();
    await store.close();

    // Nothing acknowledged is lost, and positions are dense.
    expect(events.map((e) => e.position)).toEqual(Array.from({ length: head }, (_, i) => i));
    for (const p of acked) expect(p).toBeLessThan(head);
    // The log caught up from where the crash left it, and each leaf is its event's hash.
    expect(sizeAtCrash).toBeLessThanOrEqual(head);
    expect(await log.size()).toBe(head);
    const leaves = [];
    for (let start = 0; start < head; start += 1000) leaves.push(...(await log.entries(start, Math.min(head, start + 1000))));
    leaves.forEach((leaf, i) => expect(bytesEqual(leaf.leafHash, hashLeaf(leafDataOf(events[i])))).toBe(true));
    // Every checkpoint — before and after the crash — opens with the log key, has the root the
    // leaves give at its size, and is consistent with the next.
    const key = parseVerifierKey(formatVerifierKey(signer.name, signer.publicKey));
    const { rows } = await pool.query(`SELECT size, note FROM "${logSchema}".checkpoints ORDER BY size`);
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.some((r) => Number(r.size) < sizeAtCrash)).toBe(true);
    let previous: { size: number; root: Uint8Array } | undefined;
    for (const row of rows) {
      const cp = openCheckpoint(row.note, key);
      expect(cp.size).toBe(Number(row.size));
      expect(bytesEqual(cp.rootHash, await log.root(cp.size))).toBe(true);
      if (previous && previous.size > 0) verifyConsistency(previous.size, cp.size, await log.consistencyProof(previous.size, cp.size), previous.root, cp.rootHash);
      previous = { size: cp.size, root: cp.rootHash };
    }
  }, 120_000);
});
