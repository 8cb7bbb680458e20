/**
 * The credential authority's own data folder, on its own machine (docs/spec/credentials.md §1):
 *
 *   authority.json         its name and signing key (mode 0600; the public key is what the opening
 *                          report prints and the service enrols)
 *   pending-passwords.json every voter's password, only between `generate` and `deliver` (0600);
 *                          `deliver` overwrites and deletes it once the e-mails are out
 *   mapping.sealed         who holds which public credential (pseudonym, username, name, e-mail,
 *                          credential), the list hash and the replacements so far — sealed for the
 *                          authority alone (AES-256-GCM under a key derived from its signing key),
 *                          kept so that it can replace a credential later
 *
 * No password survives delivery; the service never receives this folder.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { IssuedCredential } from '../../domain/credentials/credential-authority';
import type { CredentialRequestVoter } from '../../domain/credentials/credential-files';
import { signingKey, type SigningKey } from '../../domain/crypto/credential/credential-signature';
import { encodeScalar, littleEndianToBigint, mod } from '../../domain/crypto/scalar';
import { fromHex, toHex } from '../../domain/crypto/hash';

const AUTHORITY_FORMAT = 'urna.credential-authority/1';
const SEALED_FORMAT = 'urna.credential-authority-sealed/1';

/** What the authority keeps of each voter after delivery: never a password. */
export interface MappedVoter extends CredentialRequestVoter {
  credential: string;
}

export interface AuthorityMapping {
  electionId: string;
  listHash: string;
  /** Replacements signed so far (the next one is numbered this plus one). */
  replacements: number;
  /** Every credential ever listed (the list, then each replacement): a replacement is new. */
  listed: string[];
  voters: MappedVoter[];
}

export class AuthorityFolder {
  constructor(readonly dir: string) {}

  private path(name: string): string {
    return join(this.dir, name);
  }

  /** A fresh key, once: `init` again keeps the existing one (its public key may be printed already). */
  init(name: string): { name: string; key: SigningKey; created: boolean } {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (existsSync(this.path('authority.json'))) return { ...this.authority(), created: false };
    let x = 0n;
    while (x === 0n) x = mod(littleEndianToBigint(randomBytes(64)));
    const key = signingKey(x);
    writeFileSync(this.path('authority.json'), `${JSON.stringify({ format: AUTHORITY_FORMAT, name, publicKey: key.publicKey, secretKey: toHex(encodeScalar(x)) }, null, 2)}\n`, { mode: 0o600 });
    return { name, key, created: true };
  }

  authority(): { name: string; key: SigningKey } {
    const a = JSON.parse(readFileSync(this.path('authority.json'), 'utf8')) as { format: string; name: string; publicKey: string; secretKey: string };
    if (a.format !== AUTHORITY_FORMAT) throw new Error(`${this.path('authority.json')} is not a ${AUTHORITY_FORMAT} file`);
    const key = signingKey(littleEndianToBigint(fromHex(a.secretKey, 32)));
    if (key.publicKey !== a.publicKey) throw new Error(`${this.path('authority.json')}: the secret key does not give the public key`);
    return { name: a.name, key };
  }

  writePending(issued: readonly IssuedCredential[]): void {
    writeFileSync(this.path('pending-passwords.json'), `${JSON.stringify(issued)}\n`, { mode: 0o600 });
  }

  pending(): IssuedCredential[] | undefined {
    return existsSync(this.path('pending-passwords.json')) ? JSON.parse(readFileSync(this.path('pending-passwords.json'), 'utf8')) as IssuedCredential[] : undefined;
  }

  /** Overwrites the passwords with zeros, then deletes the file: delivered, they exist nowhere here. */
  destroyPending(): void {
    const path = this.path('pending-passwords.json');
    if (!existsSync(path)) return;
    const fd = openSync(path, 'r+');
    try {
      writeSync(fd, Buffer.alloc(fstatSync(fd).size));
    } finally {
      closeSync(fd);
    }
    unlinkSync(path);
  }

  writeMapping(mapping: AuthorityMapping): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.sealingKey(), iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(mapping), 'utf8'), cipher.final()]);
    const sealed = { format: SEALED_FORMAT, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
    writeFileSync(this.path('mapping.sealed'), `${JSON.stringify(sealed)}\n`, { mode: 0o600 });
  }

  mapping(): AuthorityMapping {
    const sealed = JSON.parse(readFileSync(this.path('mapping.sealed'), 'utf8')) as { format: string; iv: string; tag: string; data: string };
    if (sealed.format !== SEALED_FORMAT) throw new Error(`${this.path('mapping.sealed')} is not a ${SEALED_FORMAT} file`);
    const decipher = createDecipheriv('aes-256-gcm', this.sealingKey(), Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8')) as AuthorityMapping;
  }

  private sealingKey(): Buffer {
    const { key } = this.authority();
    return createHash('sha256').update('urna/v1/credential-authority/sealed-mapping').update(encodeScalar(key.secretKey)).digest();
  }
}
