import { hash256, toHex, utf8 } from '../hash';
import { Tags } from '../tags';
import { canonicalJson } from '../../shared/canonical-json';
import type { EncryptedBallotJson, UnsealedBallotJson } from './ballot-format';

/**
 * The tracking code names one encrypted ballot: a voter keeps it as a receipt and finds the
 * ballot on the public board with it.
 *
 *   trackingCode = hash256("urna/v1/ballot/tracking-code", utf8(JCS(ballot without trackingCode)))
 *
 * The readable form shows the first 80 bits in Crockford base32 as four groups of four,
 * e.g. "7K3Q-9XDF-2M8R-0AWZ": with 10⁷ ballots the chance that two share it is ≈ 4·10⁻¹¹,
 * and the board can always fall back on the full 64-hex-digit code.
 */
export const READABLE_TRACKING_CODE_BITS = 80;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function trackingCodeBytes(ballot: UnsealedBallotJson): Uint8Array {
  const { format, baseHash, styleId, voterBinding, contests } = ballot;
  return hash256(Tags.ballotTrackingCode, utf8(canonicalJson({ format, baseHash, styleId, voterBinding, contests }, { safeIntegersOnly: true })));
}

export function computeTrackingCode(ballot: UnsealedBallotJson): string {
  return toHex(trackingCodeBytes(ballot));
}

/** Adds the tracking code to a ballot. */
export function sealBallot(ballot: UnsealedBallotJson): EncryptedBallotJson {
  return { ...stripTrackingCode(ballot), trackingCode: computeTrackingCode(ballot) };
}

function stripTrackingCode(ballot: UnsealedBallotJson): UnsealedBallotJson {
  const { format, baseHash, styleId, voterBinding, contests } = ballot;
  return { format, baseHash, styleId, voterBinding, contests };
}

/** "7K3Q-9XDF-2M8R-0AWZ": the first 80 bits of the code, 5 bits per character, most significant first. */
export function readableTrackingCode(trackingCodeHex: string): string {
  if (!/^[0-9a-f]{64}$/.test(trackingCodeHex)) throw new Error('tracking code must be 64 lowercase hex digits');
  let bits = BigInt('0x' + trackingCodeHex.slice(0, READABLE_TRACKING_CODE_BITS / 4));
  const chars: string[] = [];
  for (let i = 0; i < READABLE_TRACKING_CODE_BITS / 5; i++) {
    chars.unshift(CROCKFORD[Number(bits & 31n)]);
    bits >>= 5n;
  }
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += 4) groups.push(chars.slice(i, i + 4).join(''));
  return groups.join('-');
}

/**
 * Reads what a voter typed back into the 20 hex digits the readable code stands for:
 * case-insensitive, hyphens and spaces ignored, and Crockford's look-alikes accepted
 * (O→0, I/L→1). Returns null if it is not a readable tracking code.
 */
export function parseReadableTrackingCode(typed: string): string | null {
  const cleaned = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (cleaned.length !== READABLE_TRACKING_CODE_BITS / 5) return null;
  let bits = 0n;
  for (const ch of cleaned) {
    const v = CROCKFORD.indexOf(ch);
    if (v < 0) return null;
    bits = (bits << 5n) | BigInt(v);
  }
  return bits.toString(16).padStart(READABLE_TRACKING_CODE_BITS / 4, '0');
}
