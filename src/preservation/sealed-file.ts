/**
 * The confidential part of the preservation package, sealed to one recipient's X25519 key
 * (docs/spec/documents.md §5.3, format `urna.sealed/1`): X25519 ECDH with a fresh ephemeral
 * key, HKDF-SHA256, and AES-256-GCM over 64 KiB chunks (age's STREAM construction with GCM),
 * all from node:crypto. The plaintext is streamed in and never written to disk in clear; the
 * holder of the private key opens it with `openSealedFile` or `urna preservation-open`.
 *
 *   header  = "URNASEAL" ‖ 0x01 ‖ recipient public key (32) ‖ ephemeral public key (32)   (73 bytes)
 *   shared  = X25519(ephemeral private, recipient public)          (refused when all zero)
 *   key     = HKDF-SHA256(ikm = shared, salt = ephemeral ‖ recipient, info = SEALED_INFO, 32)
 *   chunk i = AES-256-GCM(key, nonce = i as 11 bytes big-endian ‖ last?0x01:0x00, aad = header)
 *             → ciphertext ‖ 16-byte tag; every chunk holds 65 536 plaintext bytes except the
 *             last, which holds 1 to 65 536 (0 only when the whole plaintext is empty).
 */
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';

export const SEALED_FORMAT = 'urna.sealed/1';
export const SEALED_MAGIC = Buffer.from('URNASEAL', 'ascii');
export const SEALED_VERSION = 0x01;
export const SEALED_HEADER_BYTES = SEALED_MAGIC.length + 1 + 32 + 32;
export const SEALED_CHUNK_BYTES = 65_536;
export const SEALED_TAG_BYTES = 16;
export const SEALED_INFO = Buffer.from('urna.sealed/1 X25519 HKDF-SHA256 AES-256-GCM', 'ascii');

export class SealedFileError extends Error {
  constructor(readonly code: 'NOT_SEALED' | 'WRONG_RECIPIENT' | 'BAD_KEY' | 'CORRUPT' | 'TRUNCATED', message: string) {
    super(message);
    this.name = 'SealedFileError';
  }
}

/** SHA-256 of the raw 32-byte X25519 public key, 64 lowercase hex digits: the key's fingerprint. */
export function recipientFingerprint(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest('hex');
}

const rawPublic = (key: KeyObject): Buffer => Buffer.from(key.export({ format: 'jwk' }).x as string, 'base64url');
const publicKeyObject = (raw: Uint8Array): KeyObject => {
  if (raw.length !== 32) throw new SealedFileError('BAD_KEY', `an X25519 public key has 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
};

/** A new recipient key pair: the private key as PKCS#8 PEM, the public key as SPKI PEM (the
 * same files `openssl genpkey -algorithm X25519` and `openssl pkey -pubout` make). */
export function generateRecipientKeyPair(): { privateKeyPem: string; publicKeyPem: string; publicKey: Uint8Array } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }) as string,
    publicKey: rawPublic(publicKey),
  };
}

/**
 * A recipient public key as configured: `x25519:<64 hex digits>`, an SPKI PEM text, or the path
 * of a file holding either. Returns the raw 32 bytes.
 */
export function parseRecipientPublicKey(spec: string): Uint8Array {
  let value = spec.trim();
  const hex = /^x25519:([0-9a-fA-F]{64})$/.exec(value);
  if (hex) return Buffer.from(hex[1], 'hex');
  if (!value.startsWith('-----BEGIN') && existsSync(value)) value = readFileSync(value, 'utf8').trim();
  const again = /^x25519:([0-9a-fA-F]{64})$/.exec(value);
  if (again) return Buffer.from(again[1], 'hex');
  let key: KeyObject;
  try {
    key = createPublicKey(value);
  } catch {
    throw new SealedFileError('BAD_KEY', 'the recipient key is neither x25519:<64 hex digits> nor an X25519 public key in PEM (SPKI)');
  }
  if (key.asymmetricKeyType !== 'x25519') throw new SealedFileError('BAD_KEY', `the recipient key is ${key.asymmetricKeyType}, not X25519`);
  return rawPublic(key);
}

/** The holder's private key: a PKCS#8 PEM text or the path of a file holding it. */
export function parseRecipientPrivateKey(spec: string | Buffer): KeyObject {
  let value = typeof spec === 'string' ? spec : spec.toString('utf8');
  if (!value.trimStart().startsWith('-----BEGIN') && existsSync(value)) value = readFileSync(value, 'utf8');
  let key: KeyObject;
  try {
    key = createPrivateKey(value);
  } catch {
    throw new SealedFileError('BAD_KEY', 'the private key is not an X25519 private key in PEM (PKCS#8)');
  }
  if (key.asymmetricKeyType !== 'x25519') throw new SealedFileError('BAD_KEY', `the private key is ${key.asymmetricKeyType}, not X25519`);
  return key;
}

/** The public half of a private key, raw 32 bytes. */
export function publicKeyOf(privateKey: KeyObject): Uint8Array {
  return rawPublic(createPublicKey(privateKey));
}

function deriveKey(shared: Buffer, ephemeral: Uint8Array, recipient: Uint8Array): Buffer {
  if (shared.every((b) => b === 0)) throw new SealedFileError('BAD_KEY', 'X25519 gave the all-zero shared secret (a low-order public key)');
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), SEALED_INFO, 32));
}

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(index, 5, 6); // bytes 0–10 are the big-endian counter (its top 5 bytes stay 0 below 2^48 chunks)
  n[11] = last ? 0x01 : 0x00;
  return n;
}

/** Parses a header; throws NOT_SEALED for anything that is not one. */
export function readSealedHeader(bytes: Uint8Array): { recipient: Uint8Array; ephemeral: Uint8Array } {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < SEALED_HEADER_BYTES || !b.subarray(0, 8).equals(SEALED_MAGIC)) throw new SealedFileError('NOT_SEALED', `not a ${SEALED_FORMAT} file (no URNASEAL header)`);
  if (b[8] !== SEALED_VERSION) throw new SealedFileError('NOT_SEALED', `unknown sealed-file version ${b[8]}`);
  return { recipient: b.subarray(9, 41), ephemeral: b.subarray(41, 73) };
}

/** Writes a sealed file chunk by chunk: `write` plaintext, then `close`. The plaintext never
 * reaches the disk; the file appears under its name only once closed. */
export class SealedFileWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;
  private closed = false;

  private constructor(private readonly file: FileHandle, private readonly path: string, private readonly tmp: string, private readonly key: Buffer, private readonly header: Buffer) {}

  static async create(path: string, recipient: Uint8Array): Promise<SealedFileWriter> {
    const recipientKey = publicKeyObject(recipient);
    const { privateKey, publicKey } = generateKeyPairSync('x25519');
    const ephemeral = rawPublic(publicKey);
    const key = deriveKey(diffieHellman({ privateKey, publicKey: recipientKey }), ephemeral, recipient);
    const header = Buffer.concat([SEALED_MAGIC, Buffer.of(SEALED_VERSION), Buffer.from(recipient), ephemeral]);
    const tmp = `${path}.${randomBytes(6).toString('hex')}.partial`;
    const file = await open(tmp, 'wx', 0o644);
    await file.write(header);
    return new SealedFileWriter(file, path, tmp, key, header);
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (this.closed) throw new Error('sealed file already closed');
    const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
    if (buf.length === 0) return;
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes <= SEALED_CHUNK_BYTES) return;
    // Joined once, then sealed slice by slice: joining what is left after every chunk copied a
    // large write over and over (a ledger page of tens of megabytes took about 24 s of copying).
    const all = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending);
    let at = 0;
    // Keep at least one byte back, so that the last chunk is known to be last when it is sealed.
    for (; all.length - at > SEALED_CHUNK_BYTES; at += SEALED_CHUNK_BYTES) await this.seal(all.subarray(at, at + SEALED_CHUNK_BYTES), false);
    // A copy of the rest, so the large buffer is not kept alive by its last few bytes.
    this.pending = [Buffer.from(all.subarray(at))];
    this.pendingBytes = all.length - at;
  }

  async close(): Promise<{ path: string; bytes: number }> {
    if (this.closed) throw new Error('sealed file already closed');
    await this.seal(Buffer.concat(this.pending), true);
    this.closed = true;
    const { size } = await this.file.stat();
    await this.file.sync();
    await this.file.close();
    await rename(this.tmp, this.path);
    return { path: this.path, bytes: size };
  }

  /** Drops the partial file (after a failure while writing). */
  async abort(): Promise<void> {
    this.closed = true;
    await this.file.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }

  private async seal(chunk: Buffer, last: boolean): Promise<void> {
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce(this.index++, last), { authTagLength: SEALED_TAG_BYTES });
    cipher.setAAD(this.header);
    const out = Buffer.concat([cipher.update(chunk), cipher.final(), cipher.getAuthTag()]);
    await this.file.write(out);
  }
}

/** Seals a whole buffer (small files and tests). */
export async function sealToFile(path: string, plaintext: string | Uint8Array, recipient: Uint8Array): Promise<{ path: string; bytes: number }> {
  const writer = await SealedFileWriter.create(path, recipient);
  try {
    await writer.write(plaintext);
    return await writer.close();
  } catch (err) {
    await writer.abort();
    throw err;
  }
}

/**
 * Opens a sealed file with the holder's private key, chunk by chunk: `onPlaintext` receives
 * each authenticated chunk in order. Throws WRONG_RECIPIENT when the file is sealed to another
 * key, CORRUPT when a chunk fails authentication, TRUNCATED when the last chunk is missing.
 */
export async function openSealedStream(path: string, privateKey: KeyObject, onPlaintext: (chunk: Buffer) => void | Promise<void>): Promise<number> {
  const mine = publicKeyOf(privateKey);
  const sealedChunk = SEALED_CHUNK_BYTES + SEALED_TAG_BYTES;
  let buffered: Buffer = Buffer.alloc(0);
  let header: Buffer | undefined;
  let key: Buffer | undefined;
  let index = 0;
  let plaintextBytes = 0;
  const openChunk = async (sealed: Buffer, last: boolean) => {
    if (sealed.length < SEALED_TAG_BYTES) throw new SealedFileError('TRUNCATED', 'the file ends inside a chunk tag');
    const decipher = createDecipheriv('aes-256-gcm', key!, nonce(index, last), { authTagLength: SEALED_TAG_BYTES });
    decipher.setAAD(header!);
    decipher.setAuthTag(sealed.subarray(sealed.length - SEALED_TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - SEALED_TAG_BYTES)), decipher.final()]);
    } catch {
      throw new SealedFileError('CORRUPT', `chunk ${index} does not authenticate: the file was altered, truncated or sealed to another key`);
    }
    if (!last && plain.length !== SEALED_CHUNK_BYTES) throw new SealedFileError('CORRUPT', `chunk ${index} is short`);
    if (last && plain.length === 0 && index > 0) throw new SealedFileError('CORRUPT', 'an empty last chunk after other chunks');
    index++;
    plaintextBytes += plain.length;
    await onPlaintext(plain);
  };
  for await (const data of createReadStream(path)) {
    buffered = buffered.length ? Buffer.concat([buffered, data as Buffer]) : (data as Buffer);
    if (!header) {
      if (buffered.length < SEALED_HEADER_BYTES) continue;
      const parsed = readSealedHeader(buffered);
      if (!Buffer.from(parsed.recipient).equals(Buffer.from(mine))) {
        throw new SealedFileError('WRONG_RECIPIENT', `sealed to key ${recipientFingerprint(parsed.recipient)}, not to this key (${recipientFingerprint(mine)})`);
      }
      header = Buffer.from(buffered.subarray(0, SEALED_HEADER_BYTES));
      key = deriveKey(diffieHellman({ privateKey, publicKey: publicKeyObject(parsed.ephemeral) }), parsed.ephemeral, parsed.recipient);
      buffered = buffered.subarray(SEALED_HEADER_BYTES);
    }
    // A full sealed chunk with more bytes after it is not the last one.
    while (buffered.length > sealedChunk) {
      await openChunk(buffered.subarray(0, sealedChunk), false);
      buffered = buffered.subarray(sealedChunk);
    }
  }
  if (!header) readSealedHeader(buffered); // throws NOT_SEALED
  await openChunk(buffered, true);
  return plaintextBytes;
}

/** Opens a sealed file into memory. */
export async function openSealedFile(path: string, privateKey: KeyObject): Promise<Buffer> {
  const parts: Buffer[] = [];
  await openSealedStream(path, privateKey, (chunk) => void parts.push(chunk));
  return Buffer.concat(parts);
}

/** Opens a sealed file into `outPath` (mode 0600: it holds personal data), which appears only
 * once every chunk has authenticated; nothing is left behind on failure. */
export async function openSealedFileTo(path: string, privateKey: KeyObject, outPath: string): Promise<number> {
  const tmp = `${outPath}.${randomBytes(6).toString('hex')}.partial`;
  const out = await open(tmp, 'wx', 0o600);
  try {
    const bytes = await openSealedStream(path, privateKey, async (chunk) => void (await out.write(chunk)));
    await out.close();
    await rename(tmp, outPath);
    return bytes;
  } catch (err) {
    await out.close().catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}
