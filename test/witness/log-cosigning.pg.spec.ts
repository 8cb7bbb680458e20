/**
 * The log's side of witnessing (docs/spec/log.md §8.4–8.5) on a real PostgreSQL log with three
 * in-process witnesses, quorum 2: the cosigner gathers verified cosignatures into an append-only
 * table, a witness that is down never blocks signing and only delays the quorum, a 409 is
 * retried from the size the witness names, a witness answering with a line by another key is
 * not counted, and receipts wait for the quorum or say they are waiting.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { CheckpointCosigner } from '../../src/ledger/checkpoint/checkpoint-cosigner';
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { cosignatureKeyId, cosignCheckpoint, cosignedMessage, formatCosignerKey } from '../../src/ledger/checkpoint/cosignature';
import { ed25519 } from '@noble/curves/ed25519.js';
import { torsionedSignature } from '../support/torsioned-signature';
import { CosignatureStore } from '../../src/ledger/checkpoint/cosignature-store';
import { parseSignedNote, parseVerifierKey, formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { checkQuorum, type WitnessPolicy } from '../../src/ledger/checkpoint/witness-policy';
import { WitnessedCheckpoints } from '../../src/ledger/checkpoint/witnessed-checkpoints';
import { utf8 } from '../../src/ledger/merkle/encoding';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { CheckpointWaiter } from '../../src/voting/checkpoint-waiter';
import { initWitness, loadWitnessSigner, readState } from '../../src/witness/witness-files';
import { type RunningWitness, startWitnessServer } from '../../src/witness/witness-server';
import { dropSchema, freshSchemaName, testPool } from '../support/postgres';

const ORIGIN = 'cosign.urna.test/log/e1';

describe('collecting witness cosignatures on the log (quorum 2 of 3)', () => {
  const schema = freshSchemaName('cosign');
  const signer = new SoftwareNoteSigner(ORIGIN, new Uint8Array(32).fill(5));
  let pool: Pool;
  let log: MerkleLog;
  let checkpoints: CheckpointService;
  let store: CosignatureStore;
  const dirs: string[] = [];
  const witnesses: RunningWitness[] = [];
  let policy: WitnessPolicy;
  let liar: Server;
  let liarUrl: string;
  let next = 0;
  const grow = async (n: number) => {
    await log.append(Array.from({ length: n }, () => utf8(`leaf ${next++}`)));
    return checkpoints.checkpointNow();
  };
  const until = async (what: () => Promise<boolean>, ms = 5000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (await what()) return;
    throw new Error('timed out');
  };

  beforeAll(async () => {
    pool = testPool();
    log = new MerkleLog(pool, { schema });
    await log.migrate();
    checkpoints = new CheckpointService(pool, log, signer);
    await checkpoints.migrate();
    store = new CosignatureStore(pool, schema);
    await store.migrate();
    const logs = new Map([[ORIGIN, parseVerifierKey(formatVerifierKey(ORIGIN, signer.publicKey))]]);
    const entries = [];
    for (const name of ['testigo-a.example', 'testigo-b.example', 'testigo-c.example']) {
      const dir = mkdtempSync(join(tmpdir(), 'urna-w-'));
      dirs.push(dir);
      const { vkey } = initWitness(dir, name);
      const w = await startWitnessServer({ dir, signer: loadWitnessSigner(dir), logs, port: 0 });
      witnesses.push(w);
      entries.push({ name, vkey, url: w.url });
    }
    policy = { quorum: 2, witnesses: entries };
    // A "witness" that answers 200 with a cosignature by a key it was not configured with.
    const impostor = new SoftwareNoteSigner('testigo-a.example', new Uint8Array(32).fill(66));
    liar = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        const note = body.slice(body.indexOf('\n\n') + 2);
        res.end(`${await cosignCheckpoint(parseSignedNote(note).text, impostor, 1780000000)}\n`);
      });
    });
    await new Promise<void>((r) => liar.listen(0, '127.0.0.1', () => r()));
    liarUrl = `http://127.0.0.1:${(liar.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const w of witnesses) await w.close().catch(() => undefined);
    await new Promise((r) => liar.close(r));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('gathers verified cosignatures, served appended to the note, meeting the quorum', async () => {
    await checkpoints.checkpointNow(); // the empty tree
    const cp = await grow(5);
    const cosigner = new CheckpointCosigner(checkpoints, log, store, policy, { intervalMs: 20 });
    cosigner.start();
    try {
      await until(async () => (await store.forSize(cp.size)).length === 3);
      const grown = await grow(4);
      await until(async () => (await store.forSize(grown.size)).length === 3);
    } finally {
      await cosigner.stop();
    }
    const witnessed = new WitnessedCheckpoints(checkpoints, store, policy);
    const latest = (await witnessed.latest())!;
    expect(latest.size).toBe(9);
    expect(latest.witnessing).toEqual({ quorum: 2, cosigners: ['testigo-a.example', 'testigo-b.example', 'testigo-c.example'], status: 'cosigned' });
    expect(latest.cosignedNote.startsWith(latest.note)).toBe(true);
    expect(checkQuorum(latest.cosignedNote, policy).met).toBe(true);
    // The witnesses moved with the log, each from the size it held (consistency proofs 5 → 9).
    for (const d of dirs) expect(readState(d, ORIGIN)!.size).toBe(9);
  });

  it('the cosignature table is append-only', async () => {
    await expect(pool.query(`UPDATE "${schema}".checkpoint_cosignatures SET line = 'x'`)).rejects.toThrow(/append-only/);
    await expect(pool.query(`DELETE FROM "${schema}".checkpoint_cosignatures`)).rejects.toThrow(/append-only/);
  });

  it('a cosigner that knows nothing of the witnesses gets 409 and retries from the size they name', async () => {
    const cp = await grow(2);
    const cosigner = new CheckpointCosigner(checkpoints, log, store, policy);
    for (const t of cosigner.witnesses) {
      expect(t.knownSize).toBeUndefined();
      await cosigner.submit(t as never, cp);
      expect(t.knownSize).toBe(cp.size);
    }
    expect((await store.forSize(cp.size)).length).toBe(3);
  });

  it('a cosignature by the configured key that only a cofactored check passes is refused, not counted (log.md §8.6)', async () => {
    const secret = ed25519.utils.randomSecretKey();
    const name = 'testigo-d.example';
    const publicKey = ed25519.getPublicKey(secret);
    const crafty = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const text = parseSignedNote(body.slice(body.indexOf('\n\n') + 2)).text;
        const blob = new Uint8Array(76);
        new DataView(blob.buffer).setUint32(0, cosignatureKeyId(name, publicKey), false);
        new DataView(blob.buffer).setBigUint64(4, 1780000000n, false);
        blob.set(torsionedSignature(secret, cosignedMessage(text, 1780000000)), 12);
        res.end(`\u2014 ${name} ${Buffer.from(blob).toString('base64')}\n`);
      });
    });
    await new Promise<void>((r) => crafty.listen(0, '127.0.0.1', () => r()));
    const problems: string[] = [];
    const withCrafty: WitnessPolicy = { quorum: 1, witnesses: [{ name, vkey: formatCosignerKey(name, publicKey), url: `http://127.0.0.1:${(crafty.address() as AddressInfo).port}` }] };
    const cosigner = new CheckpointCosigner(checkpoints, log, store, withCrafty, { onProblem: (w, p) => problems.push(`${w}: ${p}`) });
    try {
      const cp = await grow(1);
      await cosigner.submit(cosigner.witnesses[0] as never, cp);
      expect(problems).toEqual([expect.stringMatching(/^testigo-d\.example: its cosignature does not verify/)]);
      expect((await store.forSize(cp.size)).filter((c) => c.witness === name)).toEqual([]);
    } finally {
      await new Promise((r) => crafty.close(r));
    }
  });

  it('a witness that is down never blocks signing and only delays the quorum; a lying one is not counted', async () => {
    await witnesses[2].close();
    const lying: WitnessPolicy = { quorum: 2, witnesses: [policy.witnesses[1], { ...policy.witnesses[2] }] };
    lying.witnesses[1].url = 'http://127.0.0.1:9'; // nothing listens there
    const problems: string[] = [];
    const withLiar: WitnessPolicy = { quorum: 2, witnesses: [{ ...policy.witnesses[0], url: liarUrl }, ...lying.witnesses] };
    const cosigner = new CheckpointCosigner(checkpoints, log, store, withLiar, { intervalMs: 20, onProblem: (w, p) => problems.push(`${w}: ${p}`) });
    cosigner.start();
    try {
      const started = Date.now();
      const cp = await grow(3);
      expect(Date.now() - started).toBeLessThan(2000);
      await until(async () => (await store.forSize(cp.size)).length >= 1 && problems.length >= 2);
      const witnessed = new WitnessedCheckpoints(checkpoints, store, withLiar);
      const latest = (await witnessed.latest())!;
      expect(latest.witnessing.cosigners).toEqual(['testigo-b.example']);
      expect(latest.witnessing.status).toBe('waiting');
      expect(problems.some((p) => p.startsWith('testigo-a.example: it answered 200 without a cosignature by its configured key'))).toBe(true);
      expect(problems.some((p) => p.startsWith('testigo-c.example: unreachable'))).toBe(true);

      // Receipts: without the quorum the waiter settles after quorumWaitMs with status 'waiting'…
      const waiter = new CheckpointWaiter(checkpoints, { witnessed, quorumWaitMs: 200, pollMs: 10 });
      const waiting = await waiter.waitFor(cp.size - 1, 5000);
      expect(waiting.witnessing.status).toBe('waiting');
      expect(waiting.size).toBeGreaterThan(cp.size - 1);
      // …and with it, an earlier ballot gets the newest checkpoint the quorum cosigned.
      const full = new WitnessedCheckpoints(checkpoints, store, policy);
      const cosigned = await new CheckpointWaiter(checkpoints, { witnessed: full, quorumWaitMs: 60_000, pollMs: 10 }).waitFor(3, 5000);
      expect(cosigned.witnessing.status).toBe('cosigned');
      expect(cosigned.size).toBe(11);
      expect(checkQuorum(cosigned.cosignedNote, policy).met).toBe(true);
    } finally {
      await cosigner.stop();
    }
  });
});
