import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from '../shared/canonical-json';
import type { CeremonyTranscript } from '../crypto/ceremony/messages';
import { toHex, utf8 } from '../crypto/hash';
import type { CeremonyState } from './state';

/**
 * The ceremony transcript as recorded: params plus every round-1, round-2 and complaint
 * message, each list in trustee order (round 1 by trustee, round 2 by dealer, complaints by
 * complainant then dealer), so the same ledger always gives the same transcript whatever the
 * order the trustees acted in. Its hash is SHA-256 over the RFC 8785 canonical JSON.
 */
export function transcriptOf(s: CeremonyState): CeremonyTranscript {
  if (!s.opened) throw new Error('the ceremony has not been opened');
  const byKey = <T>(r: Record<string, T>) => Object.keys(r).map(Number).sort((a, b) => a - b).map((k) => r[String(k)]);
  return {
    params: { ceremonyId: s.opened.ceremonyId, n: s.opened.trustees, t: s.opened.threshold },
    round1: byKey(s.round1),
    round2: byKey(s.round2),
    complaints: [...s.complaints].sort((a, b) => a.complainant - b.complainant || a.dealer - b.dealer),
  };
}

export function transcriptHash(transcript: CeremonyTranscript): string {
  return toHex(sha256(utf8(canonicalJson(transcript))));
}
