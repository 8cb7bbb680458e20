/** Our RFC 8785 serializer gives byte for byte what the canonicalize package gives. */
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { canonicalJson } from '../../../src/domain/configuration/canonical-json';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts members by UTF-16 code units and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'é'], A: { z: 0.5, '€': 1e21, '😀': -0 } })).toBe('{"A":{"z":0.5,"€":1e+21,"😀":0},"a":[true,null,"é"],"b":1}');
  });

  it('agrees with the canonicalize package on arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(canonicalJson(v)).toBe(canonicalize(v));
      }),
      { numRuns: 500 },
    );
  });

  it('refuses what JSON cannot say', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson('\ud800')).toThrow(/lone surrogate/);
    expect(() => canonicalJson(new Date(0))).toThrow(TypeError);
  });
});
