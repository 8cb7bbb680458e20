/**
 * The preservation package (docs/spec/documents.md §5) from a tallied election on a real ledger
 * and log, with sealed voter streams holding personal data: the public part names no voter,
 * the confidential part is sealed to the notary's key only, and `urna verify --package`
 * (P1–P7) passes on it and fails, on the right check, on each tampered copy.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hashFile } from '../../src/documents/artefact-files';
import { canonicalBytes, canonicalDocumentJson } from '../../src/documents/canonical-json';
import { renderTallyRecordPdf } from '../../src/documents/pdf/tally-record-pdf';
import type { SignedPreservationManifest } from '../../src/documents/preservation-manifest';
import { canonicalJson } from '../../src/domain/shared/canonical-json';
import { formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import type { RecordedEvent } from '../../src/ledger/event-store';
import { toBase64 } from '../../src/ledger/merkle/encoding';
import { issueActaAndPreservation, PackageFiles } from '../../src/preservation/acta-and-preservation';
import { generateRecipientKeyPair, openSealedFile, parseRecipientPrivateKey } from '../../src/preservation/sealed-file';
import { verifyPackage } from '../../src/verifier/verify-package';
import { type TestTransparencyLog } from '../support/transparency-log';
import { talliedElection, type TalliedElection } from '../support/tallied-election';

jest.setTimeout(180_000);
const ROOT = resolve(__dirname, '../..');

describe('preservation package: public and confidential parts, urna verify --package', () => {
  let fixture: TalliedElection;
  let tlog: TestTransparencyLog;
  const work = mkdtempSync(join(tmpdir(), 'urna-package-'));
  const good = join(work, 'preservacion');
  const notary = generateRecipientKeyPair();
  const stranger = generateRecipientKeyPair();
  let sealed: RecordedEvent[] = [];
  let vkey: string;
  let copies = 0;

  beforeAll(async () => {
    let opening: Awaited<ReturnType<TestTransparencyLog['checkpoints']['latest']>>;
    fixture = await talliedElection('package', {
      voters: 6,
      // Each voter's sealed stream as the roll import writes it: the person, their credential.
      beforeTally: async (store, election, log) => {
        let k = 0;
        for (const pseudonym of election.choices.keys()) {
          k++;
          await store.append(`voter-${election.electionId}-${pseudonym}`, [
            { type: 'VoterRegistered', version: 1, visibility: 'sealed', metadata: { actor: 'system:roll-import' }, data: {
              electionId: election.electionId, pseudonym, rollVersion: 1, registeredAt: '2024-05-20T10:00:00Z',
              voter: { electorKey: `GMLPRS80010109H${String(k).padStart(3, '0')}`, name: `Persona Votante Número ${k}`, entityOfOrigin: '09', countryOfResidence: 'USA',
                email: `votante.${k}@correo-prueba.example`, mobilePhone: `+1555000${String(k).padStart(4, '0')}`, sex: 'M', birthYear: 1980 },
            } },
            { type: 'CredentialIssued', version: 1, visibility: 'sealed', metadata: { actor: 'system:roll-import' }, data: {
              electionId: election.electionId, pseudonym, at: '2024-05-20T10:00:01Z', username: `usuario-${k}-${pseudonym.slice(0, 6)}`,
              passwordHash: `$scrypt$ln=10,r=8,p=1$c2FsdHNhbHQ${k}$aGFzaGhhc2hoYXNo${k}`, credentialNumber: 1,
            } },
          ], 'any');
        }
        await log.sync();
        opening = await log.checkpoints.latest();
      },
    });
    tlog = fixture.tlog;
    const { store, election, commands } = fixture;
    vkey = formatVerifierKey(tlog.signer.name, tlog.signer.publicKey);
    const openingReport = canonicalDocumentJson({ document: 'urna.opening-report', electionId: election.electionId, openingCheckpoint: { size: opening!.size, rootHash: toBase64(opening!.rootHash), note: opening!.note } });
    const issued = await issueActaAndPreservation({
      store, commands, log: tlog.log, checkpoints: tlog.checkpoints, signer: tlog.signer, electionId: election.electionId,
      dir: good, syncLog: () => tlog.sync(), renderPdf: (record) => renderTallyRecordPdf(record),
      officials: [{ name: 'Notaria de prueba', role: 'Notaria pública' }],
      confidentialRecipient: notary.publicKey, openingReport: { json: openingReport },
      ledgerExportPage: 7, // the ledger's events cross many pages, the last one partial
    });
    copies = issued.manifest.manifest.artefacts.filter((a) => a.name.startsWith('acta/copias/')).length;
    sealed = [];
    for (let from = 0, head = await store.head(); from < head; from += 1000) sealed.push(...(await store.readAll({ from, limit: 1000 })).filter((e) => e.visibility === 'sealed'));
  });
  afterAll(async () => {
    await fixture.dispose();
    rmSync(work, { recursive: true, force: true });
  });

  const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, PackageFiles.manifest), 'utf8')) as SignedPreservationManifest;
  const failed = async (dir: string, options: { vkey?: string; publicOnly?: boolean } = {}) =>
    (await verifyPackage(dir, options)).results.filter((r) => r.status === 'fail').map((r) => r.number);

  /** Everything a sealed event could give away: the salts and every personal field. */
  function secrets(encoded = true): string[] {
    const out: string[] = [];
    for (const e of sealed) {
      out.push(e.salt!);
      if (encoded) out.push(toBase64(Buffer.from(e.salt!, 'hex')));
      const d = e.data as { voter?: Record<string, unknown>; username?: string; passwordHash?: string };
      if (d.voter) out.push(String(d.voter.electorKey), String(d.voter.email), String(d.voter.mobilePhone), String(d.voter.name));
      if (d.username) out.push(d.username);
      if (d.passwordHash) out.push(d.passwordHash);
    }
    return out;
  }

  /** A copy of the good package with `edit` applied. */
  function tampered(name: string, edit: (dir: string) => void): string {
    const dir = join(work, name);
    cpSync(good, dir, { recursive: true });
    edit(dir);
    return dir;
  }

  /** Re-signs `dir`'s manifest after `change`, with the log key or another. */
  async function resign(dir: string, change: (m: SignedPreservationManifest['manifest']) => void, secretKey?: Uint8Array): Promise<void> {
    const signed = readManifest(dir);
    change(signed.manifest);
    let signature: Uint8Array;
    if (secretKey) {
      signed.manifest.signer.publicKey = Buffer.from(ed25519.getPublicKey(secretKey)).toString('hex');
      signature = ed25519.sign(canonicalBytes(signed.manifest), secretKey);
    } else {
      signature = await tlog.signer.sign(canonicalBytes(signed.manifest));
    }
    signed.signature = Buffer.from(signature).toString('hex');
    writeFileSync(join(dir, PackageFiles.manifest), `${canonicalDocumentJson(signed)}\n`);
  }

  it('passes every package check (P1–P7), with --vkey and as a separate process', async () => {
    expect(sealed.length).toBeGreaterThanOrEqual(12);
    const verification = await verifyPackage(good, { vkey });
    expect(verification.results.map((r) => [r.number, r.status])).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'].map((p) => [p, 'pass']));
    expect(copies).toBeGreaterThanOrEqual(2);
    const cli = spawnSync(process.execPath, ['-r', 'urna-ts-register', join(ROOT, 'src/verifier/urna-verify.ts'), '--package', good, '--vkey', vkey], { cwd: ROOT, encoding: 'utf8' });
    expect([cli.status, cli.stdout]).toEqual([0, expect.stringContaining('VERIFICADO')]);
  });

  it('lists which file is which: public, or confidential sealed to the notary with the hash over the ciphertext', async () => {
    const { manifest } = readManifest(good);
    expect(manifest.formatVersion).toBe(2);
    const confidential = manifest.artefacts.filter((a) => a.access === 'confidential');
    expect(confidential.map((a) => [a.name, a.kind])).toEqual([[PackageFiles.ledgerExport, 'ledger-export']]);
    expect(confidential[0].encryption).toEqual({
      format: 'urna.sealed/1', hashOf: 'ciphertext',
      recipient: { algorithm: 'X25519', publicKey: Buffer.from(notary.publicKey).toString('hex'), fingerprint: createHash('sha256').update(notary.publicKey).digest('hex') },
    });
    expect(await hashFile(join(good, PackageFiles.ledgerExport))).toEqual({ sha256: confidential[0].sha256, bytes: confidential[0].bytes });
    const names = manifest.artefacts.map((a) => a.name);
    expect(names).toEqual(expect.arrayContaining([PackageFiles.acta, PackageFiles.openingReport, 'election-record/record.json', PackageFiles.recordTar]));
    expect(manifest.artefacts.filter((a) => a.access === 'public').length).toBe(manifest.artefacts.length - 1);
    expect(existsSync(join(good, 'ledger'))).toBe(false); // no clear export where it used to be
  });

  it('holds no sealed event data in any public file (salts, elector keys, e-mails, phones, names, credentials)', async () => {
    const needles = secrets();
    expect(needles.length).toBeGreaterThan(sealed.length * 2);
    const { manifest } = readManifest(good);
    const publicFiles = [PackageFiles.manifest, ...manifest.artefacts.filter((a) => a.access === 'public').map((a) => a.name)];
    for (const name of publicFiles) {
      const text = readFileSync(join(good, name)).toString('latin1') + readFileSync(join(good, name)).toString('utf8');
      for (const needle of needles) expect([name, text.includes(needle) ? needle : 'absent']).toEqual([name, 'absent']);
    }
    // The confidential file does not show them either; decrypted, it holds them all (so the search works).
    const ciphertext = readFileSync(join(good, PackageFiles.ledgerExport)).toString('latin1');
    for (const needle of needles) expect(ciphertext.includes(needle)).toBe(false);
    const clear = (await openSealedFile(join(good, PackageFiles.ledgerExport), parseRecipientPrivateKey(notary.privateKeyPem))).toString('utf8');
    for (const needle of secrets(false)) expect([needle, clear.includes(needle)]).toEqual([needle, true]);
  });

  it('keeps the confidential file unreadable on disk and opens it with the notary key only', async () => {
    const path = join(good, PackageFiles.ledgerExport);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 8).toString('ascii')).toBe('URNASEAL');
    expect(() => JSON.parse(bytes.toString('utf8'))).toThrow();
    // No line of the file is a recorded event (an object): random ciphertext may hold a line such as "7", which is JSON but no event.
    const parsesAsObject = (line: string): boolean => { try { const v: unknown = JSON.parse(line); return typeof v === 'object' && v !== null; } catch { return false; } };
    expect(bytes.toString('utf8').split('\n').some(parsesAsObject)).toBe(false);
    const clear = (await openSealedFile(path, parseRecipientPrivateKey(notary.privateKeyPem))).toString('utf8');
    const lines = clear.split('\n').slice(0, -1).map((l) => JSON.parse(l) as RecordedEvent);
    expect(lines.filter((e) => e.visibility === 'sealed').map((e) => canonicalJson(e))).toEqual(expect.arrayContaining(sealed.map((e) => canonicalJson(e)).slice(0, 3)));
    expect(lines.length).toBeGreaterThan(sealed.length);
    // Every event of the ledger, once and in order, whatever the pages it was read in.
    const ledger = await fixture.store.readAll();
    expect(lines.length % 7).not.toBe(0);
    expect(clear).toBe(ledger.slice(0, lines.length).map((e) => `${canonicalJson(e)}\n`).join(''));
    expect(ledger.slice(lines.length).map((e) => e.type)).toEqual(['PreservationManifestIssued']); // recorded after the export
    await expect(openSealedFile(path, parseRecipientPrivateKey(stranger.privateKeyPem))).rejects.toMatchObject({ code: 'WRONG_RECIPIENT' });
    // `urna preservation-open` for the holder.
    const out = join(work, 'ledger-events.jsonl');
    const keyFile = join(work, 'notary.key');
    writeFileSync(keyFile, notary.privateKeyPem, { mode: 0o600 });
    const cli = spawnSync(process.execPath, ['-r', 'urna-ts-register', join(ROOT, 'src/cli/urna.ts'), 'preservation-open', path, '--key', keyFile, '--out', out], { cwd: ROOT, encoding: 'utf8' });
    expect([cli.status, cli.stderr]).toEqual([0, '']);
    expect(readFileSync(out, 'utf8')).toBe(clear);
  });

  it('fails P4 and P7 on an edited acta copy', async () => {
    const dir = tampered('copy', (d) => {
      const path = join(d, 'acta/copias/acta-autoridad.json');
      const text = readFileSync(path, 'utf8');
      const edited = text.replace(/"votes":(\d)/, (_, v: string) => `"votes":${(Number(v) + 1) % 10}`);
      expect(edited).not.toBe(text);
      writeFileSync(path, edited);
    });
    expect(await failed(dir, { vkey })).toEqual(['P4', 'P7']);
  });

  it('fails P3 on an artefact hash changed in the manifest', async () => {
    const dir = tampered('hash', (d) => {
      const signed = readManifest(d);
      signed.manifest.artefacts[0].sha256 = 'f'.repeat(64);
      writeFileSync(join(d, PackageFiles.manifest), `${canonicalDocumentJson(signed)}\n`);
    });
    expect(await failed(dir, { vkey })).toEqual(['P3', 'P4']);
  });

  it('fails P2 on a manifest signed by a foreign key, with --vkey and without it', async () => {
    const foreign = ed25519.utils.randomSecretKey();
    const dir = tampered('foreign', () => undefined);
    await resign(dir, () => undefined, foreign);
    expect(await failed(dir, { vkey })).toEqual(['P2']);
    expect(await failed(dir)).toEqual(['P2']);
  });

  it('fails P4 on a missing file and P5 on an extra file', async () => {
    expect(await failed(tampered('missing', (d) => unlinkSync(join(d, 'election-record/ballot-box.jsonl'))), { vkey })).toEqual(['P4']);
    expect(await failed(tampered('extra', (d) => writeFileSync(join(d, 'acta/nota.txt'), 'añadido después\n')), { vkey })).toEqual(['P5']);
  });

  it('checks the public part alone with --public-only, and refuses the confidential file missing without it', async () => {
    const dir = tampered('public-only', (d) => rmSync(join(d, 'confidencial'), { recursive: true }));
    expect(await failed(dir, { vkey })).toEqual(['P4']);
    expect(await failed(dir, { vkey, publicOnly: true })).toEqual([]);
  });

  it('fails P6 on a confidential file sealed to another key, even under a manifest re-signed with the log key', async () => {
    const dir = tampered('other-recipient', (d) => {
      const path = join(d, PackageFiles.ledgerExport);
      const bytes = readFileSync(path);
      Buffer.from(stranger.publicKey).copy(bytes, 9);
      writeFileSync(path, bytes);
    });
    const { sha256, bytes } = await hashFile(join(dir, PackageFiles.ledgerExport));
    await resign(dir, (m) => Object.assign(m.artefacts.find((a) => a.name === PackageFiles.ledgerExport)!, { sha256, bytes }));
    expect(await failed(dir, { vkey })).toEqual(['P6']);
  });

  it('fails P1 on a ledger export listed as public, even re-signed with the log key', async () => {
    const dir = tampered('clear-export', () => undefined);
    await resign(dir, (m) => {
      const a = m.artefacts.find((x) => x.name === PackageFiles.ledgerExport)!;
      a.access = 'public';
      delete a.encryption;
    });
    expect((await failed(dir, { vkey }))[0]).toBe('P1');
  });
});
