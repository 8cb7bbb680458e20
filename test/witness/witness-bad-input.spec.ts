/**
 * The witness's add-checkpoint endpoint (C2SP tlog-witness) over HTTP, attacked: every bad
 * request gets its status and a clear reason, and the state file stays byte for byte what it
 * was. Inconsistent views also leave fork evidence (both signed checkpoints and the proof).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatCheckpointText, sequenceExtension } from '../../src/ledger/checkpoint/checkpoint-format';
import { parseCosignerKey, verifyCosignatures } from '../../src/ledger/checkpoint/cosignature';
import { parseVerifierKey, formatVerifierKey, signNote } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { toBase64, utf8 } from '../../src/ledger/merkle/encoding';
import { MemoryMerkleTree } from '../../src/ledger/merkle/memory-tree';
import { formatAddCheckpoint } from '../../src/witness/add-checkpoint-request';
import { initWitness, loadWitnessSigner, statePath } from '../../src/witness/witness-files';
import { type RunningWitness, startWitnessServer } from '../../src/witness/witness-server';

const ORIGIN = 'test.urna.example/log/e1';
const OTHER = 'otra.example/log';

function treeOf(prefix: string, n: number): MemoryMerkleTree {
  const t = new MemoryMerkleTree();
  for (let i = 0; i < n; i++) t.appendData(utf8(`${prefix} ${i}`));
  return t;
}

describe('urna witness: add-checkpoint refuses bad input and keeps its state', () => {
  const log = new SoftwareNoteSigner(ORIGIN, new Uint8Array(32).fill(7));
  const impostor = new SoftwareNoteSigner(ORIGIN, new Uint8Array(32).fill(8));
  const otherLog = new SoftwareNoteSigner(OTHER, new Uint8Array(32).fill(9));
  const honest = treeOf('leaf', 8);
  const fork = treeOf('other', 8);
  let dir: string;
  let witness: RunningWitness;
  let seq = 0;
  let forks: string[] = [];

  const note = async (tree: MemoryMerkleTree, size: number, signer = log, origin = ORIGIN) =>
    signNote(formatCheckpointText(origin, size, await tree.root(size), [sequenceExtension(seq++)]), signer);
  const post = async (body: string) => {
    const res = await fetch(`${witness.url}/add-checkpoint`, { method: 'POST', body });
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  };
  const add = async (old: number, tree: MemoryMerkleTree, size: number, proof?: Uint8Array[]) =>
    post(formatAddCheckpoint(old, proof ?? (old > 0 && old < size ? await tree.consistencyProof(old, size) : []), await note(tree, size)));
  const state = () => readFileSync(statePath(dir, ORIGIN));
  const evidence = () => (readdirSync(dir).includes('evidence') ? readdirSync(join(dir, 'evidence')) : []);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'urna-witness-'));
    initWitness(dir, 'witness.test.example');
    witness = await startWitnessServer({
      dir, signer: loadWitnessSigner(dir), port: 0,
      logs: new Map([[ORIGIN, parseVerifierKey(formatVerifierKey(ORIGIN, log.publicKey))], [OTHER, parseVerifierKey(formatVerifierKey(OTHER, otherLog.publicKey))]]),
      onFork: (_origin, file) => forks.push(file),
    });
  });
  afterAll(async () => {
    await witness.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('init writes a 0600 key, refuses to overwrite it, and the key cosigns what it accepts', async () => {
    expect(statSync(join(dir, 'witness.key')).mode & 0o777).toBe(0o600);
    expect(() => initWitness(dir, 'witness.test.example')).toThrow(/no se sobrescribe|not overwritten/);
    const res = await add(0, honest, 3);
    expect(res.status).toBe(200);
    const vkey = readFileSync(join(dir, 'witness.vkey'), 'utf8').trim();
    // The response is signature lines only; appended to the note it verifies as cosignature/v1.
    expect(res.text).toMatch(/^\u2014 witness\.test\.example \S+\n$/);
    const submitted = JSON.parse(state().toString()).note as string;
    expect(verifyCosignatures(submitted + res.text, [parseCosignerKey(vkey)])).toHaveLength(1);
  });

  const refusals: [string, () => Promise<{ status: number; text: string; type: string | null }>, number, RegExp, boolean][] = [
    ['an inconsistent checkpoint (another tree, with its own valid proof)', () => add(3, fork, 5), 422, /^inconsistent: /, true],
    ['another root for the size already cosigned', () => add(3, fork, 3, []), 422, /^same_size_other_root: /, true],
    ['the same tree with a proof attached (no evidence: not a fork)', async () => add(3, honest, 3, await honest.consistencyProof(2, 3)), 422, /^proof_same_size: /, false],
    ['a bad consistency proof', async () => add(3, honest, 5, (await honest.consistencyProof(3, 5)).map((h, i) => (i === 0 ? new Uint8Array(32) : h))), 422, /^inconsistent: /, true],
    ['a proof with a hash missing', async () => add(3, honest, 5, (await honest.consistencyProof(3, 5)).slice(1)), 422, /^inconsistent: /, true],
    ['an old size larger than the checkpoint (a rollback)', () => add(5, honest, 2), 400, /^old_size_too_large: /, false],
    ['a foreign origin', async () => post(formatAddCheckpoint(0, [], await note(honest, 2, log, 'nadie.example/log'))), 404, /^unknown_origin: /, false],
    ['a checkpoint signed by another key under the log\'s name', async () => post(formatAddCheckpoint(3, await honest.consistencyProof(3, 5), await note(honest, 5, impostor))), 403, /^bad_signature: /, false],
    ['a checkpoint whose log signature was tampered with', async () => {
      const n = await note(honest, 5);
      const [text, sig] = n.split('\n\n');
      const blob = Buffer.from(sig.split(' ')[2].trim(), 'base64');
      blob[10] ^= 1;
      return post(formatAddCheckpoint(3, await honest.consistencyProof(3, 5), `${text}\n\n\u2014 ${ORIGIN} ${blob.toString('base64')}\n`));
    }, 403, /^bad_signature: /, false],
    ['a checkpoint the log did not sign at all', async () => post(formatAddCheckpoint(3, await honest.consistencyProof(3, 5), formatCheckpointText(ORIGIN, 5, await honest.root(5)))), 400, /^malformed: /, false],
    ['a body without the blank line', async () => post(`old 3\n${await note(honest, 5)}`.replace('\n\n', '\n')), 400, /^malformed: /, false],
    ['an old line with a leading zero', async () => post(formatAddCheckpoint(3, [], await note(honest, 3)).replace('old 3', 'old 03')), 400, /^malformed: /, false],
    ['a proof line that is not a hash', async () => post(`old 3\nnot-base64!\n\n${await note(honest, 5)}`), 400, /^malformed: /, false],
    ['more than 63 proof lines', async () => post(formatAddCheckpoint(3, Array.from({ length: 64 }, () => new Uint8Array(32)), await note(honest, 5))), 400, /^malformed: /, false],
    ['an empty body', () => post(''), 400, /^malformed: /, false],
  ];

  for (const [what, send, status, error, isFork] of refusals) {
    it(`refuses ${what} (${status}) and leaves the state file unchanged`, async () => {
      const before = state();
      const evidenceBefore = evidence().length;
      forks = [];
      const res = await send();
      expect(res.status).toBe(status);
      expect(res.text).toMatch(error);
      expect(res.text).toMatch(/ \/ /); // es / en, a clear reason
      expect(state().equals(before)).toBe(true);
      expect(evidence().length).toBe(evidenceBefore + (isFork ? 1 : 0));
      if (isFork) {
        const saved = JSON.parse(readFileSync(forks[0], 'utf8'));
        expect(saved.cosigned.size).toBe(3);
        expect(saved.cosigned.note).toContain(`\n${toBase64(await honest.root(3))}\n`);
        expect(saved.submitted.note).toContain(ORIGIN);
      }
    });
  }

  it('answers a stale old size with 409, text/x.tlog.size and its own size, state unchanged', async () => {
    const before = state();
    const res = await add(0, honest, 5);
    expect(res.status).toBe(409);
    expect(res.type).toBe('text/x.tlog.size');
    expect(res.text).toBe('3\n');
    expect(state().equals(before)).toBe(true);
  });

  it('refuses a non-empty proof from size 0 and a size-0 tree whose root is not SHA-256("")', async () => {
    expect((await post(formatAddCheckpoint(0, [new Uint8Array(32)], await note(treeOf('x', 2), 2, otherLog, OTHER)))).status).toBe(422);
    const bad = await signNote(formatCheckpointText(OTHER, 0, new Uint8Array(32)), otherLog);
    const res = await post(formatAddCheckpoint(0, [], bad));
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/^bad_empty_root: /);
  });

  it('of two racing extensions from the same old size, one is cosigned and the other gets 409 (no rollback)', async () => {
    const [a, b] = await Promise.all([add(3, honest, 7), add(3, honest, 4)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const saved = JSON.parse(state().toString());
    expect(saved.size).toBe(a.status === 200 ? 7 : 4);
    // Going back is refused whatever the old size says.
    expect((await add(saved.size, honest, 3)).status).toBe(400);
    expect((await add(3, honest, 3)).status).toBe(409);
    expect(JSON.parse(state().toString()).size).toBe(saved.size);
  });

  it('a consistent extension is cosigned and becomes the state', async () => {
    const from = JSON.parse(state().toString()).size;
    const res = await add(from, honest, 8);
    expect(res.status).toBe(200);
    expect(JSON.parse(state().toString())).toMatchObject({ origin: ORIGIN, size: 8, rootHash: toBase64(await honest.root(8)) });
    // The same checkpoint again is cosigned again (same size, same root).
    expect((await add(8, honest, 8, [])).status).toBe(200);
  });
});
