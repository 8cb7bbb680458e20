/**
 * Numeral 10-III: who voted by internet, for the other modalities' rolls. Reads the sealed
 * registrations (pseudonym → elector key) and the public ballots (pseudonyms) from the ledger
 * and returns the elector keys to exclude, sorted, with any cast pseudonym that has no
 * registration listed apart (an anomaly to investigate). Private output: officials only.
 */
import { electronicVotersToExclude, type ElectronicVotersExport } from '../domain/roll/electronic-voters';
import type { DomainEvent } from '../domain/shared/decider';
import type { EventStore } from '../ledger/event-store';

export async function electronicVoters(store: EventStore, electionId: string): Promise<ElectronicVotersExport> {
  const registrations: DomainEvent[] = [];
  const cast: string[] = [];
  const voterPrefix = `voter-${electionId}-`;
  const ballotPrefix = `ballot-${electionId}-`;
  for (let from = 0; ; from += 1000) {
    const page = await store.readAll({ from, limit: 1000 });
    for (const e of page) {
      if (e.type === 'VoterRegistered' && e.stream.startsWith(voterPrefix)) registrations.push({ type: e.type, data: e.data });
      else if (e.type === 'BallotCast' && e.stream.startsWith(ballotPrefix)) cast.push((e.data as { pseudonym: string }).pseudonym);
    }
    if (page.length < 1000) break;
  }
  return electronicVotersToExclude(registrations, cast);
}
