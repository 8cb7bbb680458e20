/**
 * Roll import and sign-in on the PostgreSQL ledger (issue 13): the service imports the roll and
 * draws usernames only; the credential authority e-mails the passwords and its signed list is
 * imported; a voter signs in by proving possession of the credential (the challenge signed with
 * the key derived from the password), then with the SMS code, and confirms again before casting.
 * A credential the authority replaced no longer signs in; its replacement does.
 */
import { commandsFor } from '../../support/command-path';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { PostgresEventStore } from '../../../src/ledger/postgres/postgres-event-store';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../../support/postgres';
import { OutboxMailSender, OutboxSmsSender, readOutbox } from '../../../src/messaging/outbox';
import { latestCode, latestCredential } from '../../support/outbox-messages';
import { MessageDeliveryError, type MailMessage, type MailSender } from '../../../src/messaging/ports';
import { nodeRandomSource } from '../../../src/roll/node-random-source';
import { seededRandomSource } from '../../../src/roll/seeded-random-source';
import { generateSyntheticRoll } from '../../../src/roll/synthetic-roll';
import { importRoll } from '../../../src/roll/roll-import-service';
import { InMemoryUsernameDirectory } from '../../../src/authentication/username-directory';
import { LoginChallenges } from '../../../src/authentication/login-challenges';
import { AuthenticationFailedError, VoterAccessService } from '../../../src/authentication/voter-access-service';
import { importCredentialReplacement } from '../../../src/credentials/credential-list-import';
import { deliverCredentials } from '../../../src/credentials/authority/deliver-credentials';
import { replaceCredential } from '../../../src/domain/credentials/credential-authority';
import { canonicalPassword, canonicalUsername } from '../../../src/domain/authentication/secrets';
import { deriveCredentialKey } from '../../../src/domain/crypto/credential/credential-key';
import { signLogin } from '../../../src/domain/crypto/credential/login-signature';
import { rollStream } from '../../../src/domain/roll/decider';
import { rollCommitment, type RollEntry } from '../../../src/domain/roll/roll-commitment';
import { DomainError } from '../../../src/domain/shared/decider';
import { issueCredentialsForRoll } from '../../support/credential-authority';
import type { IssuedCredential } from '../../../src/domain/credentials/credential-authority';
import type { SigningKey } from '../../../src/domain/crypto/credential/credential-signature';

const ENTITIES = Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(2, '0'));
const PERIOD = { opensAt: '2024-05-21T02:00:00.000Z', closesAt: '2024-06-03T00:00:00.000Z' };
const NOW = '2024-05-22T15:00:00.000Z';
const later = (min: number) => new Date(Date.parse(NOW) + min * 60_000).toISOString();

/** The outbox, except that one address bounces: a credential e-mail that never arrives. */
class BouncingMail implements MailSender {
  constructor(private readonly inner: MailSender, private readonly bounces: string) {}
  async send(m: MailMessage) {
    if (m.to === this.bounces) throw new MessageDeliveryError('mail', '550 mailbox unavailable');
    return this.inner.send(m);
  }
}

describe('roll import, the credential authority and sign-in on the PostgreSQL ledger', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;
  let dir: string;
  let access: VoterAccessService;
  let authority: SigningKey;
  let issued: IssuedCredential[];
  let listHash: string;
  const challenges = new LoginChallenges();
  const directory = new InMemoryUsernameDirectory();
  const voters = generateSyntheticRoll({ size: 12, random: seededRandomSource('pg-flow'), entityCodes: ENTITIES });
  const bouncing = voters[3].email;

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
    schema = freshSchemaName('roll_auth');
    store = new PostgresEventStore(pool, { schema });
    await store.migrate();
    dir = await mkdtemp(join(tmpdir(), 'urna-roll-auth-'));
    const commands = await commandsFor(store);
    access = new VoterAccessService({
      store, commands, electionId: 'sim', random: nodeRandomSource, sms: new OutboxSmsSender(dir), directory, votingPeriod: PERIOD, challenges,
    });
    const report = await importRoll({ store, commands, electionId: 'sim', random: nodeRandomSource, directory, actor: 'official:test' }, voters, false, '2024-04-01T00:00:00.000Z');
    expect(report).toMatchObject({ imported: 12, credentialsSent: 0, credentialsFailed: 0 });
    ({ authority, issued, file: { listHash } } = await issueCredentialsForRoll(store, commands, 'sim', { now: '2024-04-02T00:00:00.000Z' }));
    // The authority's own delivery, one address bouncing: it reports it, the service records nothing.
    const delivery = await deliverCredentials(issued, new BouncingMail(new OutboxMailSender(dir), bouncing), 'https://voto.example.invalid');
    expect(delivery).toMatchObject({ sent: 11, failed: [{ pseudonym: issued.find((i) => i.email === bouncing)!.pseudonym, reason: expect.stringMatching(/550/) }] });
  });

  afterAll(async () => {
    await store.close();
    await dropSchema(pool, schema);
    await pool.end();
    await rm(dir, { recursive: true, force: true });
  });

  const credentialOf = (email: string) => latestCredential(dir, email);
  const lastCode = (phone: string) => latestCode(dir, phone);
  /** What the booth sends: a fresh challenge signed with the key derived from what the voter typed. */
  const proof = async (username: string, password: string) => {
    const { challenge } = await challenges.issue(NOW);
    const canonical = canonicalUsername(username) ?? username;
    return { challenge, signature: signLogin(deriveCredentialKey('sim', canonical, canonicalPassword(password)), 'sim', canonical, challenge) };
  };
  const failsWith = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as DomainError;
    }
    throw new Error('expected a failure');
  };

  it('publishes the roll without personal data; its commitment is recomputable; the service keeps no password and no hash', async () => {
    const events = await store.readAll();
    const publicJson = JSON.stringify(events.filter((e) => e.visibility === 'public'));
    for (const v of voters) {
      expect(publicJson).not.toContain(v.email);
      expect(publicJson).not.toContain(v.electorKey);
    }
    const roll = await store.readStream(rollStream('sim'));
    const summary = roll[0].data as { rollCommitment: string; size: number };
    const entries = roll.slice(1).flatMap((e) => (e.data as { added: RollEntry[] }).added);
    expect(summary.size).toBe(12);
    expect(rollCommitment(entries)).toBe(summary.rollCommitment);
    const sealed = events.filter((e) => e.visibility === 'sealed');
    expect(sealed.every((e) => e.stream.startsWith('voter-sim-') || e.stream.startsWith('voter-ballots-sim-'))).toBe(true);
    const everything = JSON.stringify(events);
    expect(everything).not.toMatch(/Contraseña|passwordHash|scrypt/);
    for (const i of issued) expect(everything).not.toContain(canonicalPassword(i.password));
  });

  it('signs in with username, proof of possession and SMS code, and confirms again before casting', async () => {
    const v = voters[0];
    const { username, password } = await credentialOf(v.email);
    const { challenge } = await access.login(username.toUpperCase(), await proof(username, password), NOW);
    const { sessionToken } = await access.confirmLoginCode(challenge, await lastCode(v.mobilePhone), later(1));
    expect(await access.mayCast(sessionToken, later(2))).toBeUndefined();
    const cast = await access.requestCastCode(sessionToken, later(2), { castingOpen: true, alreadyVoted: false });
    await access.confirmCastCode(cast.challenge, await lastCode(v.mobilePhone), later(3));
    expect(await access.mayCast(sessionToken, later(4))).toMatchObject({ pseudonym: challenge.split('.')[0] });
    const reused = await failsWith(access.confirmCastCode(cast.challenge, await lastCode(v.mobilePhone), later(3)));
    expect(reused.details).toEqual({ reason: 'already_used' });
  });

  it('a wrong password, another voter\'s key, a replayed proof and an unknown username all fail alike', async () => {
    const { username, password } = await credentialOf(voters[1].email);
    const other = await credentialOf(voters[2].email);
    const good = await proof(username, password);
    const replayed = good;
    await access.login(username, good, NOW);
    const failures = [
      await failsWith(access.login(username, await proof(username, 'zzzz-zzzz-zzzz-zzzz'), NOW)),
      await failsWith(access.login(username, await proof(other.username, other.password), NOW)),
      await failsWith(access.login(username, replayed, NOW)),
      await failsWith(access.login('v-zzzz-zzzz-zzzz', await proof('v-zzzz-zzzz-zzzz', 'zzzz-zzzz-zzzz-zzzz'), NOW)),
      await failsWith(access.login('no such user', { challenge: 'x', signature: 'y' }, NOW)),
    ];
    for (const e of failures) {
      expect(e).toBeInstanceOf(AuthenticationFailedError);
      expect([e.code, e.message, e.details]).toEqual([failures[0].code, failures[0].message, failures[0].details]);
    }
  });

  it('a credential never delivered is replaced by the authority: the old one no longer signs in, the new one does', async () => {
    const lost = issued.find((i) => i.email === bouncing)!;
    expect(await readOutbox(dir, { to: bouncing })).toEqual([]);
    const { file, issued: renewed } = replaceCredential(
      { electionId: 'sim', listHash, number: 1, voter: lost, revoked: lost.credential, listed: new Set(issued.map((i) => i.credential)) }, authority, nodeRandomSource,
    );
    await importCredentialReplacement({ store, commands: await commandsFor(store), electionId: 'sim', actor: 'official:credentials' }, file, NOW);
    expect(renewed.username).toBe(lost.username);
    expect(await failsWith(access.login(lost.username, await proof(lost.username, lost.password), NOW))).toBeInstanceOf(AuthenticationFailedError);
    await expect(access.login(renewed.username, await proof(renewed.username, renewed.password), NOW)).resolves.toHaveProperty('challenge');
  });

  it('refuses a second import and writes nothing', async () => {
    const head = await store.head();
    const again = await failsWith(importRoll({ store, commands: await commandsFor(store), electionId: 'sim', random: nodeRandomSource, directory, actor: 'official:test' }, voters, false, NOW));
    expect(again.code).toBe('ROLL_ALREADY_IMPORTED');
    expect(await store.head()).toBe(head);
  });
});
