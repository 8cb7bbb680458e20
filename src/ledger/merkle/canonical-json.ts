/**
 * RFC 8785 JSON Canonicalization Scheme, the byte-exact serialization of every leaf.
 *
 * Why not import the `canonicalize` package here: it is ESM-only and exports only an "import"
 * condition, so the CommonJS service cannot require() it. This is the same algorithm
 * (ECMAScript number and string serialization, object keys sorted by UTF-16 code units), and
 * test/merkle/canonical-json.spec.ts checks it against `canonicalize` on random JSON values.
 */

export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalJson(value: unknown): string {
  const out = serialize(value, new Set());
  if (out === undefined) throw new CanonicalJsonError('value has no JSON representation');
  return out;
}

function serialize(value: unknown, seen: Set<object>): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${value} is not allowed in JSON`);
      return JSON.stringify(value); // ECMAScript Number::toString, as RFC 8785 §3.2.2.3 requires
    case 'string':
      if (hasLoneSurrogate(value)) throw new CanonicalJsonError('string with a lone surrogate');
      return JSON.stringify(value);
    case 'undefined':
    case 'symbol':
      return undefined;
    case 'bigint':
    case 'function':
      throw new CanonicalJsonError(`a ${typeof value} is not JSON`);
  }
  const obj = value as Record<string, unknown> & { toJSON?: () => unknown };
  if (seen.has(obj)) throw new CanonicalJsonError('circular reference');
  seen.add(obj);
  try {
    if (typeof obj.toJSON === 'function') return serialize(obj.toJSON(), seen);
    if (Array.isArray(obj)) return `[${obj.map((v) => serialize(v, seen) ?? 'null').join(',')}]`;
    const parts: string[] = [];
    for (const key of Object.keys(obj).sort()) {
      const v = serialize(obj[key], seen);
      if (v !== undefined) parts.push(`${serialize(key, seen)}:${v}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(obj);
  }
}

function hasLoneSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
