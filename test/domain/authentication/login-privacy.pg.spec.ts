/**
 * Issue 11 §1.3: neither the public log nor the password step says whether a username exists,
 * when an account locks, or which pseudonym a password belongs to. Each test tries to break
 * one rule on a real PostgreSQL ledger, reading the log entries (leaves) exactly as
 * /log/entries publishes them (publicEntryOf).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { commandsFor } from '../../support/command-path';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../../support/postgres';
import { PostgresEventStore } from '../../../src/ledger/postgres/postgres-event-store';
import { publicEntryOf, type LogEntry } from '../../../src/ledger/merkle/leaf-encoding';
import { OutboxMailSender, OutboxSmsSender } from '../../../src/messaging/outbox';
import { latestCode, latestCredential } from '../../support/outbox-messages';
import { issueCredentialsForRoll } from '../../support/credential-authority';
import { LoginChallenges } from '../../../src/authentication/login-challenges';
import { canonicalPassword, canonicalUsername } from '../../../src/domain/authentication/secrets';
import { deriveCredentialKey } from '../../../src/domain/crypto/credential/credential-key';
import { signLogin } from '../../../src/domain/crypto/credential/login-signature';
import { nodeRandomSource } from '../../../src/roll/node-random-source';
import { seededRandomSource } from '../../../src/roll/seeded-random-source';
import { generateSyntheticRoll } from '../../../src/roll/synthetic-roll';
import { importRoll } from '../../../src/roll/roll-import-service';
import { InMemoryUsernameDirectory } from '../../../src/authentication/username-directory';
import { AuthenticationFailedError, VoterAccessService, type VoterAccessPorts } from '../../../src/authentication/voter-access-service';
import { voterAccessDecider } from '../../../src/domain/authentication/decider';
import { OPAQUE_ID } from '../../../src/domain/authentication/login-attempt';
import { newOpaqueId } from '../../../src/domain/authentication/secrets';
import { loadState } from '../../../src/command-path/stream-state';
import { voterStream } from '../../../src/domain/roll/decider';
import type { DomainError } from '../../../src/domain/shared/decider';

const ENTITIES = Array.from({ length: 32 }, (_, i) => String(i + 1).padStart(2, '0'));
const PERIOD = { opensAt: '2024-05-21T02:00:00.000Z', closesAt: '2024-06-03T00:00:00.000Z' };
const NOW = '2024-05-22T15:00:00.000Z';
const later = (min: number) => new Date(Date.parse(NOW) + min * 60_000).toISOString();
const WRONG = 'zzzz-zzzz-zzzz-zzzz';


/** What an observer of the public log can tell two leaves apart by: everything but the position,
 * the instant and the commitment's value (random per event, 64 hex digits either way). */
function observable(entry: LogEntry) {
  const { position: _p, recordedAt: _r, ...rest } = entry;
  if (rest.visibility === 'sealed') {
    expect(rest.data.commitment).toMatch(/^[0-9a-f]{64}$/);
    return { ...rest, data: { commitment: '<64 hex>' } };
  }
  return rest;
}

describe('login privacy on the PostgreSQL ledger: the public trace and the challenge', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;
  let dir: string;
  let ports: VoterAccessPorts;
  let access: VoterAccessService;
  const directory = new InMemoryUsernameDirectory();
  const challenges = new LoginChallenges();
  const voters = generateSyntheticRoll({ size: 6, random: seededRandomSource('login-privacy'), entityCodes: ENTITIES });

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
    schema = freshSchemaName('login_priv');
    store = new PostgresEventStore(pool, { schema });
    await store.migrate();
    dir = await mkdtemp(join(tmpdir(), 'urna-login-priv-'));
    ports = { store, commands: await commandsFor(store), electionId: 'sim', random: nodeRandomSource, sms: new OutboxSmsSender(dir), directory, votingPeriod: PERIOD, challenges };
    access = new VoterAccessService(ports);
    await importRoll({ store, commands: ports.commands, electionId: 'sim', random: nodeRandomSource, directory, actor: 'official:test' }, voters, false, '2024-04-01T00:00:00.000Z');
    await issueCredentialsForRoll(store, ports.commands, 'sim', { mail: new OutboxMailSender(dir), now: '2024-04-02T00:00:00.000Z' });
  });

  afterAll(async () => {
    await store.close();
    await dropSchema(pool, schema);
    await pool.end();
    await rm(dir, { recursive: true, force: true });
  });

  const credentialOf = (email: string) => latestCredential(dir, email);
  /** The booth's proof: a fresh challenge signed with the key derived from what the voter typed. */
  const proof = async (username: string, password: string, at = NOW) => {
    const { challenge } = await challenges.issue(at);
    const canonical = canonicalUsername(username) ?? username;
    return { challenge, signature: signLogin(deriveCredentialKey('sim', canonical, canonicalPassword(password)), 'sim', canonical, challenge) };
  };
  const lastCode = (phone: string) => latestCode(dir, phone);
  const pseudonymOf = async (electorKey: string) => {
    const reg = (await store.readAll()).find((e) => e.type === 'VoterRegistered' && (e.data as { voter: { electorKey: string } }).voter.electorKey === electorKey);
    return (reg!.data as { pseudonym: string }).pseudonym;
  };
  /** The leaves a request adds to the public log, and how it failed. */
  async function traceOf(request: () => Promise<unknown>): Promise<{ leaves: LogEntry[]; error: DomainError }> {
    const head = await store.head();
    const error = await request().then(() => { throw new Error('expected a refusal'); }, (err: DomainError) => err);
    const leaves = (await store.readAll({ from: head })).map(publicEntryOf);
    return { leaves, error };
  }

  it('a wrong password for a known username and an unknown (or malformed) username leave indistinguishable leaves: one sealed LoginFailed v2 each', async () => {
    const { username } = await credentialOf(voters[0].email);
    const known = await traceOf(async () => access.login(username, await proof(username, WRONG), NOW));
    const unknown = await traceOf(async () => access.login('v-zzzz-zzzz-zzzz', await proof('v-zzzz-zzzz-zzzz', WRONG), NOW));
    const garbage = await traceOf(async () => access.login('no such user', await proof('no such user', WRONG), NOW));
    expect(known.leaves).toHaveLength(1);
    expect(observable(known.leaves[0])).toEqual({ format: 'urna-leaf/1', type: 'LoginFailed', version: 2, visibility: 'sealed', data: { commitment: '<64 hex>' } });
    for (const other of [unknown, garbage]) {
      expect(other.leaves.map(observable)).toEqual(known.leaves.map(observable));
      expect(other.error).toBeInstanceOf(AuthenticationFailedError);
      expect([other.error.code, other.error.message, other.error.details]).toEqual([known.error.code, known.error.message, known.error.details]);
    }
    // The unknown name's refusal sits in a sealed stream of its own, and records nothing typed.
    const [probe] = await store.readAll({ from: unknown.leaves[0].position, limit: 1 });
    expect(probe.stream).toMatch(/^login-attempt-sim-[a-z2-7]{26}$/);
    expect(probe.data).toEqual({ reason: 'unknown_username', consecutiveFailures: 1, at: NOW });
    expect(JSON.stringify(probe)).not.toContain('zzzz');
  });

  it('a lock leaves no leaf of its own: the 5th wrong password and the refusals while locked look like any unknown username', async () => {
    const v = voters[1];
    const { username, password } = await credentialOf(v.email);
    const unknown = await traceOf(async () => access.login('v-yyyy-yyyy-yyyy', await proof('v-yyyy-yyyy-yyyy', WRONG), NOW));
    const traces = [];
    for (let i = 0; i < 5; i++) traces.push(await traceOf(async () => access.login(username, await proof(username, WRONG), NOW)));
    const { state } = await loadState(store, voterStream('sim', await pseudonymOf(v.electorKey)), voterAccessDecider);
    expect(state.lockedUntil).toBe(later(15)); // it did lock
    traces.push(await traceOf(async () => access.login(username, await proof(username, password, later(1)), later(1)))); // right password, while locked
    for (const t of traces) expect(t.leaves.map(observable)).toEqual(unknown.leaves.map(observable));
    expect((await store.readAll()).filter((e) => e.type === 'AccountLocked')).toEqual([]);
    await expect(access.login(username, await proof(username, password, later(15)), later(15))).resolves.toHaveProperty('challengeId');
  });

  it('the challenge id the client gets holds no pseudonym; it still leads to the voter, and the flow works to a cast authorization', async () => {
    const v = voters[2];
    const pseudonym = await pseudonymOf(v.electorKey);
    const everyPseudonym = await Promise.all(voters.map((o) => pseudonymOf(o.electorKey)));
    const { username, password } = await credentialOf(v.email);
    const { challengeId } = await access.login(username, await proof(username, password), NOW);
    expect(challengeId).toMatch(OPAQUE_ID);
    for (const p of everyPseudonym) expect(challengeId).not.toContain(p);
    expect(challengeId).not.toContain(pseudonym.slice(0, 8));
    // The id is not something a pseudonym-bearing handle can stand in for, nor can it be guessed.
    await expect(access.confirmLoginChallenge(`${pseudonym}.${challengeId}`, await lastCode(v.mobilePhone), NOW)).rejects.toMatchObject({ details: { reason: 'unknown_code' } });
    await expect(access.confirmLoginChallenge(newOpaqueId(nodeRandomSource), await lastCode(v.mobilePhone), NOW))
      .rejects.toMatchObject({ details: { reason: 'unknown_code' } });
    const { sessionToken } = await access.confirmLoginChallenge(challengeId, await lastCode(v.mobilePhone), later(1));
    const cast = await access.requestCastCode(sessionToken, later(2), { castingOpen: true, alreadyVoted: false });
    expect(cast.challengeId).toMatch(OPAQUE_ID);
    expect(cast.challengeId).not.toContain(pseudonym);
    await access.confirmCastCode(cast.challenge, await lastCode(v.mobilePhone), later(3));
    expect(await access.mayCast(sessionToken, later(4))).toMatchObject({ pseudonym });
  });

  it('an unknown username reads the streams a known one reads and checks its proof against a credential nobody holds (same work)', async () => {
    const reads: string[] = [];
    const watched = new VoterAccessService({ ...ports, store: new Proxy(store, {
      get: (target, key) => (key === 'readStream'
        ? (stream: string, o?: unknown) => { reads.push(stream.replace(/[a-z2-7]{26}$/, '<id>').replace(/sim-[a-z2-7]{26}/, 'sim-<pseudonym>')); return target.readStream(stream, o as never); }
        : (target as never)[key]),
    }) });
    const { username } = await credentialOf(voters[3].email);
    await expect(watched.login(username, await proof(username, WRONG), NOW)).rejects.toBeInstanceOf(AuthenticationFailedError);
    const known = reads.splice(0);
    await expect(watched.login('v-xxxx-xxxx-xxxx', await proof('v-xxxx-xxxx-xxxx', WRONG), NOW)).rejects.toBeInstanceOf(AuthenticationFailedError);
    // Two stream reads before deciding, whoever the name names (the append then reads its own stream).
    expect(reads.length).toBe(known.length);
  });
});
