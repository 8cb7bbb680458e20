/**
 * What every command gets from LedgerCommandHandler, tried as an adversary would: requests
 * held at the append so that they really race (a "50 simultaneous casts" test that the
 * earlier steps line up proves nothing about the ledger's concurrency control), the actor in
 * the metadata, a refusal that appends nothing, and the timing counted for /metrics.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { openCommandPath, type CommandPath } from '../../src/command-path/open-command-path';
import { EnrolTrusteeCommand } from '../../src/ceremony/ceremony.commands';
import { trusteeKey } from '../support/trustee-keys';
import { RegisterVoterCommand } from '../../src/roll/roll.commands';
import { voterStream } from '../../src/domain/roll/decider';
import { voterBallotsStream, votingDecider } from '../../src/domain/voting/decider';
import { ceremonyDecider } from '../../src/domain/ceremony/decider';
import { loadState, newStreamRead } from '../../src/command-path/stream-state';
import { ceremonyStream } from '../../src/domain/ceremony/events';
import { DomainError } from '../../src/domain/shared/decider';
import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision, type NewEvent } from '../../src/ledger/event-store';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { CastBallotCommand } from '../../src/voting/voting.commands';
import { AssignVoterCredentialCommand } from '../../src/credentials/credentials.commands';
import { ConfigureElectionCommand, RatifyContestsCommand } from '../../src/configuration/configuration.commands';
import type { CommandContext } from '../../src/command-path/ledger-command';
import { LockConfigurationForOpeningCommand } from '../../src/opening/opening.commands';
import { smallManualText } from '../domain/configuration/small-manual';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

/** An event store whose appends wait at a gate until `release()`: every held request has
 * read its stream and decided before any of them writes. */
class GatedStore implements EventStore {
  private held: (() => void)[] = [];
  gated = false;
  appendCalls = 0;
  /** Reads of each stream, to tell a handler that read from one that decided on a handed read. */
  readsOf = new Map<string, number>();
  constructor(readonly inner: PostgresEventStore) {}

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision) {
    this.appendCalls++;
    if (this.gated) await new Promise<void>((resolve) => this.held.push(resolve));
    return this.inner.append(stream, events, expected);
  }
  /** Resolves once `n` appends are waiting at the gate now (a count of every append ever held
   * let a later race be released before both its appends had arrived: a flake under load). */
  async waitForHeld(n: number): Promise<void> {
    while (this.held.length < n) await new Promise((r) => setTimeout(r, 5));
  }
  release(): void {
    this.gated = false;
    for (const go of this.held.splice(0)) go();
  }
  readStream: EventStore['readStream'] = (s, o) => {
    this.readsOf.set(s, (this.readsOf.get(s) ?? 0) + 1);
    return this.inner.readStream(s, o);
  };
  readAll: EventStore['readAll'] = (o) => this.inner.readAll(o);
  head: EventStore['head'] = () => this.inner.head();
  subscribeToAll: EventStore['subscribeToAll'] = (f, h, e) => this.inner.subscribeToAll(f, h, e);
  close: EventStore['close'] = () => this.inner.close();
}

const ID = 'gate-2027';
/** The voter's public credential, assigned before the race (a ballot is signed by its voter's own). */
const CREDENTIAL = 'c7'.repeat(32);
const cast = (pseudonym: string, trackingCode: string) => new CastBallotCommand(ID, {
  type: 'CastBallot', electionId: ID, pseudonym, bindingNonce: '00'.repeat(32), credential: CREDENTIAL, signature: '5a'.repeat(64), credentialStatus: 'active',
  entitledStyleId: 's1', styleId: 's1', trackingCode, ballot: { trackingCode },
  ballotVerified: true, reusesPublishedSpoiledCiphertext: false, votingPhase: 'voting', votingClosesAt: '2099-01-01T00:00:00Z', now: '2027-06-06T12:00:00Z',
}, { actor: `voter:${pseudonym}` });
const enrol = (i: number, more: Partial<CommandContext> = {}) => new EnrolTrusteeCommand(ID, {
  type: 'EnrolTrustee', electionId: ID, trusteeIndex: i, trusteeId: `trustee-${i}`, name: `Persona ${i}`, tokenSerial: `SERIAL-${i}`, signingKey: trusteeKey(i).signingKey,
}, { actor: 'official:ceremony', correlationId: 'ceremony-gate', ...more });
const assignCredential = (pseudonym: string, credential: string) => new AssignVoterCredentialCommand(ID,
  { type: 'AssignVoterCredential', electionId: ID, pseudonym, credential, now: '2027-06-06T11:00:00Z' }, { actor: 'official:credentials' });
/** `cast` with its context changed (a handed read, an expected revision). */
const castWith = (pseudonym: string, trackingCode: string, more: Partial<CommandContext>) => {
  const c = cast(pseudonym, trackingCode);
  return new CastBallotCommand(ID, c.decision, { ...c.context, ...more });
};

describe('LedgerCommandHandler', () => {
  let pool: Pool;
  let schema: string;
  let store: GatedStore;
  let path: CommandPath;
  let commands: CommandBus;

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 60 });
    schema = freshSchemaName('command_path');
    const inner = new PostgresEventStore(pool, { schema });
    await inner.migrate();
    store = new GatedStore(inner);
    path = await openCommandPath(store);
    commands = path.commands;
  });
  afterAll(async () => {
    await path.close();
    await store.close();
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('50 casts by one voter held at the append: exactly one ballot, the other 49 decided again and refused ALREADY_VOTED', async () => {
    await commands.execute(new AssignVoterCredentialCommand(ID, { type: 'AssignVoterCredential', electionId: ID, pseudonym: 'p-race', credential: CREDENTIAL, now: '2027-06-06T11:00:00Z' }, { actor: 'official:credentials' }));
    store.gated = true;
    const attempts = Array.from({ length: 50 }, (_, k) => commands.execute(cast('p-race', `code-${k}`)).then(() => 'cast', (err: unknown) => err));
    await store.waitForHeld(50); // all 50 read revision 0 (the credential) and decided "BallotCast" before any write
    store.release();
    const outcomes = await Promise.all(attempts);
    expect(outcomes.filter((o) => o === 'cast')).toHaveLength(1);
    const refused = outcomes.filter((o) => o !== 'cast') as DomainError[];
    expect(refused).toHaveLength(49);
    // Each loser hit the revision conflict, then was decided again on the fresh stream.
    expect(refused.every((e) => e instanceof DomainError && e.code === 'ALREADY_VOTED')).toBe(true);
    expect((await store.readStream(voterBallotsStream(ID, 'p-race'))).map((e) => e.type)).toEqual(['VoterCredentialAssigned', 'BallotCastByVoter']);
  });

  it('decides again after a concurrency conflict, on the fresher state (both trustees enrolled)', async () => {
    store.gated = true;
    const first = commands.execute(enrol(1));
    const second = commands.execute(enrol(2));
    await store.waitForHeld(2);
    store.release();
    await Promise.all([first, second]);
    const recorded = await store.readStream(ceremonyStream(ID));
    expect(recorded.map((e) => (e.data as { trusteeIndex: number }).trusteeIndex).sort()).toEqual([1, 2]);
  });

  it("records the sender's actor and correlation id on every event", async () => {
    const { recorded } = await commands.execute(enrol(3));
    expect(recorded).toHaveLength(1);
    expect(recorded[0].metadata).toMatchObject({ actor: 'official:ceremony', correlationId: 'ceremony-gate' });
  });

  it('appends nothing when the decider refuses', async () => {
    const head = await store.head();
    await expect(commands.execute(enrol(3))).rejects.toMatchObject({ code: 'DUPLICATE_TRUSTEE_INDEX' });
    expect(await store.head()).toBe(head);
  });

  it("fails a voter's command on a conflict instead of deciding it again (one attempt on a voter's stream)", async () => {
    const voter = { electorKey: 'GMRZLS80010109H500', name: 'Persona de Prueba', entityOfOrigin: '09', countryOfResidence: 'USA', email: 'p@example.invalid', mobilePhone: '+12025550123', sex: 'X' as const, birthYear: 1980 };
    const register = (username: string) => new RegisterVoterCommand(ID, 'p-voter',
      { type: 'RegisterVoter', electionId: ID, pseudonym: 'p-voter', voter, rollVersion: 1, now: '2027-06-06T12:00:00Z' },
      { type: 'IssueCredential', username, now: '2027-06-06T12:00:00Z' }, { actor: 'official:roll-import' });
    store.gated = true;
    const a = commands.execute(register('user-a')).then(() => 'ok', (e: unknown) => e);
    const b = commands.execute(register('user-b')).then(() => 'ok', (e: unknown) => e);
    await store.waitForHeld(2);
    store.release();
    const outcomes = await Promise.all([a, b]);
    // Decided again, the loser would be refused by the decider; decided once, it is the conflict itself.
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes.filter((o) => o instanceof WrongExpectedRevisionError)).toHaveLength(1);
    expect(await store.readStream(voterStream(ID, 'p-voter'))).toHaveLength(2);
  });

  it("appends only at the sender's expected revision when it gives one", async () => {
    const stale = new EnrolTrusteeCommand(ID, {
      type: 'EnrolTrustee', electionId: ID, trusteeIndex: 4, trusteeId: 'trustee-4', name: 'Persona 4', tokenSerial: 'SERIAL-4', signingKey: trusteeKey(4).signingKey,
    }, { actor: 'official:ceremony', expectedRevision: 0 });
    const head = await store.head();
    await expect(commands.execute(stale)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.head()).toBe(head);
  });

  it('never writes a decision about another election or voter into the stream the command names', async () => {
    const head = await store.head();
    const otherElection = new EnrolTrusteeCommand(ID, {
      type: 'EnrolTrustee', electionId: 'other-2027', trusteeIndex: 9, trusteeId: 'trustee-9', name: 'Persona 9', tokenSerial: 'SERIAL-9', signingKey: trusteeKey(9).signingKey,
    }, { actor: 'official:ceremony' });
    await expect(commands.execute(otherElection)).rejects.toMatchObject({ code: 'COMMAND_TARGET_MISMATCH' });
    const voter = { electorKey: 'GMRZLS80010109H500', name: 'Persona de Prueba', entityOfOrigin: '09', countryOfResidence: 'USA', email: 'q@example.invalid', mobilePhone: '+12025550124', sex: 'X' as const, birthYear: 1980 };
    const otherVoter = new RegisterVoterCommand(ID, 'p-named',
      { type: 'RegisterVoter', electionId: ID, pseudonym: 'p-someone-else', voter, rollVersion: 1, now: '2027-06-06T12:00:00Z' },
      { type: 'IssueCredential', username: 'user-q', now: '2027-06-06T12:00:00Z' }, { actor: 'official:roll-import' });
    await expect(commands.execute(otherVoter)).rejects.toMatchObject({ code: 'COMMAND_TARGET_MISMATCH' });
    expect(await store.head()).toBe(head);
  });

  it('locks the configuration only at the revision the opening read (a change that slipped in refuses it)', async () => {
    const election = 'prueba-2027'; // the small manual's process id
    const lock = (readAtRevision: number) => new LockConfigurationForOpeningCommand(election,
      { type: 'LockConfigurationForOpening', electionId: election, readAtRevision, now: '2027-06-06T12:00:00Z' }, { actor: 'official:opening' });
    const operator = { role: 'ine-operator' as const, id: 'test:op' };
    const { recorded: configured, state } = await commands.execute(new ConfigureElectionCommand(election, { type: 'ConfigureElection', data: { manualText: smallManualText() }, actor: operator }));
    const readAt = configured[configured.length - 1].revision;
    // A ratification lands after the opening read the configuration.
    await commands.execute(new RatifyContestsCommand(election, {
      type: 'RatifyContests', data: { scope: 'federal', manifestHash: state.manifestHash! }, actor: { role: 'ine-authority', id: 'test:cg' },
    }));
    const head = await store.head();
    await expect(commands.execute(lock(readAt))).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(await store.head()).toBe(head);
    const { recorded } = await commands.execute(lock(readAt + 1));
    expect(recorded.map((e) => e.type)).toEqual(['ConfigurationLockedForOpening']);
  });

  it('times every command by class and outcome for /metrics', async () => {
    const text = await path.metrics.registry.metrics();
    expect(text).toMatch(/urna_command_duration_seconds_count\{command="CastBallotCommand",outcome="ok"\} 1/);
    expect(text).toMatch(/urna_command_duration_seconds_count\{command="CastBallotCommand",outcome="refused"\} 49/);
    expect(text).toMatch(/urna_command_conflicts_total\{command="CastBallotCommand"\} 49/);
    expect(text).toMatch(/urna_command_duration_seconds_count\{command="EnrolTrusteeCommand",outcome="conflict"\} 1/);
  });

  describe('a read handed over by the sender (CommandContext.read)', () => {
    it('is decided on without reading the stream again, and the outcome hands on the stream as it now stands', async () => {
      const read = await loadState(store, ceremonyStream(ID), ceremonyDecider);
      const before = store.readsOf.get(ceremonyStream(ID)) ?? 0;
      const outcome = await commands.execute(enrol(11, { read }));
      expect(store.readsOf.get(ceremonyStream(ID)) ?? 0).toBe(before);
      expect(outcome.recorded).toHaveLength(1);
      expect(outcome.read.revision).toBe(outcome.recorded[0].revision);
      expect(outcome.read.revision).toBe(read.revision + 1);
      // The next command decides on it, again without a read, and it is the stream's true state.
      const next = await commands.execute(enrol(12, { read: outcome.read }));
      expect(store.readsOf.get(ceremonyStream(ID)) ?? 0).toBe(before);
      expect(next.read.state).toEqual((await loadState(store, ceremonyStream(ID), ceremonyDecider)).state);
    });

    it('50 casts of one voter, each handed the same read from before the race: exactly one ballot', async () => {
      await commands.execute(assignCredential('p-handed-race', CREDENTIAL));
      const read = await loadState(store, voterBallotsStream(ID, 'p-handed-race'), votingDecider);
      store.gated = true;
      const attempts = Array.from({ length: 50 }, (_, k) => commands.execute(castWith('p-handed-race', `h-${k}`, { read })).then(() => 'cast', (err: unknown) => err));
      await store.waitForHeld(50);
      store.release();
      const outcomes = await Promise.all(attempts);
      expect(outcomes.filter((o) => o === 'cast')).toHaveLength(1);
      expect(outcomes.filter((o) => o !== 'cast').every((e) => e instanceof DomainError && e.code === 'ALREADY_VOTED')).toBe(true);
      expect((await store.readStream(voterBallotsStream(ID, 'p-handed-race'))).map((e) => e.type)).toEqual(['VoterCredentialAssigned', 'BallotCastByVoter']);
    });

    it('a read the stream moved past is never what is decided on: the handler reads it again', async () => {
      await commands.execute(assignCredential('p-moved', CREDENTIAL));
      const stale = await loadState(store, voterBallotsStream(ID, 'p-moved'), votingDecider);
      await commands.execute(cast('p-moved', 'first'));
      // On the stale read the second cast would be accepted; the stream says the voter voted.
      await expect(commands.execute(castWith('p-moved', 'second', { read: stale }))).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
      expect(await store.readStream(voterBallotsStream(ID, 'p-moved'))).toHaveLength(2);
    });

    it('a refusal on a handed read is decided again on a fresh read (a credential assigned since)', async () => {
      const empty = await loadState(store, voterBallotsStream(ID, 'p-late-credential'), votingDecider);
      await commands.execute(assignCredential('p-late-credential', CREDENTIAL));
      const reads = store.readsOf.get(voterBallotsStream(ID, 'p-late-credential')) ?? 0;
      const { recorded } = await commands.execute(castWith('p-late-credential', 'late', { read: empty }));
      expect(recorded.map((e) => e.type)).toEqual(['BallotCastByVoter']);
      expect(store.readsOf.get(voterBallotsStream(ID, 'p-late-credential'))).toBe(reads + 1);
    });

    it("another voter's read, at the very same revision, is not used (it would accept a credential that is not this voter's)", async () => {
      await commands.execute(assignCredential('p-owner', CREDENTIAL));
      await commands.execute(assignCredential('p-victim', 'd8'.repeat(32)));
      const owners = await loadState(store, voterBallotsStream(ID, 'p-owner'), votingDecider);
      const head = await store.head();
      await expect(commands.execute(castWith('p-victim', 'borrowed', { read: owners }))).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_YOURS' });
      // The right stream's name on a state no decider of this stream folded: not used either.
      const forged = { ...owners, stream: voterBallotsStream(ID, 'p-victim'), decider: ceremonyDecider };
      await expect(commands.execute(castWith('p-victim', 'forged', { read: forged }))).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_YOURS' });
      expect(await store.head()).toBe(head);
    });

    it("is ignored when the sender gives the revision to append at (the sender's facts are then the command's own)", async () => {
      await commands.execute(assignCredential('p-expected', 'e9'.repeat(32)));
      const real = await loadState(store, voterBallotsStream(ID, 'p-expected'), votingDecider);
      const claimed = { ...real, state: { ...real.state, credential: CREDENTIAL } };
      await expect(commands.execute(castWith('p-expected', 'claimed', { read: claimed, expectedRevision: real.revision }))).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_YOURS' });
    });

    it('a stream taken as new that exists is read, so a retry finds what the first attempt recorded', async () => {
      const fresh = newStreamRead(ceremonyStream(ID), ceremonyDecider);
      // The ceremony stream exists: enrolling trustee 11 again on "no stream" must read it and refuse.
      await expect(commands.execute(enrol(11, { read: fresh }))).rejects.toMatchObject({ code: 'DUPLICATE_TRUSTEE_INDEX' });
    });

    it('a handed read on which the command would record nothing is not taken at its word: the stream is read', async () => {
      await commands.execute(assignCredential('p-nothing', CREDENTIAL));
      const real = await loadState(store, voterBallotsStream(ID, 'p-nothing'), votingDecider);
      // Read as if this very ballot were already cast (the decider then records nothing).
      const claimed = { ...real, state: { ...real.state, cast: true, trackingCode: 'nothing' } };
      const { recorded } = await commands.execute(castWith('p-nothing', 'nothing', { read: claimed }));
      expect(recorded.map((e) => e.type)).toEqual(['BallotCastByVoter']);
    });

    it('counts the handed reads decided again for /metrics', async () => {
      const text = await path.metrics.registry.metrics();
      expect(text).toMatch(/urna_command_handed_reads_decided_again_total\{command="CastBallotCommand"\} (\d+)/);
      const casts = Number(/urna_command_handed_reads_decided_again_total\{command="CastBallotCommand"\} (\d+)/.exec(text)![1]);
      // 49 losers of the race, the moved read, the late credential, the read that recorded
      // nothing (the borrowed, forged and overruled reads were never used).
      expect(casts).toBe(52);
    });
  });
});
