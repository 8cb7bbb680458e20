/** The sealed-share record format (docs/spec/tokens.md), without any token. */
import {
  decodeShareAad,
  encodeShareAad,
  sealedShareFromJson,
  sealedShareToJson,
  shareKeyId,
  shareKeyLabel,
  type SealedShare,
} from '../../src/hsm/sealed-share';
import { SealedShareMalformedError } from '../../src/hsm/hsm-errors';

const binding = { electionId: 'pef-2024', trusteeId: 'custodio-3' };

describe('sealed-share AAD (byte layout v1)', () => {
  it('is the domain tag followed by three u16be-length-prefixed UTF-8 fields', () => {
    const aad = encodeShareAad(binding, '87778ed730d096b6');
    // The example of docs/spec/tokens.md, byte for byte.
    expect(Buffer.from(aad).toString('hex')).toBe(
      '75726e612f7365616c65642d73686172652f7631' +
        '0008' + '7065662d32303234' +
        '000a' + '637573746f64696f2d33' +
        '0010' + '38373737386564373330643039366236',
    );
    expect(decodeShareAad(aad)).toEqual({ ...binding, tokenSerial: '87778ed730d096b6' });
  });

  it('encodes non-ASCII identifiers as UTF-8 and round-trips them', () => {
    const b = { electionId: 'elección-año', trusteeId: 'Núñez' };
    expect(decodeShareAad(encodeShareAad(b, 's'))).toEqual({ ...b, tokenSerial: 's' });
  });

  it('rejects empty identifiers, trailing bytes, truncation and a foreign tag', () => {
    expect(() => encodeShareAad({ electionId: '', trusteeId: 't' }, 's')).toThrow(SealedShareMalformedError);
    const aad = encodeShareAad(binding, 's');
    expect(() => decodeShareAad(Uint8Array.of(...aad, 0))).toThrow(SealedShareMalformedError);
    expect(() => decodeShareAad(aad.subarray(0, aad.length - 1))).toThrow(SealedShareMalformedError);
    const foreign = Uint8Array.from(aad);
    foreign[0] ^= 0x20;
    expect(() => decodeShareAad(foreign)).toThrow(SealedShareMalformedError);
  });

  it('derives key ids that do not collide when identifiers contain the label separator', () => {
    const a = { electionId: 'a/b', trusteeId: 'c' };
    const b = { electionId: 'a', trusteeId: 'b/c' };
    expect(shareKeyLabel(a)).toBe(shareKeyLabel(b)); // labels are for people only…
    expect(Buffer.from(shareKeyId(a)).equals(Buffer.from(shareKeyId(b)))).toBe(false); // …ids decide
  });
});

describe('sealed-share JSON form', () => {
  const sealed: SealedShare = {
    version: 1,
    algorithm: 'AES-256-GCM',
    tokenSerial: '87778ed730d096b6',
    keyLabel: shareKeyLabel(binding),
    iv: new Uint8Array(12).fill(7),
    ciphertext: new Uint8Array(48).fill(9),
    aad: encodeShareAad(binding, '87778ed730d096b6'),
  };

  it('round-trips with lowercase hex byte fields', () => {
    const json = sealedShareToJson(sealed);
    expect(json.iv).toBe('07'.repeat(12));
    expect(sealedShareFromJson(JSON.parse(JSON.stringify(json)))).toEqual(sealed);
  });

  it('rejects a wrong version, uppercase hex, a short IV and a tag-only ciphertext', () => {
    const json = sealedShareToJson(sealed);
    expect(() => sealedShareFromJson({ ...json, version: 2 })).toThrow(SealedShareMalformedError);
    expect(() => sealedShareFromJson({ ...json, iv: json.iv.toUpperCase().replace(/7/g, 'A') })).toThrow(SealedShareMalformedError);
    expect(() => sealedShareFromJson({ ...json, iv: '00'.repeat(11) })).toThrow(SealedShareMalformedError);
    expect(() => sealedShareFromJson({ ...json, ciphertext: '00'.repeat(16) })).toThrow(SealedShareMalformedError);
  });
});
