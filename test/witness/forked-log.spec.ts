/**
 * A forked log: one that signs two views of its history (two different trees of the same size,
 * or a tree that does not extend one it showed before) and serves them to different parties.
 * Every witness that is shown both refuses the second (422) and saves the evidence; a view
 * shown to only some witnesses cannot gather the quorum next to the honest one; and the board's
 * verifier (bulletin-board-web), holding a checkpoint the quorum cosigned for one view, detects
 * the other: a receipt from it fails the consistency check, and a note of it lacks the quorum.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkReceipt, fetchVerifiedCheckpoint, type LogApi } from '../../bulletin-board-web/src/log-verifier';
import { LOG_KEY_PIN, WITNESSES_PIN, witnessQuorumTrust, type PinStore, type PublishedWitnesses } from '../../bulletin-board-web/src/witness-trust';
import { formatCheckpointText, sequenceExtension } from '../../src/ledger/checkpoint/checkpoint-format';
import { appendSignatureLines, formatCosignerKey } from '../../src/ledger/checkpoint/cosignature';
import { formatVerifierKey, parseVerifierKey, signNote } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { toBase64, utf8 } from '../../src/ledger/merkle/encoding';
import { LEAF_FORMAT, leafDataOfEntry, type PublicEventEntry } from '../../src/ledger/merkle/leaf-encoding';
import { MemoryMerkleTree } from '../../src/ledger/merkle/memory-tree';
import { formatAddCheckpoint } from '../../src/witness/add-checkpoint-request';
import { initWitness, loadWitnessSigner } from '../../src/witness/witness-files';
import { type RunningWitness, startWitnessServer } from '../../src/witness/witness-server';

const ORIGIN = 'fork.urna.test/log/e1';

function tree(leaves: (string | Uint8Array)[]): MemoryMerkleTree {
  const t = new MemoryMerkleTree();
  for (const l of leaves) t.appendData(typeof l === 'string' ? utf8(l) : l);
  return t;
}

const CODE = 'ab'.repeat(32);
/** View A's leaf 4: a cast ballot, as the board recomputes it from the published entry. */
const ballot4: PublicEventEntry = {
  format: LEAF_FORMAT, position: 4, id: '00000000-0000-4000-8000-000000000004', stream: 'ballots', revision: 0, type: 'BallotCast', version: 1,
  recordedAt: '2027-06-06T12:00:00.000Z', actor: 'voter:x', visibility: 'public', data: { trackingCode: CODE },
};

class MemoryPins implements PinStore {
  readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
}

describe('a forked log is detected by every witness and by the board', () => {
  const log = new SoftwareNoteSigner(ORIGIN, new Uint8Array(32).fill(3));
  const vkey = formatVerifierKey(ORIGIN, log.publicKey);
  const common = ['a', 'b', 'c', 'd'];
  // View A is the honest history; view B rewrites leaf 4 (e.g. drops a ballot for another).
  const viewA = tree([...common, leafDataOfEntry(ballot4), 'ballot 5', 'ballot 6']);
  const viewB = tree([...common, 'forged 4', 'ballot 5', 'ballot 6', 'ballot 7']);
  const dirs: string[] = [];
  const witnesses: RunningWitness[] = [];
  let published: PublishedWitnesses;
  let seq = 1;

  const note = async (t: MemoryMerkleTree, size: number) => signNote(formatCheckpointText(ORIGIN, size, await t.root(size), [sequenceExtension(seq++)]), log);
  const add = async (w: RunningWitness, old: number, n: string, proof: Uint8Array[] = []) => {
    const res = await fetch(`${w.url}/add-checkpoint`, { method: 'POST', body: formatAddCheckpoint(old, proof, n) });
    return { status: res.status, text: await res.text() };
  };

  beforeAll(async () => {
    const logs = new Map([[ORIGIN, parseVerifierKey(vkey)]]);
    const entries = [];
    for (const name of ['testigo-1.example', 'testigo-2.example', 'testigo-3.example']) {
      const dir = mkdtempSync(join(tmpdir(), 'urna-fork-'));
      dirs.push(dir);
      initWitness(dir, name);
      const signer = loadWitnessSigner(dir);
      const w = await startWitnessServer({ dir, signer, logs, port: 0 });
      witnesses.push(w);
      entries.push({ name, vkey: formatCosignerKey(name, signer.publicKey), url: w.url });
    }
    published = { quorum: 2, witnesses: entries };
  });
  afterAll(async () => {
    for (const w of witnesses) await w.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('split view: A shown to witnesses 1 and 2, B to witness 3; each refuses the other view and keeps evidence', async () => {
    const a5 = await note(viewA, 5);
    const b5 = await note(viewB, 5);
    const linesA = [(await add(witnesses[0], 0, a5)).text.trim(), (await add(witnesses[1], 0, a5)).text.trim()];
    const linesB = [(await add(witnesses[2], 0, b5)).text.trim()];
    const cosignedA = appendSignatureLines(a5, linesA);
    const cosignedB = appendSignatureLines(b5, linesB);

    // The log then tries to show each witness the other view: same size, other root…
    expect((await add(witnesses[0], 5, b5)).status).toBe(422);
    expect((await add(witnesses[2], 5, a5)).status).toBe(422);
    // …or a larger tree of the other view, with that view's own valid consistency proof.
    const b8 = await note(viewB, 8);
    const r = await add(witnesses[1], 5, b8, await viewB.consistencyProof(5, 8));
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/^inconsistent: /);
    for (const [i, d] of dirs.entries()) {
      const files = readdirSync(join(d, 'evidence'));
      expect(files.length).toBe(1);
      const evidence = JSON.parse(readFileSync(join(d, 'evidence', files[0]), 'utf8'));
      // Both signed views are in the file: what the witness cosigned, and what it was shown.
      expect(evidence.cosigned.rootHash).toBe(toBase64(await (i === 2 ? viewB : viewA).root(5)));
      expect(evidence.submitted.note).toContain(ORIGIN);
      expect(evidence.submitted.rootHash).not.toBe(evidence.cosigned.rootHash);
    }

    // The board, fed view B (a log serving its own split view), refuses it: 1 of 2 cosignatures.
    const board = (n: string): LogApi => ({
      getJson: async <T>(path: string) => {
        if (path === '/log/key') return { vkey, keyId: vkey.split('+')[1] } as T;
        throw new Error(`unexpected ${path}`);
      },
      getText: async () => n,
    });
    const pins = new MemoryPins();
    const trustB = witnessQuorumTrust(async () => published, pins);
    await expect(fetchVerifiedCheckpoint(board(cosignedB), trustB)).rejects.toMatchObject({ code: 'witnesses_missing' });
    // Fed view A, the quorum's, it believes it and says who cosigned.
    const trustA = witnessQuorumTrust(async () => published, pins);
    const latest = await fetchVerifiedCheckpoint(board(cosignedA), trustA);
    expect(trustA.last!.cosigners.map((c) => c.name)).toEqual(['testigo-1.example', 'testigo-2.example']);
    expect(trustA.describes).toBe('pinned-key-and-witnesses');

    // A voter holding a receipt from view B (same size, other root) is told the history split.
    const receiptApi: LogApi = {
      getText: async () => cosignedA,
      getJson: async <T>(path: string): Promise<T> => {
        if (path.startsWith('/api/board/receipts/')) return { trackingCode: CODE, logIndex: 4 } as T;
        if (path.startsWith('/log/entries')) return { entries: [{ index: 4, leafHash: '', entry: ballot4 }] } as T;
        if (path.startsWith('/log/proof/inclusion')) {
          const leafHash = toBase64((await viewA.readHashes([{ level: 0, index: 4 }]))[0]);
          return { leafIndex: 4, treeSize: 5, leafHash, proof: (await viewA.inclusionProof(4, 5)).map(toBase64) } as T;
        }
        throw new Error(`unexpected ${path}`);
      },
    };
    // Its own view's receipt checks; the other view's is a split history.
    expect((await checkReceipt(receiptApi, CODE, latest, cosignedA)).consistentFrom).toBe(5);
    await expect(checkReceipt(receiptApi, CODE, latest, cosignedB)).rejects.toMatchObject({ code: 'consistency_failed' });
  });

  it('the board remembers the keys the first time and fails loudly when they change', async () => {
    const pins = new MemoryPins();
    const first = witnessQuorumTrust(async () => published, pins);
    await first.checkKey(vkey);
    const n = await note(viewA, 5);
    await expect(first.checkCosignatures(n)).rejects.toMatchObject({ code: 'witnesses_missing' });
    expect(pins.map.get(LOG_KEY_PIN)).toBe(vkey);
    expect(pins.map.get(WITNESSES_PIN)).toContain(published.witnesses[0].vkey);

    // A server that swaps a witness key for its own (to cosign a fork itself) is refused…
    const rogue = new SoftwareNoteSigner('testigo-3.example', new Uint8Array(32).fill(99));
    const swapped = { ...published, witnesses: [...published.witnesses.slice(0, 2), { ...published.witnesses[2], vkey: formatCosignerKey('testigo-3.example', rogue.publicKey) }] };
    await expect(witnessQuorumTrust(async () => swapped, pins).checkCosignatures(n)).rejects.toMatchObject({ code: 'key_not_trusted' });
    // …as is one that lowers the quorum, and one that changes the log's key.
    await expect(witnessQuorumTrust(async () => ({ ...published, quorum: 1 }), pins).checkCosignatures(n)).rejects.toMatchObject({ code: 'key_not_trusted' });
    const otherLog = formatVerifierKey(ORIGIN, new Uint8Array(32).fill(1));
    await expect(witnessQuorumTrust(async () => published, pins).checkKey(otherLog)).rejects.toMatchObject({ code: 'key_not_trusted' });
  });
});
