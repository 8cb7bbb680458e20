/**
 * The bytes every proof binds to: the manifest as RFC 8785 canonical JSON, UTF-8 encoded, and
 * their SHA-256 (src/domain/crypto/election-context.ts takes these 32 bytes).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { canonicalJsonBytes } from '../shared/canonical-json';
import type { ElectionManifest } from './election-manifest';

export function canonicalManifestBytes(manifest: ElectionManifest): Uint8Array {
  return canonicalJsonBytes(manifest);
}

export function manifestHash(manifest: ElectionManifest): Uint8Array {
  return sha256(canonicalManifestBytes(manifest));
}

/** Lower-case hex of manifestHash: how events and the bulletin board show it. */
export function manifestHashHex(manifest: ElectionManifest): string {
  return bytesToHex(manifestHash(manifest));
}

/** SHA-256 (hex) of the manual exactly as handed to the notary (UTF-8 text). */
export function manualTextHashHex(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}
