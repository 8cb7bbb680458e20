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
import { ScryptPasswordHasher } from '../../../src/roll/scrypt-password-hasher';
import { nodeRandomSource } from '../../../src/roll/node-random-source';
import { seededRandomSource } from '../../../src/roll/seeded-random-source';
import { generateSyntheticRoll } from '../../../src/roll/synthetic-roll';
import { importRoll } from '../../../src/roll/roll-import-service';
import { InMemoryUsernameDirectory } from '../../../src/authentication/username-directory';
import { AuthenticationFailedError, VoterAccessService } from '../../../src/authentication/voter-access-service';
import { voterAccessDecider } from '../../../src/domain/authentication/decider';
import { loadState } from '../../../src/command-path/stream-state';
import { rollStream, voterStream } from '../../../src/domain/roll/decider';
import { rollCommitment, type RollEntry } from '../../../src/domain/roll/roll-commitment';
import { DomainError } from '../../../src/domain/shared/decider';

const ENTITIES = Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(2, '0'));
const PERIOD = { opensAt: '2024-05-21T02:00:00.000Z', closesAt: '2024-06-03T00:00:00.000Z' };
const NOW = '2024-05-22T15:00:00.000Z';
const later = (min: number) => new Date(Date.parse(NOW) + min * 60_000).toISOString();

/** Counts the scrypt verifications a real hasher performs (the "same work" rule). */
class CountingHasher extends ScryptPasswordHasher {
  verifications = 0;
  override async verify(password: string, hash: string) {
    this.verifications++;
    return super.verify(password, hash);
  }
}

/** The outbox, except that one address bounces: a credential e-mail that never arrives. */
class BouncingMail implements MailSender {
  constructor(private readonly inner: MailSender, private readonly bounces: string) {}
  async send(m: MailMessage) {
    if (m.to === this.bounces) throw new MessageDeliveryError('mail', '550 mailbox unavailable');
    return this.inner.send(m);
  }
}

describe('roll import and voter authentication on the PostgreSQL ledger', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;
  let dir: string;
  let access: VoterAccessService;
  let hasher: CountingHasher;
  const directory = new InMemoryUsernameDirectory();
  const voters = generateSyntheticRoll({ size: 12, random: seededRandomSource('pg-flow'), entityCodes: ENTITIES });
  const bouncing = voters[3].email;

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
    schema = freshSchemaName('roll_auth');
    store = new PostgresEventStore(pool, { schema });
    await store.migrate();
    dir = await mkdtemp(join(tmpdir(), 'urna-roll-auth-'));
    hasher = new CountingHasher({ ln: 10, r: 8, p: 1 });
    access = new VoterAccessService({
      store, commands: await commandsFor(store), electionId: 'sim', hasher, random: nodeRandomSource,
      mail: new BouncingMail(new OutboxMailSender(dir), bouncing), sms: new OutboxSmsSender(dir),
      directory, votingPeriod: PERIOD, systemUrl: 'https://voto.example.invalid',
    });
    const report = await importRoll({ store, commands: await commandsFor(store), electionId: 'sim', random: nodeRandomSource, hasher, directory, access, actor: 'official:test' }, voters, false, '2024-04-01T00:00:00.000Z');
    expect(report).toMatchObject({ imported: 12, credentialsSent: 11, credentialsFailed: 1 });
  });

  afterAll(async () => {
    await store.close();
    await dropSchema(pool, schema);
    await pool.end();
    await rm(dir, { recursive: true, force: true });
  });

  const credentialOf = (email: string) => latestCredential(dir, email);
  const lastCode = (phone: string) => latestCode(dir, phone);
  const failsWith = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (err) {
      return err as DomainError;
    }
    throw new Error('expected a failure');
  };

  it('publishes the roll without personal data; its commitment is recomputable from the published entries', async () => {
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
    expect(new Set(sealed.map((e) => e.stream)).size).toBe(12);
    expect(sealed.every((e) => e.stream.startsWith('voter-sim-'))).toBe(true);
    expect(JSON.stringify(sealed)).not.toMatch(/Contraseña|password":/);
  });

  it('records the failed credential delivery so officials see it', async () => {
    const pseudonym = entriesFor(await store.readAll(), voters[3].electorKey);
    const { state } = await loadState(store, voterStream('sim', pseudonym), voterAccessDecider);
    expect(state.deliveries.get(1)).toMatchObject({ status: 'failed', detail: '550 mailbox unavailable' });
    expect(await readOutbox(dir, { to: bouncing })).toEqual([]);
  });

  it('logs in with username, password and SMS code, confirms again before casting', async () => {
    const v = voters[0];
    const { username, password } = await credentialOf(v.email);
    const { challenge } = await access.login(username.toUpperCase(), password, NOW);
    const { sessionToken } = await access.confirmLoginCode(challenge, await lastCode(v.mobilePhone), later(1));
    expect(await access.mayCast(sessionToken, later(2))).toBeUndefined();
    const cast = await access.requestCastCode(sessionToken, later(2), { castingOpen: true, alreadyVoted: false });
    await access.confirmCastCode(cast.challenge, await lastCode(v.mobilePhone), later(3));
    expect(await access.mayCast(sessionToken, later(4))).toMatchObject({ pseudonym: challenge.split('.')[0] });
    const reused = await failsWith(access.confirmCastCode(cast.challenge, await lastCode(v.mobilePhone), later(3)));
    expect(reused.details).toEqual({ reason: 'already_used' });
  });

  it('an unknown username fails exactly like a wrong password, after the same scrypt work', async () => {
    const { username } = await credentialOf(voters[1].email);
    const before = hasher.verifications;
    const wrong = await failsWith(access.login(username, 'zzzz-zzzz-zzzz-zzzz', NOW));
    const unknown = await failsWith(access.login('v-zzzz-zzzz-zzzz', 'zzzz-zzzz-zzzz-zzzz', NOW));
    const garbage = await failsWith(access.login('no such user', 'x', NOW));
    expect(hasher.verifications - before).toBe(3);
    for (const e of [wrong, unknown, garbage]) {
      expect(e).toBeInstanceOf(AuthenticationFailedError);
      expect([e.code, e.message, e.details]).toEqual([wrong.code, wrong.message, wrong.details]);
    }
  });

  it('a resend invalidates the old password; the new one works', async () => {
    const v = voters[2];
    const old = await credentialOf(v.email);
    const pseudonym = entriesFor(await store.readAll(), v.electorKey);
    const outcome = await access.resendCredential(pseudonym, 'official', 'official:mesa', 'no llegó / never arrived', NOW);
    expect(outcome.delivered).toBe(true);
    const fresh = await credentialOf(v.email);
    expect(fresh.username).toBe(old.username);
    expect(fresh.password).not.toBe(old.password);
    expect(await failsWith(access.login(old.username, old.password, NOW))).toBeInstanceOf(AuthenticationFailedError);
    await expect(access.login(fresh.username, fresh.password, NOW)).resolves.toHaveProperty('challenge');
    const { state } = await loadState(store, voterStream('sim', pseudonym), voterAccessDecider);
    expect(state.deliveries.get(2)).toMatchObject({ status: 'sent' });
  });

  it('refuses a second import and writes nothing', async () => {
    const head = await store.head();
    const again = await failsWith(importRoll({ store, commands: await commandsFor(store), electionId: 'sim', random: nodeRandomSource, hasher, directory, access, actor: 'official:test' }, voters, false, NOW));
    expect(again.code).toBe('ROLL_ALREADY_IMPORTED');
    expect(await store.head()).toBe(head);
  });
});

function entriesFor(events: Array<{ type: string; data: unknown }>, electorKey: string): string {
  const reg = events.find((e) => e.type === 'VoterRegistered' && (e.data as { voter: { electorKey: string } }).voter.electorKey === electorKey);
  return (reg!.data as { pseudonym: string }).pseudonym;
}
