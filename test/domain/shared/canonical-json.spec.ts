/**
 * The project's one RFC 8785 serializer (src/domain/shared/canonical-json.ts) gives byte for
 * byte what the `canonicalize` package gives, on every kind of value Urna hashes: arbitrary
 * JSON (log leaves, manifests), ballot-like values and official documents.
 */
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { CanonicalJsonError, canonicalJson, canonicalJsonBytes, hasLoneSurrogate, hasLoneSurrogateByScan, isCanonicalJsonText } from '../../../src/domain/shared/canonical-json';
import { canonicalDocumentJson, renderCanonical } from '../../../src/documents/canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('matches the canonicalize package on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the canonicalize package on ballot-like values (integers, grapheme and binary strings)', () => {
    const ballotLike = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string({ unit: 'grapheme' }),
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.integer(),
        fc.array(tie('value')),
        fc.dictionary(fc.string({ unit: 'binary' }), tie('value')),
      ),
    })).value;
    fc.assert(fc.property(ballotLike, (v) => expect(canonicalJson(v, { safeIntegersOnly: true })).toBe(canonicalize(v))), { numRuns: 300 });
  });

  it('sorts keys by UTF-16 code units and formats numbers as ECMAScript does', () => {
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, -0, 'é'], '\u20ac': 1, '\ud83d\ude00': 2, '\r': 3 })).toBe(
      '{"\\r":3,"a":[1e+21,0.1,0,"é"],"b":1,"€":1,"😀":2}',
    );
    expect(canonicalJson({ b: 1, a: [true, null, 'é'], A: { z: 0.5, '€': 1e21, '😀': -0 } })).toBe('{"A":{"z":0.5,"€":1e+21,"😀":0},"a":[true,null,"é"],"b":1}');
  });

  it('leaves out members whose value is undefined, and accepts objects without a prototype', () => {
    expect(canonicalJson({ b: undefined, a: 1 })).toBe('{"a":1}');
    expect(canonicalJson(Object.assign(Object.create(null), { z: 1, y: [] }))).toBe('{"y":[],"z":1}');
  });

  it('gives the UTF-8 bytes of the same text', () => {
    expect(new TextDecoder().decode(canonicalJsonBytes({ é: 'ñ', a: 1 }))).toBe('{"a":1,"é":"ñ"}');
  });

  it('rejects what JSON cannot carry', () => {
    expect(() => canonicalJson(NaN)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ a: Infinity })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson('\ud800')).toThrow(/lone surrogate/);
    expect(() => canonicalJson({ '\udc00': 1 })).toThrow(/lone surrogate/);
    expect(() => canonicalJson(10n)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(new Date(0))).toThrow(TypeError);
    expect(() => canonicalJson([undefined])).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ s: Symbol('s') })).toThrow(CanonicalJsonError);
    const circular: Record<string, unknown> = { a: 1 };
    circular.self = { back: circular };
    expect(() => canonicalJson(circular)).toThrow(/circular/);
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it('names where the refused value sits, and only that place', () => {
    expect(() => canonicalJson({ a: [1, { b: NaN }] })).toThrow(new CanonicalJsonError('$.a[1].b: NaN is not allowed in JSON'));
    // Siblings visited before the culprit leave no trace in its path.
    expect(() => canonicalJson({ a: [{ x: 1 }, [2, 3]], b: { c: { d: 10n } } })).toThrow(new CanonicalJsonError('$.b.c.d: a bigint has no JSON form'));
    expect(() => canonicalJson([[0], [1, '\udfff']])).toThrow(new CanonicalJsonError('$[1][1]: string has a lone surrogate'));
    expect(() => canonicalJson({ a: { '\ud800x': 1 } })).toThrow(new CanonicalJsonError('$.a: member name has a lone surrogate'));
    expect(() => canonicalJson({ q: [1] }, { safeIntegersOnly: true })).not.toThrow();
    expect(() => canonicalJson({ q: [1, 0.5] }, { safeIntegersOnly: true })).toThrow(new CanonicalJsonError('$.q[1]: only safe integers are allowed here, got 0.5'));
    const loop: unknown[] = [1];
    loop.push({ again: loop });
    expect(() => canonicalJson({ top: loop })).toThrow(new CanonicalJsonError('$.top[1].again: circular reference'));
  });

  it("the engine's well-formedness check and the scan older browsers use agree on any UTF-16 text", () => {
    const surrogateHeavy = fc.array(fc.oneof(fc.integer({ min: 0xd7fe, max: 0xe001 }), fc.integer({ min: 0, max: 0xffff })), { maxLength: 12 })
      .map((units) => String.fromCharCode(...units));
    fc.assert(fc.property(fc.oneof(surrogateHeavy, fc.string({ unit: 'binary' })), (s) => {
      expect(hasLoneSurrogate(s)).toBe(hasLoneSurrogateByScan(s));
    }), { numRuns: 3000 });
    for (const bad of ['\ud800', 'a\udc00', '\ud83d\ud83d', '\ude00\ud83d', 'x\ud83d']) expect(hasLoneSurrogateByScan(bad)).toBe(true);
    for (const good of ['', 'ñ', '\ud83d\ude00', 'a\ud83d\ude00b']) expect(hasLoneSurrogateByScan(good)).toBe(false);
  });
});

/**
 * isCanonicalJsonText answers what `canonicalJson(JSON.parse(text)) === text` answers, faster on
 * texts that are canonical. Attacked with texts that are not: members out of order, names the
 * engine reorders, duplicates, spaces, escapes RFC 8785 does not write, lone surrogates raw and
 * escaped, and nesting deeper than the stack.
 */
describe('isCanonicalJsonText', () => {
  /** The answer by the full serializer, the definition it must keep. */
  const bySerializer = (text: string): boolean => {
    try {
      return canonicalJson(JSON.parse(text)) === text;
    } catch {
      return false;
    }
  };
  const anyJson = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.double(),
      fc.integer(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('\ud800', '\udfff', 'x\ud83dy', '\ud83d\ude00', '\\ud800'),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('0', '1', '2', '9', '10', '01', '-1', '__proto__')), tie('value'), { maxKeys: 5 }),
    ),
  })).value;

  it('accepts the canonical text of any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      const text = canonicalJson(v);
      expect(isCanonicalJsonText(text, JSON.parse(text))).toBe(true);
    }), { numRuns: 1000 });
  });

  it("agrees with the full serializer on the engine's own serialization of any value (canonical or not)", () => {
    fc.assert(fc.property(anyJson, (v) => {
      const text = JSON.stringify(v);
      if (text === undefined) return;
      expect(isCanonicalJsonText(text, JSON.parse(text))).toBe(bySerializer(text));
    }), { numRuns: 3000 });
  });

  it.each([
    ['members out of order', '{"b":1,"a":2}', false],
    ['nested members out of order', '{"a":[{"y":1,"x":2}]}', false],
    ['integer-like names in code-unit order (canonical, though the engine reorders them)', '{"10":1,"9":2}', true],
    ['integer-like names in the engine\'s order', '{"9":2,"10":1}', false],
    ['a duplicate member', '{"a":1,"a":1}', false],
    ['a space', '{"a": 1}', false],
    ['an escape RFC 8785 does not write', '{"a":"\\u0041"}', false],
    ['an escaped lone surrogate', '{"a":"\\ud800"}', false],
    ['an escaped lone surrogate in a name', '{"\\udc00":1}', false],
    ['an escaped surrogate pair', '["\\ud83d\\ude00"]', false],
    ['an escaped backslash before "ud800" (canonical)', '["\\\\ud800"]', true],
    ['1.0', '[1.0]', false],
    ['-0', '[-0]', false],
    ['1e21 as RFC 8785 writes it', '[1e+21]', true],
  ])('%s', (_name, text, expected) => {
    expect(bySerializer(text)).toBe(expected);
    expect(isCanonicalJsonText(text, JSON.parse(text))).toBe(expected);
  });

  it('refuses a raw lone surrogate, and a value nested deeper than the stack, without throwing', () => {
    const raw = '["\ud800"]';
    expect(isCanonicalJsonText(raw, JSON.parse(raw))).toBe(false);
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    let value: unknown = [];
    for (let i = 0; i < 200_000; i++) value = [value];
    expect(isCanonicalJsonText(deep, value)).toBe(false);
  });

  it('is false for a value that is not the parse of the text', () => {
    expect(isCanonicalJsonText('{"a":1}', { a: 2 })).toBe(false);
    expect(isCanonicalJsonText('{"a":1}', { a: 1, b: undefined })).toBe(true);
  });
});

describe('canonical JSON of documents (RFC 8785, safe integers only)', () => {
  const documentValue = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.constant(null),
      fc.boolean(),
      fc.maxSafeInteger(),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc.array(tie('value'), { maxLength: 5 }),
      fc.dictionary(fc.string({ unit: 'binary' }), tie('value'), { maxKeys: 5 }),
    ),
  })).value;

  it('matches the canonicalize package byte for byte', () => {
    fc.assert(
      fc.property(documentValue, (v) => {
        expect(canonicalDocumentJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts members by UTF-16 code units and escapes as RFC 8785 says', () => {
    // U+FF21 comes before U+1F600 as a code point but after it in UTF-16 (0xFF21 > 0xD83D).
    const v = { b: 1, a: 'é\n"', '\uFF21': true, '\u{1F600}': null, A: [3, 2] };
    expect(canonicalDocumentJson(v)).toBe('{"A":[3,2],"a":"é\\n\\"","b":1,"😀":null,"\uFF21":true}');
  });

  it('gives a pinned SHA-256 for a pinned document (a change of format shows here)', () => {
    const doc = { document: 'urna.example', formatVersion: 1, counts: [0, 1, 123], label: 'Votación total' };
    expect(new TextDecoder().decode(renderCanonical(doc).bytes)).toBe('{"counts":[0,1,123],"document":"urna.example","formatVersion":1,"label":"Votación total"}');
    expect(renderCanonical(doc).sha256).toBe('825a5c9468f9b40879aadcf7843faf82c53b598e69cfd202319b7eeaf0be3289');
  });

  it.each([1.5, Number.NaN, 2 ** 60, undefined, () => 1, '\uD800'])('refuses %p in a document', (bad) => {
    expect(() => canonicalDocumentJson({ x: [bad] })).toThrow(CanonicalJsonError);
  });
});
