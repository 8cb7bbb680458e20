/**
 * The simulacro's closing check of the voters' receipts (receipts-cosigned.ts): a receipt counts
 * only if its own checkpoint text verifies with the log's key and carries the quorum of witness
 * cosignatures. Receipts sharing one checkpoint are checked once, so the attacks here put a
 * near copy of a good checkpoint (one cosignature short, one byte changed) beside the good one,
 * before and after it.
 */
import { appendSignatureLines, cosignCheckpoint, formatCosignerKey } from '../../src/ledger/checkpoint/cosignature';
import { formatCheckpointText } from '../../src/ledger/checkpoint/checkpoint-format';
import { formatVerifierKey, signNote } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import type { WitnessPolicy } from '../../src/ledger/checkpoint/witness-policy';
import { countCosignedReceipts } from '../../src/simulacro/receipts-cosigned';

const log = SoftwareNoteSigner.generate('urna.example/log');
const witnesses = ['testigo-a.example', 'testigo-b.example', 'testigo-c.example'].map((name) => SoftwareNoteSigner.generate(name));
const policy: WitnessPolicy = {
  quorum: 2,
  witnesses: witnesses.map((w) => ({ name: w.name, vkey: formatCosignerKey(w.name, w.publicKey), url: `http://${w.name}` })),
};
const logKey = formatVerifierKey(log.name, log.publicKey);

async function checkpoint(size: number, cosigners: SoftwareNoteSigner[]): Promise<string> {
  const text = formatCheckpointText(log.name, size, new Uint8Array(32).fill(size % 256));
  const lines = await Promise.all(cosigners.map((w) => cosignCheckpoint(text, w, 1_800_000_000 + size)));
  return appendSignatureLines(await signNote(text, log), lines);
}

/** The note with one character of its last signature line changed (still base64). */
function tampered(note: string): string {
  const at = note.length - 3;
  return note.slice(0, at) + (note[at] === 'A' ? 'B' : 'A') + note.slice(at + 1);
}

describe('countCosignedReceipts', () => {
  it('counts every receipt under a signed checkpoint with the quorum, however many share it', async () => {
    const a = await checkpoint(10, witnesses.slice(0, 2));
    const b = await checkpoint(11, witnesses);
    expect(countCosignedReceipts([a, a, b, a, b, a, a, b], policy, logKey)).toBe(8);
  });

  it('does not count a receipt whose checkpoint lacks the quorum, beside receipts whose copy has it', async () => {
    const text = formatCheckpointText(log.name, 12, new Uint8Array(32).fill(12));
    const signed = await signNote(text, log);
    const full = appendSignatureLines(signed, await Promise.all(witnesses.slice(0, 2).map((w) => cosignCheckpoint(text, w, 1_800_000_012))));
    const short = appendSignatureLines(signed, [await cosignCheckpoint(text, witnesses[0], 1_800_000_012)]);
    expect(countCosignedReceipts([full, short, full], policy, logKey)).toBe(2);
    expect(countCosignedReceipts([short, full, short], policy, logKey)).toBe(1);
  });

  it('does not count a receipt whose cosignature was altered, before or after the good copy', async () => {
    const good = await checkpoint(13, witnesses.slice(0, 2));
    const bad = tampered(good);
    expect(bad).not.toBe(good);
    expect(countCosignedReceipts([good, bad], policy, logKey)).toBe(1);
    expect(countCosignedReceipts([bad, good, bad, good], policy, logKey)).toBe(2);
  });

  it('does not count a checkpoint signed by another log key, nor an empty receipt', async () => {
    const other = SoftwareNoteSigner.generate('urna.example/log');
    const text = formatCheckpointText(log.name, 14, new Uint8Array(32));
    const forged = appendSignatureLines(await signNote(text, other), await Promise.all(witnesses.map((w) => cosignCheckpoint(text, w, 1_800_000_014))));
    expect(countCosignedReceipts([forged, ''], policy, logKey)).toBe(0);
  });
});
