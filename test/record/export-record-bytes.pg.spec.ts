/**
 * The streaming record exporter (files written as produced, the .tar streamed from disk) gives
 * the same folder and the same .tar bytes as the previous in-memory exporter, kept as the oracle
 * in reference-export-record.ts, on a small tallied election with spoiled ballots.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportRecord } from '../../src/record/export-record';
import { talliedElection, type TalliedElection } from '../support/tallied-election';
import { referenceExportRecord } from './reference-export-record';

jest.setTimeout(180_000);

/** Every file under `dir`, relative names, sorted. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(join(dir, rel)).isDirectory() ? tree(dir, rel) : [rel];
  }).sort();
}

describe('exportRecord streams to disk', () => {
  let fixture: TalliedElection;
  const work = mkdtempSync(join(tmpdir(), 'urna-record-bytes-'));
  beforeAll(async () => {
    fixture = await talliedElection('recbytes', { voters: 9, spoiled: 2, quoteClosingCheckpoint: true });
  });
  afterAll(async () => {
    await fixture.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  it('writes the same files and the same .tar bytes as the in-memory exporter', async () => {
    const { store, tlog, election } = fixture;
    const input = {
      store, log: tlog.log, checkpoints: tlog.checkpoints, logPublicKey: tlog.signer.publicKey, electionId: election.electionId,
      actaJson: '{"acta":"ñ"}\n', openingReportJson: '{"opening":1}', preservationManifestJson: '{"m":2}\n', now: '2026-12-04T00:00:00.000Z',
    };
    const steps = new Set<string>();
    // Pages of 7: many log and ledger pages, most boundaries inside a voter's events.
    const streamed = await exportRecord({ ...input, outDir: join(work, 'new', 'election-record'), readPage: 7, onProgress: (step) => steps.add(step) });
    const reference = await referenceExportRecord({ ...input, outDir: join(work, 'old', 'election-record') });
    expect(streamed.files).toEqual(reference.files);
    expect(tree(streamed.dir)).toEqual(tree(reference.dir));
    for (const name of tree(reference.dir)) {
      expect([name, readFileSync(join(streamed.dir, name)).equals(readFileSync(join(reference.dir, name)))]).toEqual([name, true]);
    }
    const tar = readFileSync(streamed.tar!);
    expect(tar.length).toBeGreaterThan(10_000);
    expect(tar.equals(readFileSync(reference.tar!))).toBe(true);
    expect(readFileSync(join(streamed.dir, 'ballot-box.jsonl'), 'utf8').split('\n').length).toBe(9 + 1);
    expect([...steps]).toEqual(['log', 'ballot-box']);
    // The box's spill file went beside the record and is gone.
    expect(readdirSync(join(work, 'new')).sort()).toEqual(['election-record', 'election-record.tar']);
    // The default pages give the same .tar.
    const defaults = await exportRecord({ ...input, outDir: join(work, 'default', 'election-record') });
    expect(readFileSync(defaults.tar!).equals(tar)).toBe(true);
  });
});
