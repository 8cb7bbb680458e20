/**
 * The election record end to end: a closed election on a real ledger and log, tallied with
 * SoftHSM tokens, exported, then checked by the verifier — and one copy each with a tampered
 * ballot, proof, result, log entry and checkpoint, each of which must fail and name its check.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { renderTallyRecordPdf } from '../../src/documents/pdf/tally-record-pdf';
import { checkArtefactFiles } from '../../src/documents/artefact-files';
import { verifySignedManifest } from '../../src/documents/preservation-manifest';
import { issueActaAndPreservation } from '../../src/preservation/acta-and-preservation';
import { generateRecipientKeyPair } from '../../src/preservation/sealed-file';
import { RecordFiles } from '../../src/record/record-format';
import { readRecordFolder } from '../../src/verifier/record-input';
import { verifyRecord } from '../../src/verifier/verify-record';
import { talliedElection, type TalliedElection } from '../support/tallied-election';

jest.setTimeout(180_000);

const ROOT = resolve(__dirname, '../..');

describe('election record and urna verify', () => {
  let fixture: TalliedElection;
  let store: PostgresEventStore;
  const work = mkdtempSync(join(tmpdir(), 'urna-record-'));
  const preservationDir = join(work, 'preservation');
  const good = join(preservationDir, 'election-record');
  let preservation: Awaited<ReturnType<typeof issueActaAndPreservation>>;

  beforeAll(async () => {
    // Two voters audit a ballot first: V18 opens their spoiled ballots, in this thread and in workers.
    fixture = await talliedElection('record', { voters: 8, spoiled: 2, quoteClosingCheckpoint: true });
    const { tlog, election, commands } = fixture;
    store = fixture.store;
    preservation = await issueActaAndPreservation({
      store, commands, log: tlog.log, checkpoints: tlog.checkpoints, signer: tlog.signer, electionId: election.electionId,
      dir: preservationDir, syncLog: () => tlog.sync(), renderPdf: (record) => renderTallyRecordPdf(record),
      officials: [{ name: 'Notaria de prueba', role: 'Notaria pública' }],
      confidentialRecipient: generateRecipientKeyPair().publicKey,
    });
  });
  afterAll(async () => {
    await fixture.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  const failed = (dir: string) => verifyRecord(readRecordFolder(dir)).results.filter((r) => r.status === 'fail').map((r) => r.id);

  /** A copy of the good record with one file changed by `edit`. */
  function tampered(name: string, file: string, edit: (text: string) => string): string {
    const dir = join(work, name);
    cpSync(good, dir, { recursive: true });
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before);
    writeFileSync(path, after);
    return dir;
  }

  /** Replaces the first 64-hex value found after `marker` in the text with another valid-looking one. */
  const flipHexAfter = (text: string, marker: string) => {
    const at = text.indexOf(marker);
    expect(at).toBeGreaterThanOrEqual(0);
    const m = /[0-9a-f]{64}/.exec(text.slice(at));
    const start = at + m!.index;
    const old = m![0];
    const replacement = (old[0] === 'a' ? 'b' : 'a') + old.slice(1);
    return text.slice(0, start) + replacement + text.slice(start + 64);
  };

  it('exports one folder and a .tar with everything the spec lists, and it verifies', () => {
    for (const name of [RecordFiles.index, RecordFiles.manifest, RecordFiles.logEntries, RecordFiles.logCheckpoints, RecordFiles.logKey, RecordFiles.roll, RecordFiles.transcript, RecordFiles.ballotBox, RecordFiles.results]) {
      expect([name, existsSync(join(good, name))]).toEqual([name, true]);
    }
    expect(statSync(`${good}.tar`).size % 512).toBe(0);
    const verification = verifyRecord(readRecordFolder(good));
    expect(verification.results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(verification.results.map((r) => r.id)).toEqual(expect.arrayContaining([
      'log.checkpoint-signatures', 'log.leaf-hashes', 'log.roots', 'manifest.hash', 'ceremony.transcript', 'roll.commitment',
      'ballot-box.hash', 'ballots.proofs', 'ballots.eligibility', 'tally.aggregates', 'tally.partial-decryptions', 'tally.results', 'ballots.spoiled',
    ]));
    expect(verification.results.find((r) => r.id === 'ballots.spoiled')?.summary).toBe('2 spoiled ballots, checked against 8 cast ballots');
  });

  it('issues the acta and a signed preservation manifest whose hashes match the files', async () => {
    const signed = JSON.parse(readFileSync(preservation.manifestPath, 'utf8'));
    expect(verifySignedManifest(signed, fixture.tlog.signer.publicKey)).toMatchObject({ ok: true });
    expect(await checkArtefactFiles(preservationDir, signed.manifest)).toMatchObject({ ok: true });
    const kinds = new Set(signed.manifest.artefacts.map((a: { kind: string }) => a.kind));
    for (const k of ['encrypted-ballot-box', 'decrypted-results', 'log', 'ledger-export', 'tally-record', 'record-export']) expect([k, kinds.has(k)]).toEqual([k, true]);
    // Numeral 38: the authority's and representatives' full copies and one per OPL, each in the manifest.
    const names = signed.manifest.artefacts.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['acta/copias/acta-autoridad.json', 'acta/copias/acta-representantes.json']));
    expect(names.some((n: string) => /^acta\/copias\/acta-opl-\d\d\.json$/.test(n))).toBe(true);
    const verification = verifyRecord(readRecordFolder(good));
    expect(verification.results.find((r) => r.id === 'acta.results')?.status).toBe('pass');
    const types = (await store.readStream(`tally-${preservation.acta.electionId}`)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['ActaIssued', 'PreservationManifestIssued']);
  });

  it('rejects a tampered ballot (a ciphertext changed in the ballot box)', () => {
    const dir = tampered('bad-ballot', RecordFiles.ballotBox, (t) => flipHexAfter(t, '"beta":"'));
    expect(failed(dir)).toEqual(expect.arrayContaining(['ballot-box.hash', 'ballots.proofs']));
  });

  it('rejects a tampered proof (a partial decryption proof in the results)', () => {
    const dir = tampered('bad-proof', RecordFiles.results, (t) => flipHexAfter(t, '"response":"'));
    expect(failed(dir)).toEqual(['tally.results']);
  });

  it('rejects an acta whose counts differ from the results', () => {
    const dir = tampered('bad-acta', RecordFiles.acta, (t) => t.replace(/"votes":(\d+)/, (_, n) => `"votes":${Number(n) + 1}`));
    expect(failed(dir)).toEqual(['acta.results']);
  });

  it('rejects a tampered result (one count changed)', () => {
    const dir = tampered('bad-result', RecordFiles.results, (t) => t.replace(/"count":(\d+)/, (_, n) => `"count":${Number(n) + 1}`));
    expect(failed(dir)).toEqual(['tally.results']);
  });

  it('rejects a tampered event (a log entry changed, still canonical JSON)', () => {
    const dir = tampered('bad-event', RecordFiles.logEntries, (t) => t.replace(/"counts":\[\{"count":(\d+)/, (_, n) => `"counts":[{"count":${Number(n) + 1}`));
    expect(failed(dir)).toEqual(expect.arrayContaining(['log.roots']));
  });

  it('rejects a tampered checkpoint (root changed under the signature)', () => {
    const dir = tampered('bad-checkpoint', RecordFiles.logCheckpoints, (t) => {
      const lines = t.trimEnd().split('\n');
      const last = JSON.parse(lines[lines.length - 1]) as { size: number; note: string };
      const parts = last.note.split('\n');
      parts[2] = Buffer.alloc(32, 7).toString('base64');
      lines[lines.length - 1] = JSON.stringify({ note: parts.join('\n'), size: last.size });
      return `${lines.join('\n')}\n`;
    });
    expect(failed(dir)).toEqual(expect.arrayContaining(['log.checkpoint-signatures']));
  });

  it('the urna-verify command prints the summary and exits 0 on the good record, 1 on a tampered one (@noble/curves)', () => {
    const run = (dir: string) => spawnSync(process.execPath, ['-r', 'urna-ts-register', 'src/verifier/urna-verify.ts', dir, '--group', 'noble'], { cwd: ROOT, encoding: 'utf8' });
    const ok = run(good);
    expect(ok.stdout).toContain('VERIFICADO');
    expect(ok.status).toBe(0);
    const bad = run(join(work, 'bad-result'));
    expect(bad.stdout).toMatch(/FALLA\s+V16\s+tally\.results/);
    expect(bad.status).toBe(1);
  });

  it.each(['libsodium-wasm', 'libsodium-native', 'decaf-native'])('verifies with %s doing the group arithmetic, in this thread and in workers, with the same verdicts', (backend) => {
    const run = (dir: string, workers: string) => spawnSync(process.execPath, ['-r', 'urna-ts-register', 'src/verifier/urna-verify.ts', dir, '--group', backend, '--json'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, URNA_WORKERS: workers },
    });
    for (const workers of ['1', '2']) {
      const ok = run(good, workers);
      const library = backend === 'decaf-native' ? /libdecaf/ : /libsodium/;
      expect(ok.stderr).toMatch(library);
      expect(ok.status).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, group: expect.stringMatching(library) });
      expect(JSON.parse(ok.stdout).checks.find((c: { id: string }) => c.id === 'ballots.spoiled')).toMatchObject({ number: 'V18', status: 'pass' });
      const bad = run(join(work, 'bad-result'), workers);
      expect(bad.status).toBe(1);
      expect(JSON.parse(bad.stdout).checks.filter((c: { status: string }) => c.status === 'fail').map((c: { id: string }) => c.id)).toContain('tally.results');
    }
    const usage = spawnSync(process.execPath, ['-r', 'urna-ts-register', 'src/verifier/urna-verify.ts', good, '--group', 'openssl'], { cwd: ROOT, encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/auto or one of noble, libsodium-wasm, libsodium-native/);
  });
});
