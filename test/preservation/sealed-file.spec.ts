/**
 * urna.sealed/1 (docs/spec/documents.md §5.3): the confidential part of the preservation
 * package. Round trips at the chunk edges, an independent opener written from the spec's byte
 * layout alone, the wrong key refused, and every alteration of the file refused.
 */
import { createDecipheriv, createHash, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  generateRecipientKeyPair,
  openSealedFile,
  openSealedFileTo,
  parseRecipientPrivateKey,
  parseRecipientPublicKey,
  recipientFingerprint,
  sealToFile,
  SealedFileWriter,
} from '../../src/preservation/sealed-file';
import { ensureRecipientKeyFiles } from '../../src/preservation/recipient-key';
import { sealedLengthProblem } from '../../src/verifier/verify-package';

const work = mkdtempSync(join(tmpdir(), 'urna-sealed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const holder = generateRecipientKeyPair();
const holderKey = parseRecipientPrivateKey(holder.privateKeyPem);
const stranger = generateRecipientKeyPair();
const strangerKey = parseRecipientPrivateKey(stranger.privateKeyPem);
let n = 0;
const file = () => join(work, `f${n++}.urna-sealed`);

/** The spec's decryption, byte by byte, with nothing from src/ but the key. */
function openBySpec(bytes: Buffer, privatePem: string): Buffer {
  expect(bytes.subarray(0, 8).toString('ascii')).toBe('URNASEAL');
  expect(bytes[8]).toBe(1);
  const recipient = bytes.subarray(9, 41);
  const ephemeral = bytes.subarray(41, 73);
  const header = bytes.subarray(0, 73);
  const shared = diffieHellman({
    privateKey: parseRecipientPrivateKey(privatePem),
    publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: ephemeral.toString('base64url') }, format: 'jwk' }),
  });
  const key = Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), Buffer.from('urna.sealed/1 X25519 HKDF-SHA256 AES-256-GCM'), 32));
  const out: Buffer[] = [];
  let offset = 73;
  for (let i = 0; ; i++) {
    const last = bytes.length - offset <= 65_536 + 16;
    const chunk = bytes.subarray(offset, last ? bytes.length : offset + 65_536 + 16);
    const nonce = Buffer.alloc(12);
    nonce.writeUIntBE(i, 5, 6);
    nonce[11] = last ? 1 : 0;
    const d = createDecipheriv('aes-256-gcm', key, nonce);
    d.setAAD(header);
    d.setAuthTag(chunk.subarray(chunk.length - 16));
    out.push(d.update(chunk.subarray(0, chunk.length - 16)), d.final());
    if (last) return Buffer.concat(out);
    offset += 65_536 + 16;
  }
}

describe('urna.sealed/1', () => {
  it.each([0, 1, 65_535, 65_536, 65_537, 2 * 65_536, 3 * 65_536 + 17])('round-trips %i bytes, by the code and by the spec alone', async (size) => {
    const plain = randomBytes(size);
    const path = file();
    const { bytes } = await sealToFile(path, plain, holder.publicKey);
    const chunks = Math.max(1, Math.ceil(size / 65_536));
    expect(bytes).toBe(73 + size + 16 * chunks);
    expect(statSync(path).size).toBe(bytes);
    expect(sealedLengthProblem(bytes)).toBeUndefined();
    expect((await openSealedFile(path, holderKey)).equals(plain)).toBe(true);
    expect(openBySpec(readFileSync(path), holder.privateKeyPem).equals(plain)).toBe(true);
  });

  it('takes the plaintext in pieces of any size, and leaves no clear text or partial file behind', async () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `{"event":${i},"email":"persona${i}@example.mx"}\n`);
    const path = file();
    const writer = await SealedFileWriter.create(path, holder.publicKey);
    for (let i = 0; i < lines.length; i += 7) await writer.write(lines.slice(i, i + 7).join(''));
    await writer.close();
    const sealed = readFileSync(path);
    expect(sealed.includes('persona1@example.mx')).toBe(false);
    expect(sealed.includes('"email"')).toBe(false);
    expect(() => JSON.parse(sealed.toString('utf8').split('\n')[0])).toThrow();
    expect((await openSealedFile(path, holderKey)).toString('utf8')).toBe(lines.join(''));
    expect(readdirSync(work).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('seals a large write and writes that straddle chunks exactly as one write of the same bytes', async () => {
    const plain = randomBytes(40 * 65_536 + 123);
    const cuts = [0, 1, 65_535, 65_537, 5 * 65_536 + 9, 30 * 65_536, plain.length];
    const path = file();
    const writer = await SealedFileWriter.create(path, holder.publicKey);
    for (let i = 1; i < cuts.length; i++) await writer.write(plain.subarray(cuts[i - 1], cuts[i]));
    const { bytes } = await writer.close();
    expect(bytes).toBe(73 + plain.length + 16 * 41);
    expect(openBySpec(readFileSync(path), holder.privateKeyPem).equals(plain)).toBe(true);
    expect((await openSealedFile(path, holderKey)).equals(plain)).toBe(true);
  });

  it('refuses the wrong key, and a header rewritten to name it', async () => {
    const path = file();
    await sealToFile(path, 'secreto', holder.publicKey);
    await expect(openSealedFile(path, strangerKey)).rejects.toMatchObject({ code: 'WRONG_RECIPIENT' });
    const forged = readFileSync(path);
    Buffer.from(stranger.publicKey).copy(forged, 9);
    const forgedPath = file();
    writeFileSync(forgedPath, forged);
    await expect(openSealedFile(forgedPath, strangerKey)).rejects.toMatchObject({ code: 'CORRUPT' });
    await expect(openSealedFile(forgedPath, holderKey)).rejects.toMatchObject({ code: 'WRONG_RECIPIENT' });
  });

  it.each<[string, (b: Buffer) => Buffer]>([
    ['a flipped ciphertext byte', (b) => { const c = Buffer.from(b); c[100] ^= 1; return c; }],
    ['a flipped tag byte', (b) => { const c = Buffer.from(b); c[c.length - 1] ^= 1; return c; }],
    ['a flipped ephemeral key byte', (b) => { const c = Buffer.from(b); c[50] ^= 1; return c; }],
    ['the last chunk dropped', (b) => b.subarray(0, 73 + 65_536 + 16)],
    ['the last chunk cut short', (b) => b.subarray(0, b.length - 5)],
    ['bytes appended', (b) => Buffer.concat([b, Buffer.from('x')])],
    ['two chunks swapped', (b) => Buffer.concat([b.subarray(0, 73), b.subarray(73 + 65_552, 73 + 2 * 65_552), b.subarray(73, 73 + 65_552), b.subarray(73 + 2 * 65_552)])],
    ['another magic', (b) => Buffer.concat([Buffer.from('URNASEAM'), b.subarray(8)])],
  ])('refuses %s', async (_, alter) => {
    const path = file();
    await sealToFile(path, randomBytes(2 * 65_536 + 100), holder.publicKey);
    const altered = file();
    writeFileSync(altered, alter(readFileSync(path)));
    await expect(openSealedFile(altered, holderKey)).rejects.toMatchObject({ name: 'SealedFileError' });
    // Opening to a file leaves nothing behind on failure.
    const out = join(work, `out-${n}`);
    await expect(openSealedFileTo(altered, holderKey, out)).rejects.toMatchObject({ name: 'SealedFileError' });
    expect(existsSync(out)).toBe(false);
  });

  it('opens to a 0600 file for the holder', async () => {
    const path = file();
    await sealToFile(path, 'datos personales\n', holder.publicKey);
    const out = join(work, 'clear.jsonl');
    expect(await openSealedFileTo(path, holderKey, out)).toBe(17);
    expect(readFileSync(out, 'utf8')).toBe('datos personales\n');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('reads recipient keys as x25519:<hex>, SPKI PEM or a file, and makes 0600 key files', () => {
    const hex = Buffer.from(holder.publicKey).toString('hex');
    expect(Buffer.from(parseRecipientPublicKey(`x25519:${hex}`)).toString('hex')).toBe(hex);
    expect(Buffer.from(parseRecipientPublicKey(holder.publicKeyPem)).toString('hex')).toBe(hex);
    expect(recipientFingerprint(holder.publicKey)).toBe(createHash('sha256').update(holder.publicKey).digest('hex'));
    const keys = ensureRecipientKeyFiles(join(work, 'notaria'));
    expect(statSync(keys.privateKeyPath).mode & 0o777).toBe(0o600);
    expect(Buffer.from(parseRecipientPublicKey(keys.publicKeyPath)).equals(Buffer.from(keys.publicKey))).toBe(true);
    expect(ensureRecipientKeyFiles(join(work, 'notaria')).fingerprint).toBe(keys.fingerprint); // kept on a rerun
    expect(() => parseRecipientPublicKey('x25519:abcd')).toThrow(/X25519/);
    expect(() => parseRecipientPublicKey(createPublicKeyPem('ed25519'))).toThrow(/not X25519/);
  });

  it('accepts a key pair made by openssl, when openssl is installed', async () => {
    const pem = join(work, 'openssl.key');
    if (spawnSync('openssl', ['genpkey', '-algorithm', 'X25519', '-out', pem]).status !== 0) return;
    const pub = spawnSync('openssl', ['pkey', '-in', pem, '-pubout'], { encoding: 'utf8' }).stdout;
    const path = file();
    await sealToFile(path, 'hola', parseRecipientPublicKey(pub));
    expect((await openSealedFile(path, parseRecipientPrivateKey(pem))).toString()).toBe('hola');
  });
});

function createPublicKeyPem(type: 'ed25519'): string {
  return generateKeyPairSync(type).publicKey.export({ type: 'spki', format: 'pem' }) as string;
}
