/**
 * RFC 8785 canonical bytes of an official document, and their SHA-256. Every hash printed on an
 * acta, opening report or manifest is SHA-256 over these bytes.
 *
 * Documents hold only objects, arrays, strings, booleans, null and safe integers (counts are
 * integers, instants are strings), so a fraction in one is refused rather than serialized.
 * The serializer itself is the project's one RFC 8785 implementation (src/domain/shared).
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/shared/canonical-json';

export { CanonicalJsonError } from '../domain/shared/canonical-json';

/** Canonical JSON of a document: RFC 8785, numbers limited to safe integers. */
export function canonicalDocumentJson(document: unknown): string {
  return canonicalJson(document, { safeIntegersOnly: true });
}

export function canonicalBytes(document: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalDocumentJson(document));
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The canonical rendering of a document: its bytes and their SHA-256 (lowercase hex). */
export interface CanonicalDocument {
  bytes: Uint8Array;
  sha256: string;
}

export function renderCanonical(document: unknown): CanonicalDocument {
  const bytes = canonicalBytes(document);
  return { bytes, sha256: sha256Hex(bytes) };
}
