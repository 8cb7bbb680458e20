import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCanonical } from '../../src/documents/canonical-json';
import { tallyRecordForEntity } from '../../src/documents/deliverable-copies';
import { buildOpeningReport } from '../../src/documents/opening-report';
import { renderOpeningReportPdf } from '../../src/documents/pdf/opening-report-pdf';
import { renderPreservationManifestPdf } from '../../src/documents/pdf/preservation-manifest-pdf';
import { renderTallyRecordPdf } from '../../src/documents/pdf/tally-record-pdf';
import { manifestHash, signPreservationManifest } from '../../src/documents/preservation-manifest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { buildTallyRecord, type OptionResultInput } from '../../src/documents/tally-record';
import { pdfTextLines } from './pdf-text';
import { PROCESS, openingReportInput, tallyRecordInput } from './simulacro-fixtures';

const opening = buildOpeningReport(openingReportInput());
const acta = buildTallyRecord(tallyRecordInput());

function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

describe('printed documents (PDF)', () => {
  it('renders the opening report to identical bytes twice, compressed or not', async () => {
    const a = await renderOpeningReportPdf(opening);
    const b = await renderOpeningReportPdf(buildOpeningReport(openingReportInput()));
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
    const c = await renderOpeningReportPdf(opening, { compress: false });
    const d = await renderOpeningReportPdf(opening, { compress: false });
    expect(c.equals(d)).toBe(true);
  });

  it('renders the acta to identical bytes twice', async () => {
    const a = await renderTallyRecordPdf(acta);
    const b = await renderTallyRecordPdf(buildTallyRecord(tallyRecordInput()));
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(a.equals(b)).toBe(true);
  });

  it('prints the canonical JSON hash and "Página X de Y" on every page of the opening report', async () => {
    const pdf = await renderOpeningReportPdf(opening, { compress: false });
    const lines = pdfTextLines(pdf);
    const hash = renderCanonical(opening).sha256;
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(lines.filter((l) => l === hash)).toHaveLength(pages);
    for (let p = 1; p <= pages; p++) expect(lines).toContain(`Página ${p} de ${pages}`);
    expect(lines).toContain('Reporte inicial de apertura del Sistema');
    expect(lines).toContain('0 (cero)');
    expect(lines).toContain(opening.software.codeHash);
  });

  it('prints every contest of the acta with its votes in words, in acta order', async () => {
    const pdf = await renderTallyRecordPdf(acta, { compress: false });
    const lines = pdfTextLines(pdf);
    const text = lines.join('\n');
    const hash = renderCanonical(acta).sha256;
    expect(lines.filter((l) => l === hash)).toHaveLength(pageCount(pdf));
    const headings = lines.filter((l) => /^\d+\. (Federal|Local) · /.test(l));
    expect(headings).toHaveLength(acta.contests.length);
    expect(headings[0]).toBe('1. Federal · Presidencia de la República · Nacional');
    expect(headings[1]).toBe('2. Federal · Senaduría · 01 Aguascalientes');
    expect(headings.at(-1)).toBe('44. Local · Diputación Migrante · 12 Guerrero');
    const pres = acta.contests[0];
    expect(text).toContain(pres.totals.total.votesInWords);
    expect(text).toContain(acta.ballotBoxHash);
  });

  it('continues a contest longer than a page under a repeated table header', async () => {
    const input = tallyRecordInput();
    const options: OptionResultInput[] = Array.from({ length: 80 }, (_, i) => ({ optionId: `IND-${i}`, kind: 'independent' as const, label: `Independiente ${i}`, emblems: [], candidate: `Persona ${i}`, votes: i }));
    options.push({ optionId: 'NR', kind: 'non-registered', label: 'Candidaturas no registradas', emblems: [], candidate: 'x', votes: 0 });
    options.push({ optionId: 'NULO', kind: 'null', label: 'Votos nulos', emblems: [], candidate: 'x', votes: 0 });
    const long = buildTallyRecord({
      ...input,
      contests: [{ contestId: 'AYTO-01', scope: 'local', office: 'Ayuntamiento', entity: { code: '01', name: 'Aguascalientes' }, ballotsCounted: (79 * 80) / 2, options }],
    });
    const lines = pdfTextLines(await renderTallyRecordPdf(long, { compress: false }));
    for (let i = 0; i < 80; i++) expect(lines).toContain(`Independiente ${i}`);
    expect(lines.filter((l) => l === 'Votos con letra').length).toBeGreaterThanOrEqual(2);
    expect(lines).toContain('tres mil ciento sesenta'); // 3160 = 0 + 1 + … + 79
  });

  it('carries the document time, the hash and no clock-dependent field in its metadata', async () => {
    const pdf = (await renderTallyRecordPdf(acta, { compress: false })).toString('latin1');
    // 2024-06-02T21:45:00-06:00 is 03:45 UTC on June 3rd.
    expect(pdf.includes('(D:20240603034500Z')).toBe(true);
    expect(pdf.includes(`(sha256:${renderCanonical(acta).sha256})`)).toBe(true);
    expect(pdf.includes('/ModDate')).toBe(false);
  });

  it('changes when the document changes', async () => {
    const cdmx = tallyRecordForEntity(acta, '09');
    const copy = await renderTallyRecordPdf(cdmx, { compress: false });
    const lines = pdfTextLines(copy);
    expect(lines).toContain(renderCanonical(cdmx).sha256);
    expect(lines.filter((l) => /^\d+\. (Federal|Local) · /.test(l))).toEqual([
      '1. Local · Jefatura de Gobierno · 09 Ciudad de México',
      '2. Local · Diputación Migrante · 09 Ciudad de México',
    ]);
    expect(lines.join('\n')).toContain(renderCanonical(acta).sha256); // the full record it was cut from
  });

  it('prints the preservation manifest with every artefact hash, reproducibly', async () => {
    const secretKey = ed25519.utils.randomSecretKey();
    const artefacts = [
      { name: 'urna/urna-cifrada.jsonl', kind: 'encrypted-ballot-box' as const, sha256: 'a1'.repeat(32), bytes: 10 },
      { name: 'resultados/resultados.json', kind: 'decrypted-results' as const, sha256: 'b2'.repeat(32), bytes: 20 },
      { name: 'bitacoras/ledger.jsonl', kind: 'log' as const, sha256: 'c3'.repeat(32), bytes: 30 },
    ];
    const signed = await signPreservationManifest(
      { process: PROCESS, electionId: 'e1', artefacts, finalCheckpoint: { size: 3, rootHash: 'cm9vdA==', note: 'nota' }, signedAt: '2024-06-03T01:10:00-06:00' },
      async (b) => ed25519.sign(b, secretKey),
      ed25519.getPublicKey(secretKey),
    );
    const people = { deliveredBy: { name: 'A', role: 'Titular de la UTSI' }, notary: { name: 'B', role: 'Notario público' } };
    const pdf = await renderPreservationManifestPdf(signed, people, { compress: false });
    expect(pdf.equals(await renderPreservationManifestPdf(signed, people, { compress: false }))).toBe(true);
    const lines = pdfTextLines(pdf);
    for (const a of artefacts) expect(lines).toContain(a.sha256);
    expect(lines).toContain(manifestHash(signed.manifest));
    expect(lines.join('')).toContain(signed.signature.slice(0, 40));
  });

  // Rasterizing uses poppler-utils, which scripts/ensure-system-packages.sh installs for the tests.
  const pdftoppm = ['/usr/bin/pdftoppm', '/usr/local/bin/pdftoppm'].find(existsSync);
  it('rasterizes every page of the acta with poppler', async () => {
    if (!pdftoppm) throw new Error('pdftoppm not found: run scripts/ensure-system-packages.sh (Debian poppler-utils)');
    const dir = mkdtempSync(join(tmpdir(), 'urna-pdf-'));
    try {
      const pdf = await renderTallyRecordPdf(tallyRecordForEntity(acta, '09'));
      writeFileSync(join(dir, 'acta.pdf'), pdf);
      execFileSync(pdftoppm!, ['-r', '30', '-png', join(dir, 'acta.pdf'), join(dir, 'page')]);
      const pngs = readdirSync(dir).filter((f) => f.endsWith('.png'));
      expect(pngs).toHaveLength(pageCount(pdf));
      for (const png of pngs) expect(readFileSync(join(dir, png)).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
