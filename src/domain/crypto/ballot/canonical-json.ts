/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values a ballot contains: objects, arrays,
 * strings, booleans, null and safe integers. Object members are sorted by the UTF-16 code
 * units of their names (JavaScript's default string order) and strings are serialized as
 * ECMAScript's JSON.stringify does, which is what RFC 8785 prescribes. Written here (rather
 * than importing the ESM-only `canonicalize` package) so the booth bundle and every runtime
 * load it the same way; a test checks it against `canonicalize`.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError('canonicalJson: only safe integers are supported');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: unsupported value of type ${typeof value}`);
}
