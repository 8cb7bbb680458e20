/**
 * Step 1 of every test election: the manual configured by an INE operator and every required
 * ratification given by its own authority (INE for federal contests, each OPL for its entity).
 */
import { loadState } from '../../src/command-path/stream-state';
import { ConfigureElectionCommand, RatifyContestsCommand } from '../../src/configuration/configuration.commands';
import { loadConfiguration } from '../../src/configuration/load-configuration';
import { LockConfigurationForOpeningCommand } from '../../src/opening/opening.commands';
import { configurationDecider, configurationStreamName } from '../../src/domain/configuration/configuration-decider';
import { currentManifest } from '../../src/domain/configuration/current-manifest';
import type { ElectionManifest } from '../../src/domain/configuration/election-manifest';
import { missingRatificationKeys, requiredRatifications } from '../../src/domain/configuration/missing-ratifications';
import type { EventStore } from '../../src/ledger/event-store';
import { commandsFor } from './command-path';

export interface ConfiguredElection {
  electionId: string;
  manifest: ElectionManifest;
  manifestHash: string;
  /** What OpenElection must be told is still missing (empty once everything is ratified). */
  missingRatifications: string[];
}

export async function configureAndRatify(store: EventStore, manualText: string): Promise<ConfiguredElection> {
  const operator = { role: 'ine-operator' as const, id: 'test:op' };
  const probe = configurationDecider.decide({ type: 'ConfigureElection', data: { manualText }, actor: operator }, configurationDecider.initialState());
  const electionId = probe.reduce(configurationDecider.evolve, configurationDecider.initialState()).processId!;
  const confStream = configurationStreamName(electionId);
  const commands = await commandsFor(store);
  await commands.execute(new ConfigureElectionCommand(electionId, { type: 'ConfigureElection', data: { manualText }, actor: operator }));
  const configured = (await loadState(store, confStream, configurationDecider)).state;
  const manifestHash = configured.manifestHash!;
  for (const unit of requiredRatifications(configured)) {
    const actor = unit.scope === 'federal'
      ? { role: 'ine-authority' as const, id: 'test:cg' }
      : { role: 'opl-representative' as const, id: `test:opl-${unit.entity}`, entity: unit.entity! };
    await commands.execute(new RatifyContestsCommand(electionId, {
      type: 'RatifyContests', data: { scope: unit.scope, ...(unit.entity ? { entity: unit.entity } : {}), manifestHash }, actor,
    }));
  }
  const ratified = (await loadState(store, confStream, configurationDecider)).state;
  return { electionId, manifest: currentManifest(ratified), manifestHash, missingRatifications: missingRatificationKeys(ratified) };
}

/** What the opening does before ElectionOpened: lock the configuration at the revision read. */
export async function lockConfiguration(store: EventStore, electionId: string, now: string): Promise<void> {
  const { revision } = await loadConfiguration(store, electionId);
  await (await commandsFor(store)).execute(new LockConfigurationForOpeningCommand(electionId,
    { type: 'LockConfigurationForOpening', electionId, readAtRevision: revision, now }, { actor: 'official:opening' }));
}
