import { ceremonyStream, type CeremonyCompleted, type CeremonyEvent } from '../domain/ceremony/events';
import { configurationDecider, configurationStreamName } from '../domain/configuration/configuration-decider';
import { currentManifest } from '../domain/configuration/current-manifest';
import type { ElectionManifest } from '../domain/configuration/election-manifest';
import { isConfigured } from '../domain/configuration/state';
import { group } from '../domain/crypto/active-group';
import { electionContext, type ElectionContext } from '../domain/crypto/election-context';
import { fromHex } from '../domain/crypto/hash';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import type { LifecycleState } from '../domain/lifecycle/state';
import type { EventStore } from '../ledger/event-store';
import { loadState, toDomainEvent } from '../command-path/stream-state';

/**
 * One election as the services need it, folded from its streams: the manifest in force, the
 * lifecycle, the ceremony outcome, and — once there is a public key — the crypto context every
 * proof binds to. Read-only; rebuilt from the ledger each time it is asked for.
 */
export interface ElectionSnapshot {
  electionId: string;
  manifest?: ElectionManifest;
  manifestHashHex?: string;
  lifecycle: LifecycleState;
  ceremony?: CeremonyCompleted['data'];
  /** Present once the ceremony produced the public key. */
  context?: ElectionContext;
}

export async function loadElectionSnapshot(store: EventStore, electionId: string): Promise<ElectionSnapshot> {
  const [configuration, lifecycle, ceremonyEvents] = await Promise.all([
    loadState(store, configurationStreamName(electionId), configurationDecider),
    loadState(store, lifecycleStream(electionId), lifecycleDecider),
    store.readStream(ceremonyStream(electionId)),
  ]);
  const snapshot: ElectionSnapshot = { electionId, lifecycle: lifecycle.state };
  if (isConfigured(configuration.state)) {
    snapshot.manifest = currentManifest(configuration.state);
    snapshot.manifestHashHex = configuration.state.manifestHash ?? undefined;
  }
  const completed = ceremonyEvents.map((e) => toDomainEvent<CeremonyEvent>(e)).find((e): e is CeremonyCompleted => e.type === 'CeremonyCompleted');
  if (completed) snapshot.ceremony = completed.data;
  if (snapshot.manifestHashHex && completed) {
    snapshot.context = electionContext(fromHex(snapshot.manifestHashHex, 32), group.decode(fromHex(completed.data.publicKey, 32)));
  }
  return snapshot;
}
