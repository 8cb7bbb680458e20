import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { CanonicalJsonError, canonicalJson, renderCanonical } from '../../src/documents/canonical-json';

describe('canonical JSON of documents (RFC 8785)', () => {
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
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('sorts members by UTF-16 code units and escapes as RFC 8785 says', () => {
    // U+FF21 comes before U+1F600 as a code point but after it in UTF-16 (0xFF21 > 0xD83D).
    const v = { b: 1, a: 'é\n"', '\uFF21': true, '\u{1F600}': null, A: [3, 2] };
    expect(canonicalJson(v)).toBe('{"A":[3,2],"a":"é\\n\\"","b":1,"😀":null,"\uFF21":true}');
  });

  it('gives a pinned SHA-256 for a pinned document (a change of format shows here)', () => {
    const doc = { document: 'urna.example', formatVersion: 1, counts: [0, 1, 123], label: 'Votación total' };
    expect(new TextDecoder().decode(renderCanonical(doc).bytes)).toBe('{"counts":[0,1,123],"document":"urna.example","formatVersion":1,"label":"Votación total"}');
    expect(renderCanonical(doc).sha256).toBe('825a5c9468f9b40879aadcf7843faf82c53b598e69cfd202319b7eeaf0be3289');
  });

  it.each([1.5, Number.NaN, 2 ** 60, undefined, () => 1, '\uD800'])('refuses %p in a document', (bad) => {
    expect(() => canonicalJson({ x: [bad] })).toThrow(CanonicalJsonError);
  });
});
