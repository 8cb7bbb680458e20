/**
 * The opening's commands through the real CommandBus on PostgreSQL:
 * LockConfigurationForOpeningCommand on the configuration stream (sent with the revision the
 * opening read its facts at as `expectedRevision`), OpenElectionCommand and StartVotingCommand
 * on `lifecycle-<id>`. Payloads as in test/domain/lifecycle/lifecycle.spec.ts and
 * test/domain/configuration/configuration-decider.spec.ts.
 */
import { RatifyContestsCommand } from '../../src/configuration/configuration.commands';
import { configurationDecider, configurationStreamName } from '../../src/domain/configuration/configuration-decider';
import type { ConfigurationEvent } from '../../src/domain/configuration/events';
import { lifecycleStream } from '../../src/domain/lifecycle/decider';
import type { OpenElection } from '../../src/domain/lifecycle/commands';
import type { LifecycleEvent } from '../../src/domain/lifecycle/events';
import type { LockConfigurationForOpening } from '../../src/domain/opening/configuration-stream-decider';
import { WrongExpectedRevisionError } from '../../src/ledger/event-store';
import { LockConfigurationForOpeningCommand, OpenElectionCommand, StartVotingCommand } from '../../src/opening/opening.commands';
import { smallManualText } from '../domain/configuration/small-manual';
import { freshElectionId, given, openPgCommandPath, refused, unchanged, when, type PgCommandPath } from './pg-command-path';

const h = (c: string) => c.repeat(64);
const NOW = '2024-05-20T00:00:00.000Z';
const OPENS = '2024-05-21T02:00:00.000Z';
const CLOSES = '2024-06-03T00:00:00.000Z';
const byOpening = { actor: 'official:opening' };
const byScheduler = { actor: 'system:scheduler' };

const open = (electionId: string, over: Partial<OpenElection> = {}): OpenElection => ({
  type: 'OpenElection', electionId, manifestHash: h('a'), publicKey: h('b'), ceremonyTranscriptHash: h('c'), softwareVersion: h('d'),
  rollSize: 10, votingOpensAt: OPENS, votingClosesAt: CLOSES, openingReportHash: h('e'), openingReportPdfHash: h('f'),
  missingRatifications: [], ceremonyCompleted: true, configurationLocked: true, credentialListPublished: true, now: NOW, ...over,
});
const opened = (electionId: string): LifecycleEvent => {
  const { type: _t, missingRatifications: _m, ceremonyCompleted: _c, configurationLocked: _l, credentialListPublished: _cl, now, ...rest } = open(electionId);
  return { type: 'ElectionOpened', data: { ...rest, openedAt: now } };
};
const lock = (electionId: string, readAtRevision: number): LockConfigurationForOpening => ({ type: 'LockConfigurationForOpening', electionId, readAtRevision, now: NOW });

const operator = { role: 'ine-operator' as const, id: 'utsi:ana' };
const configured = (): ConfigurationEvent[] => configurationDecider.decide({ type: 'ConfigureElection', data: { manualText: smallManualText() }, actor: operator }, configurationDecider.initialState());

describe('opening commands through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_opening');
  });
  afterAll(async () => {
    await path.close();
  });

  describe('LockConfigurationForOpeningCommand', () => {
    it('locks the configuration at the revision the opening read; after it every configuration change is refused', async () => {
      const id = freshElectionId('open');
      const stream = configurationStreamName(id);
      const past = configured();
      await given(path, stream, past);
      const readAt = past.length - 1;
      const { recorded, types, outcome } = await when(path, stream, new LockConfigurationForOpeningCommand(id, lock(id, readAt), { ...byOpening, expectedRevision: readAt }));
      expect(types).toEqual(['ConfigurationLockedForOpening']);
      expect(recorded[0].revision).toBe(readAt + 1);
      const manifestHash = (past[0].data as { manifestHash: string }).manifestHash;
      expect(recorded[0].data).toEqual({ electionId: id, configurationVersion: 1, manifestHash, readAtRevision: readAt, at: NOW });
      expect(outcome.state.opened).toBe(true);
      await refused(path, new RatifyContestsCommand(id, { type: 'RatifyContests', data: { scope: 'federal', manifestHash }, actor: { role: 'ine-authority', id: 'ine:consejo' } }), 'ELECTION_ALREADY_OPENED');
      // Locking again is a no-op.
      await unchanged(path, new LockConfigurationForOpeningCommand(id, lock(id, readAt + 1), { ...byOpening, expectedRevision: readAt + 1 }));
    });

    it('fails, appending nothing, when the configuration changed after the opening read it (stale expectedRevision)', async () => {
      const id = freshElectionId('open');
      const stream = configurationStreamName(id);
      const past = configured();
      await given(path, stream, past);
      const readAt = past.length - 2; // a ContestOptionsRecorded the opening had not seen
      const head = await path.store.head();
      await expect(path.commands.execute(new LockConfigurationForOpeningCommand(id, lock(id, readAt), { ...byOpening, expectedRevision: readAt })))
        .rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await path.store.head()).toBe(head);
    });

    it('is refused before configuration (ELECTION_NOT_CONFIGURED), appending nothing', async () => {
      const id = freshElectionId('open');
      await refused(path, new LockConfigurationForOpeningCommand(id, lock(id, -1), { ...byOpening, expectedRevision: -1 }), 'ELECTION_NOT_CONFIGURED');
    });
  });

  describe('OpenElectionCommand', () => {
    it('records ElectionOpened with every fact of the opening', async () => {
      const id = freshElectionId('open');
      const stream = lifecycleStream(id);
      const { recorded, types, outcome } = await when(path, stream, new OpenElectionCommand(id, open(id), byOpening));
      expect(types).toEqual(['ElectionOpened']);
      expect(recorded[0].revision).toBe(0);
      expect(recorded[0].data).toEqual(opened(id).data);
      expect(outcome.state).toMatchObject({ phase: 'opened', votingOpensAt: OPENS, votingClosesAt: CLOSES });
    });

    it('is refused with missing ratifications or an unfinished ceremony (CANNOT_OPEN), and twice (ALREADY_OPENED), appending nothing', async () => {
      const id = freshElectionId('open');
      const err = await refused(path, new OpenElectionCommand(id, open(id, { missingRatifications: ['local:14'], ceremonyCompleted: false }), byOpening), 'CANNOT_OPEN');
      expect((err.details as string[]).length).toBe(2);
      await refused(path, new OpenElectionCommand(id, open(id, { rollSize: 0 }), byOpening), 'CANNOT_OPEN');
      expect(await path.store.readStream(lifecycleStream(id))).toEqual([]);
      await given(path, lifecycleStream(id), [opened(id)]);
      await refused(path, new OpenElectionCommand(id, open(id), byOpening), 'ALREADY_OPENED');
    });
  });

  describe('StartVotingCommand', () => {
    it('starts voting at the configured instant, by the scheduler; a second start appends nothing', async () => {
      const id = freshElectionId('open');
      const stream = lifecycleStream(id);
      await given(path, stream, [opened(id)]);
      const { recorded, types, outcome } = await when(path, stream, new StartVotingCommand(id, { type: 'StartVoting', electionId: id, now: OPENS }, byScheduler));
      expect(types).toEqual(['VotingStarted']);
      expect(recorded[0].metadata.actor).toBe('system:scheduler');
      expect(recorded[0].data).toEqual({ electionId: id, at: OPENS, scheduledFor: OPENS });
      expect(outcome.state.phase).toBe('voting');
      await unchanged(path, new StartVotingCommand(id, { type: 'StartVoting', electionId: id, now: '2024-05-22T00:00:00.000Z' }, byScheduler));
    });

    it('is refused before the instant (TOO_EARLY) and before opening (NOT_OPENED), appending nothing', async () => {
      const id = freshElectionId('open');
      await refused(path, new StartVotingCommand(id, { type: 'StartVoting', electionId: id, now: OPENS }, byScheduler), 'NOT_OPENED');
      await given(path, lifecycleStream(id), [opened(id)]);
      await refused(path, new StartVotingCommand(id, { type: 'StartVoting', electionId: id, now: '2024-05-21T01:59:59.000Z' }, byScheduler), 'TOO_EARLY');
    });
  });
});
