/**
 * Writes docs/spec/vectors/witness.json: fixed keys, a checkpoint of a 5-leaf log signed by
 * the log, two witnesses' cosignature/v1 lines on it at fixed times, the exact bytes each
 * signed, the cosigned note, an add-checkpoint request (old size 3 with its consistency proof)
 * and the quorum verdicts (docs/spec/log.md §8). Ed25519 is deterministic, so the file is too.
 *
 *   node -r urna-ts-register scripts/generate-witness-vectors.ts
 *
 * test/witness/witness-vectors.spec.ts recomputes it byte for byte and checks it with node:crypto.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCheckpointText, sequenceExtension } from '../src/ledger/checkpoint/checkpoint-format';
import { appendSignatureLines, cosignCheckpoint, cosignedMessage, cosignatureKeyId, formatCosignerKey } from '../src/ledger/checkpoint/cosignature';
import { formatVerifierKey, keyIdHex, signNote } from '../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../src/ledger/checkpoint/software-note-signer';
import { checkQuorum, keyFingerprint } from '../src/ledger/checkpoint/witness-policy';
import { toBase64, toHex, utf8 } from '../src/ledger/merkle/encoding';
import { MemoryMerkleTree } from '../src/ledger/merkle/memory-tree';
import { formatAddCheckpoint } from '../src/witness/add-checkpoint-request';

export const WITNESS_VECTORS_PATH = join(__dirname, '..', 'docs', 'spec', 'vectors', 'witness.json');
const seed = (b: number) => new Uint8Array(32).fill(b);
const ORIGIN = 'vectors.urna.example/log/e1';

export async function witnessVectors(): Promise<string> {
  const log = new SoftwareNoteSigner(ORIGIN, seed(1));
  const witnesses = [new SoftwareNoteSigner('witness.partido-a.example', seed(2)), new SoftwareNoteSigner('witness.observa.example', seed(3))];
  const tree = new MemoryMerkleTree();
  for (let i = 0; i < 5; i++) tree.appendData(utf8(`leaf ${i}`));
  const root3 = await tree.root(3);
  const root5 = await tree.root(5);
  const text = formatCheckpointText(ORIGIN, 5, root5, [sequenceExtension(2)]);
  const note = await signNote(text, log);
  const times = [1780000000, 1780000007];
  const cosignatures = await Promise.all(witnesses.map(async (w, i) => ({
    name: w.name,
    vkey: formatCosignerKey(w.name, w.publicKey),
    keyId: keyIdHex(cosignatureKeyId(w.name, w.publicKey)),
    fingerprint: keyFingerprint(formatCosignerKey(w.name, w.publicKey)),
    publicKey: toHex(w.publicKey),
    timestamp: times[i],
    signedMessage: new TextDecoder().decode(cosignedMessage(text, times[i])),
    line: await cosignCheckpoint(text, w, times[i]),
  })));
  const cosigned = appendSignatureLines(note, cosignatures.map((c) => c.line));
  const proof = await tree.consistencyProof(3, 5);
  const policy = (quorum: number) => ({ quorum, witnesses: cosignatures.map((c) => ({ name: c.name, vkey: c.vkey, url: `https://${c.name}` })) });
  const verdict = (n: string, quorum: number) => {
    const r = checkQuorum(n, policy(quorum));
    return { quorum, cosigners: r.cosigners.map((c) => c.name), met: r.met };
  };
  return JSON.stringify(
    {
      description: 'cosignature/v1 and tlog-witness vectors, docs/spec/log.md §8; seeds are 32 bytes of 0x01 (log), 0x02 and 0x03 (witnesses); leaf i is UTF-8("leaf i")',
      log: { origin: ORIGIN, vkey: formatVerifierKey(ORIGIN, log.publicKey), publicKey: toHex(log.publicKey) },
      checkpointText: text,
      note,
      cosignatures,
      cosignedNote: cosigned,
      quorum: {
        cosignedNoteQuorum2: verdict(cosigned, 2),
        logOnlyNoteQuorum1: verdict(note, 1),
        oneCosignatureQuorum2: verdict(appendSignatureLines(note, [cosignatures[1].line]), 2),
      },
      addCheckpoint: {
        oldSize: 3,
        oldRoot: toBase64(root3),
        proof: proof.map(toBase64),
        requestBody: formatAddCheckpoint(3, proof, note),
      },
    },
    null,
    2,
  ) + '\n';
}

if (require.main === module) {
  void witnessVectors().then((text) => {
    writeFileSync(WITNESS_VECTORS_PATH, text);
    process.stdout.write(`wrote ${WITNESS_VECTORS_PATH}\n`);
  });
}
