/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), for the JSON values a manifest holds: object
 * members sorted by their names' UTF-16 code units, no whitespace, strings and numbers
 * serialized as ECMAScript's JSON.stringify does (which is what RFC 8785 specifies).
 *
 * Why not import the `canonicalize` package here: it is ESM-only and exports only an "import"
 * condition, so Node's require() (Nest under @swc-node/register, CommonJS) cannot load it
 * (ERR_PACKAGE_PATH_NOT_EXPORTED). This function is tested byte for byte against it
 * (test/domain/configuration/canonical-json.spec.ts).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no representation for ${value}`);
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    if (hasLoneSurrogate(value)) throw new TypeError('canonical JSON requires well-formed Unicode strings (lone surrogate found)');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const obj = value as Record<string, unknown>;
    const members = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${canonicalJson(k)}:${canonicalJson(obj[k])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonical JSON cannot encode a ${typeof value}`);
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}
