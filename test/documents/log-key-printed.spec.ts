/** The log's origin and verifier key are printed on the opening report and the acta (JSON and
 * PDF), so that anyone can pin them out of band and pass them to `urna verify --vkey`. */
import { buildOpeningReport } from '../../src/documents/opening-report';
import { renderOpeningReportPdf } from '../../src/documents/pdf/opening-report-pdf';
import { renderTallyRecordPdf } from '../../src/documents/pdf/tally-record-pdf';
import { buildTallyRecord } from '../../src/documents/tally-record';
import { formatCosignerKey } from '../../src/ledger/checkpoint/cosignature';
import { formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { keyFingerprint } from '../../src/ledger/checkpoint/witness-policy';
import { logKeyFingerprint } from '../../src/opening/log-key-fingerprint';
import { pdfTextLines } from './pdf-text';
import { openingReportInput, tallyRecordInput } from './simulacro-fixtures';

const origin = 'urna.example/log';
const log = { origin, verifierKey: formatVerifierKey(origin, new Uint8Array(32).fill(9)) };
const printed = (pdf: Buffer) => pdfTextLines(pdf).join('');

describe("the log's verifier key on the documents", () => {
  it('the opening report carries it in its JSON and prints it in its PDF', async () => {
    const report = buildOpeningReport({ ...openingReportInput(), log });
    expect(report.log).toEqual(log);
    const text = printed(await renderOpeningReportPdf(report, { compress: false }));
    expect(text).toContain(log.verifierKey);
    expect(text).toContain('Llave verificadora de la bitácora');
    // And the key's fingerprint, for people to compare by eye (log.md §4.3).
    expect(text).toContain(logKeyFingerprint(log.verifierKey));
    expect(text).toContain('Huella de la llave de la bitácora');
  });

  it('the acta carries it in its JSON and prints it in its PDF', async () => {
    const acta = buildTallyRecord({ ...tallyRecordInput(), log });
    expect(acta.log).toEqual(log);
    const text = printed(await renderTallyRecordPdf(acta, { compress: false }));
    expect(text).toContain(log.verifierKey);
    expect(text).toContain('Origen de la bitácora');
  });

  it('refuses a key that is not a verifier key of that origin', () => {
    expect(() => buildTallyRecord({ ...tallyRecordInput(), log: { origin: 'other.example/log', verifierKey: log.verifierKey } })).toThrow(/INVALID_LOG_KEY|verifier key of origin/);
    expect(() => buildOpeningReport({ ...openingReportInput(), log: { origin, verifierKey: 'not a key' } })).toThrow(/verifier key of origin/);
  });

  it("the opening report fixes the witnesses' keys with their fingerprints and the quorum, and refuses an impossible quorum", async () => {
    const keys = ['testigo.partido-a.mx', 'testigo.observadores.mx', 'testigo.auditoria.mx']
      .map((name, i) => formatCosignerKey(name, new Uint8Array(32).fill(20 + i)))
      .map((vkey) => ({ vkey, fingerprint: keyFingerprint(vkey) }));
    const report = buildOpeningReport({ ...openingReportInput(), log, witnesses: { quorum: 2, keys } });
    expect(report.witnesses).toEqual({ quorum: 2, keys });
    const text = printed(await renderOpeningReportPdf(report, { compress: false }));
    expect(text).toContain('2 de 3 deben cofirmar');
    for (const k of keys) {
      expect(text).toContain(k.vkey);
      expect(text).toContain(k.fingerprint);
    }
    expect(text).toContain('Llave de testigo y su huella');
    // Without witnesses the document is as before: no field at all.
    expect('witnesses' in buildOpeningReport({ ...openingReportInput(), log })).toBe(false);
    for (const quorum of [0, 4, 1.5]) {
      expect(() => buildOpeningReport({ ...openingReportInput(), log, witnesses: { quorum, keys } })).toThrow(/witnesses.quorum/);
    }
  });
});
