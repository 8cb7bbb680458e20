/**
 * Trustee signing keys in software, for tests that build ceremonies without tokens: a seeded
 * Ed25519 key per trustee index (a real trustee's key is generated inside its token, see
 * src/hsm/trustee-signing-key.ts; the deciders and the verifier only ever see the public half).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { statementBytes, type TrusteeStatement } from '../../src/domain/ceremony/trustee-signature';
import { toHex } from '../../src/domain/crypto/hash';
import { openTrusteeSigningKey, signWithTrusteeKey } from '../../src/hsm/trustee-signing-key';

export interface TestTrusteeKey {
  trusteeIndex: number;
  /** Hex of the 32-byte public key, as enrolled. */
  signingKey: string;
  sign(statement: Omit<TrusteeStatement, 'trusteeIndex'> & { trusteeIndex?: number }): string;
}

export function trusteeKey(trusteeIndex: number, seed = 'urna-test-trustee'): TestTrusteeKey {
  const secret = sha256(new TextEncoder().encode(`${seed}/${trusteeIndex}`));
  return {
    trusteeIndex,
    signingKey: toHex(ed25519.getPublicKey(secret)),
    sign: (statement) => toHex(ed25519.sign(statementBytes({ ...statement, trusteeIndex: statement.trusteeIndex ?? trusteeIndex }), secret)),
  };
}

/** The signing key generated inside a SoftHSM trustee token (as `urna trustee init` does), and
 * signatures made inside that token: for fixtures whose tally a trustee station then runs. */
export function tokenTrusteeKey(token: { trusteeIndex: number; tokenLabel: string; pin: string }, electionId: string): TestTrusteeKey {
  const { publicKey } = openTrusteeSigningKey(token.tokenLabel, token.pin, electionId, { generate: true });
  return {
    trusteeIndex: token.trusteeIndex,
    signingKey: toHex(publicKey),
    sign: (statement) => toHex(signWithTrusteeKey(token.tokenLabel, token.pin, statement.electionId, statementBytes({ ...statement, trusteeIndex: statement.trusteeIndex ?? token.trusteeIndex })).signature),
  };
}
