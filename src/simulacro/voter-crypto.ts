import { group } from '../domain/crypto/active-group';
import {
  auditSpoiledBallot,
  deriveCredentialKey,
  electionContext,
  encryptBallot,
  encryptionTables,
  fromHex,
  signLogin,
  spoilBallot,
  toHex,
  type BallotStyle,
  type EncryptedBallotJson,
  type EncryptionTables,
} from '../domain/crypto/ballot';
import type { SigningKey } from '../domain/crypto/credential/credential-signature';
import { WIDE_FIXED_BASE_WINDOW } from '../domain/crypto/ristretto255-noble-msm';
import { canonicalPassword, canonicalUsername } from '../domain/authentication/secrets';
import type { BallotResponse } from './voter-http-client';

/**
 * The booth's cryptography for one synthetic voter, as plain data in and out, so that it runs
 * in a worker thread (voter-crypto.worker.ts) as well as in the calling one: the credential key
 * derived from what the voter typed and its signature on the sign-in challenge; then the
 * ballot encrypted, and, for a voter who challenges first, one more ballot opened (Benaloh) and
 * audited as the voter would. Same domain code as the browser; only the thread differs.
 */
export interface SignInTask {
  kind: 'sign-in';
  electionId: string;
  username: string;
  password: string;
  challenge: string;
}

export interface SignInResult {
  credential: SigningKey;
  signature: string;
}

export interface EncryptTask {
  kind: 'encrypt';
  ballot: BallotResponse;
  credential: SigningKey;
  selections: Record<string, string>;
  spoilFirst: boolean;
}

export interface EncryptResult {
  cast: { ballot: EncryptedBallotJson; bindingNonce: string; signature: string };
  /** The challenged ballot opened for the server, and whether the voter's own audit of it held. */
  spoiled?: { spoiled: unknown; bindingNonce: string; auditOk: boolean };
}

export type VoterCryptoTask = SignInTask | EncryptTask;
export type VoterCryptoResult = SignInResult | EncryptResult;

/** Tables for G and K, built once per election key in each thread and shared by its voters. */
const tablesByKey = new Map<string, EncryptionTables>();

export function runVoterCrypto(task: VoterCryptoTask): VoterCryptoResult {
  return task.kind === 'sign-in' ? signIn(task) : encrypt(task);
}

function signIn(t: SignInTask): SignInResult {
  const username = canonicalUsername(t.username) ?? t.username;
  const credential = deriveCredentialKey(t.electionId, username, canonicalPassword(t.password));
  return { credential, signature: signLogin(credential, t.electionId, username, t.challenge) };
}

function encrypt(t: EncryptTask): EncryptResult {
  const { ballot, credential, selections } = t;
  const context = electionContext(fromHex(ballot.manifestHash, 32), group.decode(fromHex(ballot.publicKey, 32)));
  if (toHex(context.baseHash) !== ballot.baseHash) {
    throw new Error('the server\'s base hash does not match its manifest hash and key: refusing to encrypt');
  }
  let tables = tablesByKey.get(ballot.publicKey);
  // Wide tables: this thread encrypts many voters' ballots with them (the booth keeps the default).
  if (!tables) tablesByKey.set(ballot.publicKey, (tables = encryptionTables(context.publicKey, { window: WIDE_FIXED_BASE_WINDOW })));
  const style: BallotStyle = { id: ballot.styleId, contests: ballot.contests.map((c) => ({ id: c.id, optionIds: c.options.map((o) => o.id) })) };
  let spoiled: EncryptResult['spoiled'];
  if (t.spoilFirst) {
    const challenged = encryptBallot({ context, tables, style, pseudonym: ballot.pseudonym, credential, selections });
    const opened = spoilBallot(challenged.ballot, challenged.secrets);
    // The voter's own check: the opened ballot holds exactly the choices they made.
    const audit = auditSpoiledBallot(opened, context, new Map([[style.id, style]]), challenged.ballot.trackingCode);
    const auditOk = audit.ok && Object.entries(selections).every(([c, o]) => opened.selections[c] === o);
    spoiled = { spoiled: opened, bindingNonce: challenged.secrets.bindingNonce, auditOk };
  }
  const encrypted = encryptBallot({ context, tables, style, pseudonym: ballot.pseudonym, credential, selections });
  return { cast: { ballot: encrypted.ballot, bindingNonce: encrypted.secrets.bindingNonce, signature: encrypted.secrets.signature }, spoiled };
}
