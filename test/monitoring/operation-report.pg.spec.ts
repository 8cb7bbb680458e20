/**
 * The operation report (numeral 28) on a tallied election: the daily report is produced, signed
 * with the log's key, recorded by its hashes in the ledger, and listed in the preservation
 * manifest with the same hash; a second daily report for the same day is refused and leaves no
 * file; `urna verify --package` still passes.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PackageFiles, issueActaAndPreservation } from '../../src/preservation/acta-and-preservation';
import { generateRecipientKeyPair } from '../../src/preservation/sealed-file';
import { operationReportSignatureValid, type SignedOperationReport } from '../../src/documents/operation-report';
import type { SignedPreservationManifest } from '../../src/documents/preservation-manifest';
import { reportsStream } from '../../src/domain/monitoring/events';
import { produceOperationReport } from '../../src/monitoring/operation-reports';
import { verifyPackage } from '../../src/verifier/verify-package';
import { talliedElection, type TalliedElection } from '../support/tallied-election';

jest.setTimeout(180_000);

describe('operation reports in the preservation package', () => {
  let fixture: TalliedElection;
  const work = mkdtempSync(join(tmpdir(), 'urna-opreport-'));
  const reportsDir = join(work, 'documents', 'informes-operacion');
  const packageDir = join(work, 'preservacion');

  beforeAll(async () => {
    fixture = await talliedElection('opreport', { voters: 4 });
  });
  afterAll(async () => {
    await fixture.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('produces the daily report, records its hashes, and the manifest lists it with the same hash', async () => {
    const { store, commands, tlog, election } = fixture;
    const ports = {
      store, commands, checkpoints: tlog.checkpoints, signer: tlog.signer, electionId: election.electionId, outDir: reportsDir, snapshots: [], issuedBy: 'operator',
    };
    const produced = await produceOperationReport(ports, 'daily');
    const signed = JSON.parse(readFileSync(produced.jsonPath, 'utf8')) as SignedOperationReport;
    expect(operationReportSignatureValid(signed, tlog.signer.publicKey)).toBe(true);
    expect(operationReportSignatureValid({ ...signed, report: { ...signed.report, turnout: { ...signed.report.turnout, total: 999 } } })).toBe(false);
    expect(signed.report.turnout.total).toBe(election.choices.size);
    expect(signed.report.log.growth).toBeGreaterThan(0);
    expect(signed.report.checkpoints.signedInPeriod).toBeGreaterThan(0);
    const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
    expect(produced.jsonSha256).toBe(sha(produced.jsonPath));
    const issued = (await store.readStream(reportsStream(election.electionId))).map((e) => e.data as { jsonSha256: string; pdfSha256: string });
    expect(issued).toEqual([expect.objectContaining({ jsonSha256: produced.jsonSha256, pdfSha256: produced.pdfSha256 })]);

    // The same day again is refused, and no second file is written.
    await expect(produceOperationReport(ports, 'daily')).rejects.toMatchObject({ code: 'REPORT_EXISTS' });
    expect(readdirSync(reportsDir).sort()).toEqual([produced.jsonPath, produced.pdfPath].map((p) => p.slice(reportsDir.length + 1)).sort());

    const notary = generateRecipientKeyPair();
    await issueActaAndPreservation({
      store, commands, log: tlog.log, checkpoints: tlog.checkpoints, signer: tlog.signer, electionId: election.electionId,
      dir: packageDir, syncLog: () => tlog.sync(), confidentialRecipient: notary.publicKey, operationReportsDir: reportsDir,
    });
    const manifest = JSON.parse(readFileSync(join(packageDir, PackageFiles.manifest), 'utf8')) as SignedPreservationManifest;
    const listed = manifest.manifest.artefacts.filter((a) => a.kind === 'operation-report');
    const jsonName = `informes-operacion/${produced.jsonPath.slice(reportsDir.length + 1)}`;
    expect(listed.map((a) => a.name).sort()).toEqual([jsonName, jsonName.replace(/\.json$/, '.pdf')].sort());
    expect(listed.find((a) => a.name === jsonName)).toMatchObject({ sha256: produced.jsonSha256, access: 'public' });
    const failed = (await verifyPackage(packageDir, {})).results.filter((r) => r.status === 'fail').map((r) => r.number);
    expect(failed).toEqual([]);
  });
});
