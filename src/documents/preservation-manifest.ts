/**
 * The preservation manifest (lineamientos numerals 39–41): the SHA-256 and size of every
 * artefact the system produced (encrypted ballot box, decrypted results, logs, actas,
 * exports), the log's final checkpoint, and an Ed25519 signature, handed to the notary.
 *
 * Every artefact says whether it is public or confidential (docs/spec/documents.md §5): a
 * confidential one is stored sealed to the recipient key the authority or notary named
 * (src/preservation/sealed-file.ts), its fingerprint is in the manifest, and its hash and size
 * are those of the sealed file (the ciphertext), never of the clear text.
 *
 * What is signed: the RFC 8785 canonical JSON bytes of `manifest` (which names the signer's
 * public key and the signing instant). The manifest hash printed for the notary is SHA-256 of
 * those same bytes. The signing function is supplied by the caller so the log's key, kept in
 * an HSM token, can sign without this module ever holding a private key.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { both, text } from '../messages/catalog';
import { documentMessages } from '../messages/documents.messages';
import { canonicalBytes, sha256Hex } from './canonical-json';
import {
  DocumentError,
  type LogCheckpoint,
  type ProcessRef,
  copyCheckpoint,
  requireCheckpoint,
  requireCount,
  requireHex,
  requireInstant,
  requireSha256Hex,
  requireText,
} from './document-types';

export const ARTEFACT_KINDS = [
  'encrypted-ballot-box',
  'decrypted-results',
  'log',
  'ledger-export',
  'opening-report',
  'tally-record',
  'record-export',
  'configuration',
  'operation-report',
  'other',
] as const;
export type ArtefactKind = (typeof ARTEFACT_KINDS)[number];

/** Who may receive an artefact: anyone (public) or only the holder of the recipient key (confidential, stored sealed). */
export const ARTEFACT_ACCESS = ['public', 'confidential'] as const;
export type ArtefactAccess = (typeof ARTEFACT_ACCESS)[number];

/** Kinds that hold personal data (the full ledger export: every sealed event with the salts
 * that open its commitment) and so must be confidential. */
export const CONFIDENTIAL_ARTEFACT_KINDS: readonly ArtefactKind[] = ['ledger-export'];

/** The one encryption format of confidential artefacts (src/preservation/sealed-file.ts). */
export const SEALED_FORMAT_NAME = 'urna.sealed/1';

/** How a confidential artefact is sealed, and to whom. */
export interface ArtefactEncryption {
  format: typeof SEALED_FORMAT_NAME;
  recipient: {
    algorithm: 'X25519';
    /** The recipient's raw 32-byte public key, hex. */
    publicKey: string;
    /** SHA-256 of those 32 bytes, hex. */
    fingerprint: string;
  };
  /** What `sha256` and `bytes` cover: the sealed file as stored. */
  hashOf: 'ciphertext';
}

/** Kinds the guidelines require in every manifest: numeral 40-I (decrypted votes), 40-II (logs), 41 (encrypted votes). */
export const REQUIRED_ARTEFACT_KINDS: readonly ArtefactKind[] = ['encrypted-ballot-box', 'decrypted-results', 'log'];

export interface Artefact {
  /** Path relative to the preservation folder, "/"-separated, e.g. "actas/acta-autoridad.pdf". */
  name: string;
  kind: ArtefactKind;
  access: ArtefactAccess;
  /** Present exactly when `access` is "confidential". */
  encryption?: ArtefactEncryption;
  /** SHA-256 of the file's bytes (for a confidential artefact: of the sealed file), lowercase hex. */
  sha256: string;
  bytes: number;
}

/** An artefact as the caller lists it: public unless it says otherwise. */
export type ArtefactInput = Omit<Artefact, 'access'> & { access?: ArtefactAccess };

/** The encryption entry for a file sealed to `recipientPublicKey` (raw 32 bytes). */
export function sealedEncryption(recipientPublicKey: Uint8Array): ArtefactEncryption {
  if (recipientPublicKey.length !== 32) throw new DocumentError('INVALID_PUBLIC_KEY', `an X25519 public key has 32 bytes, got ${recipientPublicKey.length}`);
  return {
    format: SEALED_FORMAT_NAME,
    recipient: { algorithm: 'X25519', publicKey: bytesToHex(recipientPublicKey), fingerprint: sha256Hex(recipientPublicKey) },
    hashOf: 'ciphertext',
  };
}

export interface PreservationManifestInput {
  process: ProcessRef;
  electionId: string;
  artefacts: ArtefactInput[];
  /** The log's last checkpoint, after the manifest's artefacts were produced. */
  finalCheckpoint: LogCheckpoint;
  signedAt: string;
}

/** The signed body. */
export interface PreservationManifest extends Omit<PreservationManifestInput, 'artefacts'> {
  document: 'urna.preservation-manifest';
  /** 2: every artefact carries `access` (and `encryption` when confidential). */
  formatVersion: 2;
  artefacts: Artefact[];
  signer: { algorithm: 'Ed25519'; publicKey: string };
}

export interface SignedPreservationManifest {
  manifest: PreservationManifest;
  /** Ed25519 signature (64 bytes, hex) over canonicalBytes(manifest). */
  signature: string;
}

export type SignBytes = (bytes: Uint8Array) => Promise<Uint8Array>;

/** A safe relative path: no leading "/", no "." or ".." segment, no backslash, no empty segment. */
export function isSafeArtefactName(name: string): boolean {
  if (name === '' || name.includes('\\') || name.includes('\0') || name.startsWith('/')) return false;
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function validateEncryption(a: Artefact): void {
  const where = `artefact "${a.name}"`;
  if (!(ARTEFACT_ACCESS as readonly string[]).includes(a.access)) throw new DocumentError('INVALID_ARTEFACT_ACCESS', `${where} must say access "public" or "confidential"`);
  if (a.access === 'public') {
    if (a.encryption !== undefined) throw new DocumentError('INVALID_ARTEFACT_ACCESS', `${where} is public but names an encryption`);
    if (CONFIDENTIAL_ARTEFACT_KINDS.includes(a.kind)) throw new DocumentError('CONFIDENTIAL_ARTEFACT_IN_CLEAR', `${where} is a ${a.kind}, which holds personal data: it must be confidential (sealed)`);
    return;
  }
  const e = a.encryption;
  if (typeof e !== 'object' || e === null) throw new DocumentError('INVALID_ARTEFACT_ENCRYPTION', `${where} is confidential but names no encryption`);
  if (Object.keys(e).sort().join() !== 'format,hashOf,recipient' || Object.keys(e.recipient ?? {}).sort().join() !== 'algorithm,fingerprint,publicKey') {
    throw new DocumentError('INVALID_ARTEFACT_ENCRYPTION', `${where}: encryption holds exactly format, recipient {algorithm, publicKey, fingerprint} and hashOf`);
  }
  if (e.format !== SEALED_FORMAT_NAME) throw new DocumentError('INVALID_ARTEFACT_ENCRYPTION', `${where}: encryption.format must be "${SEALED_FORMAT_NAME}"`);
  if (e.hashOf !== 'ciphertext') throw new DocumentError('INVALID_ARTEFACT_ENCRYPTION', `${where}: encryption.hashOf must be "ciphertext"`);
  if (e.recipient.algorithm !== 'X25519') throw new DocumentError('INVALID_ARTEFACT_ENCRYPTION', `${where}: encryption.recipient.algorithm must be "X25519"`);
  requireHex(e.recipient.publicKey, `${where} encryption.recipient.publicKey`);
  if (e.recipient.publicKey.length !== 64) throw new DocumentError('INVALID_ARTEFACT_ENCRYPTION', `${where}: encryption.recipient.publicKey must be 32 bytes`);
  if (e.recipient.fingerprint !== sha256Hex(hexToBytes(e.recipient.publicKey))) throw new DocumentError('INVALID_ARTEFACT_ENCRYPTION', `${where}: encryption.recipient.fingerprint is not SHA-256 of the public key`);
}

function validate(input: Omit<PreservationManifestInput, 'artefacts'> & { artefacts: Artefact[] }): void {
  requireText(input.process.id, 'process.id');
  requireText(input.process.name, 'process.name');
  requireText(input.electionId, 'electionId');
  requireCheckpoint(input.finalCheckpoint, 'finalCheckpoint');
  requireInstant(input.signedAt, 'signedAt');
  const names = new Set<string>();
  for (const a of input.artefacts) {
    if (!isSafeArtefactName(a.name)) throw new DocumentError('INVALID_ARTEFACT_NAME', `artefact name "${a.name}" must be a relative "/"-separated path without "." or ".."`);
    if (names.has(a.name)) throw new DocumentError('DUPLICATE_ARTEFACT', `artefact "${a.name}" is listed twice`);
    names.add(a.name);
    if (!(ARTEFACT_KINDS as readonly string[]).includes(a.kind)) throw new DocumentError('INVALID_ARTEFACT_KIND', `artefact "${a.name}" has unknown kind "${a.kind}"`);
    validateEncryption(a);
    requireSha256Hex(a.sha256, `artefact "${a.name}" sha256`);
    requireCount(a.bytes, `artefact "${a.name}" bytes`);
  }
  const missing = REQUIRED_ARTEFACT_KINDS.filter((k) => !input.artefacts.some((a) => a.kind === k));
  if (missing.length > 0) {
    const basis = text(documentMessages, 'manifest.requiredBasis', 'es');
    throw new DocumentError('MISSING_ARTEFACTS', `${both(documentMessages, 'manifest.missingArtefacts')}: ${missing.join(', ')} (${basis})`);
  }
}

function compareNames(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The body to sign: validated, artefacts sorted by name, signer named. */
export function buildPreservationManifest(input: PreservationManifestInput, signerPublicKey: Uint8Array): PreservationManifest {
  const artefacts: Artefact[] = input.artefacts.map((a) => ({
    name: a.name, kind: a.kind, access: a.access ?? 'public',
    ...(a.encryption ? { encryption: { format: a.encryption.format, recipient: { ...a.encryption.recipient }, hashOf: a.encryption.hashOf } } : {}),
    sha256: a.sha256, bytes: a.bytes,
  }));
  validate({ ...input, artefacts });
  if (signerPublicKey.length !== 32) throw new DocumentError('INVALID_PUBLIC_KEY', `an Ed25519 public key has 32 bytes, got ${signerPublicKey.length}`);
  return {
    document: 'urna.preservation-manifest',
    formatVersion: 2,
    process: { id: input.process.id, name: input.process.name },
    electionId: input.electionId,
    artefacts: artefacts.sort(compareNames),
    finalCheckpoint: copyCheckpoint(input.finalCheckpoint),
    signedAt: input.signedAt,
    signer: { algorithm: 'Ed25519', publicKey: bytesToHex(signerPublicKey) },
  };
}

/** Builds, signs and checks the signature against the given public key before returning, so a
 * signer plugged in with the wrong key fails here rather than in the notary's hands. */
export async function signPreservationManifest(
  input: PreservationManifestInput,
  sign: SignBytes,
  signerPublicKey: Uint8Array,
): Promise<SignedPreservationManifest> {
  const manifest = buildPreservationManifest(input, signerPublicKey);
  const bytes = canonicalBytes(manifest);
  const signature = await sign(bytes);
  if (signature.length !== 64 || !ed25519.verify(signature, bytes, signerPublicKey)) {
    throw new DocumentError('SIGNER_KEY_MISMATCH', 'the signature does not verify with the given public key: the signer holds another key');
  }
  return { manifest, signature: bytesToHex(signature) };
}

/** SHA-256 (hex) of the signed bytes: the manifest's identity, printed for the notary. */
export function manifestHash(manifest: PreservationManifest): string {
  return sha256Hex(canonicalBytes(manifest));
}

export type ManifestVerification =
  | { ok: true; manifestHash: string; manifest: PreservationManifest }
  | { ok: false; code: 'MALFORMED' | 'WRONG_SIGNER' | 'BAD_SIGNATURE'; reason: string };

/**
 * Verifies a signed manifest as read from a file (untrusted JSON): checks its shape and rules,
 * recomputes the canonical bytes, verifies the Ed25519 signature with the key it names and,
 * when `expectedPublicKey` is given (the key the notary was told in advance), that it is that key.
 */
export function verifySignedManifest(value: unknown, expectedPublicKey?: Uint8Array): ManifestVerification {
  const malformed = (reason: string): ManifestVerification => ({ ok: false, code: 'MALFORMED', reason });
  if (typeof value !== 'object' || value === null) return malformed('not a JSON object');
  const { manifest, signature } = value as Partial<SignedPreservationManifest>;
  if (typeof manifest !== 'object' || manifest === null) return malformed('no "manifest" object');
  if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature)) return malformed('"signature" must be 128 lowercase hex digits');
  if (manifest.document !== 'urna.preservation-manifest' || manifest.formatVersion !== 2) return malformed('not a urna.preservation-manifest, format version 2');
  if (manifest.signer?.algorithm !== 'Ed25519') return malformed('signer.algorithm must be "Ed25519"');
  if (!Array.isArray(manifest.artefacts)) return malformed('"artefacts" must be an array');
  try {
    requireHex(manifest.signer.publicKey, 'signer.publicKey');
    if (manifest.signer.publicKey.length !== 64) return malformed('signer.publicKey must be 32 bytes');
    validate(manifest);
    const sorted = [...manifest.artefacts].sort(compareNames);
    if (sorted.some((a, i) => a !== manifest.artefacts[i])) return malformed('artefacts must be sorted by name');
  } catch (err) {
    // DocumentError from the rules, or TypeError when a field is missing or of the wrong type.
    return malformed((err as Error).message);
  }
  const publicKey = hexToBytes(manifest.signer.publicKey);
  if (expectedPublicKey !== undefined && bytesToHex(expectedPublicKey) !== manifest.signer.publicKey) {
    return { ok: false, code: 'WRONG_SIGNER', reason: `signed by ${manifest.signer.publicKey}, expected ${bytesToHex(expectedPublicKey)}` };
  }
  let bytes: Uint8Array;
  try {
    bytes = canonicalBytes(manifest);
  } catch (err) {
    return malformed((err as Error).message);
  }
  let valid = false;
  try {
    valid = ed25519.verify(hexToBytes(signature), bytes, publicKey);
  } catch {
    valid = false; // an invalid point encoding in the key or signature: not a valid signature
  }
  if (!valid) return { ok: false, code: 'BAD_SIGNATURE', reason: both(documentMessages, 'manifest.badSignature') };
  return { ok: true, manifestHash: sha256Hex(bytes), manifest };
}
