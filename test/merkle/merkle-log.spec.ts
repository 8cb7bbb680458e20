import type { Pool } from 'pg';
import { MemoryMerkleTree } from '../../src/ledger/merkle/memory-tree';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { LogNotFoundError, LogRangeError, LogSequenceError } from '../../src/ledger/merkle/merkle-log-errors';
import { hashLeaf } from '../../src/ledger/merkle/hash';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/merkle/verify';
import { dropSchema, freshSchemaName, testPool } from '../support/postgres';

const data = (i: number) => new TextEncoder().encode(`{"leaf":${i}}`);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('MerkleLog in PostgreSQL', () => {
  let pool: Pool;
  const schema = freshSchemaName('merkle_log');
  let log: MerkleLog;
  const reference = new MemoryMerkleTree();

  beforeAll(async () => {
    pool = testPool();
    log = new MerkleLog(pool, { schema });
    await log.migrate();
    await log.migrate(); // idempotent
  });
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('starts empty with the empty-tree root', async () => {
    expect(await log.size()).toBe(0);
    expect(hex(await log.root(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('appends in uneven batches and matches the in-memory tree for every size', async () => {
    let next = 0;
    for (const batch of [1, 2, 5, 1, 13, 37, 8]) {
      const datas = Array.from({ length: batch }, () => data(next++));
      expect(await log.append(datas)).toBe(next - batch);
      datas.forEach((d) => reference.appendData(d));
    }
    expect(await log.size()).toBe(67);
    for (let n = 0; n <= 67; n++) expect(hex(await log.root(n))).toBe(hex(await reference.root(n)));
  });

  it('serves inclusion and consistency proofs that verify', async () => {
    for (const [i, n] of [[0, 1], [5, 6], [66, 67], [31, 32], [32, 67], [17, 40]]) {
      const proof = await log.inclusionProof(i, n);
      verifyInclusion(i, n, hashLeaf(data(i)), proof, await log.root(n));
    }
    for (const [m, n] of [[1, 67], [7, 8], [32, 64], [33, 67], [67, 67], [13, 40]]) {
      verifyConsistency(m, n, await log.consistencyProof(m, n), await log.root(m), await log.root(n));
    }
  });

  it('finds a leaf by its hash', async () => {
    const got = await log.inclusionProofByLeafHash(hashLeaf(data(42)), 60);
    expect(got.index).toBe(42);
    verifyInclusion(42, 60, hashLeaf(data(42)), got.proof, await log.root(60));
    await expect(log.inclusionProofByLeafHash(hashLeaf(data(42)), 40)).rejects.toThrow(LogNotFoundError);
  });

  it('returns entries with the exact leaf bytes, clipped to the tree size', async () => {
    const entries = await log.entries(60, 100);
    expect(entries.map((e) => e.index)).toEqual([60, 61, 62, 63, 64, 65, 66]);
    expect(new TextDecoder().decode(entries[0].data)).toBe('{"leaf":60}');
    expect(hex(entries[0].leafHash)).toBe(hex(hashLeaf(data(60))));
  });

  it('rejects sizes and indexes outside the tree', async () => {
    await expect(log.root(68)).rejects.toThrow(LogRangeError);
    await expect(log.inclusionProof(67, 67)).rejects.toThrow(LogRangeError);
    await expect(log.inclusionProof(-1, 5)).rejects.toThrow(LogRangeError);
    await expect(log.consistencyProof(0, 5)).rejects.toThrow(LogRangeError);
    await expect(log.consistencyProof(6, 5)).rejects.toThrow(LogRangeError);
    await expect(log.entries(5, 5)).rejects.toThrow(LogRangeError);
    await expect(log.entries(0, 1001)).rejects.toThrow(LogRangeError);
  });

  it('refuses to append at the wrong position and changes nothing', async () => {
    await expect(log.append([data(999)], 10)).rejects.toThrow(LogSequenceError);
    expect(await log.size()).toBe(67);
  });

  it('a second instance (a restart) continues the same tree', async () => {
    const restarted = new MerkleLog(pool, { schema });
    await restarted.append([data(67), data(68)]);
    reference.appendData(data(67));
    reference.appendData(data(68));
    expect(hex(await restarted.root(69))).toBe(hex(await reference.root(69)));
    // the first instance's cached edge is stale now; it must notice and still be right
    await log.append([data(69)]);
    reference.appendData(data(69));
    expect(hex(await log.root(70))).toBe(hex(await reference.root(70)));
  });

  it('two writers taking turns, each with a stale edge every other time, keep one right tree', async () => {
    const other = new MerkleLog(pool, { schema });
    let next = await log.size();
    for (let turn = 0; turn < 12; turn++) {
      const writer = turn % 3 === 2 ? other : log;
      const batch = Array.from({ length: 1 + ((turn * 5) % 7) }, () => data(next++));
      await writer.append(batch);
      for (const d of batch) reference.appendData(d);
      expect(hex(await log.root(next))).toBe(hex(await reference.root(next)));
    }
    for (let size = 1; size <= next; size += 7) expect(hex(await other.root(size))).toBe(hex(await reference.root(size)));
  });

  it('a writer that knows its edge appends in one statement, and still refuses a wrong position', async () => {
    let statements = 0;
    let connections = 0;
    const counted = Object.create(pool, {
      query: { value: (...args: unknown[]) => { statements++; return (pool.query as (...a: unknown[]) => unknown)(...args); } },
      connect: { value: () => { connections++; return pool.connect(); } },
    });
    const writer = new MerkleLog(counted, { schema });
    let next = await writer.size();
    await writer.append([data(next++)]); // learns the edge (a transaction)
    reference.appendData(data(next - 1));
    statements = 0;
    connections = 0;
    for (let i = 0; i < 5; i++) {
      await writer.append([data(next), data(next + 1)]);
      reference.appendData(data(next++));
      reference.appendData(data(next++));
    }
    expect({ statements, connections }).toEqual({ statements: 5, connections: 0 });
    expect(hex(await writer.root(next))).toBe(hex(await reference.root(next)));
    await expect(writer.append([data(999)], next + 1)).rejects.toThrow(LogSequenceError);
    expect(await writer.size()).toBe(next);
  });

  it('the tables are append-only', async () => {
    await expect(pool.query(`UPDATE "${schema}".nodes SET hash = hash WHERE level = 0 AND idx = 0`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`DELETE FROM "${schema}".leaves WHERE idx = 0`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`TRUNCATE "${schema}".leaves`)).rejects.toThrow(/append-only/);
  });
});
