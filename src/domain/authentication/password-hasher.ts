/**
 * The port through which the domain has passwords hashed and checked. Hashing is deliberately
 * slow and memory-hard (scrypt), so it happens outside the domain, asynchronously
 * (src/roll/scrypt-password-hasher.ts). The encoded hash carries its own parameters.
 */
export interface PasswordHasher {
  /** Hashes with the hasher's own parameters, or with those of `like` (an encoded hash) when given. */
  hash(password: string, like?: string): Promise<string>;
  verify(password: string, encodedHash: string): Promise<boolean>;
  /** A valid hash of a password nobody knows, checked when the username is unknown so that an
   * unknown username costs the same work as a known one. `like`: an encoded hash whose
   * parameters (cost) the dummy must have — the roll's own, which need not be the hasher's. */
  dummyHash(like?: string): Promise<string>;
}
