/**
 * With several service instances, every one follows the ledger; only the one that writes the
 * log sends the confirmation e-mail, so a voter gets one e-mail per cast, not one per instance.
 */
import { CastConfirmationMailer } from '../../src/messaging/cast-confirmation-mailer';
import { LogWriterElection } from '../../src/ledger/leadership/log-writer-election';
import type { LogLeadership } from '../../src/ledger/leadership/log-leadership';
import type { EventStore, RecordedEvent } from '../../src/ledger/event-store';

const ELECTION = 'e-2027';
const cast = (position: number): RecordedEvent => ({
  position, stream: `ballot-${ELECTION}-p${position}`, revision: 0, type: 'BallotCast', version: 3,
  data: { pseudonym: `p${position}`, trackingCode: 'ab'.repeat(32) }, metadata: {}, visibility: 'sealed', recordedAt: new Date().toISOString(),
} as unknown as RecordedEvent);

/** A ledger that delivers three casts to each subscriber, and the roll entry of every voter. */
function ledger(): EventStore {
  return {
    head: async () => 0,
    subscribeToAll: (_from: number, onEvent: (e: RecordedEvent) => Promise<void>) => {
      void (async () => { for (const p of [1, 2, 3]) await onEvent(cast(p)); })();
      return { close: async () => undefined };
    },
    readStream: async (stream: string) => [{ type: 'VoterRegistered', data: { voter: { email: `${stream}@example.test`, name: 'Persona' } } }],
  } as unknown as EventStore;
}

async function mailsSentBy(election: LogWriterElection): Promise<number> {
  let sent = 0;
  const mailer = new CastConfirmationMailer({
    store: ledger(), checkpoints: { latest: async () => ({ size: 10, rootHash: new Uint8Array(32) }) },
    mail: { send: async () => { sent++; return { id: `m${sent}` } as never; } }, electionId: ELECTION, systemUrl: 'https://tablero.example.test', pollMs: 5,
    sends: () => election.writesNow,
  });
  await mailer.start();
  await new Promise((r) => setTimeout(r, 100));
  await mailer.stop();
  return sent;
}

describe('the confirmation e-mail with several instances', () => {
  it('is sent by the lease holder and by a lone writer, never by an instance that does not write the log', async () => {
    const holder = new LogWriterElection({ holder: 'a', ttlMs: 5000 } as never);
    holder.leadership = { epoch: 7 } as LogLeadership;
    const follower = new LogWriterElection({ holder: 'b', ttlMs: 5000 } as never);
    follower.leadership = { epoch: undefined } as unknown as LogLeadership;
    expect(await mailsSentBy(holder)).toBe(3);
    expect(await mailsSentBy(new LogWriterElection(false))).toBe(3);
    expect(await mailsSentBy(follower)).toBe(0);
    expect(await mailsSentBy(new LogWriterElection(undefined))).toBe(0);
  });
});
