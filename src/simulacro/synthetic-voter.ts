import { group } from '../domain/crypto/active-group';
import {
  auditSpoiledBallot,
  deriveCredentialKey,
  signLogin,
  electionContext,
  encryptBallot,
  encryptionTables,
  fromHex,
  spoilBallot,
  toHex,
  type BallotStyle,
  type EncryptionTables,
} from '../domain/crypto/ballot';
import type { BallotResponse, Receipt, VoterHttpClient } from './voter-http-client';
import { canonicalPassword, canonicalUsername } from '../domain/authentication/secrets';

/**
 * One synthetic voter going through the real HTTP API exactly as the booth would: sign in with
 * a proof of holding the credential (derived from the password) and the SMS code, fetch the ballot, choose at random, encrypt (in this process, with the
 * same code the browser runs), optionally challenge one ballot first (Benaloh), then confirm
 * with a fresh code and cast. Returns the plain choices so the simulacro can compare them with
 * the decrypted tally.
 */
export interface SyntheticVoterInput {
  username: string;
  password: string;
  phone: string;
  spoilFirst: boolean;
  /** Uniform in [0, 1). */
  random: () => number;
}

export interface SyntheticVoterOutcome {
  styleId: string;
  selections: Record<string, string>;
  receipt: Receipt;
  spoiledAudit?: { ok: boolean };
}

export type CodeSource = (phone: string, purpose: 'login' | 'cast') => Promise<string>;

/** Tables for G and K are built once per election key and shared by every voter. */
const tablesByKey = new Map<string, EncryptionTables>();

export async function runSyntheticVoter(client: VoterHttpClient, input: SyntheticVoterInput, codes: CodeSource): Promise<SyntheticVoterOutcome> {
  // As the booth does: the credential key, derived from what the voter typed, signs the server's
  // challenge (the password never leaves this process) and, later, the ballot.
  const { challenge, electionId } = await client.loginChallenge();
  const username = canonicalUsername(input.username) ?? input.username;
  const credential = deriveCredentialKey(electionId, username, canonicalPassword(input.password));
  const { challengeId } = await client.login(input.username, { challenge, signature: signLogin(credential, electionId, username, challenge) });
  await client.confirmLogin(challengeId, await codes(input.phone, 'login'));
  const ballot = await client.ballot();
  const context = contextOf(ballot);
  let tables = tablesByKey.get(ballot.publicKey);
  if (!tables) tablesByKey.set(ballot.publicKey, (tables = encryptionTables(context.publicKey)));
  const style: BallotStyle = { id: ballot.styleId, contests: ballot.contests.map((c) => ({ id: c.id, optionIds: c.options.map((o) => o.id) })) };
  const selections: Record<string, string> = {};
  for (const c of ballot.contests) selections[c.id] = c.options[Math.floor(input.random() * c.options.length)].id;

  let spoiledAudit: { ok: boolean } | undefined;
  if (input.spoilFirst) {
    const challenged = encryptBallot({ context, tables, style, pseudonym: ballot.pseudonym, credential, selections });
    const spoiled = spoilBallot(challenged.ballot, challenged.secrets);
    await client.spoil(spoiled, challenged.secrets.bindingNonce);
    // The voter's own check: the opened ballot holds exactly the choices they made.
    const audit = auditSpoiledBallot(spoiled, context, new Map([[style.id, style]]), challenged.ballot.trackingCode);
    spoiledAudit = { ok: audit.ok && Object.entries(selections).every(([c, o]) => spoiled.selections[c] === o) };
  }
  const encrypted = encryptBallot({ context, tables, style, pseudonym: ballot.pseudonym, credential, selections });
  const cast = await client.requestCastCode();
  const signed = { bindingNonce: encrypted.secrets.bindingNonce, credential: credential.publicKey, signature: encrypted.secrets.signature };
  const receipt = await client.cast(encrypted.ballot, signed, cast.challengeId, await codes(input.phone, 'cast'));
  if (receipt.trackingCode !== encrypted.ballot.trackingCode) {
    throw new Error(`receipt tracking code ${receipt.trackingCode} differs from the ballot's ${encrypted.ballot.trackingCode}`);
  }
  return { styleId: ballot.styleId, selections, receipt, spoiledAudit };
}

function contextOf(ballot: BallotResponse) {
  const context = electionContext(fromHex(ballot.manifestHash, 32), group.decode(fromHex(ballot.publicKey, 32)));
  if (toHex(context.baseHash) !== ballot.baseHash) {
    throw new Error('the server\'s base hash does not match its manifest hash and key: refusing to encrypt');
  }
  return context;
}
