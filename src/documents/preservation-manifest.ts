/**
 * The preservation manifest (lineamientos numerals 39–41): the SHA-256 and size of every
 * artefact the system produced (encrypted ballot box, decrypted results, logs, actas,
 * exports), the log's final checkpoint, and an Ed25519 signature, handed to the notary.
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
  'other',
] as const;
export type ArtefactKind = (typeof ARTEFACT_KINDS)[number];

/** Kinds the guidelines require in every manifest: numeral 40-I (decrypted votes), 40-II (logs), 41 (encrypted votes). */
export const REQUIRED_ARTEFACT_KINDS: readonly ArtefactKind[] = ['encrypted-ballot-box', 'decrypted-results', 'log'];

export interface Artefact {
  /** Path relative to the preservation folder, "/"-separated, e.g. "actas/acta-autoridad.pdf". */
  name: string;
  kind: ArtefactKind;
  /** SHA-256 of the file's bytes, lowercase hex. */
  sha256: string;
  bytes: number;
}

export interface PreservationManifestInput {
  process: ProcessRef;
  electionId: string;
  artefacts: Artefact[];
  /** The log's last checkpoint, after the manifest's artefacts were produced. */
  finalCheckpoint: LogCheckpoint;
  signedAt: string;
}

/** The signed body. */
export interface PreservationManifest extends PreservationManifestInput {
  document: 'urna.preservation-manifest';
  formatVersion: 1;
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

function validate(input: PreservationManifestInput): void {
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
    requireSha256Hex(a.sha256, `artefact "${a.name}" sha256`);
    requireCount(a.bytes, `artefact "${a.name}" bytes`);
  }
  const missing = REQUIRED_ARTEFACT_KINDS.filter((k) => !input.artefacts.some((a) => a.kind === k));
  if (missing.length > 0) {
    const basis = text(documentMessages, 'manifest.requiredBasis', 'es');
    throw new DocumentError('MISSING_ARTEFACTS', `${both(documentMessages, 'manifest.missingArtefacts')}: ${missing.join(', ')} (${basis})`);
  }
}

function compareNames(a: Artefact, b: Artefact): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** The body to sign: validated, artefacts sorted by name, signer named. */
export function buildPreservationManifest(input: PreservationManifestInput, signerPublicKey: Uint8Array): PreservationManifest {
  validate(input);
  if (signerPublicKey.length !== 32) throw new DocumentError('INVALID_PUBLIC_KEY', `an Ed25519 public key has 32 bytes, got ${signerPublicKey.length}`);
  return {
    document: 'urna.preservation-manifest',
    formatVersion: 1,
    process: { id: input.process.id, name: input.process.name },
    electionId: input.electionId,
    artefacts: input.artefacts.map((a) => ({ name: a.name, kind: a.kind, sha256: a.sha256, bytes: a.bytes })).sort(compareNames),
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
  if (manifest.document !== 'urna.preservation-manifest' || manifest.formatVersion !== 1) return malformed('not a urna.preservation-manifest, format version 1');
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
