/**
 * The sealed-share record: a trustee's secret share encrypted with AES-256-GCM under a key that
 * never leaves the trustee's token. Format specified in docs/spec/tokens.md; this file is the
 * reference encoder. Everything here is pure (no token access).
 */
import { createHash } from 'node:crypto';
import { concatBytes } from '../domain/crypto/hash';
import { pair, type Bilingual } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { SealedShareMalformedError } from './hsm-errors';

export const SEALED_SHARE_VERSION = 1;
export const SEALED_SHARE_ALGORITHM = 'AES-256-GCM';
export const GCM_IV_LENGTH = 12;
export const GCM_TAG_LENGTH = 16;
/** Longest share we seal: shares are scalars (32 bytes) or small structures of them. */
export const MAX_SHARE_LENGTH = 4096;
/** Longest identifier (UTF-8 bytes) accepted in a binding. */
export const MAX_ID_LENGTH = 1024;

/** ASCII domain tag opening every AAD (20 bytes). */
export const SEALED_SHARE_AAD_TAG = 'urna/sealed-share/v1';
const KEY_ID_TAG = 'urna/share-key-id/v1';

/** What a sealed share is bound to (authenticated, not secret). */
export interface ShareBinding {
  electionId: string;
  trusteeId: string;
}

export interface SealedShare {
  version: typeof SEALED_SHARE_VERSION;
  algorithm: typeof SEALED_SHARE_ALGORITHM;
  /** Serial number of the token whose AES key sealed the share. */
  tokenSerial: string;
  /** CKA_LABEL of that key (derived from the binding, see `shareKeyLabel`). */
  keyLabel: string;
  /** 12 random bytes, fresh for every sealing. */
  iv: Uint8Array;
  /** GCM ciphertext followed by the 16-byte tag. */
  ciphertext: Uint8Array;
  /** The exact additional authenticated data (see `encodeShareAad`). */
  aad: Uint8Array;
}

/** JSON form: byte fields as lowercase hex. */
export interface SealedShareJson {
  version: 1;
  algorithm: 'AES-256-GCM';
  tokenSerial: string;
  keyLabel: string;
  iv: string;
  ciphertext: string;
  aad: string;
}

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function malformed(reason: Bilingual): SealedShareMalformedError {
  return new SealedShareMalformedError(reason);
}

function lengthPrefixed(name: string, value: string): Uint8Array {
  if (typeof value !== 'string' || value.length === 0) throw malformed(pair(cliMessages, 'hsm.malformed.empty', { name }));
  const bytes = utf8.encode(value);
  if (bytes.length > MAX_ID_LENGTH) throw malformed(pair(cliMessages, 'hsm.malformed.tooLong', { name, max: MAX_ID_LENGTH }));
  const out = new Uint8Array(2 + bytes.length);
  new DataView(out.buffer).setUint16(0, bytes.length);
  out.set(bytes, 2);
  return out;
}

/** AAD = tag ‖ u16be(len) ‖ electionId ‖ u16be(len) ‖ trusteeId ‖ u16be(len) ‖ tokenSerial (UTF-8). */
export function encodeShareAad(binding: ShareBinding, tokenSerial: string): Uint8Array {
  return concatBytes(
    utf8.encode(SEALED_SHARE_AAD_TAG),
    lengthPrefixed('electionId', binding.electionId),
    lengthPrefixed('trusteeId', binding.trusteeId),
    lengthPrefixed('tokenSerial', tokenSerial),
  );
}

/** Inverse of `encodeShareAad`; rejects anything that is not exactly one canonical encoding. */
export function decodeShareAad(aad: Uint8Array): ShareBinding & { tokenSerial: string } {
  const tag = utf8.encode(SEALED_SHARE_AAD_TAG);
  if (aad.length < tag.length || !tag.every((b, i) => aad[i] === b)) {
    throw malformed(pair(cliMessages, 'hsm.malformed.noDomainTag'));
  }
  const view = new DataView(aad.buffer, aad.byteOffset, aad.byteLength);
  let at = tag.length;
  const field = (name: string): string => {
    if (at + 2 > aad.length) throw malformed(pair(cliMessages, 'hsm.malformed.truncated', { name }));
    const length = view.getUint16(at);
    at += 2;
    if (length === 0 || at + length > aad.length) throw malformed(pair(cliMessages, 'hsm.malformed.badLength', { name }));
    let value: string;
    try {
      value = utf8Strict.decode(aad.subarray(at, at + length));
    } catch {
      throw malformed(pair(cliMessages, 'hsm.malformed.notUtf8', { name }));
    }
    at += length;
    return value;
  };
  const electionId = field('electionId');
  const trusteeId = field('trusteeId');
  const tokenSerial = field('tokenSerial');
  if (at !== aad.length) throw malformed(pair(cliMessages, 'hsm.malformed.trailingBytes'));
  return { electionId, trusteeId, tokenSerial };
}

/** CKA_LABEL of the sealing key: readable by people looking at the token. */
export function shareKeyLabel(binding: ShareBinding): string {
  return `urna/share-key/v1/${binding.electionId}/${binding.trusteeId}`;
}

/** CKA_ID of the sealing key: SHA-256(tag ‖ u16be(len) ‖ electionId ‖ u16be(len) ‖ trusteeId),
 * unambiguous even when identifiers contain "/". Keys are looked up by this id. */
export function shareKeyId(binding: ShareBinding): Uint8Array {
  const input = concatBytes(utf8.encode(KEY_ID_TAG), lengthPrefixed('electionId', binding.electionId), lengthPrefixed('trusteeId', binding.trusteeId));
  return new Uint8Array(createHash('sha256').update(input).digest());
}

export function sealedShareToJson(sealed: SealedShare): SealedShareJson {
  const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
  return {
    version: sealed.version,
    algorithm: sealed.algorithm,
    tokenSerial: sealed.tokenSerial,
    keyLabel: sealed.keyLabel,
    iv: hex(sealed.iv),
    ciphertext: hex(sealed.ciphertext),
    aad: hex(sealed.aad),
  };
}

export function sealedShareFromJson(json: unknown): SealedShare {
  if (typeof json !== 'object' || json === null) throw malformed(pair(cliMessages, 'hsm.malformed.notObject'));
  const j = json as Record<string, unknown>;
  const bytes = (name: string): Uint8Array => {
    const v = j[name];
    if (typeof v !== 'string' || v.length % 2 !== 0 || !/^[0-9a-f]*$/.test(v)) {
      throw malformed(pair(cliMessages, 'hsm.malformed.notHex', { name }));
    }
    return new Uint8Array(Buffer.from(v, 'hex'));
  };
  if (j.version !== SEALED_SHARE_VERSION) throw malformed(pair(cliMessages, 'hsm.malformed.version', { version: String(j.version) }));
  if (j.algorithm !== SEALED_SHARE_ALGORITHM) throw malformed(pair(cliMessages, 'hsm.malformed.algorithm', { algorithm: String(j.algorithm) }));
  if (typeof j.tokenSerial !== 'string' || typeof j.keyLabel !== 'string') {
    throw malformed(pair(cliMessages, 'hsm.malformed.notStrings'));
  }
  const sealed: SealedShare = {
    version: SEALED_SHARE_VERSION,
    algorithm: SEALED_SHARE_ALGORITHM,
    tokenSerial: j.tokenSerial,
    keyLabel: j.keyLabel,
    iv: bytes('iv'),
    ciphertext: bytes('ciphertext'),
    aad: bytes('aad'),
  };
  checkSealedShareShape(sealed);
  return sealed;
}

/** Structural checks every sealed share must pass before any token is touched. */
export function checkSealedShareShape(sealed: SealedShare): void {
  if (sealed.version !== SEALED_SHARE_VERSION || sealed.algorithm !== SEALED_SHARE_ALGORITHM) {
    throw malformed(pair(cliMessages, 'hsm.malformed.versionOrAlgorithm'));
  }
  if (sealed.iv.length !== GCM_IV_LENGTH) throw malformed(pair(cliMessages, 'hsm.malformed.ivLength', { bytes: GCM_IV_LENGTH }));
  if (sealed.ciphertext.length <= GCM_TAG_LENGTH || sealed.ciphertext.length > MAX_SHARE_LENGTH + GCM_TAG_LENGTH) {
    throw malformed(pair(cliMessages, 'hsm.malformed.ciphertextLength'));
  }
}
