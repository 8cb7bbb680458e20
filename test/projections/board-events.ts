/**
 * Public events shaped like the real ones (roll summary, roll entries, cast and spoiled
 * ballots), for the projection and board tests. Written through the real ledger port.
 */
import { createHash } from 'node:crypto';
import type { EventStore } from '../../src/ledger/event-store';

export const ELECTION = 'simulacro-prueba';
const actor = { actor: 'system:test' };

export function fakeTrackingCode(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

export async function appendRoll(store: EventStore, entries: { pseudonym: string; entity: string }[], election = ELECTION): Promise<void> {
  const perEntity: Record<string, number> = {};
  for (const e of entries) perEntity[e.entity] = (perEntity[e.entity] ?? 0) + 1;
  // Chunks keep each event under the ledger's 60 KiB limit, as the real roll import does.
  const CHUNK = 500;
  const chunkCount = Math.max(1, Math.ceil(entries.length / CHUNK));
  await store.append(`roll-${election}`, [
    {
      type: 'RollImported', version: 1, visibility: 'public', metadata: actor,
      data: { electionId: election, rollVersion: 1, size: entries.length, perEntity, rollCommitment: '00'.repeat(32), chunkCount, importedAt: '2024-06-01T00:00:00.000Z' },
    },
    ...Array.from({ length: chunkCount }, (_, chunk) => ({
      type: 'RollEntriesPublished', version: 1, visibility: 'public' as const, metadata: actor,
      data: { electionId: election, rollVersion: 1, chunk, chunkCount, added: entries.slice(chunk * CHUNK, (chunk + 1) * CHUNK), removed: [] },
    })),
  ], 'any');
}

export async function appendBallot(store: EventStore, pseudonym: string, castAt: string, election = ELECTION): Promise<{ trackingCode: string; position: number }> {
  const trackingCode = fakeTrackingCode(`${election}/${pseudonym}`);
  const { positions } = await store.append(`ballot-${election}-${pseudonym}`, [{
    type: 'BallotCast', version: 1, visibility: 'public', metadata: { actor: 'voter:pseudonymous' },
    data: { electionId: election, pseudonym, styleId: 'E09', trackingCode, ballot: { note: 'test ballot' }, castAt },
  }], 'no_stream');
  return { trackingCode, position: positions[0] };
}

export async function appendSpoiled(store: EventStore, seed: string, election = ELECTION): Promise<void> {
  await store.append(`spoiled-${election}`, [{
    type: 'BallotSpoiled', version: 1, visibility: 'public', metadata: { actor: 'voter:pseudonymous' },
    data: { electionId: election, styleId: 'E09', trackingCode: fakeTrackingCode(seed), ballot: {}, disclosure: {}, spoiledAt: '2024-06-02T10:00:00.000Z' },
  }], 'any');
}

/** A sealed event, as the voter streams write (the turnout must ignore it). */
export async function appendSealed(store: EventStore, n: number): Promise<void> {
  await store.append(`voter-${ELECTION}-${n}`, [{
    type: 'VoterRegistered', version: 1, visibility: 'sealed', metadata: actor, data: { electionId: ELECTION, note: 'sealed test' },
  }], 'any');
}
