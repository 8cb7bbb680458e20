/**
 * The transparency log stored in PostgreSQL. `append` is the only writer (the single
 * sequencer); every read is one indexed query. Leaf index = ledger global position.
 *
 * Storage choice (docs/spec/log.md §6): one row per complete subtree, keyed (level, idx).
 * A proof reads O(log n) rows by primary key in one round trip (~0.6 ms at 10 M leaves,
 * FACTS.md); rows are immutable, so readers never coordinate with the writer.
 */
import type { Pool, PoolClient } from 'pg';
import { type HashFn, hashLeaf } from './hash';
import { nodeSha256 } from './node-sha256';
import { CompactRange, type StoredNode } from './compact-range';
import { LogNotFoundError, LogRangeError, LogSequenceError } from './merkle-log-errors';
import { migrateMerkleLog, quoteSchema } from './merkle-log-schema';
import { claimEpoch, epochSetting } from '../leadership/log-fence';
import {
  type ConsistencyWithRoots,
  type HashReader,
  type InclusionWithRoot,
  proveConsistency,
  proveConsistencyWithRoots,
  proveInclusion,
  proveInclusionWithRoot,
  treeRoot,
} from './proof-builder';
import type { NodeId } from './tree-math';

export interface MerkleLogOptions {
  /** PostgreSQL schema of the log's tables. Default 'merkle'. */
  schema?: string;
  hash?: HashFn;
}

export interface StoredLeaf {
  index: number;
  leafHash: Uint8Array;
  /** The exact bytes that were hashed into the leaf. */
  data: Uint8Array;
}

/** Largest number of entries one `entries` call returns. */
export const MAX_ENTRIES_PER_READ = 1000;

export class MerkleLog {
  readonly schema: string;
  private readonly s: string;
  private readonly hash: HashFn;
  /** The writer's view of the right edge; rebuilt from the nodes when stale. */
  private range: CompactRange | undefined;
  private appending: Promise<unknown> = Promise.resolve();
  /** Largest size seen committed. The log only grows, so any size up to it is valid without
   * asking the database again (saves a round trip per proof). */
  private knownSize = 0;

  constructor(
    private readonly pool: Pool,
    options: MerkleLogOptions = {},
  ) {
    this.schema = options.schema ?? 'merkle';
    this.s = quoteSchema(this.schema);
    this.hash = options.hash ?? nodeSha256;
  }

  migrate(): Promise<void> {
    return migrateMerkleLog(this.pool, this.schema);
  }

  /** Number of leaves committed. */
  async size(): Promise<number> {
    const { rows } = await this.pool.query(`SELECT size FROM ${this.s}.log_state`);
    const size = Number(rows[0].size);
    if (size > this.knownSize) this.knownSize = size;
    return size;
  }

  /**
   * Appends leaves (their data; the log hashes them) at the end, atomically: either all are
   * committed or none. Returns the index of the first. Calls are serialized in this process,
   * and a row lock on log_state serializes writers across processes. With `expectedStart`,
   * nothing is written unless the log's size is exactly that (leaf index = ledger position).
   * With `epoch`, the transaction claims that lease epoch and the database's fence refuses it
   * unless the epoch is the lease's current, unexpired one (src/ledger/leadership/).
   */
  append(leafDatas: Uint8Array[], expectedStart?: number, epoch?: number): Promise<number> {
    const run = this.appending.then(() => this.appendNow(leafDatas, expectedStart, epoch));
    this.appending = run.catch(() => undefined);
    return run;
  }

  private async appendNow(leafDatas: Uint8Array[], expectedStart: number | undefined, epoch: number | undefined): Promise<number> {
    const range = this.range;
    if (range && leafDatas.length > 0 && (expectedStart === undefined || expectedStart === range.size)) {
      const appended = await this.appendAtKnownEdge(range, leafDatas, epoch);
      if (appended !== undefined) return appended;
    }
    return this.appendInTransaction(leafDatas, expectedStart, epoch);
  }

  /**
   * The usual append of the single writer, which knows the right edge from its last append: one
   * statement (append_at, merkle-log-schema.ts), so one round trip instead of six. It writes only
   * if the log still has `range.size` leaves; otherwise (another writer appended meanwhile)
   * nothing is written, the edge is forgotten and undefined is returned, and the caller appends
   * in a transaction that reads the size and the edge first.
   */
  private async appendAtKnownEdge(range: CompactRange, leafDatas: Uint8Array[], epoch: number | undefined): Promise<number | undefined> {
    const start = range.size;
    const leafHashes = leafDatas.map((d) => hashLeaf(d, this.hash));
    const nodes: StoredNode[] = [];
    try {
      for (const h of leafHashes) nodes.push(...range.append(h));
      const { rows } = await this.pool.query({ name: `urna-log-append-at-${this.s}`, text: `SELECT ${this.s}.append_at($1, $2, $3, $4, $5, $6, $7) AS found`, values: [
        epoch === undefined ? null : epochSetting(epoch), start, leafHashes.map(toBuffer), leafDatas.map(toBuffer),
        nodes.map((n) => n.level), nodes.map((n) => n.index), nodes.map((n) => toBuffer(n.hash)),
      ] });
      if (Number(rows[0].found) !== start) {
        this.range = undefined;
        return undefined;
      }
    } catch (err) {
      this.range = undefined; // the in-memory edge may be ahead of what was committed
      throw err;
    }
    this.knownSize = Math.max(this.knownSize, start + leafDatas.length);
    return start;
  }

  /** The append as one transaction: the size read under the row lock, the edge loaded when unknown or stale. */
  private async appendInTransaction(leafDatas: Uint8Array[], expectedStart: number | undefined, epoch: number | undefined): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      if (epoch !== undefined) await claimEpoch(client, epoch);
      const { rows } = await client.query(`SELECT size FROM ${this.s}.log_state FOR UPDATE`);
      const start = Number(rows[0].size);
      if (expectedStart !== undefined && start !== expectedStart) {
        throw new LogSequenceError(`the log has ${start} leaves, but the next leaf must have index ${expectedStart}`);
      }
      if (leafDatas.length === 0) {
        await client.query('COMMIT');
        return start;
      }
      if (!this.range || this.range.size !== start) this.range = await this.loadRange(client, start);
      const range = this.range;
      const leafHashes = leafDatas.map((d) => hashLeaf(d, this.hash));
      const nodes: StoredNode[] = [];
      try {
        for (const h of leafHashes) nodes.push(...range.append(h));
      } catch (err) {
        this.range = undefined;
        throw err;
      }
      await client.query(
        `INSERT INTO ${this.s}.leaves (idx, leaf_hash, data)
         SELECT * FROM unnest($1::bigint[], $2::bytea[], $3::bytea[])`,
        [leafHashes.map((_, i) => start + i), leafHashes.map(toBuffer), leafDatas.map(toBuffer)],
      );
      await client.query(
        `INSERT INTO ${this.s}.nodes (level, idx, hash)
         SELECT * FROM unnest($1::smallint[], $2::bigint[], $3::bytea[])`,
        [nodes.map((n) => n.level), nodes.map((n) => n.index), nodes.map((n) => toBuffer(n.hash))],
      );
      await client.query(`UPDATE ${this.s}.log_state SET size = $1`, [start + leafDatas.length]);
      await client.query('COMMIT');
      this.knownSize = Math.max(this.knownSize, start + leafDatas.length);
      return start;
    } catch (err) {
      this.range = undefined; // the in-memory edge may be ahead of what was committed
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  private async loadRange(client: PoolClient, size: number): Promise<CompactRange> {
    const ids = CompactRange.edgeIds(size);
    return new CompactRange(size, await readNodes(client, this.s, ids), this.hash);
  }

  /** Root hash of the tree of the first `size` leaves. */
  async root(size: number): Promise<Uint8Array> {
    await this.requireSize(size);
    return treeRoot(size, this.reader(), this.hash);
  }

  async inclusionProof(index: number, size: number): Promise<Uint8Array[]> {
    await this.requireSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new LogRangeError(`leaf index ${index} must be below the tree size ${size}`);
    return proveInclusion(index, size, this.reader(), this.hash);
  }

  /** The inclusion proof with the leaf hash and the root: one query (what the API serves). */
  async inclusionProofWithRoot(index: number, size: number): Promise<InclusionWithRoot> {
    await this.requireSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) throw new LogRangeError(`leaf index ${index} must be below the tree size ${size}`);
    return proveInclusionWithRoot(index, size, this.reader(), this.hash);
  }

  /** Finds the first leaf with this hash below `size` and proves it. */
  async inclusionProofByLeafHash(leafHash: Uint8Array, size: number): Promise<{ index: number; proof: Uint8Array[] }> {
    await this.requireSize(size);
    const { rows } = await this.pool.query(`SELECT idx FROM ${this.s}.leaves WHERE leaf_hash = $1 AND idx < $2 ORDER BY idx LIMIT 1`, [
      toBuffer(leafHash),
      size,
    ]);
    if (rows.length === 0) throw new LogNotFoundError(`no leaf with that hash in the tree of size ${size}`);
    const index = Number(rows[0].idx);
    return { index, proof: await proveInclusion(index, size, this.reader(), this.hash) };
  }

  /** Proof that the tree of `oldSize` is a prefix of the tree of `newSize` (0 < oldSize <= newSize). */
  async consistencyProof(oldSize: number, newSize: number): Promise<Uint8Array[]> {
    await this.requireSize(newSize);
    if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > newSize) throw new LogRangeError(`old size ${oldSize} must be between 1 and the new size ${newSize}`);
    return proveConsistency(oldSize, newSize, this.reader(), this.hash);
  }

  /** The consistency proof with both roots: one query (what the API serves). */
  async consistencyProofWithRoots(oldSize: number, newSize: number): Promise<ConsistencyWithRoots> {
    await this.requireSize(newSize);
    if (!Number.isSafeInteger(oldSize) || oldSize < 1 || oldSize > newSize) throw new LogRangeError(`old size ${oldSize} must be between 1 and the new size ${newSize}`);
    return proveConsistencyWithRoots(oldSize, newSize, this.reader(), this.hash);
  }

  /**
   * The hashes of nodes (level, first … first + count − 1), concatenated: one range scan of
   * the primary key (a hash tile). Undefined unless every one of them exists, i.e. unless the
   * committed tree already holds all the leaves under them.
   */
  async nodeHashRun(level: number, first: number, count: number): Promise<Uint8Array | undefined> {
    if (!Number.isInteger(level) || level < 0 || level > 62 || !Number.isSafeInteger(first) || first < 0 || !Number.isSafeInteger(count) || count < 1) {
      throw new LogRangeError(`invalid node run (${level}, ${first}, ${count})`);
    }
    const { rows } = await this.pool.query<{ n: number; data: Buffer | null }>({
      name: `urna-merkle-run-${this.schema}`,
      text: `SELECT count(*)::int AS n, string_agg(hash, ''::bytea ORDER BY idx) AS data FROM ${this.s}.nodes WHERE level = $1 AND idx >= $2 AND idx < $3`,
      values: [level, first, first + count],
    });
    if (rows[0].n !== count || rows[0].data === null) return undefined;
    return toBytes(rows[0].data);
  }

  /** The data of leaves start … start + count − 1, in order (an entry bundle); undefined unless all exist. */
  async leafDataRun(start: number, count: number): Promise<Uint8Array[] | undefined> {
    if (!Number.isSafeInteger(start) || start < 0 || !Number.isSafeInteger(count) || count < 1 || count > MAX_ENTRIES_PER_READ) {
      throw new LogRangeError(`invalid leaf run (${start}, ${count})`);
    }
    // Text format (bytea as hex), not pg's `binary` mode: pg-protocol decodes every field as
    // UTF-8 text first, which would silently alter leaf bytes that are not valid UTF-8.
    const { rows } = await this.pool.query<{ data: Buffer }>({
      name: `urna-merkle-leaf-run-${this.schema}`,
      text: `SELECT data FROM ${this.s}.leaves WHERE idx >= $1 AND idx < $2 ORDER BY idx`,
      values: [start, start + count],
    });
    if (rows.length !== count) return undefined;
    return rows.map((r) => toBytes(r.data));
  }

  /** Leaves [start, end), at most MAX_ENTRIES_PER_READ; `end` is clipped to the tree size. */
  async entries(start: number, end: number): Promise<StoredLeaf[]> {
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end <= start) throw new LogRangeError(`invalid range [${start}, ${end})`);
    if (end - start > MAX_ENTRIES_PER_READ) throw new LogRangeError(`at most ${MAX_ENTRIES_PER_READ} entries per read`);
    const size = await this.size();
    const { rows } = await this.pool.query(
      `SELECT idx, leaf_hash, data FROM ${this.s}.leaves WHERE idx >= $1 AND idx < $2 ORDER BY idx`,
      [start, Math.min(end, size)],
    );
    return rows.map((r) => ({ index: Number(r.idx), leafHash: toBytes(r.leaf_hash), data: toBytes(r.data) }));
  }

  /** Whether the committed tree has at least `size` leaves (no query when already seen). */
  async holds(size: number): Promise<boolean> {
    return size <= this.knownSize || size <= (await this.size());
  }

  private async requireSize(size: number): Promise<void> {
    if (!Number.isSafeInteger(size) || size < 0) throw new LogRangeError(`tree size ${size} must be a non-negative integer`);
    if (size <= this.knownSize) return;
    const current = await this.size();
    if (size > current) throw new LogRangeError(`tree size ${size} exceeds the current tree size ${current}`);
  }

  private reader(): HashReader {
    return { readHashes: (ids) => readNodes(this.pool, this.s, ids, `urna-merkle-read-${this.schema}`) };
  }
}

/** One query for a batch of nodes; missing nodes are a corrupt store. */
async function readNodes(db: Pool | PoolClient, s: string, ids: NodeId[], statementName?: string): Promise<Uint8Array[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query({
    // a named statement is parsed and planned once per connection
    name: statementName,
    text: `SELECT n.level, n.idx, n.hash FROM ${s}.nodes n
     JOIN unnest($1::smallint[], $2::bigint[]) AS w(level, idx) ON n.level = w.level AND n.idx = w.idx`,
    values: [ids.map((i) => i.level), ids.map((i) => i.index)],
  });
  const byKey = new Map<string, Uint8Array>(rows.map((r) => [`${r.level}/${r.idx}`, toBytes(r.hash)]));
  return ids.map((id) => {
    const h = byKey.get(`${id.level}/${id.index}`);
    if (!h) throw new Error(`Merkle log store is missing node (${id.level}, ${id.index})`);
    return h;
  });
}

function toBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function toBytes(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}
