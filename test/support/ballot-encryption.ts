/**
 * A voter's ballot encrypted as plain data in and out (the same encryptBallot as the booth), so
 * that buildClosedElection can encrypt in worker threads (ballot-encryption.worker.ts) ahead of
 * its casting loop. What crosses the thread boundary: hex keys and hashes, the style, the
 * voter's credential (a bigint and a hex string) and the choices.
 */
import { group } from '../../src/domain/crypto/active-group';
import type { BallotStyle } from '../../src/domain/crypto/ballot/ballot-style';
import type { EncryptedBallotJson } from '../../src/domain/crypto/ballot/ballot-format';
import { encryptBallot } from '../../src/domain/crypto/ballot/encrypt-ballot';
import { electionContext, type ElectionContext } from '../../src/domain/crypto/election-context';
import { encryptionTables, type EncryptionTables } from '../../src/domain/crypto/elgamal';
import { fromHex } from '../../src/domain/crypto/hash';
import type { SigningKey } from '../../src/domain/crypto/credential/credential-signature';
import { WIDE_FIXED_BASE_WINDOW } from '../../src/domain/crypto/ristretto255-noble-msm';

export interface EncryptionTask {
  manifestHash: string;
  publicKey: string;
  style: BallotStyle;
  pseudonym: string;
  credential: SigningKey;
  selections: Record<string, string>;
}

/** What a worker sends back: the ballot as JSON text. A structured-cloned object would carry the
 * receiving thread's outer-realm prototypes, which under Jest's vm context are not the test's
 * Object.prototype, and the ledger refuses anything but plain objects; text also crosses as one
 * copy. */
export interface EncryptedText {
  ballotJson: string;
  bindingNonce: string;
  signature: string;
}

export interface EncryptionResult {
  ballot: EncryptedBallotJson;
  bindingNonce: string;
  signature: string;
}

/** Tables for the election key, built once per thread: every ballot of the thread uses them. */
const tablesByKey = new Map<string, EncryptionTables>();

/** `own`: the calling thread's context and tables, when it has them (then nothing is built). */
export function encryptForVoter(t: EncryptionTask, own?: { context: ElectionContext; tables: EncryptionTables }): EncryptionResult {
  if (own) {
    const { ballot, secrets } = encryptBallot({ ...own, style: t.style, pseudonym: t.pseudonym, credential: t.credential, selections: t.selections });
    return { ballot, bindingNonce: secrets.bindingNonce, signature: secrets.signature };
  }
  const context = electionContext(fromHex(t.manifestHash, 32), group.decode(fromHex(t.publicKey, 32)));
  let tables = tablesByKey.get(t.publicKey);
  // Wide tables, as the simulacro's voter threads: each thread encrypts thousands of ballots.
  if (!tables) tablesByKey.set(t.publicKey, (tables = encryptionTables(context.publicKey, { window: WIDE_FIXED_BASE_WINDOW })));
  const { ballot, secrets } = encryptBallot({ context, tables, style: t.style, pseudonym: t.pseudonym, credential: t.credential, selections: t.selections });
  return { ballot, bindingNonce: secrets.bindingNonce, signature: secrets.signature };
}

export const toText = (r: EncryptionResult): EncryptedText => ({ ballotJson: JSON.stringify(r.ballot), bindingNonce: r.bindingNonce, signature: r.signature });
export const fromText = (t: EncryptedText): EncryptionResult => ({ ballot: JSON.parse(t.ballotJson) as EncryptedBallotJson, bindingNonce: t.bindingNonce, signature: t.signature });
