/**
 * C2SP tlog-cosignature, Ed25519 type `cosignature/v1` (docs/spec/log.md §8.1): a witness's
 * signature line on a checkpoint, saying "as of this time, this is the largest consistent tree
 * I have seen for this origin". Browser-safe: the board verifies cosignatures with this file.
 *
 *   key ID     = SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4]
 *   message    = "cosignature/v1\ntime <unix seconds>\n" || checkpoint text (with extensions)
 *   line       = "— <name> " base64(key ID || uint64_be(time) || Ed25519 signature)
 *   vkey       = <name>+<hex key ID>+base64(0x04 || public key)
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { fromBase64, fromHex, toBase64, utf8 } from '../merkle/encoding';
import type { NoteSigner } from './note-signer';
import { NoteError, assertKeyName, assertNoteText, formatNoteKey, keyIdHex, noteKeyId, parseSignedNote } from './signed-note';

/** The signature type byte of Ed25519 cosignature/v1 keys (tlog-cosignature). */
export const COSIGNATURE_V1_TYPE = 0x04;
const HEADER = 'cosignature/v1';
/** tlog-cosignature: the timestamp must not exceed 2^63 − 1; here a safe integer suffices. */
const MAX_TIMESTAMP = Number.MAX_SAFE_INTEGER;

/** A witness's public key as a verifier holds it. */
export interface CosignerKey {
  name: string;
  keyId: number;
  publicKey: Uint8Array;
  /** How the 64-byte signature is checked; default @noble/curves. Node processes give
   * node:crypto's (node-note-verifier.ts), as strict or stricter (docs/spec/log.md §8.6). */
  verify?: (signature: Uint8Array, message: Uint8Array) => boolean;
}

export interface VerifiedCosignature {
  /** The witness's key name. */
  name: string;
  keyId: number;
  /** POSIX seconds the witness states it saw the checkpoint. */
  timestamp: number;
  /** The signature line, exactly as found (without its newline). */
  line: string;
}

export function cosignatureKeyId(name: string, publicKey: Uint8Array): number {
  return noteKeyId(name, COSIGNATURE_V1_TYPE, publicKey);
}

export function formatCosignerKey(name: string, publicKey: Uint8Array): string {
  return formatNoteKey(name, COSIGNATURE_V1_TYPE, publicKey);
}

export function parseCosignerKey(vkey: string): CosignerKey {
  const first = vkey.indexOf('+');
  const second = vkey.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw new NoteError('a verifier key has three "+"-separated parts');
  const name = vkey.slice(0, first);
  const idHex = vkey.slice(first + 1, second);
  assertKeyName(name);
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteError('verifier key ID must be 8 lowercase hex digits');
  let material: Uint8Array;
  try {
    material = fromBase64(vkey.slice(second + 1));
  } catch {
    throw new NoteError('verifier key material is not base64');
  }
  if (material.length !== 33 || material[0] !== COSIGNATURE_V1_TYPE) throw new NoteError('not an Ed25519 cosignature/v1 key (type 0x04, 32 bytes)');
  const publicKey = material.slice(1);
  const keyId = parseInt(idHex, 16);
  if (cosignatureKeyId(name, publicKey) !== keyId) throw new NoteError('verifier key ID does not match its name and public key');
  return { name, keyId, publicKey };
}

/** The bytes a cosigner signs: header line, time line, then the checkpoint text as signed by the log. */
export function cosignedMessage(checkpointText: string, timestamp: number): Uint8Array {
  assertNoteText(checkpointText);
  assertTimestamp(timestamp);
  return utf8(`${HEADER}\ntime ${timestamp}\n${checkpointText}`);
}

/** A cosignature line (no trailing newline) on `checkpointText` at `timestamp` by `signer`. */
export async function cosignCheckpoint(checkpointText: string, signer: NoteSigner, timestamp: number): Promise<string> {
  const sig = await signer.sign(cosignedMessage(checkpointText, timestamp));
  if (sig.length !== 64) throw new NoteError(`signer returned ${sig.length} bytes, an Ed25519 signature is 64`);
  const blob = new Uint8Array(4 + 8 + 64);
  blob.set(fromHex(keyIdHex(cosignatureKeyId(signer.name, signer.publicKey))), 0);
  new DataView(blob.buffer).setBigUint64(4, BigInt(timestamp), false);
  blob.set(sig, 12);
  return `\u2014 ${signer.name} ${toBase64(blob)}`;
}

/**
 * The cosignatures on `note` by the given witnesses that verify. Lines by other keys are
 * ignored (signed-note); a line whose name and key ID match a witness but whose signature or
 * shape is wrong makes the note malformed, and this throws (a forged cosignature is never
 * silently dropped).
 */
export function verifyCosignatures(note: string, witnesses: readonly CosignerKey[]): VerifiedCosignature[] {
  const parsed = parseSignedNote(note);
  const lines = note.slice(parsed.text.length + 1).split('\n');
  const found: VerifiedCosignature[] = [];
  parsed.signatures.forEach((s, i) => {
    const key = witnesses.find((w) => w.name === s.name && w.keyId === s.keyId);
    if (!key) return;
    if (s.signature.length !== 8 + 64) throw new NoteError(`cosignature by ${s.name} is ${s.signature.length + 4} bytes, a cosignature/v1 is 76`);
    const time = new DataView(s.signature.buffer, s.signature.byteOffset, 8).getBigUint64(0, false);
    if (time > BigInt(MAX_TIMESTAMP)) throw new NoteError(`cosignature by ${s.name} has an out-of-range timestamp`);
    const timestamp = Number(time);
    const signature = s.signature.slice(8);
    const message = cosignedMessage(parsed.text, timestamp);
    if (!(key.verify ? key.verify(signature, message) : ed25519.verify(signature, message, key.publicKey))) {
      throw new NoteError(`cosignature by ${s.name} does not verify`);
    }
    if (found.some((f) => f.name === s.name && f.keyId === s.keyId)) return; // one vote per witness
    found.push({ name: s.name, keyId: s.keyId, timestamp, line: lines[i] });
  });
  return found;
}

/** The note with extra signature lines appended after its own (each line without newline). */
export function appendSignatureLines(note: string, lines: readonly string[]): string {
  if (!note.endsWith('\n')) throw new NoteError('a signed note ends with a newline');
  const present = new Set(note.split('\n'));
  return note + lines.filter((l) => !present.has(l)).map((l) => `${l}\n`).join('');
}

function assertTimestamp(t: number): void {
  if (!Number.isSafeInteger(t) || t < 0 || t > MAX_TIMESTAMP) throw new NoteError(`invalid cosignature timestamp ${t}`);
}
