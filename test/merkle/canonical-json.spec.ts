import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from '../../src/ledger/merkle/canonical-json';

describe('canonicalJson (RFC 8785)', () => {
  it('matches the canonicalize package on random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys by UTF-16 code units and formats numbers as ECMAScript does', () => {
    expect(canonicalJson({ b: 1, a: [1e21, 0.1, -0, 'é'], '\u20ac': 1, '\ud83d\ude00': 2, '\r': 3 })).toBe(
      '{"\\r":3,"a":[1e+21,0.1,0,"é"],"b":1,"€":1,"😀":2}',
    );
  });

  it('rejects what JSON cannot carry', () => {
    expect(() => canonicalJson(NaN)).toThrow();
    expect(() => canonicalJson({ a: Infinity })).toThrow();
    expect(() => canonicalJson('\ud800')).toThrow();
    expect(() => canonicalJson(10n)).toThrow();
  });
});
