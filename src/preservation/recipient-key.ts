/**
 * The recipient of the preservation package's confidential part: the X25519 public key the
 * authority or notary names (docs/spec/documents.md §5.3).
 *
 * Configuration: URNA_PRESERVATION_RECIPIENT = `x25519:<64 hex digits>`, an SPKI PEM text, or
 * the path of a file holding either (e.g. what `openssl pkey -pubout` or
 * `urna preservation-keygen` wrote). The holder keeps the private key; Urna never needs it.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRecipientKeyPair, parseRecipientPublicKey, recipientFingerprint } from './sealed-file';

export const RECIPIENT_ENV = 'URNA_PRESERVATION_RECIPIENT';

/** The configured recipient key (raw 32 bytes), or undefined when none is configured. */
export function recipientKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Uint8Array | undefined {
  const spec = env[RECIPIENT_ENV]?.trim();
  return spec ? parseRecipientPublicKey(spec) : undefined;
}

export interface RecipientKeyFiles {
  /** PKCS#8 PEM, mode 0600: the holder's secret. */
  privateKeyPath: string;
  /** SPKI PEM: what is handed to whoever seals the package. */
  publicKeyPath: string;
  publicKey: Uint8Array;
  fingerprint: string;
}

/**
 * A key pair in `dir` as `<name>.key` (private, 0600) and `<name>.pub`; kept when both exist, so
 * that a rerun seals to the same holder.
 */
export function ensureRecipientKeyFiles(dir: string, name = 'notary-x25519'): RecipientKeyFiles {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privateKeyPath = join(dir, `${name}.key`);
  const publicKeyPath = join(dir, `${name}.pub`);
  if (!existsSync(privateKeyPath) || !existsSync(publicKeyPath)) {
    const pair = generateRecipientKeyPair();
    writeFileSync(privateKeyPath, pair.privateKeyPem, { mode: 0o600 });
    chmodSync(privateKeyPath, 0o600); // also when the file was there already with a wider mode
    writeFileSync(publicKeyPath, pair.publicKeyPem, { mode: 0o644 });
  }
  const publicKey = parseRecipientPublicKey(readFileSync(publicKeyPath, 'utf8'));
  return { privateKeyPath, publicKeyPath, publicKey, fingerprint: recipientFingerprint(publicKey) };
}
