/**
 * Checkpoint signatures and witnesses' cosignatures checked by node:crypto (node-ed25519.ts)
 * instead of @noble/curves: about 50× less CPU per signature. Node only; the browser keeps noble
 * (signed-note.ts, cosignature.ts).
 *
 * OpenSSL verifies as RFC 8032 §5.1.7 in its cofactorless form, with S < ℓ: [S]B must equal
 * R + [k]A exactly. Noble's default accepts also when the two differ by a small-order point. So
 * every signature accepted here is accepted by noble, and a log or witness that signs with a
 * standard Ed25519 signer (as Urna's do) verifies under both; one crafted to pass only the
 * cofactored check is refused here (docs/spec/log.md §4, §8.6).
 */
import type { CosignerKey } from './cosignature';
import { nodeEd25519Verifier } from './node-ed25519';
import type { NoteVerifierKey } from './signed-note';

export function withNodeSignatureCheck(key: NoteVerifierKey): NoteVerifierKey {
  return { ...key, verify: nodeEd25519Verifier(key.publicKey) };
}

export function withNodeCosignatureCheck(key: CosignerKey): CosignerKey {
  return { ...key, verify: nodeEd25519Verifier(key.publicKey) };
}
