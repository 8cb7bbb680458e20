import fc from 'fast-check';
import { computeTrackingCode, parseReadableTrackingCode, readableTrackingCode } from '../../../../src/domain/crypto/ballot/tracking-code';
import { toHex } from '../../../../src/domain/crypto/hash';

describe('tracking codes', () => {
  it('the readable code is 4 groups of 4 Crockford characters and reads back (typos tolerated)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const hex = toHex(bytes);
        const readable = readableTrackingCode(hex);
        expect(readable).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
        expect(parseReadableTrackingCode(readable)).toBe(hex.slice(0, 20));
        expect(parseReadableTrackingCode(readable.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l'))).toBe(hex.slice(0, 20));
      }),
    );
    expect(readableTrackingCode('00'.repeat(32))).toBe('0000-0000-0000-0000');
    expect(readableTrackingCode('ff'.repeat(32))).toBe('ZZZZ-ZZZZ-ZZZZ-ZZZZ');
    expect(readableTrackingCode('0123456789abcdefffff' + '00'.repeat(22))).toBe('04HM-ASW9-NF6Y-ZZZZ') // checked with an independent base32 computation;
    expect(parseReadableTrackingCode('UUUU-0000-0000-0000')).toBeNull();
    expect(parseReadableTrackingCode('0000-0000-0000')).toBeNull();
    expect(() => readableTrackingCode('XYZ')).toThrow(/64/);
  });

  it('the tracking code covers every member but itself, in canonical order', () => {
    const ballot = { format: 'urna/ballot/v3', baseHash: 'aa', styleId: 's', voterBinding: 'bb', contests: [] } as const;
    const reordered = { contests: [], voterBinding: 'bb', styleId: 's', baseHash: 'aa', format: 'urna/ballot/v3' } as const;
    expect(computeTrackingCode(ballot)).toBe(computeTrackingCode(reordered));
    expect(computeTrackingCode({ ...ballot, trackingCode: 'x' } as never)).toBe(computeTrackingCode(ballot));
    expect(computeTrackingCode({ ...ballot, voterBinding: 'cc' })).not.toBe(computeTrackingCode(ballot));
  });
});
