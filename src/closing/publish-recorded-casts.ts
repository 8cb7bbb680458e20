/**
 * A cast is two appends: the voter's sealed ballot stream decides it (BallotCastByVoter), then
 * the ballot is published on `ballot-<election>-<pseudonym>` (BallotCast). If the service dies
 * between the two, the voter's stream says "voted" while no ballot is public: the voter got no
 * receipt, and a second ballot of theirs is refused (ALREADY_VOTED). Without this step that
 * vote would be missing from the ballot box.
 *
 * So before the ballot box is exported, every recorded cast whose ballot is not public is
 * published from its BallotCastByVoter (version 3 keeps the ballot, its style, its binding
 * nonce, its credential and the voter's signature), through the same PublishCastBallot command and decider as a live cast. Casting is
 * closed by then, so nothing races with it but a late publication of the same cast, which the
 * publication stream's expected revision settles (one of them is refused ALREADY_VOTED).
 */
import type { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '../domain/shared/decider';
import { voterBallotsStream } from '../domain/voting/decider';
import type { BallotCastByVoter } from '../domain/voting/events';
import type { EventStore } from '../ledger/event-store';
import { castBallotOf, scanLedger } from './ballot-box';
import { PublishCastBallotCommand } from '../voting/voting.commands';

/** Who publishes a recovered cast (the event's actor in the log). */
export const CAST_RECOVERY_ACTOR = 'system:closing';

export interface RecordedCastsPublication {
  /** Pseudonyms whose recorded cast was published now. */
  published: string[];
  /** Pseudonyms whose recorded cast cannot be published: a record without its ballot or signature (versions 1 and 2). */
  unpublishable: string[];
}

/**
 * Publishes every recorded cast whose ballot is not public. The log is read once, keeping only
 * pseudonyms and the position of each voter's latest recorded cast (a ballot is ~34 kB, so holding
 * them would grow with the box); a cast to publish is read again at its position. The closing then
 * reads the box itself with ballotBoxStream, which sees the casts published here.
 */
export async function publishRecordedCasts(
  store: EventStore,
  commands: CommandBus,
  electionId: string,
): Promise<RecordedCastsPublication> {
  const voterPrefix = voterBallotsStream(electionId, '');
  const recordedAt = new Map<string, number>();
  const publicBallots = new Set<string>();
  await scanLedger(store, (e) => {
    if (e.type === 'BallotCastByVoter' && e.stream.startsWith(voterPrefix)) {
      recordedAt.set((e.data as BallotCastByVoter['data']).pseudonym, e.position);
      return;
    }
    const cast = castBallotOf(e, electionId);
    if (cast) publicBallots.add(cast.pseudonym);
  });
  const outcome: RecordedCastsPublication = { published: [], unpublishable: [] };
  for (const [pseudonym, position] of recordedAt) {
    if (publicBallots.has(pseudonym)) continue;
    const [event] = await store.readAll({ from: position, limit: 1 });
    const cast = event.data as BallotCastByVoter['data'];
    if (cast.ballot === undefined || cast.bindingNonce === undefined || cast.styleId === undefined || cast.credential === undefined || cast.signature === undefined) {
      outcome.unpublishable.push(pseudonym);
      continue;
    }
    try {
      await commands.execute(new PublishCastBallotCommand(electionId, {
        type: 'PublishCastBallot', electionId, pseudonym, bindingNonce: cast.bindingNonce, credential: cast.credential, signature: cast.signature, styleId: cast.styleId,
        trackingCode: cast.trackingCode, ballot: cast.ballot, recordedTrackingCode: cast.trackingCode, castAt: cast.castAt,
      }, { actor: CAST_RECOVERY_ACTOR, correlationId: `cast-recovery-${electionId}` }));
      outcome.published.push(pseudonym);
    } catch (err) {
      // The live request published it after the scan: it is in the log, where the box is read from.
      if (!(err instanceof DomainError && err.code === 'ALREADY_VOTED')) throw err;
    }
  }
  return outcome;
}
