/**
 * The port through which the domain has passwords hashed and checked. Hashing is deliberately
 * slow and memory-hard (scrypt), so it happens outside the domain, asynchronously
 * (src/roll/scrypt-password-hasher.ts). The encoded hash carries its own parameters.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, encodedHash: string): Promise<boolean>;
  /** A valid hash of a password nobody knows, checked when the username is unknown so that an
   * unknown username costs the same work as a known one. */
  dummyHash(): Promise<string>;
}
