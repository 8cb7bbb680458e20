/**
 * An Ed25519 key pair living in a token (the transparency log's checkpoint key).
 * The private key is generated inside the token as a sensitive, never-extractable token
 * object; only signatures and the public key ever leave it.
 */
import { randomBytes } from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import { pair, type Bilingual } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { KeyInvalidError } from './hsm-errors';
import {
  CKK_EC_EDWARDS,
  CKM_EC_EDWARDS_KEY_PAIR_GEN,
  CKM_EDDSA,
  ED25519_OID_DER,
  ED25519_PUBLIC_KEY_LENGTH,
  ED25519_SIGNATURE_LENGTH,
} from './pkcs11-constants';
import type { TokenSession } from './token-session';

export interface Ed25519TokenKey {
  privateKey: pkcs11js.Handle;
  publicKey: pkcs11js.Handle;
  /** The 32-byte RFC 8032 public key. */
  publicKeyBytes: Uint8Array;
}

/** The key pair labelled `keyLabel`, or undefined if the token has none. Refuses a private key
 * that could leave the token (extractable or not sensitive). */
export function findEd25519Key(session: TokenSession, keyLabel: string): Ed25519TokenKey | undefined {
  const byClass = (cls: number) =>
    session.findObjects([
      { type: pkcs11js.CKA_CLASS, value: cls },
      { type: pkcs11js.CKA_KEY_TYPE, value: CKK_EC_EDWARDS },
      { type: pkcs11js.CKA_LABEL, value: keyLabel },
    ]);
  const privateKeys = byClass(pkcs11js.CKO_PRIVATE_KEY);
  const publicKeys = byClass(pkcs11js.CKO_PUBLIC_KEY);
  if (privateKeys.length === 0 && publicKeys.length === 0) return undefined;
  const invalid = (reason: Bilingual) => new KeyInvalidError(session.token.label, keyLabel, reason);
  if (privateKeys.length !== 1 || publicKeys.length !== 1) {
    throw invalid(pair(cliMessages, 'hsm.keyInvalid.notOnePair', { privateKeys: privateKeys.length, publicKeys: publicKeys.length }));
  }
  const [sensitive, extractable] = session.pkcs11
    .C_GetAttributeValue(session.handle, privateKeys[0], [{ type: pkcs11js.CKA_SENSITIVE }, { type: pkcs11js.CKA_EXTRACTABLE }])
    .map((a) => a.value[0] === 1);
  if (!sensitive || extractable) {
    throw invalid(pair(cliMessages, 'hsm.keyInvalid.privateKeyCouldLeave'));
  }
  const params = readAttribute(session, publicKeys[0], pkcs11js.CKA_EC_PARAMS);
  if (!sameBytes(params, ED25519_OID_DER)) {
    throw invalid(pair(cliMessages, 'hsm.keyInvalid.notEd25519'));
  }
  return { privateKey: privateKeys[0], publicKey: publicKeys[0], publicKeyBytes: readEd25519PublicKey(session, publicKeys[0]) };
}

/** Generates a new key pair as token objects labelled `keyLabel` (both halves share a random CKA_ID). */
export function generateEd25519Key(session: TokenSession, keyLabel: string): Ed25519TokenKey {
  const id = randomBytes(16);
  const common: pkcs11js.Template = [
    { type: pkcs11js.CKA_KEY_TYPE, value: CKK_EC_EDWARDS },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_LABEL, value: keyLabel },
    { type: pkcs11js.CKA_ID, value: id },
  ];
  const { publicKey, privateKey } = session.pkcs11.C_GenerateKeyPair(
    session.handle,
    { mechanism: CKM_EC_EDWARDS_KEY_PAIR_GEN },
    [
      ...common,
      { type: pkcs11js.CKA_EC_PARAMS, value: Buffer.from(ED25519_OID_DER) },
      { type: pkcs11js.CKA_VERIFY, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: false },
    ],
    [
      ...common,
      { type: pkcs11js.CKA_SIGN, value: true },
      { type: pkcs11js.CKA_PRIVATE, value: true },
      { type: pkcs11js.CKA_SENSITIVE, value: true },
      { type: pkcs11js.CKA_EXTRACTABLE, value: false },
      { type: pkcs11js.CKA_DECRYPT, value: false },
      { type: pkcs11js.CKA_UNWRAP, value: false },
      { type: pkcs11js.CKA_DERIVE, value: false },
    ],
  );
  return { privateKey, publicKey, publicKeyBytes: readEd25519PublicKey(session, publicKey) };
}

/** The key labelled `keyLabel`, generated first if the token has none. */
export function findOrGenerateEd25519Key(session: TokenSession, keyLabel: string): Ed25519TokenKey & { created: boolean } {
  const existing = findEd25519Key(session, keyLabel);
  if (existing) return { ...existing, created: false };
  return { ...generateEd25519Key(session, keyLabel), created: true };
}

/** CKA_EC_POINT holds the public key as a DER OCTET STRING (04 20 ‖ 32 bytes); some modules
 * return the 32 bytes bare, which we accept too. */
export function readEd25519PublicKey(session: TokenSession, publicKey: pkcs11js.Handle): Uint8Array {
  return decodeEcPoint(readAttribute(session, publicKey, pkcs11js.CKA_EC_POINT));
}

export function decodeEcPoint(point: Uint8Array): Uint8Array {
  if (point.length === ED25519_PUBLIC_KEY_LENGTH) return Uint8Array.from(point);
  if (point.length === ED25519_PUBLIC_KEY_LENGTH + 2 && point[0] === 0x04 && point[1] === ED25519_PUBLIC_KEY_LENGTH) {
    return Uint8Array.from(point.subarray(2));
  }
  throw new Error(`CKA_EC_POINT is not an Ed25519 public key (${point.length} bytes, starts ${Buffer.from(point.subarray(0, 2)).toString('hex')})`);
}

/** Pure Ed25519 (CKM_EDDSA without parameters) over `message`; returns the 64-byte signature. */
export function signEd25519(session: TokenSession, privateKey: pkcs11js.Handle, message: Uint8Array): Uint8Array {
  session.pkcs11.C_SignInit(session.handle, { mechanism: CKM_EDDSA }, privateKey);
  const out = Buffer.alloc(ED25519_SIGNATURE_LENGTH);
  const signature = session.pkcs11.C_Sign(session.handle, toBuffer(message), out);
  if (signature.length !== ED25519_SIGNATURE_LENGTH) throw new Error(`CKM_EDDSA returned ${signature.length} bytes, expected 64`);
  return new Uint8Array(signature.buffer, signature.byteOffset, signature.length);
}

function readAttribute(session: TokenSession, object: pkcs11js.Handle, type: number): Buffer {
  return session.pkcs11.C_GetAttributeValue(session.handle, object, [{ type }])[0].value;
}

/** A Buffer view over the same memory (no copy, so nothing extra to wipe). */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
