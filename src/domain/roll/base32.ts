/**
 * Text forms for random identifiers.
 * - RFC 4648 base32, lower case, no padding: pseudonyms (26 characters for 128 bits).
 * - Crockford's alphabet, lower case (no i, l, o, u: nothing to confuse when read aloud or
 *   typed from a letter): usernames and passwords people type.
 */
const RFC4648_LOWER = 'abcdefghijklmnopqrstuvwxyz234567';
export const CROCKFORD_LOWER = '0123456789abcdefghjkmnpqrstvwxyz';

export function base32(bytes: Uint8Array, alphabet: string = RFC4648_LOWER): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
  return out;
}
