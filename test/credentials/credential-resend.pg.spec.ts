/**
 * "I did not get my password" (issue 15 §3) and the officials' resend (issue 16), one path
 * (src/credentials/credential-resender.ts): tried as an attacker would. An unknown name, or a
 * known name with the wrong e-mail, gets the very same answer and nothing is sent; a voter gets
 * at most MAX_CREDENTIAL_RESENDS new passwords; the per-username throttler bounds the asks; the
 * new password signs in and votes (the old one no longer does); a voter who voted, or any voter
 * after closing, gets nothing; an official's request is actually re-sent.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import type { App } from 'supertest/types';
import { commandsFor } from '../support/command-path';
import { loadState } from '../../src/command-path/stream-state';
import { deliverCredentials } from '../../src/credentials/authority/deliver-credentials';
import type { CredentialAuthorityLink } from '../../src/credentials/credential-authority-link';
import { exportCredentialRequest } from '../../src/credentials/credential-request-export';
import { canonicalPassword } from '../../src/domain/authentication/secrets';
import { replaceCredential } from '../../src/domain/credentials/credential-authority';
import { credentialsDecider, credentialsStream } from '../../src/domain/credentials/decider';
import { MAX_CREDENTIAL_RESENDS } from '../../src/domain/credentials/resend-decider';
import { credentialResendsStream } from '../../src/domain/credentials/resend-events';
import { deriveCredentialKey } from '../../src/domain/crypto/credential/credential-key';
import { credentialResendsStream as officialRequestsStream } from '../../src/domain/monitoring/events';
import { voterBallotsStream, votingDecider } from '../../src/domain/voting/decider';
import { OutboxMailSender, readOutbox } from '../../src/messaging/outbox';
import { credentialFromMail } from '../../src/messaging/voter-messages';
import { CredentialResender } from '../../src/credentials/credential-resender';
import { nodeRandomSource } from '../../src/roll/node-random-source';
import type { OpenElection, TestVoter } from '../support/open-election';
import { useOpenElectionApp } from '../voting/support/open-election-app';
import { castCode, encryptFor, signIn } from '../voting/support/voter-client';

jest.setTimeout(120_000);

/** The authority in the test's process: draws, e-mails (the election's outbox) and signs as `urna credentials replace` does. */
class TestAuthority implements CredentialAuthorityLink {
  election?: OpenElection;
  calls = 0;
  async replace(pseudonym: string): Promise<unknown> {
    this.calls++;
    const e = this.election!;
    const { state } = await loadState(e.store, credentialsStream(e.electionId), credentialsDecider);
    const voter = (await exportCredentialRequest(e.store, e.electionId)).voters.find((v) => v.pseudonym === pseudonym)!;
    const current = (await loadState(e.store, voterBallotsStream(e.electionId, pseudonym), votingDecider)).state.credential!;
    const { file, issued } = replaceCredential(
      { electionId: e.electionId, listHash: state.list!.listHash, number: state.replacements + 1, voter, revoked: current, listed: state.listed }, e.authority!, nodeRandomSource,
    );
    await deliverCredentials([issued], new OutboxMailSender(e.outboxDir), 'https://casilla.example.test', { credentialNumber: 2 });
    return file;
  }
}

describe('password re-sends: the voter\'s "I did not get my password" and the official\'s request', () => {
  const authority = new TestAuthority();
  const env = useOpenElectionApp('credential_resend', { voters: 5, entities: ['09'] }, {
    credentialAuthority: authority, perVoter: { capacity: 6, refillPerSecond: 0.01 },
  });
  let server: App;
  let election: OpenElection;
  beforeAll(() => {
    server = env.server;
    election = env.election;
    authority.election = election;
  });

  const ask = (username: string, email: string) => request(server).post('/api/voter/login/password-resend').send({ username, email });
  // Password mails only: the cast confirmation e-mail reaches the same mailbox, after the cast, on its own time.
  const mails = async (v: TestVoter) => (await readOutbox(election.outboxDir, { channel: 'mail', to: v.record.email })).filter((mail) => credentialFromMail(mail.text)).length;
  const resends = async () => (await env.store.readStream(credentialResendsStream(election.electionId))).map((e) => `${e.type}:${(e.data as { reason?: string }).reason ?? ''}`);
  /** Waits until the resender has nothing pending (it runs after the answer). */
  const settle = async () => {
    for (let i = 0; i < 200; i++) {
      const events = await env.store.readStream(credentialResendsStream(election.electionId));
      const pending = new Map<string, boolean>();
      for (const e of events) pending.set((e.data as { pseudonym: string }).pseudonym, e.type === 'CredentialResendAsked');
      if (![...pending.values()].some(Boolean) && i > 3) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the resender did not settle');
  };
  const strip = (r: request.Response) => ({ status: r.status, body: r.body as unknown });

  it('an unknown name, and a known name with another e-mail, get the very answer a real voter gets, and nothing is sent', async () => {
    const v = election.voters[0];
    const before = await mails(v);
    const unknown = await ask('v-zzzz-zzzz-zzzz', 'nadie@example.test');
    const wrongMail = await ask(v.username, `otra.${v.record.email}`);
    const real = await ask(v.username, v.record.email.toUpperCase());
    expect(strip(unknown)).toEqual(strip(real));
    expect(strip(wrongMail)).toEqual(strip(real));
    expect(real.status).toBe(202);
    await settle();
    // Only the real ask was recorded and served.
    expect(await mails(v)).toBe(before + 1);
    expect(await resends()).toEqual(['CredentialResendAsked:', 'CredentialResent:']);
    // A malformed request is refused as malformed, whatever the name.
    expect((await ask('', v.record.email)).status).toBe(400);
  });

  it('the new password signs in and votes; the old one no longer signs in; after voting nothing is re-sent', async () => {
    const v = election.voters[0];
    const mail = (await readOutbox(election.outboxDir, { channel: 'mail', to: v.record.email })).filter((m) => credentialFromMail(m.text)).at(-1)!;
    const sent = credentialFromMail(mail.text)!;
    expect(sent.username).toBe(v.username);
    expect(sent.password).not.toBe(v.password);
    await expect(signIn(server, election.outboxDir, v)).rejects.toThrow();
    const renewed: TestVoter = { ...v, password: sent.password, credential: deriveCredentialKey(election.electionId, v.username, canonicalPassword(sent.password)) };
    const token = await signIn(server, election.outboxDir, renewed);
    const ballotResponse = (await request(server).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`).expect(200)).body;
    const ballot = encryptFor(ballotResponse, 0, renewed.credential);
    const code = await castCode(server, election.outboxDir, renewed, token);
    await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot: ballot.ballot, ...ballot.cast, ...code }).expect(201);

    const before = await mails(v);
    const events = (await resends()).length;
    expect((await ask(v.username, v.record.email)).status).toBe(202);
    await settle();
    expect(await mails(v)).toBe(before);
    expect((await resends()).length).toBe(events); // the decider refused the ask: nothing appended
  });

  it(`a voter gets at most ${MAX_CREDENTIAL_RESENDS} new passwords, and the per-username throttler bounds the asks`, async () => {
    const v = election.voters[1];
    const before = await mails(v);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await ask(v.username, v.record.email)).status);
      await settle();
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202]);
    expect(await mails(v)).toBe(before + MAX_CREDENTIAL_RESENDS);
    // The 7th ask within the window is refused by the throttler before any work.
    const limited = await ask(v.username, v.record.email);
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('RATE_LIMITED');
  });

  it('an official\'s request (monitoring) goes through the same path and is actually re-sent', async () => {
    const v = election.voters[2];
    const before = await mails(v);
    const commands = await commandsFor(env.store);
    const { RequestCredentialResendCommand } = await import('../../src/monitoring-accounts/monitoring.commands');
    await commands.execute(new RequestCredentialResendCommand(election.electionId, {
      type: 'RequestCredentialResend', pseudonym: v.pseudonym, onRoll: true, reason: 'no le llegó el correo',
      requestedBy: { accountId: 'acct1', role: 'official' }, now: new Date().toISOString(),
    }, { actor: 'monitoring:acct1' }));
    expect((await env.store.readStream(officialRequestsStream(election.electionId))).length).toBe(1);
    // The loop takes officials' requests up every few seconds; a voter's ask wakes it at once.
    await ask('v-zzzz-zzzz-zzzz', 'nadie@example.test');
    await settle();
    expect(await mails(v)).toBe(before + 1);
    const asked = (await env.store.readStream(credentialResendsStream(election.electionId))).filter((e) => (e.data as { pseudonym: string }).pseudonym === v.pseudonym);
    expect(asked.map((e) => e.type)).toEqual(['CredentialResendAsked', 'CredentialResent']);
    expect((asked[0].data as { by: string }).by).toBe('account:acct1');
  });

  it('the content hash of an unknown name\'s answer equals a known one\'s (no field tells them apart)', async () => {
    const h = (r: request.Response) => createHash('sha256').update(JSON.stringify(r.body)).digest('hex');
    const v = election.voters[3];
    expect(h(await ask('v-aaaa-aaaa-aaaa', 'x@example.test'))).toBe(h(await ask(v.username, 'wrong@example.test')));
    await settle();
  });
  it('an instance that does not write the log records a voter\'s ask but never calls the authority; the writer serves it once', async () => {
    const v = election.voters[4];
    const before = await mails(v);
    const called = authority.calls;
    let followerCalls = 0;
    const follower = new CredentialResender({
      store: env.store, commands: await commandsFor(env.store), electionId: election.electionId,
      authority: { replace: async () => { followerCalls++; throw new Error('a follower must not ask the authority'); } },
      findPseudonym: async (u) => election.voters.find((x) => x.username === u)?.pseudonym,
      servesAsks: () => false,
    });
    follower.voterAsks(v.username, v.record.email);
    await follower.pump();
    expect(followerCalls).toBe(0);
    const mine = async () => (await env.store.readStream(credentialResendsStream(election.electionId))).filter((e) => (e.data as { pseudonym: string }).pseudonym === v.pseudonym).map((e) => e.type);
    expect(await mine()).toEqual(['CredentialResendAsked']);
    // The writer (the service's own resender) takes it up: woken by any ask.
    await ask('v-zzzz-zzzz-zzzz', 'nadie@example.test');
    await settle();
    expect(await mine()).toEqual(['CredentialResendAsked', 'CredentialResent']);
    expect(authority.calls).toBe(called + 1);
    expect(await mails(v)).toBe(before + 1);
    expect(followerCalls).toBe(0);
  });
});
