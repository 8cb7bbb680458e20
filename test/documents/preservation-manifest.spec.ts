import { ed25519 } from '@noble/curves/ed25519.js';
import { canonicalBytes, sha256Hex } from '../../src/documents/canonical-json';
import { DocumentError } from '../../src/documents/document-types';
import {
  manifestHash,
  sealedEncryption,
  signPreservationManifest,
  verifySignedManifest,
  type PreservationManifestInput,
  type SignedPreservationManifest,
} from '../../src/documents/preservation-manifest';
import { PROCESS } from './simulacro-fixtures';

const secretKey = ed25519.utils.randomSecretKey();
const publicKey = ed25519.getPublicKey(secretKey);
const sign = async (bytes: Uint8Array) => ed25519.sign(bytes, secretKey);

function input(): PreservationManifestInput {
  const h = (c: string) => c.repeat(64);
  return {
    process: PROCESS,
    electionId: 'simulacro-2024/e1',
    artefacts: [
      { name: 'urna/urna-cifrada.jsonl', kind: 'encrypted-ballot-box', sha256: h('1'), bytes: 1_048_576 },
      { name: 'bitacoras/ledger.jsonl', kind: 'log', sha256: h('2'), bytes: 52_000_000 },
      { name: 'resultados/resultados-descifrados.json', kind: 'decrypted-results', sha256: h('3'), bytes: 40_211 },
      { name: 'actas/acta-autoridad.pdf', kind: 'tally-record', sha256: h('4'), bytes: 150_000 },
    ],
    finalCheckpoint: { size: 104_250, rootHash: 'cm9vdA==', note: 'urna.example/simulacro-2024\n104250\ncm9vdA==\n\n— urna.example/simulacro-2024 c2ln\n' },
    signedAt: '2024-06-03T01:10:00-06:00',
  };
}

/** A deep copy as a file would give it back. */
function reread(signed: SignedPreservationManifest): SignedPreservationManifest {
  return JSON.parse(JSON.stringify(signed)) as SignedPreservationManifest;
}

describe('preservation manifest (numerals 39–41)', () => {
  it('signs the canonical bytes and verifies after a trip through a file', async () => {
    const signed = await signPreservationManifest(input(), sign, publicKey);
    expect(signed.manifest.artefacts.map((a) => a.name)).toEqual([
      'actas/acta-autoridad.pdf',
      'bitacoras/ledger.jsonl',
      'resultados/resultados-descifrados.json',
      'urna/urna-cifrada.jsonl',
    ]);
    // Independent check of what was signed: noble over our canonical bytes.
    expect(ed25519.verify(Buffer.from(signed.signature, 'hex'), canonicalBytes(signed.manifest), publicKey)).toBe(true);
    const result = verifySignedManifest(reread(signed), publicKey);
    expect(result).toEqual({ ok: true, manifestHash: sha256Hex(canonicalBytes(signed.manifest)), manifest: signed.manifest });
    expect(manifestHash(signed.manifest)).toBe(result.ok && result.manifestHash);
  });

  it.each<[string, (s: SignedPreservationManifest) => void]>([
    ['an artefact hash', (s) => (s.manifest.artefacts[0].sha256 = '5'.repeat(64))],
    ['an artefact size', (s) => (s.manifest.artefacts[1].bytes += 1)],
    ['the signing time', (s) => (s.manifest.signedAt = '2024-06-03T01:11:00-06:00')],
    ['the final checkpoint', (s) => (s.manifest.finalCheckpoint.size = 1)],
    ['an added field', (s) => ((s.manifest as unknown as Record<string, unknown>).note = 'added later')],
    ['the signature', (s) => (s.signature = (s.signature[0] === '0' ? '1' : '0') + s.signature.slice(1))],
  ])('detects a change to %s', async (_, tamper) => {
    const signed = reread(await signPreservationManifest(input(), sign, publicKey));
    tamper(signed);
    const result = verifySignedManifest(signed, publicKey);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.code).toBe('BAD_SIGNATURE');
  });

  it('detects a manifest re-signed by another key', async () => {
    const other = ed25519.utils.randomSecretKey();
    const forged = await signPreservationManifest(input(), async (b) => ed25519.sign(b, other), ed25519.getPublicKey(other));
    expect(verifySignedManifest(forged).ok).toBe(true); // valid on its own…
    const result = verifySignedManifest(forged, publicKey); // …but not by the key the notary knows
    expect(!result.ok && result.code).toBe('WRONG_SIGNER');
  });

  it('refuses to sign with a signer that holds another key', async () => {
    const other = ed25519.utils.randomSecretKey();
    await expect(signPreservationManifest(input(), async (b) => ed25519.sign(b, other), publicKey)).rejects.toMatchObject({ code: 'SIGNER_KEY_MISMATCH' });
  });

  it('requires the encrypted ballot box, the decrypted results and the logs', async () => {
    const without = { ...input(), artefacts: input().artefacts.filter((a) => a.kind !== 'encrypted-ballot-box') };
    await expect(signPreservationManifest(without, sign, publicKey)).rejects.toMatchObject({ code: 'MISSING_ARTEFACTS' });
  });

  it.each(['../etc/passwd', '/abs/file', 'a//b', 'a/./b', 'a\\b', ''])('refuses the artefact name %p', async (name) => {
    const bad = { ...input(), artefacts: [...input().artefacts, { name, kind: 'other' as const, sha256: '6'.repeat(64), bytes: 1 }] };
    await expect(signPreservationManifest(bad, sign, publicKey)).rejects.toBeInstanceOf(DocumentError);
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['no manifest', { signature: '0'.repeat(128) }],
    ['a short signature', { manifest: {}, signature: 'abcd' }],
    ['another document', { manifest: { document: 'urna.tally-record', formatVersion: 1 }, signature: '0'.repeat(128) }],
  ])('reports a malformed file: %s', (_, value) => {
    const result = verifySignedManifest(value);
    expect(!result.ok && result.code).toBe('MALFORMED');
  });

  it('reports unsorted artefacts and missing fields as malformed, not as a crash', async () => {
    const signed = reread(await signPreservationManifest(input(), sign, publicKey));
    const swapped = reread(signed);
    swapped.manifest.artefacts.reverse();
    expect(verifySignedManifest(swapped)).toMatchObject({ ok: false, code: 'MALFORMED' });
    const noCheckpoint = reread(signed) as unknown as { manifest: Record<string, unknown> };
    delete noCheckpoint.manifest.finalCheckpoint;
    expect(verifySignedManifest(noCheckpoint)).toMatchObject({ ok: false, code: 'MALFORMED' });
  });

  describe('public and confidential parts (format 2)', () => {
    const recipient = new Uint8Array(32).fill(7);
    const confidential = () => ({
      ...input(),
      artefacts: [...input().artefacts, { name: 'confidencial/ledger-events.jsonl.urna-sealed', kind: 'ledger-export' as const, access: 'confidential' as const, encryption: sealedEncryption(recipient), sha256: '9'.repeat(64), bytes: 89 }],
    });

    it('marks every artefact public unless it says otherwise, and names the confidential one\'s recipient and fingerprint', async () => {
      const signed = await signPreservationManifest(confidential(), sign, publicKey);
      expect(signed.manifest.formatVersion).toBe(2);
      expect(signed.manifest.artefacts.map((a) => a.access)).toEqual(['public', 'public', 'confidential', 'public', 'public']);
      expect(signed.manifest.artefacts[2].encryption).toEqual({
        format: 'urna.sealed/1', hashOf: 'ciphertext',
        recipient: { algorithm: 'X25519', publicKey: '07'.repeat(32), fingerprint: sha256Hex(recipient) },
      });
      expect(verifySignedManifest(reread(signed), publicKey)).toMatchObject({ ok: true });
    });

    it('refuses a ledger export in clear, a confidential artefact without encryption, and a public one with it', async () => {
      const inClear = { ...input(), artefacts: [...input().artefacts, { name: 'ledger/events.jsonl', kind: 'ledger-export' as const, sha256: '9'.repeat(64), bytes: 9 }] };
      await expect(signPreservationManifest(inClear, sign, publicKey)).rejects.toMatchObject({ code: 'CONFIDENTIAL_ARTEFACT_IN_CLEAR' });
      const bare = confidential();
      delete (bare.artefacts[4] as { encryption?: unknown }).encryption;
      await expect(signPreservationManifest(bare, sign, publicKey)).rejects.toMatchObject({ code: 'INVALID_ARTEFACT_ENCRYPTION' });
      const publicWithKey = { ...input(), artefacts: [{ ...input().artefacts[0], encryption: sealedEncryption(recipient) }, ...input().artefacts.slice(1)] };
      await expect(signPreservationManifest(publicWithKey, sign, publicKey)).rejects.toMatchObject({ code: 'INVALID_ARTEFACT_ACCESS' });
    });

    it.each<[string, (e: Record<string, unknown> & { recipient: Record<string, unknown> }) => void]>([
      ['a fingerprint of another key', (e) => (e.recipient.fingerprint = sha256Hex(new Uint8Array(32)))],
      ['a hash over the clear text', (e) => (e.hashOf = 'plaintext')],
      ['another format', (e) => (e.format = 'age')],
      ['an extra member', (e) => (e.note = 'x')],
    ])('reports as malformed a confidential artefact with %s, even correctly signed', async (_, change) => {
      const signed = reread(await signPreservationManifest(confidential(), sign, publicKey));
      change(signed.manifest.artefacts[2].encryption as never);
      signed.signature = Buffer.from(await sign(canonicalBytes(signed.manifest))).toString('hex');
      expect(verifySignedManifest(signed, publicKey)).toMatchObject({ ok: false, code: 'MALFORMED' });
    });

    it('reports a format 1 manifest (no parts) as malformed', async () => {
      const signed = reread(await signPreservationManifest(input(), sign, publicKey)) as unknown as { manifest: Record<string, unknown>; signature: string };
      signed.manifest.formatVersion = 1;
      expect(verifySignedManifest(signed)).toMatchObject({ ok: false, code: 'MALFORMED' });
    });
  });
});
