/**
 * The embedded default signer: an Ed25519 key in a file, created (mode 0600) on first use.
 * File format, one line (the same shape as Go's golang.org/x/mod/sumdb/note private keys):
 *   PRIVATE+KEY+<name>+<hex key ID>+<base64(0x01 || 32-byte seed)>
 * Production uses the PKCS#11 signer (src/hsm/) instead, so the key never sits on disk.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fromBase64, toBase64 } from '../merkle/encoding';
import { nodeEd25519Signer } from './node-ed25519';
import type { NoteSigner } from './note-signer';
import { ED25519_SIGNATURE_TYPE, NoteError, assertKeyName, ed25519KeyId, keyIdHex } from './signed-note';

export class SoftwareNoteSigner implements NoteSigner {
  readonly publicKey: Uint8Array;

  /** node:crypto's signer: the same deterministic signatures as noble's, for a fraction of the CPU (node-ed25519.ts). */
  private readonly signWithSeed: (message: Uint8Array) => Uint8Array;

  constructor(
    readonly name: string,
    private readonly seed: Uint8Array,
  ) {
    assertKeyName(name);
    if (seed.length !== 32) throw new NoteError('an Ed25519 seed is 32 bytes');
    this.publicKey = ed25519.getPublicKey(seed);
    this.signWithSeed = nodeEd25519Signer(seed);
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    return this.signWithSeed(message);
  }

  static generate(name: string): SoftwareNoteSigner {
    return new SoftwareNoteSigner(name, new Uint8Array(randomBytes(32)));
  }

  /** Loads the key file, or creates it with a fresh key if it does not exist. */
  static fromKeyFile(path: string, name: string): SoftwareNoteSigner {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      const signer = SoftwareNoteSigner.generate(name);
      // Only the key's own folder is narrowed to 0700: a recursive mkdir with a mode would also
      // narrow every ancestor it creates (e.g. the data folder the database lives under).
      mkdirSync(dirname(dirname(path)), { recursive: true });
      mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
      // 'wx': never overwrite a key another process created a moment ago.
      writeFileSync(path, `${signer.encodePrivateKey()}\n`, { flag: 'wx', mode: 0o600 });
      chmodSync(path, 0o600); // the umask may have narrowed the mode; make it exact
      return SoftwareNoteSigner.fromKeyFile(path, name);
    }
    if ((statSync(path).mode & 0o077) !== 0) throw new NoteError(`key file ${path} is readable by others; chmod 600 it`);
    return SoftwareNoteSigner.decodePrivateKey(text.trim(), name);
  }

  static decodePrivateKey(line: string, expectedName: string): SoftwareNoteSigner {
    // PRIVATE+KEY+<name>+<key id>+<base64>: only the first four '+' separate fields, since
    // standard base64 may itself contain '+' (names never do: assertKeyName refuses it).
    const m = /^PRIVATE\+KEY\+([^+]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+=*)$/.exec(line);
    if (!m) throw new NoteError('not a PRIVATE+KEY line');
    const [, name, idHex, b64] = m;
    if (name !== expectedName) throw new NoteError(`key file is for "${name}", expected "${expectedName}"`);
    const material = fromBase64(b64);
    if (material.length !== 33 || material[0] !== ED25519_SIGNATURE_TYPE) throw new NoteError('key file does not hold an Ed25519 key');
    const signer = new SoftwareNoteSigner(name, material.slice(1));
    if (keyIdHex(ed25519KeyId(name, signer.publicKey)) !== idHex) throw new NoteError('key file key ID does not match its key');
    return signer;
  }

  private encodePrivateKey(): string {
    const material = new Uint8Array(33);
    material[0] = ED25519_SIGNATURE_TYPE;
    material.set(this.seed, 1);
    return `PRIVATE+KEY+${this.name}+${keyIdHex(ed25519KeyId(this.name, this.publicKey))}+${toBase64(material)}`;
  }
}
