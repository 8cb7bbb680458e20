import fc from 'fast-check';
import { canonicalJson } from '../../src/domain/shared/canonical-json';
import { ballotJcs } from '../../src/native-verification/ballot-jcs';

/** The native verifier's direct JCS of a parsed ballot is canonicalJson's, byte for byte. */
const hex = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));
const ident = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('opción-ñ', 'a"b\\c', 'tab\there', 'línea\nnueva', '\u0001', '😀 emoji', '\u2028'));
const option = fc.record({ alpha: hex, beta: hex, optionId: ident, proof: fc.record({ a0: hex, a1: hex, b0: hex, b1: hex, c0: hex, c1: hex, v0: hex, v1: hex }) });
const ballot = fc.record({
  format: fc.constant('urna/ballot/v3'),
  baseHash: hex,
  styleId: ident,
  voterBinding: hex,
  contests: fc.array(fc.record({ contestId: ident, options: fc.array(option, { minLength: 1, maxLength: 4 }), sumProof: fc.record({ a: hex, b: hex, v: hex }) }), { minLength: 1, maxLength: 3 }),
});

describe('ballotJcs', () => {
  it('equals canonicalJson of the ballot without its tracking code', () => {
    fc.assert(
      fc.property(ballot, (b) => {
        const { format, baseHash, styleId, voterBinding, contests } = b;
        let expected: string | undefined;
        try {
          expected = canonicalJson({ format, baseHash, styleId, voterBinding, contests }, { safeIntegersOnly: true });
        } catch {
          expected = undefined;
        }
        const got = ballotJcs({ ...b, trackingCode: 'x' });
        if (got !== undefined) expect(got).toBe(expected);
        else expect(JSON.stringify(b)).toMatch(/[\uD800-\uDFFF]/);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves identifiers with a lone surrogate to the general serializer (which refuses them)', () => {
    const b = { format: 'urna/ballot/v3', baseHash: '00'.repeat(32), styleId: 'x\uD800', voterBinding: '00'.repeat(32), contests: [] };
    expect(ballotJcs(b)).toBeUndefined();
    expect(() => canonicalJson(b)).toThrow();
  });
});
