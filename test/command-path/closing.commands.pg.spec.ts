/**
 * The closing's commands through the real CommandBus on PostgreSQL, on `lifecycle-<id>`:
 * CloseVotingCommand (at the configured instant, late after a restart, or early in a
 * simulacro) and RecordBallotBoxExportCommand. Payloads as in test/domain/lifecycle/lifecycle.spec.ts.
 */
import { CloseVotingCommand, RecordBallotBoxExportCommand } from '../../src/closing/closing.commands';
import type { CloseVoting, RecordBallotBoxExport } from '../../src/domain/lifecycle/commands';
import { lifecycleStream } from '../../src/domain/lifecycle/decider';
import type { LifecycleEvent } from '../../src/domain/lifecycle/events';
import { freshElectionId, given, openPgCommandPath, refused, unchanged, when, type PgCommandPath } from './pg-command-path';

const h = (c: string) => c.repeat(64);
const OPENS = '2024-05-21T02:00:00.000Z';
const CLOSES = '2024-06-03T00:00:00.000Z';
const byScheduler = { actor: 'system:scheduler' };
const byClosing = { actor: 'system:closing' };

const opened = (electionId: string): LifecycleEvent => ({
  type: 'ElectionOpened',
  data: {
    electionId, manifestHash: h('a'), publicKey: h('b'), ceremonyTranscriptHash: h('c'), softwareVersion: h('d'), rollSize: 10,
    votingOpensAt: OPENS, votingClosesAt: CLOSES, openingReportHash: h('e'), openingReportPdfHash: h('f'), openedAt: '2024-05-20T00:00:00.000Z',
  },
});
const started = (electionId: string): LifecycleEvent => ({ type: 'VotingStarted', data: { electionId, at: OPENS, scheduledFor: OPENS } });
const closed = (electionId: string): LifecycleEvent => ({ type: 'VotingClosed', data: { electionId, at: CLOSES, scheduledFor: CLOSES } });
const close = (electionId: string, now: string, over: Partial<CloseVoting> = {}): CloseVoting => ({ type: 'CloseVoting', electionId, now, ...over });
const exportBox = (electionId: string, over: Partial<RecordBallotBoxExport> = {}): RecordBallotBoxExport => ({
  type: 'RecordBallotBoxExport', electionId, ballots: 3, sha256: h('1'), checkpoint: { size: 9, rootHash: 'r', note: 'n' }, now: '2024-06-03T00:05:00.000Z', ...over,
});

describe('closing commands through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_closing');
  });
  afterAll(async () => {
    await path.close();
  });

  /** A fresh lifecycle stream with these past events. */
  async function lifecycleWith(...past: ((id: string) => LifecycleEvent)[]): Promise<{ id: string; stream: string }> {
    const id = freshElectionId('close');
    await given(path, lifecycleStream(id), past.map((e) => e(id)));
    return { id, stream: lifecycleStream(id) };
  }

  describe('CloseVotingCommand', () => {
    it('closes at the configured instant; closing again appends nothing', async () => {
      const { id, stream } = await lifecycleWith(opened, started);
      const { recorded, types, outcome } = await when(path, stream, new CloseVotingCommand(id, close(id, CLOSES), byScheduler));
      expect(types).toEqual(['VotingClosed']);
      expect(recorded[0].revision).toBe(2);
      expect(recorded[0].data).toEqual({ electionId: id, at: CLOSES, scheduledFor: CLOSES });
      expect(outcome.state.phase).toBe('closed');
      await unchanged(path, new CloseVotingCommand(id, close(id, '2024-06-04T00:00:00.000Z'), byScheduler));
    });

    it('closes late after a restart and says by how much', async () => {
      const { id, stream } = await lifecycleWith(opened, started);
      const { recorded } = await when(path, stream, new CloseVotingCommand(id, close(id, '2024-06-03T00:10:00.000Z'), byScheduler));
      expect(recorded[0].data).toEqual({ electionId: id, at: '2024-06-03T00:10:00.000Z', scheduledFor: CLOSES, lateBy: 600_000 });
    });

    it('a simulacro may close early, and says why', async () => {
      const { id, stream } = await lifecycleWith(opened, started);
      const now = '2024-05-25T00:00:00.000Z';
      const { recorded } = await when(path, stream,
        new CloseVotingCommand(id, close(id, now, { simulacroEarlyClose: { isSimulacro: true, reason: 'every synthetic voter cast' } }), { actor: 'system:simulacro' }));
      expect(recorded[0].metadata.actor).toBe('system:simulacro');
      expect(recorded[0].data).toEqual({ electionId: id, at: now, scheduledFor: CLOSES, earlyCloseReason: 'every synthetic voter cast' });
    });

    it('is refused before the instant (TOO_EARLY), early outside a simulacro, or before opening, appending nothing', async () => {
      const { id } = await lifecycleWith(opened, started);
      await refused(path, new CloseVotingCommand(id, close(id, '2024-06-02T23:59:59.000Z'), byScheduler), 'TOO_EARLY');
      await refused(path, new CloseVotingCommand(id, close(id, '2024-05-25T00:00:00.000Z', { simulacroEarlyClose: { isSimulacro: false, reason: 'x' } }), byScheduler), 'NOT_A_SIMULACRO');
      const notStarted = await lifecycleWith(opened);
      await refused(path, new CloseVotingCommand(notStarted.id, close(notStarted.id, '2024-05-25T00:00:00.000Z', { simulacroEarlyClose: { isSimulacro: true, reason: 'x' } }), byScheduler), 'NOT_VOTING');
      const fresh = freshElectionId('close');
      await refused(path, new CloseVotingCommand(fresh, close(fresh, CLOSES), byScheduler), 'NOT_OPENED');
    });
  });

  describe('RecordBallotBoxExportCommand', () => {
    it('records the export of the closed ballot box with its hash and checkpoint', async () => {
      const { id, stream } = await lifecycleWith(opened, started, closed);
      const { recorded, types, outcome } = await when(path, stream, new RecordBallotBoxExportCommand(id, exportBox(id), byClosing));
      expect(types).toEqual(['BallotBoxExported']);
      expect(recorded[0].revision).toBe(3);
      expect(recorded[0].data).toEqual({ electionId: id, ballots: 3, sha256: h('1'), checkpoint: { size: 9, rootHash: 'r', note: 'n' }, exportedAt: '2024-06-03T00:05:00.000Z' });
      expect(outcome.state).toMatchObject({ phase: 'exported', ballotBoxHash: h('1') });
    });

    it('is refused before closing (NOT_CLOSED) and with a malformed hash (INVALID_HASH), appending nothing', async () => {
      const voting = await lifecycleWith(opened, started);
      await refused(path, new RecordBallotBoxExportCommand(voting.id, exportBox(voting.id), byClosing), 'NOT_CLOSED');
      const closedBox = await lifecycleWith(opened, started, closed);
      await refused(path, new RecordBallotBoxExportCommand(closedBox.id, exportBox(closedBox.id, { sha256: 'ABC' }), byClosing), 'INVALID_HASH');
    });
  });
});
