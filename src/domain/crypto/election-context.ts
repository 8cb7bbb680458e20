import { element, hash256, toHex } from './hash';
import type { GroupElement } from './group';

/**
 * What every proof of an election is bound to: the hash of the election manifest (contests,
 * options, ballot styles: docs/spec/configuration.md) and the election public key. Every
 * Fiat-Shamir challenge includes `baseHash`, so a proof made for one election (or one key)
 * never verifies in another. Compare ElectionGuard's extended base hash.
 *
 *   baseHash = hash256("urna/v1/election-base", manifestHash, encode(K))
 */
export interface ElectionContext {
  /** SHA-256 of the canonical manifest bytes, 32 bytes. */
  readonly manifestHash: Uint8Array;
  readonly publicKey: GroupElement;
  readonly baseHash: Uint8Array;
}

export function electionContext(manifestHash: Uint8Array, publicKey: GroupElement): ElectionContext {
  if (manifestHash.length !== 32) throw new Error('manifest hash must be 32 bytes');
  return { manifestHash, publicKey, baseHash: hash256('urna/v1/election-base', manifestHash, element(publicKey)) };
}

export const baseHashHex = (c: ElectionContext): string => toHex(c.baseHash);
