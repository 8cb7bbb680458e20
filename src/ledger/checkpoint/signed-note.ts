/**
 * C2SP signed-note (c2sp.org/signed-note): text, a blank line, then signature lines
 * "— <key name> base64(key ID || signature)". Ed25519 only (signature type 0x01).
 * Browser-safe: verifiers use this file as is.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { hasLoneSurrogate } from '../../domain/shared/canonical-json';
import { fromBase64, fromHex, toBase64, toHex, utf8 } from '../merkle/encoding';
import type { NoteSigner } from './note-signer';

export const ED25519_SIGNATURE_TYPE = 0x01;
const EM_DASH = '\u2014';
/** Notes larger than this are refused before parsing (the spec asks verifiers for a limit). */
export const MAX_NOTE_BYTES = 64 * 1024;
const MAX_SIGNATURES = 100;

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoteError';
  }
}

export interface NoteSignature {
  name: string;
  /** uint32, big-endian first 4 bytes of the base64 blob. */
  keyId: number;
  signature: Uint8Array;
}

export interface ParsedNote {
  /** The signed text, including its final newline. */
  text: string;
  signatures: NoteSignature[];
}

/** A key that verifies notes: what a verifier key (vkey) string carries. */
export interface NoteVerifierKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
  /**
   * Checks one Ed25519 signature by this key. Absent: @noble/curves (the browser's path). A Node
   * verifier going through thousands of checkpoints passes node:crypto's (node-note-verifier.ts),
   * which accepts a subset of what noble accepts, never more (docs/spec/log.md §4).
   */
  verify?: (signature: Uint8Array, message: Uint8Array) => boolean;
}

export function assertKeyName(name: string): void {
  if (name.length === 0 || /[\s+]/u.test(name) || hasControl(name)) {
    throw new NoteError(`key name "${name}" must be non-empty, without spaces, "+" or control characters`);
  }
}

/** key ID = first 4 bytes (big-endian uint32) of SHA-256(name || 0x0A || type || public key):
 * C2SP signed-note's rule for every Ed25519-based key type (0x01 note signatures, 0x04
 * cosignature/v1), so that a key of one type never shares an ID with the same key of another. */
export function noteKeyId(name: string, type: number, publicKey: Uint8Array): number {
  assertKeyName(name);
  if (publicKey.length !== 32) throw new NoteError('an Ed25519 public key is 32 bytes');
  const n = utf8(name);
  const buf = new Uint8Array(n.length + 2 + 32);
  buf.set(n, 0);
  buf[n.length] = 0x0a;
  buf[n.length + 1] = type;
  buf.set(publicKey, n.length + 2);
  const h = sha256(buf);
  return ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
}

/** "<name>+<hex key ID>+<base64(type || public key)>" */
export function formatNoteKey(name: string, type: number, publicKey: Uint8Array): string {
  const material = new Uint8Array(33);
  material[0] = type;
  material.set(publicKey, 1);
  return `${name}+${keyIdHex(noteKeyId(name, type, publicKey))}+${toBase64(material)}`;
}

/** The key ID of a note-signing (0x01) Ed25519 key. */
export function ed25519KeyId(name: string, publicKey: Uint8Array): number {
  return noteKeyId(name, ED25519_SIGNATURE_TYPE, publicKey);
}

/** A note-signing key's vkey: "<name>+<hex key ID>+<base64(0x01 || public key)>" */
export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  return formatNoteKey(name, ED25519_SIGNATURE_TYPE, publicKey);
}

export function parseVerifierKey(vkey: string): NoteVerifierKey {
  // Names never contain "+", base64 may: split at the first two only.
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new NoteError('a verifier key has three "+"-separated parts');
  const name = vkey.slice(0, first);
  const idHex = vkey.slice(first + 1, second);
  const b64 = vkey.slice(second + 1);
  assertKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteError('verifier key ID must be 8 lowercase hex digits');
  let material: Uint8Array;
  try {
    material = fromBase64(b64);
  } catch {
    throw new NoteError('verifier key material is not base64');
  }
  if (material.length !== 33 || material[0] !== ED25519_SIGNATURE_TYPE) throw new NoteError('only Ed25519 verifier keys (type 0x01, 32 bytes) are supported');
  const publicKey = material.slice(1);
  const keyId = parseInt(idHex, 16);
  if (ed25519KeyId(name, publicKey) !== keyId) throw new NoteError('verifier key ID does not match its name and public key');
  return { name, keyId, publicKey };
}

export function keyIdHex(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

export async function signNote(text: string, signer: NoteSigner): Promise<string> {
  assertNoteText(text);
  const keyId = ed25519KeyId(signer.name, signer.publicKey);
  const sig = await signer.sign(utf8(text));
  if (sig.length !== 64) throw new NoteError(`signer returned ${sig.length} bytes, an Ed25519 signature is 64`);
  const blob = new Uint8Array(68);
  blob.set(fromHex(keyIdHex(keyId)), 0);
  blob.set(sig, 4);
  return `${text}\n${EM_DASH} ${signer.name} ${toBase64(blob)}\n`;
}

export function assertNoteText(text: string): void {
  if (!text.endsWith('\n')) throw new NoteError('note text must end with a newline');
  if (hasControl(text.replace(/\n/g, ''))) throw new NoteError('note text must not contain control characters other than newline');
}

export function parseSignedNote(note: string): ParsedNote {
  if (utf8(note).length > MAX_NOTE_BYTES) throw new NoteError(`note larger than ${MAX_NOTE_BYTES} bytes`);
  if (hasLoneSurrogate(note)) throw new NoteError('note is not valid UTF-8');
  if (hasControl(note.replace(/\n/g, ''))) throw new NoteError('note contains control characters');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new NoteError('note has no blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw new NoteError('note must end with signature lines, each ending in a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw new NoteError(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m) throw new NoteError(`malformed signature line "${line}"`);
    const [, name, b64] = m;
    if (name.includes('+')) throw new NoteError('key name must not contain "+"');
    let blob: Uint8Array;
    try {
      blob = fromBase64(b64);
    } catch {
      throw new NoteError(`signature of "${name}" is not base64`);
    }
    if (blob.length < 5) throw new NoteError(`signature of "${name}" is too short`);
    const keyId = ((blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3]) >>> 0;
    return { name, keyId, signature: blob.slice(4) };
  });
  return { text, signatures };
}

/**
 * Returns the note's text if a signature by `key` is on it and verifies. Signatures by other
 * keys are ignored (as the spec requires); a failing signature by `key` rejects the note.
 */
export function openSignedNote(note: string, key: NoteVerifierKey): string {
  const parsed = parseSignedNote(note);
  const mine = parsed.signatures.filter((s) => s.name === key.name && s.keyId === key.keyId);
  if (mine.length === 0) throw new NoteError(`note is not signed by ${key.name}+${keyIdHex(key.keyId)}`);
  const message = utf8(parsed.text);
  for (const s of mine) {
    const verifies = key.verify ? key.verify(s.signature, message) : ed25519.verify(s.signature, message, key.publicKey);
    if (s.signature.length !== 64 || !verifies) {
      throw new NoteError(`signature by ${key.name} does not verify`);
    }
  }
  return parsed.text;
}

function hasControl(s: string): boolean {
  return /[\u0000-\u001f\u007f]/.test(s);
}
