import { ed25519 } from '@noble/curves/ed25519.js';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkArtefactFiles, collectArtefacts } from '../../src/documents/artefact-files';
import { buildTallyRecord } from '../../src/documents/tally-record';
import { renderTallyRecordPdf } from '../../src/documents/pdf/tally-record-pdf';
import { signPreservationManifest, verifySignedManifest, type ArtefactKind } from '../../src/documents/preservation-manifest';
import { PROCESS, tallyRecordInput } from './simulacro-fixtures';

const secretKey = ed25519.utils.randomSecretKey();
const publicKey = ed25519.getPublicKey(secretKey);

function kindOf(name: string): ArtefactKind {
  if (name.startsWith('urna/')) return 'encrypted-ballot-box';
  if (name.startsWith('resultados/')) return 'decrypted-results';
  if (name.startsWith('bitacoras/')) return 'log';
  if (name.startsWith('actas/')) return 'tally-record';
  return 'other';
}

describe('artefact files against a signed manifest', () => {
  let folder: string;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'urna-preservation-'));
    for (const dir of ['urna', 'resultados', 'bitacoras/2024', 'actas']) mkdirSync(join(folder, dir), { recursive: true });
    writeFileSync(join(folder, 'urna/urna-cifrada.jsonl'), Buffer.alloc(300_000, 7)); // spans several read chunks
    writeFileSync(join(folder, 'resultados/resultados.json'), '{"PRES":{"PAN":519}}');
    writeFileSync(join(folder, 'bitacoras/2024/ledger.jsonl'), '{"position":0}\n');
    writeFileSync(join(folder, 'actas/acta-autoridad.pdf'), await renderTallyRecordPdf(buildTallyRecord(tallyRecordInput())));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  async function signedManifest() {
    const artefacts = await collectArtefacts(folder, kindOf);
    return signPreservationManifest(
      { process: PROCESS, electionId: 'simulacro-2024/e1', artefacts, finalCheckpoint: { size: 9, rootHash: 'cm9vdA==', note: 'n' }, signedAt: '2024-06-03T01:10:00-06:00' },
      async (b) => ed25519.sign(b, secretKey),
      publicKey,
    );
  }

  it('hashes every file (nested folders too) with its size', async () => {
    const artefacts = await collectArtefacts(folder, kindOf);
    expect(artefacts.map((a) => a.name)).toEqual(['actas/acta-autoridad.pdf', 'bitacoras/2024/ledger.jsonl', 'resultados/resultados.json', 'urna/urna-cifrada.jsonl']);
    const box = artefacts.find((a) => a.kind === 'encrypted-ballot-box')!;
    expect(box.bytes).toBe(300_000);
    expect(box.sha256).toBe(createHash('sha256').update(Buffer.alloc(300_000, 7)).digest('hex'));
  });

  it('finds the folder intact, listing the manifest file itself as unlisted', async () => {
    const signed = await signedManifest();
    writeFileSync(join(folder, 'manifiesto.json'), JSON.stringify(signed));
    const reread = JSON.parse(readFileSync(join(folder, 'manifiesto.json'), 'utf8'));
    const verified = verifySignedManifest(reread, publicKey);
    expect(verified.ok).toBe(true);
    if (!verified.ok) return;
    expect(await checkArtefactFiles(folder, verified.manifest)).toEqual({ ok: true, mismatches: [], unlisted: ['manifiesto.json'] });
  });

  it('reports a changed byte, a changed size, a missing file and an extra file', async () => {
    const { manifest } = await signedManifest();
    const box = join(folder, 'urna/urna-cifrada.jsonl');
    const bytes = readFileSync(box);
    bytes[123_456] ^= 1; // same size, one bit flipped
    writeFileSync(box, bytes);
    appendFileSync(join(folder, 'resultados/resultados.json'), ' ');
    unlinkSync(join(folder, 'bitacoras/2024/ledger.jsonl'));
    writeFileSync(join(folder, 'actas/extra.pdf'), 'x');
    const check = await checkArtefactFiles(folder, manifest);
    expect(check.ok).toBe(false);
    expect(check.mismatches.map((m) => [m.name, m.problem])).toEqual([
      ['bitacoras/2024/ledger.jsonl', 'missing'],
      ['resultados/resultados.json', 'size'],
      ['urna/urna-cifrada.jsonl', 'hash'],
    ]);
    expect(check.unlisted).toEqual(['actas/extra.pdf']);
  });

  it('never follows a manifest name outside the folder', async () => {
    const outside = { artefacts: [{ name: '../secreto', kind: 'other' as const, sha256: '0'.repeat(64), bytes: 0 }] };
    await expect(checkArtefactFiles(folder, outside)).rejects.toMatchObject({ code: 'INVALID_ARTEFACT_NAME' });
  });
});
