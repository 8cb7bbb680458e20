/**
 * Official documents benchmark: building, hashing and printing the simulacro's opening report
 * and acta (44 contests), and hashing a preservation folder.
 *   node -r urna-ts-register bench/documents.bench.ts   → bench/results/documents.json
 * RUNS (default 7) repetitions; medians reported with the raw runs (shared VMs are noisy).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectArtefacts } from '../src/documents/artefact-files';
import { renderCanonical } from '../src/documents/canonical-json';
import { deliverableCopies } from '../src/documents/deliverable-copies';
import { buildOpeningReport } from '../src/documents/opening-report';
import { renderOpeningReportPdf } from '../src/documents/pdf/opening-report-pdf';
import { renderTallyRecordPdf } from '../src/documents/pdf/tally-record-pdf';
import { buildTallyRecord } from '../src/documents/tally-record';
import { openingReportInput, tallyRecordInput } from '../test/documents/simulacro-fixtures';
import { loadAverage, runRecord } from './bench-record';

/** The machine's load when this run started (the result file records it beside the end's). */
const LOAD_AT_START = loadAverage();

const RUNS = Number(process.env.RUNS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x: number) => Number(x.toFixed(1));

async function timeRuns(f: () => unknown): Promise<number[]> {
  await f(); // warm-up (JIT, font metrics)
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await f();
    out.push(round(performance.now() - t));
  }
  return out;
}

(async () => {
  const acta = buildTallyRecord(tallyRecordInput());
  const opening = buildOpeningReport(openingReportInput());
  const build = await timeRuns(() => buildTallyRecord(tallyRecordInput()));
  const hash = await timeRuns(() => renderCanonical(acta));
  const actaPdf = await timeRuns(() => renderTallyRecordPdf(acta));
  const openingPdf = await timeRuns(() => renderOpeningReportPdf(opening));
  const copies = await timeRuns(async () => {
    for (const c of deliverableCopies(acta)) await renderTallyRecordPdf(c.record);
  });
  const actaBytes = (await renderTallyRecordPdf(acta)).length;
  const actaPages = ((await renderTallyRecordPdf(acta, { compress: false })).toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

  // Hashing a preservation folder: one 64 MiB file plus the actas.
  const dir = mkdtempSync(join(tmpdir(), 'urna-bench-docs-'));
  mkdirSync(join(dir, 'urna'));
  writeFileSync(join(dir, 'urna', 'urna-cifrada.bin'), Buffer.alloc(64 * 1024 * 1024, 1));
  const folderHash = await timeRuns(() => collectArtefacts(dir, () => 'other'));
  rmSync(dir, { recursive: true, force: true });

  const result = {
    ...runRecord(LOAD_AT_START, 'the acta, opening report and copies as PDF (src/documents), one thread'),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
    runs: RUNS,
    acta_contests: acta.contests.length,
    acta_pages: actaPages,
    acta_pdf_bytes: actaBytes,
    acta_build_ms_p50: median(build),
    acta_canonical_hash_ms_p50: median(hash),
    acta_pdf_ms_p50: median(actaPdf),
    opening_report_pdf_ms_p50: median(openingPdf),
    all_copies_pdf_ms_p50: median(copies),
    folder_hash_64MiB_ms_p50: median(folderHash),
    raw: { build, hash, actaPdf, openingPdf, copies, folderHash },
  };
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'documents.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
})();
