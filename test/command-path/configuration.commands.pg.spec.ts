/**
 * The configuration phase's commands through the real CommandBus on PostgreSQL:
 * ConfigureElectionCommand, AmendConfigurationCommand, RatifyContestsCommand, on the stream
 * `configuration-<id>`, each event recorded with the signing official as its actor
 * (`<role>:<id>`). Payloads as in test/domain/configuration/configuration-decider.spec.ts.
 */
import { AmendConfigurationCommand, ConfigureElectionCommand, RatifyContestsCommand } from '../../src/configuration/configuration.commands';
import type { Actor } from '../../src/domain/configuration/actors';
import type { AmendConfiguration, ConfigureElection, RatifyContests } from '../../src/domain/configuration/commands';
import { configurationDecider, configurationStreamName } from '../../src/domain/configuration/configuration-decider';
import type { ConfigurationEvent, ElectionConfigured } from '../../src/domain/configuration/events';
import { missingRatificationKeys } from '../../src/domain/configuration/missing-ratifications';
import { prepareConfiguration } from '../../src/domain/configuration/prepare-configuration';
import type { ConfigurationLockedForOpening } from '../../src/domain/opening/events';
import { fold } from '../../src/domain/shared/decider';
import { smallManualData, smallManualText, toManualText } from '../domain/configuration/small-manual';
import { dataOf, freshElectionId, given, openPgCommandPath, refused, when, type PgCommandPath } from './pg-command-path';

const operator: Actor = { role: 'ine-operator', id: 'utsi:ana' };
const authority: Actor = { role: 'ine-authority', id: 'ine:consejo' };
const opl = (entity: string): Actor => ({ role: 'opl-representative', id: `opl-${entity}:luis`, entity });
const actorOf = (a: Actor) => `${a.role}:${a.id}`;

const prepared = prepareConfiguration(smallManualText());
if (!prepared.ok) throw new Error('the small manual must be valid');
const HASH = prepared.manifestHash;
const CONTESTS = ['PRES', 'SEN-09', 'SEN-14', 'SEN-31', 'GOB-14', 'GOB-31'];

const configure = (manualText = smallManualText(), actor: Actor = operator): ConfigureElection => ({ type: 'ConfigureElection', data: { manualText }, actor });
const amendedText = () => {
  const d = smallManualData();
  d.contests[0].candidates.C = 'Persona 2 bis';
  return toManualText(d);
};
const amend = (basedOnVersion = 1, manualText = amendedText(), actor: Actor = operator): AmendConfiguration => ({
  type: 'AmendConfiguration', data: { manualText, basedOnVersion, reason: 'Sustitución de candidatura' }, actor,
});
const ratify = (data: RatifyContests['data'], actor: Actor): RatifyContests => ({ type: 'RatifyContests', data, actor });
const federal = (actor: Actor = authority, manifestHash = HASH) => ratify({ scope: 'federal', manifestHash }, actor);
const local = (entity: string, actor: Actor = opl(entity), manifestHash = HASH) => ratify({ scope: 'local', entity, manifestHash }, actor);

/** The decider's own events, as past facts of a scenario. */
const configuredEvents = (): ConfigurationEvent[] => configurationDecider.decide(configure(), configurationDecider.initialState());
const federalRatified = (past: ConfigurationEvent[]) => configurationDecider.decide(federal(), fold(configurationDecider, past));

describe('configuration commands through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_configuration');
  });
  afterAll(async () => {
    await path.close();
  });

  describe('ConfigureElectionCommand', () => {
    it('records the manual and one event per contest instance, signed by the INE operator', async () => {
      const id = freshElectionId('conf');
      const stream = configurationStreamName(id);
      const { recorded, types, outcome } = await when(path, stream, new ConfigureElectionCommand(id, configure()));
      expect(types).toEqual(['ElectionConfigured', ...CONTESTS.map(() => 'ContestOptionsRecorded')]);
      expect(recorded.map((e) => e.revision)).toEqual(Array.from({ length: 1 + CONTESTS.length }, (_, k) => k));
      expect(recorded.every((e) => e.metadata.actor === 'ine-operator:utsi:ana' && e.visibility === 'public')).toBe(true);
      expect(dataOf<ElectionConfigured['data']>(recorded[0])).toMatchObject({
        processId: 'prueba-2027', configurationVersion: 1, manualText: smallManualText(), manualSha256: prepared.manualSha256, manifestHash: HASH,
      });
      expect(recorded.slice(1).map((e) => dataOf<{ contest: { id: string } }>(e).contest.id)).toEqual(CONTESTS);
      expect(outcome.state).toMatchObject({ configurationVersion: 1, manifestHash: HASH });
    });

    it('is refused once configured (ELECTION_ALREADY_CONFIGURED), appending nothing', async () => {
      const id = freshElectionId('conf');
      await given(path, configurationStreamName(id), configuredEvents());
      await refused(path, new ConfigureElectionCommand(id, configure()), 'ELECTION_ALREADY_CONFIGURED');
      expect(await path.store.readStream(configurationStreamName(id))).toHaveLength(1 + CONTESTS.length);
    });

    it('is refused to anyone but an INE operator, and an invalid manual, creating no stream', async () => {
      const id = freshElectionId('conf');
      await refused(path, new ConfigureElectionCommand(id, configure(smallManualText(), authority)), 'NOT_AUTHORIZED');
      const d = smallManualData();
      d.process.max_voters = 0;
      const err = await refused(path, new ConfigureElectionCommand(id, configure(toManualText(d))), 'CONFIGURATION_INVALID');
      expect((err.details as { code: string }[]).map((i) => i.code)).toContain('MAX_VOTERS_NOT_POSITIVE');
      expect(await path.store.readStream(configurationStreamName(id))).toEqual([]);
    });

    it('is refused once the opening locked the configuration (ELECTION_ALREADY_OPENED)', async () => {
      const id = freshElectionId('conf');
      const locked: ConfigurationLockedForOpening = {
        type: 'ConfigurationLockedForOpening',
        data: { electionId: id, configurationVersion: 1, manifestHash: HASH, readAtRevision: CONTESTS.length, at: '2027-05-01T00:00:00.000Z' },
      };
      await given(path, configurationStreamName(id), [...configuredEvents(), locked]);
      await refused(path, new ConfigureElectionCommand(id, configure()), 'ELECTION_ALREADY_OPENED');
      await refused(path, new AmendConfigurationCommand(id, amend()), 'ELECTION_ALREADY_OPENED');
      await refused(path, new RatifyContestsCommand(id, federal()), 'ELECTION_ALREADY_OPENED');
    });
  });

  describe('AmendConfigurationCommand', () => {
    it('records version 2 with the previous hash and voids the ratifications of version 1', async () => {
      const id = freshElectionId('conf');
      const stream = configurationStreamName(id);
      const past = configuredEvents();
      await given(path, stream, [...past, ...federalRatified(past)]);
      const { recorded, types, outcome } = await when(path, stream, new AmendConfigurationCommand(id, amend()));
      expect(types).toEqual(['ConfigurationAmended', ...CONTESTS.map(() => 'ContestOptionsRecorded')]);
      expect(recorded[0].revision).toBe(past.length + 1);
      expect(recorded[0].metadata.actor).toBe(actorOf(operator));
      const data = dataOf<{ configurationVersion: number; previousManifestHash: string; manifestHash: string; reason: string }>(recorded[0]);
      expect(data).toMatchObject({ configurationVersion: 2, previousManifestHash: HASH, reason: 'Sustitución de candidatura' });
      expect(data.manifestHash).not.toBe(HASH);
      expect(recorded.slice(1).every((e) => dataOf<{ configurationVersion: number }>(e).configurationVersion === 2)).toBe(true);
      expect(missingRatificationKeys(outcome.state)).toEqual(['federal', 'local:14', 'local:31']);
    });

    it('is refused when written against an older version (STALE_CONFIGURATION_VERSION), appending nothing', async () => {
      const id = freshElectionId('conf');
      await given(path, configurationStreamName(id), configuredEvents());
      await refused(path, new AmendConfigurationCommand(id, amend(0)), 'STALE_CONFIGURATION_VERSION');
      await refused(path, new AmendConfigurationCommand(id, amend(1, smallManualText())), 'CONFIGURATION_UNCHANGED');
      await refused(path, new AmendConfigurationCommand(id, amend(1, amendedText(), opl('14'))), 'NOT_AUTHORIZED');
    });

    it('is refused before configuration (ELECTION_NOT_CONFIGURED)', async () => {
      await refused(path, new AmendConfigurationCommand(freshElectionId('conf'), amend(0)), 'ELECTION_NOT_CONFIGURED');
    });
  });

  describe('RatifyContestsCommand', () => {
    it('federal: the national authority ratifies every federal contest, as its own actor', async () => {
      const id = freshElectionId('conf');
      const stream = configurationStreamName(id);
      await given(path, stream, configuredEvents());
      const { recorded, types } = await when(path, stream, new RatifyContestsCommand(id, federal()));
      expect(types).toEqual(['ContestsRatified']);
      expect(recorded[0].metadata.actor).toBe('ine-authority:ine:consejo');
      expect(recorded[0].data).toEqual({
        processId: 'prueba-2027', configurationVersion: 1, manifestHash: HASH, scope: 'federal', entity: null,
        contests: ['PRES', 'SEN-09', 'SEN-14', 'SEN-31'], ratifiedByRole: 'ine-authority',
      });
    });

    it("local: an entity's OPL ratifies its local contests; with every unit ratified nothing is missing", async () => {
      const id = freshElectionId('conf');
      const stream = configurationStreamName(id);
      const past = configuredEvents();
      await given(path, stream, [...past, ...federalRatified(past)]);
      const gob14 = await when(path, stream, new RatifyContestsCommand(id, local('14')));
      expect(gob14.recorded[0].metadata.actor).toBe('opl-representative:opl-14:luis');
      expect(gob14.recorded[0].data).toMatchObject({ scope: 'local', entity: '14', contests: ['GOB-14'], ratifiedByRole: 'opl-representative' });
      const gob31 = await when(path, stream, new RatifyContestsCommand(id, local('31')));
      expect(gob31.recorded[0].metadata.actor).toBe('opl-representative:opl-31:luis');
      expect(missingRatificationKeys(gob31.outcome.state)).toEqual([]);
    });

    it('is refused for another manifest, twice, or by the wrong authority, appending nothing', async () => {
      const id = freshElectionId('conf');
      const past = configuredEvents();
      await given(path, configurationStreamName(id), [...past, ...federalRatified(past)]);
      await refused(path, new RatifyContestsCommand(id, local('14', opl('14'), '0'.repeat(64))), 'MANIFEST_HASH_MISMATCH');
      await refused(path, new RatifyContestsCommand(id, federal()), 'ALREADY_RATIFIED');
      await refused(path, new RatifyContestsCommand(id, local('14', opl('31'))), 'NOT_AUTHORIZED');
      await refused(path, new RatifyContestsCommand(id, local('09')), 'ENTITY_HAS_NO_LOCAL_CONTESTS');
    });

    it('is refused before configuration (ELECTION_NOT_CONFIGURED)', async () => {
      await refused(path, new RatifyContestsCommand(freshElectionId('conf'), federal()), 'ELECTION_NOT_CONFIGURED');
    });
  });
});
