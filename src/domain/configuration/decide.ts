/** decide(command, state) → events, or a ConfigurationRefusedError. Pure: no clock, no I/O. */
import { MAX_EVENT_BYTES } from '../../ledger/event-store';
import type { Actor } from './actors';
import type { AmendConfiguration, ConfigurationCommand, ConfigureElection, RatifyContests } from './commands';
import { refuse } from './configuration-errors';
import { prepareConfiguration } from './prepare-configuration';
import { splitManifest } from './manifest-recording';
import {
  CONFIGURATION_AMENDED,
  CONTEST_OPTIONS_RECORDED,
  CONTESTS_RATIFIED,
  ELECTION_CONFIGURED,
  type ConfigurationEvent,
  type ConfigurationRecordedData,
  type ContestOptionsRecorded,
} from './events';
import { requiredRatifications } from './missing-ratifications';
import { isConfigured, ratificationKey, type ConfigurationState } from './state';
import type { Bilingual } from '../../messages/catalog';
import { domainText } from '../shared/domain-text';

export function decide(command: ConfigurationCommand, state: ConfigurationState): ConfigurationEvent[] {
  switch (command.type) {
    case 'ConfigureElection':
      return configure(command, state);
    case 'AmendConfiguration':
      return amend(command, state);
    case 'RatifyContests':
      return ratify(command, state);
  }
}

function refuseIfOpened(state: ConfigurationState): void {
  if (state.opened) refuse('ELECTION_ALREADY_OPENED', domainText.pair('configuration.electionAlreadyOpened'));
}

/** `who` says who may, a pair of the catalog (configuration.role.*). */
function requireRole(actor: Actor, role: Actor['role'], who: Bilingual): void {
  if (actor.role !== role) refuse('NOT_AUTHORIZED', domainText.pair('configuration.notAuthorized', { who, role: actor.role }));
}

function configure(command: ConfigureElection, state: ConfigurationState): ConfigurationEvent[] {
  refuseIfOpened(state);
  if (isConfigured(state)) {
    refuse('ELECTION_ALREADY_CONFIGURED', domainText.pair('configuration.electionAlreadyConfigured'));
  }
  requireRole(command.actor, 'ine-operator', domainText.pair('configuration.role.configure'));
  const recorded = record(command.data.manualText, 1);
  return [{ type: ELECTION_CONFIGURED, data: recorded.data }, ...recorded.contests];
}

function amend(command: AmendConfiguration, state: ConfigurationState): ConfigurationEvent[] {
  refuseIfOpened(state);
  if (!isConfigured(state)) refuse('ELECTION_NOT_CONFIGURED', domainText.pair('configuration.nothingToAmend'));
  requireRole(command.actor, 'ine-operator', domainText.pair('configuration.role.amend'));
  if (command.data.basedOnVersion !== state.configurationVersion) {
    refuse('STALE_CONFIGURATION_VERSION',
      domainText.pair('configuration.staleConfigurationVersion', { basedOnVersion: command.data.basedOnVersion, configurationVersion: state.configurationVersion }));
  }
  const recorded = record(command.data.manualText, state.configurationVersion + 1);
  if (recorded.data.processId !== state.processId) {
    refuse('PROCESS_ID_CHANGED', domainText.pair('configuration.processIdChanged', { was: state.processId, now: recorded.data.processId }));
  }
  if (recorded.data.manifestHash === state.manifestHash) {
    refuse('CONFIGURATION_UNCHANGED', domainText.pair('configuration.configurationUnchanged'));
  }
  return [
    {
      type: CONFIGURATION_AMENDED,
            data: { ...recorded.data, previousManifestHash: state.manifestHash ?? '', reason: command.data.reason },
    },
    ...recorded.contests,
  ];
}

/** Validates and derives; the events that record one version of the configuration. */
function record(manualText: string, configurationVersion: number): { data: ConfigurationRecordedData; contests: ContestOptionsRecorded[] } {
  const prepared = prepareConfiguration(manualText);
  if (!prepared.ok) {
    const errors = prepared.issues.filter((i) => i.severity === 'error');
    refuse('CONFIGURATION_INVALID', domainText.pair('configuration.configurationInvalid', { errors: errors.length }), prepared.issues);
  }
  const { header, contestIndex, contests } = splitManifest(prepared.manifest);
  const processId = prepared.manual.process.id;
  const data: ConfigurationRecordedData = {
    processId,
    configurationVersion,
    manualText,
    manualSha256: prepared.manualSha256,
    manifestHash: prepared.manifestHash,
    manifestHeader: header,
    contestIndex,
    warnings: prepared.issues,
  };
  const contestEvents: ContestOptionsRecorded[] = contests.map((contest) => ({
    type: CONTEST_OPTIONS_RECORDED,
        data: { processId, configurationVersion, manifestHash: prepared.manifestHash, contest },
  }));
  refuseIfTooLarge([data, ...contestEvents.map((e) => e.data)]);
  return { data, contests: contestEvents };
}

/** Better a clear refusal now than a ledger error at append time. The margin leaves room
 * for the metadata the ledger adds. */
function refuseIfTooLarge(datas: unknown[]): void {
  const limit = MAX_EVENT_BYTES - 2048;
  for (const d of datas) {
    const size = new TextEncoder().encode(JSON.stringify(d)).length;
    if (size > limit) {
      refuse('CONFIGURATION_TOO_LARGE', domainText.pair('configuration.configurationTooLarge', { size, limit }));
    }
  }
}

function ratify(command: RatifyContests, state: ConfigurationState): ConfigurationEvent[] {
  if (!isConfigured(state)) refuse('ELECTION_NOT_CONFIGURED', domainText.pair('configuration.nothingToRatify'));
  refuseIfOpened(state);
  const { scope, entity, manifestHash } = command.data;
  if (manifestHash !== state.manifestHash) {
    refuse('MANIFEST_HASH_MISMATCH', domainText.pair('configuration.manifestHashMismatch'));
  }
  const actor = command.actor;
  let contests: string[];
  if (scope === 'federal') {
    if (entity !== undefined) refuse('INVALID_RATIFICATION_SCOPE', domainText.pair('configuration.federalWithEntity'));
    requireRole(actor, 'ine-authority', domainText.pair('configuration.role.ratifyFederal'));
    contests = requiredRatifications(state).find((u) => u.scope === 'federal')?.contests ?? [];
    if (contests.length === 0) refuse('NO_FEDERAL_CONTESTS', domainText.pair('configuration.noFederalContests'));
  } else if (scope === 'local') {
    if (entity === undefined) refuse('INVALID_RATIFICATION_SCOPE', domainText.pair('configuration.localWithoutEntity'));
    const code = entity as string;
    const known = state.manifestHeader?.entities.find((e) => e.code === code);
    if (!known) refuse('UNKNOWN_ENTITY', domainText.pair('configuration.unknownEntity', { code }));
    if (actor.role !== 'opl-representative' || actor.entity !== code) {
      refuse('NOT_AUTHORIZED', domainText.pair('configuration.role.ratifyLocal', { code }));
    }
    contests = requiredRatifications(state).find((u) => u.scope === 'local' && u.entity === code)?.contests ?? [];
    if (contests.length === 0) refuse('ENTITY_HAS_NO_LOCAL_CONTESTS', domainText.pair('configuration.entityHasNoLocalContests', { code }));
  } else {
    return refuse('INVALID_RATIFICATION_SCOPE', domainText.pair('configuration.unknownScope', { scope: String(scope) }));
  }
  if (state.ratifications[ratificationKey(scope, entity ?? null)]) {
    refuse('ALREADY_RATIFIED', domainText.pair('configuration.alreadyRatified'));
  }
  return [
    {
      type: CONTESTS_RATIFIED,
            data: {
        processId: state.processId ?? '',
        configurationVersion: state.configurationVersion,
        manifestHash,
        scope,
        entity: entity ?? null,
        contests,
        ratifiedByRole: scope === 'federal' ? 'ine-authority' : 'opl-representative',
      },
    },
  ];
}
