import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { checkpointSequence, formatCheckpointText, openCheckpoint, parseCheckpointText } from '../../src/ledger/checkpoint/checkpoint-format';
import { formatVerifierKey, NoteError, openSignedNote, parseVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { verifyConsistency } from '../../src/ledger/merkle/verify';
import { dropSchema, freshSchemaName, testPool } from '../support/postgres';

describe('C2SP signed note', () => {
  // The example in c2sp.org/signed-note ("Verifier keys" section).
  const vkey = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
  const note = 'This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

  it('verifies the specification example and recomputes its key ID', () => {
    const key = parseVerifierKey(vkey);
    expect(openSignedNote(note, key)).toBe('This is an example message.\n');
    expect(formatVerifierKey(key.name, key.publicKey)).toBe(vkey);
  });

  it('rejects a changed text, an unknown key, and malformed notes', () => {
    const key = parseVerifierKey(vkey);
    expect(() => openSignedNote(note.replace('example message', 'exemplary message'), key)).toThrow(NoteError);
    expect(() => openSignedNote(note, parseVerifierKey(formatVerifierKey('example.com/foo', new Uint8Array(32).fill(7))))).toThrow(/not signed/);
    expect(() => openSignedNote('no signatures\n', key)).toThrow(NoteError);
    expect(() => openSignedNote(note.replace('\u2014', '-'), key)).toThrow(NoteError);
    expect(() => parseVerifierKey('example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k')).toThrow(/key ID/);
  });

  it('parses checkpoints strictly', () => {
    const root = Buffer.alloc(32, 1).toString('base64');
    expect(parseCheckpointText(`urna.example/log\n5\n${root}\n`).size).toBe(5);
    expect(() => parseCheckpointText(`urna.example/log\n05\n${root}\n`)).toThrow(/leading zeros/);
    expect(() => parseCheckpointText(`urna.example/log\n5\nAAAA\n`)).toThrow(/32 bytes/);
    expect(() => parseCheckpointText(`urna.example/log\n5\n`)).toThrow(/three lines/);
  });

  it('writes and reads the urna-sequence extension line (log.md §4.1)', () => {
    const root = new Uint8Array(32).fill(1);
    const text = formatCheckpointText('urna.example/log', 5, root, ['urna-sequence 3']);
    expect(text).toBe(`urna.example/log\n5\n${Buffer.from(root).toString('base64')}\nurna-sequence 3\n`);
    expect(checkpointSequence(parseCheckpointText(text))).toBe(3);
    expect(checkpointSequence(parseCheckpointText(formatCheckpointText('urna.example/log', 5, root)))).toBeUndefined();
    expect(() => checkpointSequence({ extensions: ['urna-sequence 03'] })).toThrow(/malformed/);
    expect(() => checkpointSequence({ extensions: ['urna-sequence 1', 'urna-sequence 2'] })).toThrow(/2 urna-sequence lines/);
    expect(checkpointSequence({ extensions: ['other.example/ext 1', 'urna-sequence 0'] })).toBe(0);
  });
});

describe('SoftwareNoteSigner key file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'urna-key-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the key file with mode 0600 and loads the same key again', async () => {
    const path = join(dir, 'keys', 'log.key');
    const a = SoftwareNoteSigner.fromKeyFile(path, 'urna.example/log');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const b = SoftwareNoteSigner.fromKeyFile(path, 'urna.example/log');
    expect(Buffer.from(b.publicKey)).toEqual(Buffer.from(a.publicKey));
    expect(() => SoftwareNoteSigner.fromKeyFile(path, 'other.example/log')).toThrow(/expected/);
  });

  it('reloads keys whose base64 contains "+" (regression: the line was split on every "+")', () => {
    let withPlus = 0;
    for (let i = 0; i < 64 && withPlus < 3; i++) {
      const path = join(dir, `plus-${i}.key`);
      const a = SoftwareNoteSigner.fromKeyFile(path, 'urna.example/log');
      const line = require('node:fs').readFileSync(path, 'utf8').trim() as string;
      if (line.split('+').length <= 5) continue;
      withPlus++;
      expect(Buffer.from(SoftwareNoteSigner.fromKeyFile(path, 'urna.example/log').publicKey)).toEqual(Buffer.from(a.publicKey));
    }
    expect(withPlus).toBeGreaterThan(0);
  });

  it('refuses a key file others can read', () => {
    const path = join(dir, 'open.key');
    writeFileSync(path, 'x');
    chmodSync(path, 0o644);
    expect(() => SoftwareNoteSigner.fromKeyFile(path, 'urna.example/log')).toThrow(/readable by others/);
  });
});

describe('CheckpointService', () => {
  let pool: Pool;
  const schema = freshSchemaName('ckpt');
  let log: MerkleLog;
  let service: CheckpointService;
  const signer = SoftwareNoteSigner.generate('urna.example/log');
  const key = parseVerifierKey(formatVerifierKey(signer.name, signer.publicKey));
  const leaf = (i: number) => new TextEncoder().encode(`leaf ${i}`);

  beforeAll(async () => {
    pool = testPool();
    log = new MerkleLog(pool, { schema });
    await log.migrate();
    service = new CheckpointService(pool, log, signer);
    await service.migrate();
    await service.migrate();
  });
  afterAll(async () => {
    await service.stop();
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('signs the empty tree first, then consistent checkpoints as the log grows', async () => {
    expect(await service.latest()).toBeUndefined();
    const empty = await service.checkpointNow();
    const openedEmpty = openCheckpoint(empty.note, key);
    expect(openedEmpty.size).toBe(0);
    // RFC 9162 §2.1.1: the empty tree's root is SHA-256 of the empty string (not 32 zero bytes).
    expect(Buffer.from(openedEmpty.rootHash).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect([empty.sequence, checkpointSequence(openedEmpty)]).toEqual([0, 0]);

    await log.append([leaf(0), leaf(1), leaf(2)]);
    const c3 = await service.checkpointNow();
    const opened3 = openCheckpoint(c3.note, key, 'urna.example/log');
    expect(opened3.size).toBe(3);
    expect(Buffer.from(opened3.rootHash)).toEqual(Buffer.from(await log.root(3)));
    expect(c3.note.startsWith(`urna.example/log\n3\n${Buffer.from(c3.rootHash).toString('base64')}\nurna-sequence 1\n\n\u2014 urna.example/log `)).toBe(true);
    expect(c3.sequence).toBe(1);

    // no growth, no new checkpoint
    expect((await service.checkpointNow()).size).toBe(3);

    await log.append([leaf(3), leaf(4)]);
    const c5 = await service.checkpointNow();
    const opened5 = openCheckpoint(c5.note, key);
    verifyConsistency(3, 5, await log.consistencyProof(3, 5), opened3.rootHash, opened5.rootHash);
    expect((await service.atSize(3))?.note).toBe(c3.note);
    expect((await service.latest())?.size).toBe(5);
    expect((await service.history()).map((c) => [c.size, c.sequence, checkpointSequence(openCheckpoint(c.note, key))])).toEqual([[0, 0, 0], [3, 1, 1], [5, 2, 2]]);
  });

  it('a service that starts on a log that already has leaves still signs the empty tree first', async () => {
    const otherSchema = freshSchemaName('ckpt_late');
    const late = new MerkleLog(pool, { schema: otherSchema });
    await late.migrate();
    await late.append([leaf(0), leaf(1)]);
    const lateService = new CheckpointService(pool, late, signer);
    await lateService.migrate();
    expect((await lateService.checkpointNow()).size).toBe(2);
    expect((await lateService.history()).map((c) => [c.size, c.sequence])).toEqual([[0, 0], [2, 1]]);
    await dropSchema(pool, otherSchema);
  });

  it('two services racing on one table never give two checkpoints one sequence number', async () => {
    const raceSchema = freshSchemaName('ckpt_race');
    const raceLog = new MerkleLog(pool, { schema: raceSchema });
    await raceLog.migrate();
    const a = new CheckpointService(pool, raceLog, signer);
    const b = new CheckpointService(pool, raceLog, signer);
    await a.migrate();
    for (let i = 0; i < 6; i++) {
      await raceLog.append([leaf(i)]);
      await Promise.all([a.checkpointNow(), b.checkpointNow()]);
    }
    const history = await a.history();
    expect(history.map((c) => c.sequence)).toEqual(history.map((_, i) => i));
    expect(history.map((c) => c.size)).toEqual([...history.map((c) => c.size)].sort((x, y) => x - y));
    expect(history.at(-1)!.size).toBe(6);
    await dropSchema(pool, raceSchema);
  });

  it('the loop checkpoints growth by itself', async () => {
    service.start();
    await log.append([leaf(5)]);
    for (let i = 0; i < 100 && (await service.latest())!.size < 6; i++) await new Promise((r) => setTimeout(r, 50));
    expect((await service.latest())!.size).toBe(6);
    await service.stop();
  });

  it('never stores a second root for a size, and refuses edits', async () => {
    await expect(pool.query(`INSERT INTO "${schema}".checkpoints (size, root, note) VALUES (3, $1, 'x')`, [Buffer.alloc(32)])).rejects.toThrow(/duplicate key/);
    await expect(pool.query(`UPDATE "${schema}".checkpoints SET root = $1 WHERE size = 3`, [Buffer.alloc(32)])).rejects.toThrow(/append-only/);
    await expect(pool.query(`DELETE FROM "${schema}".checkpoints`)).rejects.toThrow(/append-only/);
  });

  it('refuses to sign a tree that is inconsistent with the last checkpoint', async () => {
    // Simulate a rewritten history: a second log in another schema with different leaves,
    // but this service's checkpoint table (which says size 6 had another root).
    const forkSchema = freshSchemaName('ckpt_fork');
    const fork = new MerkleLog(pool, { schema: forkSchema });
    await fork.migrate();
    await fork.append(Array.from({ length: 8 }, (_, i) => leaf(i === 2 ? 99 : i)));
    const forked = new CheckpointService(pool, fork, signer, { schema });
    await expect(forked.checkpointNow()).rejects.toThrow(/does not lead to the old root/);
    expect((await service.latest())!.size).toBe(6);
    await dropSchema(pool, forkSchema);
  });

  it('notes are not accepted with a different key', () => {
    expect(() => openSignedNote('x\n\n\u2014 urna.example/log AAAAAAAA\n', key)).toThrow(NoteError);
  });
});
