/**
 * The tally counts only ballots that verify for the voter the log says cast them (steps 1–2 of
 * src/tally/tally-service.ts): a ledger whose BallotCast was altered after the fact — its box
 * hash recorded to match, as a forger who controls the database would — stops the tally with
 * INVALID_CAST_BALLOT before any total is recorded, whether the proofs run in this thread or in
 * worker threads (which receive each ballot as its canonical JSON and parse it themselves).
 */
import { ballotBoxHash, ballotBoxLines, castBallotOf, type CastBallot } from '../../src/closing/ballot-box';
import { tallyStream } from '../../src/domain/tally/decider';
import type { EventStore, RecordedEvent } from '../../src/ledger/event-store';
import { TallyService } from '../../src/tally/tally-service';
import { smallManualText } from '../domain/configuration/small-manual';
import { buildClosedElection, type ClosedElection } from '../support/closed-election';
import { commandsFor } from '../support/command-path';
import { useTrusteeWorkbench } from '../support/trustee-workbench';

jest.setTimeout(240_000);

const flipHex = (hex: string) => (hex[0] === 'a' ? 'b' : 'a') + hex.slice(1);

describe('the tally refuses a cast ballot that does not verify for its voter', () => {
  const bench = useTrusteeWorkbench('tally-cast-checks', 2);
  let source: EventStore;
  let election: ClosedElection;

  beforeAll(async () => {
    source = await bench.freshStore();
    election = await buildClosedElection(source, { voters: 4, tokens: bench.tokens, threshold: 2, manualText: smallManualText() });
  });

  /** The ledger again, with the third BallotCast's data changed by `edit` and BallotBoxExported
   * recording the hash of the box so changed (what a forger rewriting the database would do). */
  async function forgedCopy(edit: (data: Record<string, unknown>) => void): Promise<EventStore> {
    const store = await bench.freshStore();
    const cast: CastBallot[] = [];
    let casts = 0;
    for (const e of await source.readAll()) {
      const data = JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>;
      if (castBallotOf(e, election.electionId) && ++casts === 3) edit(data);
      const changed = { ...e, data } as RecordedEvent;
      const ballot = castBallotOf(changed, election.electionId);
      if (ballot) cast.push(ballot);
      if (e.type === 'BallotBoxExported') data.sha256 = ballotBoxHash(ballotBoxLines(cast));
      const { recordedAt: _recordedAt, ...metadata } = e.metadata;
      await store.append(e.stream, [{ id: e.id, type: e.type, version: e.version, data, metadata, visibility: e.visibility }], e.revision === 0 ? 'no_stream' : e.revision - 1);
    }
    expect(casts).toBe(4);
    return store;
  }

  async function tallyRefusal(store: EventStore, workers: number): Promise<{ code?: string; message: string }> {
    const commands = await commandsFor(store);
    try {
      await new TallyService(store, commands, { workers }).computeEncryptedTally(election.electionId);
    } catch (err) {
      return err as { code?: string; message: string };
    }
    throw new Error('the tally did not refuse');
  }

  const recordedTotals = async (store: EventStore) => (await store.readStream(tallyStream(election.electionId))).filter((e) => e.type === 'EncryptedTallyComputed');

  it.each([0, 2])('a proof changed in the ledger (workers: %i)', async (workers) => {
    const store = await forgedCopy((data) => {
      const ballot = data.ballot as { contests: { options: { proof: { v0: string } }[] }[] };
      ballot.contests[0].options[0].proof.v0 = flipHex(ballot.contests[0].options[0].proof.v0);
    });
    const err = await tallyRefusal(store, workers);
    expect(err.code).toBe('INVALID_CAST_BALLOT');
    expect(err.message).toMatch(/option-proof/);
    expect(await recordedTotals(store)).toEqual([]);
  });

  it.each([0, 2])('an intact ballot credited to another pseudonym (workers: %i)', async (workers) => {
    const other = castBallotOf((await source.readAll()).filter((e) => castBallotOf(e, election.electionId))[0], election.electionId)!.pseudonym;
    const store = await forgedCopy((data) => (data.pseudonym = other));
    const err = await tallyRefusal(store, workers);
    expect(err.code).toBe('INVALID_CAST_BALLOT');
    expect(err.message).toMatch(/voter-binding/);
    expect(await recordedTotals(store)).toEqual([]);
  });
});
