/**
 * urna monitor and the log's witnesses (log.md §8): given the witnesses' keys, each round says
 * which of them cosigned the checkpoint it verified; a cosignature line under a given witness's
 * name and key ID that does not verify is an anomaly, never silently dropped. The log here is
 * a served note of the empty tree (no tiles needed), signed and cosigned in memory.
 */
import { appendSignatureLines, cosignCheckpoint, formatCosignerKey, parseCosignerKey } from '../../src/ledger/checkpoint/cosignature';
import { formatCheckpointText, sequenceExtension } from '../../src/ledger/checkpoint/checkpoint-format';
import { formatVerifierKey, parseVerifierKey, signNote } from '../../src/ledger/checkpoint/signed-note';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { emptyTreeRoot } from '../../src/ledger/merkle/hash';
import { initialState, monitorRound, type LogSource } from '../../src/monitor/monitor-round';

const ORIGIN = 'witnessed.urna.test/log/e';
const log = SoftwareNoteSigner.generate(ORIGIN);
const vkey = formatVerifierKey(ORIGIN, log.publicKey);
const a = SoftwareNoteSigner.generate('testigo-a');
const b = SoftwareNoteSigner.generate('testigo-b');
const witnesses = [a, b].map((w) => parseCosignerKey(formatCosignerKey(w.name, w.publicKey)));
const text = formatCheckpointText(ORIGIN, 0, emptyTreeRoot(), [sequenceExtension(0)]);

function serving(note: string): LogSource {
  return { checkpoint: async () => note, tile: async () => undefined, historyTail: async () => undefined };
}

async function round(note: string) {
  return monitorRound(initialState(vkey), { reader: serving(note), key: parseVerifierKey(vkey), vkey, staleAfterSeconds: 120, witnesses, quorum: 2 });
}

describe('urna monitor reports who cosigned', () => {
  it('names the given witnesses whose cosignature verifies, and none when there is none', async () => {
    const note = await signNote(text, log);
    expect((await round(note)).cosigners).toEqual([]);
    const cosigned = appendSignatureLines(note, [await cosignCheckpoint(text, a, 1_700_000_000)]);
    const outcome = await round(cosigned);
    expect(outcome.anomalies).toEqual([]);
    expect(outcome.cosigners).toEqual(['testigo-a']);
    const both = appendSignatureLines(cosigned, [await cosignCheckpoint(text, b, 1_700_000_001)]);
    expect((await round(both)).cosigners).toEqual(['testigo-a', 'testigo-b']);
  });

  it('reports a cosignature by a given witness that does not verify (it signed another checkpoint)', async () => {
    const other = formatCheckpointText(ORIGIN, 0, emptyTreeRoot(), [sequenceExtension(1)]);
    const note = appendSignatureLines(await signNote(text, log), [await cosignCheckpoint(other, b, 1_700_000_000)]);
    const outcome = await round(note);
    expect(outcome.anomalies.map((x) => x.code)).toEqual(['cosignature-invalid']);
    expect(outcome.anomalies[0].message.en).toContain('testigo-b');
  });
});
