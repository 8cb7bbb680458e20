/** A voter driving the HTTP API the way the booth does, reading codes from the SMS outbox. */
import type { App } from 'supertest/types';
import request from 'supertest';
import { encryptBallot, encryptionTables, electionContext, fromHex, group, type BallotStyle } from '../../../src/domain/crypto/ballot';
import { decodeScalar, randomScalar } from '../../../src/domain/crypto/scalar';
import { readOutbox } from '../../../src/messaging/outbox';
import { codeFromSms } from '../../../src/messaging/voter-messages';
import { credentialOf, type TestVoter } from '../../support/open-election';
import { signBallot } from '../../../src/domain/crypto/credential/ballot-signature';
import { deriveCredentialKey } from '../../../src/domain/crypto/credential/credential-key';
import { signLogin } from '../../../src/domain/crypto/credential/login-signature';
import { canonicalPassword, canonicalUsername } from '../../../src/domain/authentication/secrets';
import type { SigningKey } from '../../../src/domain/crypto/credential/credential-signature';

export async function lastSmsCode(outboxDir: string, phone: string, sentBefore = 0): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const sms = await readOutbox(outboxDir, { channel: 'sms', to: phone });
    if (sms.length > sentBefore) return codeFromSms(sms[sms.length - 1].text)!;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no SMS for ${phone}`);
}

export async function smsCount(outboxDir: string, phone: string): Promise<number> {
  return (await readOutbox(outboxDir, { channel: 'sms', to: phone })).length;
}

/**
 * The booth's sign-in, request for request: a fresh challenge; the credential key derived from
 * what the voter typed (their e-mail's username and password); the challenge signed with it.
 * The password itself is never sent.
 */
export async function loginBody(server: App, username: string, password: string): Promise<{ username: string; challenge: string; signature: string }> {
  const { challenge, electionId } = (await request(server).post('/api/voter/login/challenge').send({}).expect(200)).body as { challenge: string; electionId: string };
  const canonical = canonicalUsername(username) ?? username;
  const key = deriveCredentialKey(electionId, canonical, canonicalPassword(password));
  return { username, challenge, signature: signLogin(key, electionId, canonical, challenge) };
}

export async function signIn(server: App, outboxDir: string, voter: TestVoter): Promise<string> {
  const before = await smsCount(outboxDir, voter.record.mobilePhone);
  const login = await request(server).post('/api/voter/login').send(await loginBody(server, voter.username, voter.password)).expect(200);
  const code = await lastSmsCode(outboxDir, voter.record.mobilePhone, before);
  const confirm = await request(server).post('/api/voter/login/confirm').send({ challengeId: login.body.challengeId, code }).expect(200);
  return confirm.body.sessionToken as string;
}

export async function castCode(server: App, outboxDir: string, voter: TestVoter, token: string): Promise<{ challengeId: string; code: string }> {
  const before = await smsCount(outboxDir, voter.record.mobilePhone);
  const res = await request(server).post('/api/voter/cast/code').set('Authorization', `Bearer ${token}`).expect(200);
  return { challengeId: res.body.challengeId, code: await lastSmsCode(outboxDir, voter.record.mobilePhone, before) };
}

/** What a cast request carries beside the ballot: the binding nonce, the public credential and its signature over this very ballot. */
export function signedCast(ballot: { baseHash: string; trackingCode: string }, key: SigningKey, bindingNonce: string): { bindingNonce: string; credential: string; signature: string } {
  return { bindingNonce, credential: key.publicKey, signature: signBallot(key, ballot) };
}

/**
 * Encrypts and signs a ballot for what GET /api/voter/ballot returned, choosing option `pick`
 * (default the first) in every contest, with the credential key of the ballot's pseudonym
 * (the one its voter typed the password of) unless another is given. `cast` is what the cast
 * request sends beside the ballot.
 */
export function encryptFor(
  ballotResponse: { styleId: string; pseudonym: string; publicKey: string; manifestHash: string; contests: { id: string; options: { id: string }[] }[] },
  pick = 0,
  key: SigningKey = credentialOf(ballotResponse.pseudonym),
) {
  const context = electionContext(fromHex(ballotResponse.manifestHash, 32), group.decode(fromHex(ballotResponse.publicKey, 32)));
  const style: BallotStyle = { id: ballotResponse.styleId, contests: ballotResponse.contests.map((c) => ({ id: c.id, optionIds: c.options.map((o) => o.id) })) };
  const selections = Object.fromEntries(style.contests.map((c) => [c.id, c.optionIds[pick % c.optionIds.length]]));
  const encrypted = encryptBallot({ context, tables: encryptionTables(context.publicKey), style, pseudonym: ballotResponse.pseudonym, credential: key, selections });
  const cast = { bindingNonce: encrypted.secrets.bindingNonce, credential: key.publicKey, signature: encrypted.secrets.signature };
  return { ...encrypted, context, style, key, cast };
}

/**
 * A fresh, valid ballot for `ballotResponse`'s voter (new binding nonce, new proofs) whose first
 * option of the first contest reuses the nonce of `spoiled`'s: the same α and β, which a
 * published disclosure opens. Same choices as `spoiled` (its first options).
 */
export function reuseFirstNonce(spoiled: ReturnType<typeof encryptFor>, ballotResponse: Parameters<typeof encryptFor>[0], key: SigningKey = credentialOf(ballotResponse.pseudonym)) {
  const reused = decodeScalar(fromHex(spoiled.secrets.nonces[0][0], 32));
  let draw = 0;
  // Draw 0 is the binding nonce, draw 1 the first option's nonce (encryptBallot's order).
  const random = () => (draw++ === 1 ? reused : randomScalar());
  const context = electionContext(fromHex(ballotResponse.manifestHash, 32), group.decode(fromHex(ballotResponse.publicKey, 32)));
  const style: BallotStyle = { id: ballotResponse.styleId, contests: ballotResponse.contests.map((c) => ({ id: c.id, optionIds: c.options.map((o) => o.id) })) };
  const encrypted = encryptBallot({ context, tables: encryptionTables(context.publicKey), style, pseudonym: ballotResponse.pseudonym, credential: key, selections: spoiled.secrets.selections, random });
  return { ...encrypted, context, style, key, cast: { bindingNonce: encrypted.secrets.bindingNonce, credential: key.publicKey, signature: encrypted.secrets.signature } };
}
