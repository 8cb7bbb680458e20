/**
 * What signs the log's checkpoints. Two implementations: a software key in a key file (the
 * embedded default, software-note-signer.ts) and a PKCS#11 token (src/hsm/). Keep it this
 * small: the token implementation must be able to provide exactly this.
 */
export interface NoteSigner {
  /** Key name in signature lines and the verifier key; for the log it equals the origin. */
  readonly name: string;
  /** Ed25519 public key, 32 bytes (RFC 8032 encoding). */
  readonly publicKey: Uint8Array;
  /** Pure Ed25519 signature (64 bytes) over the message. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}
