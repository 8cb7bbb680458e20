import type { Receipt, VoterHttpClient } from './voter-http-client';
import type { VoterCryptoPool } from './voter-crypto-pool';

/**
 * One synthetic voter going through the real HTTP API exactly as the booth would: sign in with
 * a proof of holding the credential (derived from the password) and the SMS code, fetch the
 * ballot, choose at random, encrypt (with the same domain code the browser runs, in a worker
 * thread: voter-crypto.ts), optionally challenge one ballot first (Benaloh), then confirm with a
 * fresh code and cast. Returns the plain choices so the simulacro can compare them with the
 * decrypted tally.
 */
export interface SyntheticVoterInput {
  username: string;
  password: string;
  phone: string;
  spoilFirst: boolean;
  /** Uniform in [0, 1): this voter's own seeded draws, so choices do not depend on timing. */
  random: () => number;
}

export interface SyntheticVoterOutcome {
  styleId: string;
  selections: Record<string, string>;
  receipt: Receipt;
  spoiledAudit?: { ok: boolean };
}

export type CodeSource = (phone: string, purpose: 'login' | 'cast') => Promise<string>;

export async function runSyntheticVoter(client: VoterHttpClient, crypto: VoterCryptoPool, input: SyntheticVoterInput, codes: CodeSource): Promise<SyntheticVoterOutcome> {
  // As the booth does: the credential key, derived from what the voter typed, signs the server's
  // challenge (the password never leaves this process) and, later, the ballot.
  const { challenge, electionId } = await client.loginChallenge();
  const { credential, signature } = await crypto.signIn({ electionId, username: input.username, password: input.password, challenge });
  const { challengeId } = await client.login(input.username, { challenge, signature });
  await client.confirmLogin(challengeId, await codes(input.phone, 'login'));
  const ballot = await client.ballot();
  const selections: Record<string, string> = {};
  for (const c of ballot.contests) selections[c.id] = c.options[Math.floor(input.random() * c.options.length)].id;

  const encrypted = await crypto.encrypt({ ballot, credential, selections, spoilFirst: input.spoilFirst });
  let spoiledAudit: { ok: boolean } | undefined;
  if (encrypted.spoiled) {
    await client.spoil(encrypted.spoiled.spoiled, encrypted.spoiled.bindingNonce);
    spoiledAudit = { ok: encrypted.spoiled.auditOk };
  }
  const { ballot: sealed, bindingNonce, signature: ballotSignature } = encrypted.cast;
  const cast = await client.requestCastCode();
  const receipt = await client.cast(sealed, { bindingNonce, credential: credential.publicKey, signature: ballotSignature }, cast.challengeId, await codes(input.phone, 'cast'));
  if (receipt.trackingCode !== sealed.trackingCode) {
    throw new Error(`receipt tracking code ${receipt.trackingCode} differs from the ballot's ${sealed.trackingCode}`);
  }
  return { styleId: ballot.styleId, selections, receipt, spoiledAudit };
}
