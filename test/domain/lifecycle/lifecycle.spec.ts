import { lifecycleDecider } from '../../../src/domain/lifecycle/decider';
import type { OpenElection } from '../../../src/domain/lifecycle/commands';
import type { LifecycleEvent } from '../../../src/domain/lifecycle/events';
import { specFor } from '../decider-spec';

const spec = specFor(lifecycleDecider);
const h = (c: string) => c.repeat(64);
const open: OpenElection = {
  type: 'OpenElection',
  electionId: 'e1',
  manifestHash: h('a'),
  publicKey: h('b'),
  ceremonyTranscriptHash: h('c'),
  softwareVersion: h('d'),
  rollSize: 10,
  votingOpensAt: '2024-05-21T02:00:00.000Z',
  votingClosesAt: '2024-06-03T00:00:00.000Z',
  openingReportHash: h('e'),
  openingReportPdfHash: h('f'),
  missingRatifications: [],
  ceremonyCompleted: true,
  configurationLocked: true,
  credentialListPublished: true,
  now: '2024-05-20T00:00:00.000Z',
};
const opened = spec([]).when(open).events() as LifecycleEvent[];
const started: LifecycleEvent = { type: 'VotingStarted', data: { electionId: 'e1', at: open.votingOpensAt, scheduledFor: open.votingOpensAt } };

describe('election lifecycle', () => {
  it('opens with the zero report and every fact recorded', () => {
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ type: 'ElectionOpened', data: { electionId: 'e1', rollSize: 10, openedAt: open.now } });
  });
  it('refuses to open twice', () => spec(opened).when(open).thenFails('ALREADY_OPENED'));
  it('refuses to open with missing ratifications, an unfinished ceremony or an empty roll', () => {
    spec([]).when({ ...open, missingRatifications: ['OPL-14'] }).thenFails('CANNOT_OPEN');
    spec([]).when({ ...open, ceremonyCompleted: false }).thenFails('CANNOT_OPEN');
    // The configuration could still change after opening if it were not locked first.
    spec([]).when({ ...open, configurationLocked: false }).thenFails('CANNOT_OPEN');
    spec([]).when({ ...open, rollSize: 0 }).thenFails('CANNOT_OPEN');
    // Without the credential authority's signed list no ballot could be checked against it (issue 13).
    spec([]).when({ ...open, credentialListPublished: false }).thenFails('CANNOT_OPEN');
    expect(Object.keys(opened[0].data)).not.toContain('credentialListPublished');
    spec([]).when({ ...open, now: '2024-06-04T00:00:00.000Z' }).thenFails('CANNOT_OPEN');
  });
  it('starts voting only at the configured instant, once', () => {
    spec(opened).when({ type: 'StartVoting', electionId: 'e1', now: '2024-05-21T01:59:59.000Z' }).thenFails('TOO_EARLY');
    spec(opened).when({ type: 'StartVoting', electionId: 'e1', now: open.votingOpensAt }).then([started]);
    spec([...opened, started]).when({ type: 'StartVoting', electionId: 'e1', now: '2024-05-22T00:00:00.000Z' }).then([]);
  });
  it('closes at the configured instant, also late after a restart, once', () => {
    spec([...opened, started]).when({ type: 'CloseVoting', electionId: 'e1', now: '2024-06-02T23:59:59.000Z' }).thenFails('TOO_EARLY');
    const late = spec([...opened, started]).when({ type: 'CloseVoting', electionId: 'e1', now: '2024-06-03T00:10:00.000Z' }).events();
    expect(late[0]).toMatchObject({ type: 'VotingClosed', data: { lateBy: 600_000 } });
    spec([...opened, started, ...late]).when({ type: 'CloseVoting', electionId: 'e1', now: '2024-06-04T00:00:00.000Z' }).then([]);
  });
  it('exports the ballot box only after closing', () => {
    const exportCmd = { type: 'RecordBallotBoxExport' as const, electionId: 'e1', ballots: 3, sha256: h('1'), checkpoint: { size: 9, rootHash: 'r', note: 'n' }, now: open.votingClosesAt };
    spec([...opened, started]).when(exportCmd).thenFails('NOT_CLOSED');
    const closed: LifecycleEvent = { type: 'VotingClosed', data: { electionId: 'e1', at: open.votingClosesAt, scheduledFor: open.votingClosesAt } };
    expect(spec([...opened, started, closed]).when(exportCmd).events()[0].type).toBe('BallotBoxExported');
  });
  it('a simulacro, and only a simulacro, may close early, and says so', () => {
    const now = '2024-05-25T00:00:00.000Z';
    spec([...opened, started]).when({ type: 'CloseVoting', electionId: 'e1', now, simulacroEarlyClose: { isSimulacro: false, reason: 'x' } }).thenFails('NOT_A_SIMULACRO');
    const closed = spec([...opened, started]).when({ type: 'CloseVoting', electionId: 'e1', now, simulacroEarlyClose: { isSimulacro: true, reason: 'every synthetic voter cast' } }).events();
    expect(closed[0]).toMatchObject({ type: 'VotingClosed', data: { at: now, earlyCloseReason: 'every synthetic voter cast' } });
    spec(opened).when({ type: 'CloseVoting', electionId: 'e1', now, simulacroEarlyClose: { isSimulacro: true, reason: 'x' } }).thenFails('NOT_VOTING');
  });
});
