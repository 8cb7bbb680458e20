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
  if (state.opened) refuse('ELECTION_ALREADY_OPENED', 'la elección ya se abrió: su configuración no puede cambiar', 'the election is already open: its configuration cannot change');
}

function requireRole(actor: Actor, role: Actor['role'], es: string, en: string): void {
  if (actor.role !== role) refuse('NOT_AUTHORIZED', `${es} (rol actual: ${actor.role})`, `${en} (current role: ${actor.role})`);
}

function configure(command: ConfigureElection, state: ConfigurationState): ConfigurationEvent[] {
  refuseIfOpened(state);
  if (isConfigured(state)) {
    refuse('ELECTION_ALREADY_CONFIGURED', 'la elección ya está configurada; para cambiarla use una enmienda', 'the election is already configured; amend it to change it');
  }
  requireRole(command.actor, 'ine-operator', 'solo el personal operativo del INE configura la elección', 'only INE operators configure the election');
  const recorded = record(command.data.manualText, 1);
  return [{ type: ELECTION_CONFIGURED, data: recorded.data }, ...recorded.contests];
}

function amend(command: AmendConfiguration, state: ConfigurationState): ConfigurationEvent[] {
  refuseIfOpened(state);
  if (!isConfigured(state)) refuse('ELECTION_NOT_CONFIGURED', 'no hay configuración que enmendar', 'there is no configuration to amend');
  requireRole(command.actor, 'ine-operator', 'solo el personal operativo del INE enmienda la configuración', 'only INE operators amend the configuration');
  if (command.data.basedOnVersion !== state.configurationVersion) {
    refuse('STALE_CONFIGURATION_VERSION',
      `la enmienda se escribió sobre la versión ${command.data.basedOnVersion}, pero la vigente es la ${state.configurationVersion}`,
      `the amendment was written against version ${command.data.basedOnVersion}, but the current one is ${state.configurationVersion}`);
  }
  const recorded = record(command.data.manualText, state.configurationVersion + 1);
  if (recorded.data.processId !== state.processId) {
    refuse('PROCESS_ID_CHANGED', `la clave del proceso no puede cambiar (${state.processId} → ${recorded.data.processId})`, `the process id cannot change (${state.processId} → ${recorded.data.processId})`);
  }
  if (recorded.data.manifestHash === state.manifestHash) {
    refuse('CONFIGURATION_UNCHANGED', 'la enmienda no cambia el manifiesto de la elección', 'the amendment does not change the election manifest');
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
    refuse('CONFIGURATION_INVALID', `el manual de configuración tiene ${errors.length} error(es)`, `the configuration manual has ${errors.length} error(s)`, prepared.issues);
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
      refuse('CONFIGURATION_TOO_LARGE', `un evento de configuración mediría ${size} bytes (máximo ${limit}); divida el manual o sus elecciones`, `a configuration event would be ${size} bytes (at most ${limit}); split the manual or its contests`);
    }
  }
}

function ratify(command: RatifyContests, state: ConfigurationState): ConfigurationEvent[] {
  if (!isConfigured(state)) refuse('ELECTION_NOT_CONFIGURED', 'no hay configuración que ratificar', 'there is no configuration to ratify');
  refuseIfOpened(state);
  const { scope, entity, manifestHash } = command.data;
  if (manifestHash !== state.manifestHash) {
    refuse('MANIFEST_HASH_MISMATCH', 'lo revisado no es la configuración vigente (el hash del manifiesto no coincide); revise la versión actual', 'what was reviewed is not the current configuration (manifest hash differs); review the current version');
  }
  const actor = command.actor;
  let contests: string[];
  if (scope === 'federal') {
    if (entity !== undefined) refuse('INVALID_RATIFICATION_SCOPE', 'las elecciones federales se ratifican sin entidad', 'federal contests are ratified without an entity');
    requireRole(actor, 'ine-authority', 'solo la autoridad nacional ratifica las elecciones federales', 'only the national authority ratifies federal contests');
    contests = requiredRatifications(state).find((u) => u.scope === 'federal')?.contests ?? [];
    if (contests.length === 0) refuse('NO_FEDERAL_CONTESTS', 'esta configuración no tiene elecciones federales', 'this configuration has no federal contests');
  } else if (scope === 'local') {
    if (entity === undefined) refuse('INVALID_RATIFICATION_SCOPE', 'indique la entidad cuyas elecciones locales se ratifican', 'name the entity whose local contests are ratified');
    const code = entity as string;
    const known = state.manifestHeader?.entities.find((e) => e.code === code);
    if (!known) refuse('UNKNOWN_ENTITY', `la entidad "${code}" no está en la configuración`, `entity "${code}" is not in the configuration`);
    if (actor.role !== 'opl-representative' || actor.entity !== code) {
      refuse('NOT_AUTHORIZED', `solo el OPL de la entidad ${code} ratifica sus elecciones locales`, `only the OPL of entity ${code} ratifies its local contests`);
    }
    contests = requiredRatifications(state).find((u) => u.scope === 'local' && u.entity === code)?.contests ?? [];
    if (contests.length === 0) refuse('ENTITY_HAS_NO_LOCAL_CONTESTS', `la entidad ${code} no tiene elecciones locales en esta configuración`, `entity ${code} has no local contests in this configuration`);
  } else {
    return refuse('INVALID_RATIFICATION_SCOPE', `ámbito desconocido "${String(scope)}"`, `unknown scope "${String(scope)}"`);
  }
  if (state.ratifications[ratificationKey(scope, entity ?? null)]) {
    refuse('ALREADY_RATIFIED', 'estas elecciones ya fueron ratificadas en esta versión', 'these contests were already ratified in this version');
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
