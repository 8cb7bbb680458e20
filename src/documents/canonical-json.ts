/**
 * RFC 8785 (JSON Canonicalization Scheme) bytes of an official document, and their SHA-256.
 * Every hash printed on an acta, opening report or manifest is SHA-256 over these bytes.
 *
 * Documents hold only objects, arrays, strings, booleans, null and safe integers (no
 * fractions: counts are integers, instants are strings), so the JCS rules reduce to: object
 * members sorted by the UTF-16 code units of their names, strings escaped as ECMAScript's
 * JSON.stringify does, integers in plain decimal, no whitespace, UTF-8 output.
 * Written here rather than importing the `canonicalize` package because that package is
 * ESM-only with no "require" export, so the CommonJS service cannot load it; the tests
 * check this function against `canonicalize` byte for byte.
 */
import { createHash } from 'node:crypto';

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

/** In `u` mode a surrogate pair is one code point, so this matches only unpaired halves. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export function canonicalJson(value: unknown): string {
  return serialize(value, '$');
}

function serialize(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      if (LONE_SURROGATE.test(value)) throw new CanonicalJsonError(`${path}: string has a lone surrogate`);
      return JSON.stringify(value);
    case 'number':
      if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(`${path}: documents hold only safe integers, got ${value}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v, i) => serialize(v, `${path}[${i}]`)).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort(); // default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires
      return `{${keys.map((k) => `${JSON.stringify(k)}:${serialize(obj[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalJsonError(`${path}: ${typeof value} has no JSON form`);
  }
}

export function canonicalBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value));
}

export function sha256Hex(bytes: Uint8Array): string {
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
