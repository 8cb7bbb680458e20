/**
 * What a trustee station is shown of the tally (GET /api/trustee/tally, or a file carried to an
 * air-gapped station): the election context the proofs bind to, the ballot styles, what the
 * log says the closing exported, each contest's recorded totals and ballot count, who posted,
 * and each trustee's keys. Nothing in it is secret. The station checks the totals against the
 * exported ballot box itself (trustee-totals-check.ts) before it opens its share.
 */
import { loadState, toDomainEvent } from '../command-path/stream-state';
import { loadElectionSnapshot } from '../application/election-snapshot';
import { ceremonyDecider } from '../domain/ceremony/decider';
import { ceremonyStream } from '../domain/ceremony/events';
import type { BallotStyle } from '../domain/crypto/ballot/ballot-style';
import { group } from '../domain/crypto/active-group';
import { toHex } from '../domain/crypto/hash';
import { lifecycleStream } from '../domain/lifecycle/decider';
import type { BallotBoxExported } from '../domain/lifecycle/events';
import { tallyDecider } from '../domain/tally/decider';
import { tallyStream, type HexOptionTotal } from '../domain/tally/events';
import { manifestBallotStyles } from '../domain/tally/manifest-styles';
import type { TallyState } from '../domain/tally/state';
import type { EventStore } from '../ledger/event-store';

export const TALLY_VIEW_FORMAT = 'urna.tally-view/1';

export interface TallyView {
  format: typeof TALLY_VIEW_FORMAT;
  electionId: string;
  /** The election context (manifest hash and K, hex), what every proof binds to. */
  manifestHash: string;
  publicKey: string;
  styles: BallotStyle[];
  /** BallotBoxExported of the log: the box's SHA-256 and number of ballots. */
  exported: { sha256: string; ballots: number } | null;
  phase: TallyState['phase'];
  /** Contests whose totals are recorded (EncryptedTallyComputed), in tally order. */
  contests: { contestId: string; ballots: number; options: HexOptionTotal[]; posted: number[]; published: boolean }[];
  /** By trustee index: who it is, its enrolled signing key and its verification key Xⱼ. */
  trustees: Record<string, { trusteeId: string; name: string; signingKey?: string; verificationKey?: string }>;
}

export async function trusteeTallyView(store: EventStore, electionId: string): Promise<TallyView> {
  const snapshot = await loadElectionSnapshot(store, electionId);
  const tally = (await loadState(store, tallyStream(electionId), tallyDecider)).state;
  const ceremony = (await loadState(store, ceremonyStream(electionId), ceremonyDecider)).state;
  const exported = (await store.readStream(lifecycleStream(electionId))).map((e) => toDomainEvent<BallotBoxExported>(e)).find((e) => e.type === 'BallotBoxExported');
  const verificationKeys = snapshot.ceremony?.verificationKeys ?? {};
  return {
    format: TALLY_VIEW_FORMAT,
    electionId,
    manifestHash: snapshot.manifestHashHex ?? '',
    publicKey: snapshot.context ? toHex(group.encode(snapshot.context.publicKey)) : '',
    styles: snapshot.manifest ? manifestBallotStyles(snapshot.manifest) : [],
    exported: exported ? { sha256: exported.data.sha256, ballots: exported.data.ballots } : null,
    phase: tally.phase,
    contests: tally.contests.filter((c) => tally.totals.has(c)).map((contestId) => ({
      contestId,
      ballots: tally.contestBallots.get(contestId)!,
      options: tally.totals.get(contestId)!,
      posted: [...(tally.partials.get(contestId)?.keys() ?? [])].sort((a, b) => a - b),
      published: tally.results.has(contestId),
    })),
    trustees: Object.fromEntries(Object.values(ceremony.trustees).map((t) => [String(t.trusteeIndex), {
      trusteeId: t.trusteeId, name: t.name,
      ...(t.signingKey ? { signingKey: t.signingKey } : {}),
      ...(verificationKeys[String(t.trusteeIndex)] ? { verificationKey: verificationKeys[String(t.trusteeIndex)] } : {}),
    }])),
  };
}
