/**
 * A trustee's signing key: an Ed25519 key pair generated inside the trustee's token, one per
 * election (CKA_LABEL `urna-trustee-signing/<electionId>`), sensitive and never extractable.
 * Its public half is enrolled with the trustee (TrusteeEnrolled v2); every message the trustee
 * sends is signed inside the token with CKM_EDDSA (docs/spec/tokens.md, "Trustee token").
 *
 * Only the trustee station uses this (src/trustee-station/): the service never opens a
 * trustee's token.
 */
import { findEd25519Key, findOrGenerateEd25519Key, signEd25519 } from './ed25519-token-key';
import { KeyNotFoundError } from './hsm-errors';
import { withTokenSession } from './token-session';

export const trusteeSigningKeyLabel = (electionId: string) => `urna-trustee-signing/${electionId}`;

export interface TrusteeSigningKey {
  /** The 32-byte RFC 8032 public key. */
  publicKey: Uint8Array;
  /** Serial number of the token that holds it. */
  tokenSerial: string;
  /** True when this call generated the key pair. */
  created: boolean;
}

/** The election's signing key of the token, generated first when `generate` and it has none. */
export function openTrusteeSigningKey(tokenLabel: string, pin: string, electionId: string, options: { generate?: boolean } = {}): TrusteeSigningKey {
  const label = trusteeSigningKeyLabel(electionId);
  return withTokenSession(tokenLabel, pin, (session) => {
    const key = options.generate ? findOrGenerateEd25519Key(session, label) : { ...(findEd25519Key(session, label) ?? missing(tokenLabel, label)), created: false };
    return { publicKey: key.publicKeyBytes, tokenSerial: session.token.serialNumber, created: key.created };
  });
}

/** Signs `message` with the election's signing key inside the token (pure Ed25519). */
export function signWithTrusteeKey(tokenLabel: string, pin: string, electionId: string, message: Uint8Array): { signature: Uint8Array; publicKey: Uint8Array } {
  const label = trusteeSigningKeyLabel(electionId);
  return withTokenSession(tokenLabel, pin, (session) => {
    const key = findEd25519Key(session, label) ?? missing(tokenLabel, label);
    return { signature: signEd25519(session, key.privateKey, message), publicKey: key.publicKeyBytes };
  });
}

function missing(tokenLabel: string, label: string): never {
  throw new KeyNotFoundError(tokenLabel, label);
}
