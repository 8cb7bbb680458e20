/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the one serializer behind every hash of JSON in
 * Urna (log leaves, manifest and transcript hashes, ballot tracking codes, official documents,
 * the election record). Pure: the booth and board bundles run this same code.
 *
 * - Object members are sorted by the UTF-16 code units of their names (JavaScript's default
 *   `sort`, RFC 8785 §3.2.3); members whose value is `undefined` are left out.
 * - Strings and numbers are serialized as ECMAScript's JSON.stringify does (Number::toString,
 *   RFC 8785 §3.2.2); `-0` becomes `0`.
 * - Refused with CanonicalJsonError: NaN and ±Infinity, strings (or member names) with a lone
 *   surrogate, circular references, `undefined` anywhere but as a member's value, and anything
 *   that is not JSON data (bigint, function, symbol, Date, Map, class instances: no `toJSON`
 *   conversion happens behind the caller's back).
 * - `safeIntegersOnly` narrows numbers further, for values that by design hold only counts
 *   (official documents, ballots): a fraction there is a bug, not data.
 *
 * Why not the `canonicalize` package: it is ESM-only with no "require" export, so the CommonJS
 * service cannot load it. test/domain/shared/canonical-json.spec.ts checks this function
 * against it byte for byte on random values.
 */

/** A value RFC 8785 cannot (or, with `safeIntegersOnly`, may not) serialize. A TypeError. */
export class CanonicalJsonError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

export interface CanonicalJsonOptions {
  /** Refuse every number that is not a safe integer. */
  readonly safeIntegersOnly?: boolean;
}

export function canonicalJson(value: unknown, options: CanonicalJsonOptions = {}): string {
  return serialize(value, [], new Set(), options.safeIntegersOnly === true);
}

/**
 * Whether `text` is, byte for byte, the canonical JSON of `parsed`, the value JSON.parse gave
 * for it: `canonicalJson(parsed) === text`, never throwing (a value canonicalJson refuses, such
 * as a string with a lone surrogate, makes it false).
 *
 * Why a second path: every exported ballot line and every log entry (about 35 kB for a ballot)
 * is checked this way by the trustees' stations, `urna verify` and the monitor, and serializing
 * it again in JavaScript cost 0.158 ms a 33 kB line, against 0.071 ms for the comparison below
 * (1,000 lines of a simulacro's box, one thread). When every object of `parsed` already has
 * its members in canonical order, RFC 8785 writes exactly what the engine's JSON.stringify
 * writes, so the fast path asks only that (and that no escaped lone surrogate, which
 * JSON.stringify would write back and RFC 8785 refuses, is in the text). Anything else (members
 * out of order, integer-like names the engine reorders, duplicates, spaces, other escapes) falls
 * to the full serializer, so the answer is always canonicalJson's.
 */
export function isCanonicalJsonText(text: string, parsed: unknown): boolean {
  try {
    // (Both paths recurse: a value nested deeper than the stack is refused, not thrown.)
    if (!ESCAPED_SURROGATE.test(text) && membersInCanonicalOrder(parsed) && JSON.stringify(parsed) === text) return true;
    return canonicalJson(parsed) === text;
  } catch {
    return false;
  }
}

/** A \uD800–\uDFFF escape: JSON.stringify writes a lone surrogate this way. */
const ESCAPED_SURROGATE = /\\u[dD][89abcdefABCDEF]/;

/** Every object's own keys, as the engine lists them, already sorted by UTF-16 code units. */
function membersInCanonicalOrder(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!membersInCanonicalOrder(value[i])) return false;
    return true;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && !(keys[i - 1] < keys[i])) return false;
    if (!membersInCanonicalOrder((value as Record<string, unknown>)[keys[i]])) return false;
  }
  return true;
}

/** UTF-8 bytes of the canonical JSON, what hashes are taken over. */
export function canonicalJsonBytes(value: unknown, options: CanonicalJsonOptions = {}): Uint8Array {
  return new TextEncoder().encode(canonicalJson(value, options));
}

/**
 * Where a value sits, as the member names and indices from the root. Kept as a stack and only
 * spelled out (`$.a[2].b`) when a value is refused: building that text for every value of a
 * 47 kB ballot was most of the serializer's garbage.
 */
type PathStack = (string | number)[];

/** `$`, then `.name` for a member and `[i]` for an array element. */
export function pathText(at: readonly (string | number)[]): string {
  let text = '$';
  for (const step of at) text += typeof step === 'number' ? `[${step}]` : `.${step}`;
  return text;
}

function serialize(value: unknown, at: PathStack, seen: Set<object>, safeIntegersOnly: boolean): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${pathText(at)}: ${value} is not allowed in JSON`);
      if (safeIntegersOnly && !Number.isSafeInteger(value)) throw new CanonicalJsonError(`${pathText(at)}: only safe integers are allowed here, got ${value}`);
      return JSON.stringify(value);
    case 'string':
      if (hasLoneSurrogate(value)) throw new CanonicalJsonError(`${pathText(at)}: string has a lone surrogate`);
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${pathText(at)}: a ${typeof value} has no JSON form`);
  }
  if (seen.has(value)) throw new CanonicalJsonError(`${pathText(at)}: circular reference`);
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      let text = '[';
      for (let i = 0; i < value.length; i++) {
        at.push(i);
        text += (i === 0 ? '' : ',') + serialize(value[i], at, seen, safeIntegersOnly);
        at.pop();
      }
      return `${text}]`;
    }
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw new CanonicalJsonError(`${pathText(at)}: a ${prototype?.constructor?.name ?? 'non-plain'} object is not JSON data`);
    }
    const obj = value as Record<string, unknown>;
    let text = '{';
    let first = true;
    for (const key of Object.keys(obj).sort()) {
      const member = obj[key];
      if (member === undefined) continue;
      if (hasLoneSurrogate(key)) throw new CanonicalJsonError(`${pathText(at)}: member name has a lone surrogate`);
      at.push(key);
      text += `${first ? '' : ','}${JSON.stringify(key)}:${serialize(member, at, seen, safeIntegersOnly)}`;
      at.pop();
      first = false;
    }
    return `${text}}`;
  } finally {
    seen.delete(value);
  }
}

/** The engine's own check where it has one (Node 20, browsers since 2023), else a scan. */
const isWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/** True when `s` is not well-formed UTF-16 (a high surrogate not followed by a low one, or a lone low one). */
export function hasLoneSurrogate(s: string): boolean {
  return isWellFormed ? !isWellFormed.call(s) : hasLoneSurrogateByScan(s);
}

/** The scan for engines without String.prototype.isWellFormed (older phones' browsers). */
export function hasLoneSurrogateByScan(s: string): boolean {
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
