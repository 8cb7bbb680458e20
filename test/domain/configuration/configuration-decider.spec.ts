/**
 * The configuration as specifications: given these past events, when this command, then these
 * events or this refusal.
 */
import { configurationDecider } from '../../../src/domain/configuration/configuration-decider';
import type { Actor } from '../../../src/domain/configuration/actors';
import type { AmendConfiguration, ConfigureElection, RatifyContests } from '../../../src/domain/configuration/commands';
import type { ConfigurationEvent, ContestsRatified, ElectionConfigured } from '../../../src/domain/configuration/events';
import { missingRatificationKeys, missingRatifications } from '../../../src/domain/configuration/missing-ratifications';
import { currentManifest } from '../../../src/domain/configuration/current-manifest';
import { prepareConfiguration } from '../../../src/domain/configuration/prepare-configuration';
import { ConfigurationRefusedError } from '../../../src/domain/configuration/configuration-errors';
import { eventCatalog } from '../../../src/domain/event-catalog';
import { fold } from '../../../src/domain/shared/decider';
import { specFor } from '../decider-spec';
import { fixtureText } from './fixture';
import { smallManualData, smallManualText, toManualText } from './small-manual';

const spec = specFor(configurationDecider);
const operator: Actor = { role: 'ine-operator', id: 'utsi:ana' };
const authority: Actor = { role: 'ine-authority', id: 'ine:consejo' };
const opl = (entity: string): Actor => ({ role: 'opl-representative', id: `opl-${entity}:luis`, entity });

const configure = (manualText = smallManualText(), actor: Actor = operator): ConfigureElection => ({ type: 'ConfigureElection', data: { manualText }, actor });
const configured = spec([]).when(configure()).events();
const hash = (configured[0] as ElectionConfigured).data.manifestHash;
const ratify = (data: RatifyContests['data'], actor: Actor): RatifyContests => ({ type: 'RatifyContests', data, actor });
const federal = (actor: Actor = authority, manifestHash = hash) => ratify({ scope: 'federal', manifestHash }, actor);
const local = (entity: string, actor: Actor = opl(entity), manifestHash = hash) => ratify({ scope: 'local', entity, manifestHash }, actor);
const opened: ConfigurationEvent = { type: 'ElectionOpened', data: { electionId: 'prueba-2027' } as never };
const amendedText = () => {
  const d = smallManualData();
  d.contests[0].candidates.C = 'Persona 2 bis';
  return toManualText(d);
};
const amend = (basedOnVersion = 1, manualText = amendedText(), actor: Actor = operator): AmendConfiguration => ({
  type: 'AmendConfiguration',
  data: { manualText, basedOnVersion, reason: 'Sustitución de candidatura' },
  actor,
});
const stateOf = (events: ConfigurationEvent[]) => fold(configurationDecider, events);
const ratified = (events: ConfigurationEvent[]) => events.filter((e): e is ContestsRatified => e.type === 'ContestsRatified');

describe('ConfigureElection', () => {
  it('records the manual, the manifest header and hash, then one event per contest instance', () => {
    const prepared = prepareConfiguration(smallManualText());
    if (!prepared.ok) throw new Error('small manual must be valid');
    expect(configured.map((e) => e.type)).toEqual(['ElectionConfigured', ...prepared.manifest.contests.map(() => 'ContestOptionsRecorded')]);
    const data = (configured[0] as ElectionConfigured).data;
    expect(data).toMatchObject({
      processId: 'prueba-2027',
      configurationVersion: 1,
      manualText: smallManualText(),
      manualSha256: prepared.manualSha256,
      manifestHash: prepared.manifestHash,
      warnings: [],
    });
    expect(data.contestIndex.map((c) => c.id)).toEqual(['PRES', 'SEN-09', 'SEN-14', 'SEN-31', 'GOB-14', 'GOB-31']);
    expect(currentManifest(stateOf(configured))).toEqual(prepared.manifest);
  });

  it('records the simulacro fixture within the ledger event size limit', () => {
    const events = spec([]).when(configure(fixtureText())).events();
    expect(events).toHaveLength(1 + 44);
    expect(currentManifest(stateOf(events)).contests.find((c) => c.id === 'PRES')?.options).toHaveLength(17);
  });

  it('is refused, with every problem in the details, when the manual is invalid', () => {
    const d = smallManualData();
    d.process.max_voters = 0;
    d.contests[0].parties.push('Z');
    let caught: unknown;
    try {
      configurationDecider.decide(configure(toManualText(d)), stateOf([]));
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ConfigurationRefusedError);
    const err = caught as ConfigurationRefusedError;
    expect(err.code).toBe('CONFIGURATION_INVALID');
    expect(err.message).toBe('el manual de configuración tiene 2 error(es) / the configuration manual has 2 error(s)');
    expect((err.details as { code: string }[]).map((i) => i.code)).toEqual(['MAX_VOTERS_NOT_POSITIVE', 'UNKNOWN_PARTY']);
  });

  it('is refused once configured (amend instead)', () => spec(configured).when(configure()).thenFails('ELECTION_ALREADY_CONFIGURED'));
  it('is refused after opening', () => spec([opened]).when(configure()).thenFails('ELECTION_ALREADY_OPENED'));
  it('is refused to anyone but an INE operator', () => spec([]).when(configure(smallManualText(), authority)).thenFails('NOT_AUTHORIZED'));
});

describe('AmendConfiguration', () => {
  it('records a new version and voids the ratifications of the previous one', () => {
    const given = [...configured, ...spec(configured).when(federal()).events()];
    expect(missingRatificationKeys(stateOf(given))).toEqual(['local:14', 'local:31']);
    const amended = spec(given).when(amend()).events();
    expect(amended[0]).toMatchObject({ type: 'ConfigurationAmended', data: { configurationVersion: 2, previousManifestHash: hash, reason: 'Sustitución de candidatura' } });
    const state = stateOf([...given, ...amended]);
    expect(state.configurationVersion).toBe(2);
    expect(state.manifestHash).not.toBe(hash);
    expect(missingRatificationKeys(state)).toEqual(['federal', 'local:14', 'local:31']);
    expect(currentManifest(state).contests[0].options.find((o) => o.id === 'C')?.candidate).toBe('Persona 2 bis');
  });

  it('ignores contest events of an older version', () => {
    const amended = spec(configured).when(amend()).events();
    const stale = configured.filter((e) => e.type === 'ContestOptionsRecorded');
    expect(() => currentManifest(stateOf([...configured, ...amended, ...stale]))).not.toThrow();
  });

  it('is refused before configuration', () => spec([]).when(amend(0)).thenFails('ELECTION_NOT_CONFIGURED'));
  it('is refused after opening', () => spec([...configured, opened]).when(amend()).thenFails('ELECTION_ALREADY_OPENED'));
  it('is refused when written against an older version', () => spec(configured).when(amend(0)).thenFails('STALE_CONFIGURATION_VERSION'));
  it('is refused when nothing in the manifest changes', () => spec(configured).when(amend(1, smallManualText())).thenFails('CONFIGURATION_UNCHANGED'));
  it('is refused when it changes the process id', () => {
    const d = smallManualData();
    d.process.id = 'otro-proceso';
    spec(configured).when(amend(1, toManualText(d))).thenFails('PROCESS_ID_CHANGED');
  });
  it('is refused when invalid', () => spec(configured).when(amend(1, 'process: {}')).thenFails('CONFIGURATION_INVALID'));
  it('is refused to an OPL', () => spec(configured).when(amend(1, amendedText(), opl('14'))).thenFails('NOT_AUTHORIZED'));
});

describe('RatifyContests', () => {
  it('federal: the national authority ratifies every federal contest at once', () => {
    spec(configured).when(federal()).then([
      {
        type: 'ContestsRatified',
        data: { processId: 'prueba-2027', configurationVersion: 1, manifestHash: hash, scope: 'federal', entity: null, contests: ['PRES', 'SEN-09', 'SEN-14', 'SEN-31'], ratifiedByRole: 'ine-authority' },
      },
    ]);
  });

  it("local: an entity's OPL ratifies its local contests", () => {
    spec(configured).when(local('31')).then([
      {
        type: 'ContestsRatified',
        data: { processId: 'prueba-2027', configurationVersion: 1, manifestHash: hash, scope: 'local', entity: '31', contests: ['GOB-31'], ratifiedByRole: 'opl-representative' },
      },
    ]);
  });

  it('federal contests are not for an OPL', () => spec(configured).when(federal(opl('14'))).thenFails('NOT_AUTHORIZED'));
  it("local contests are not for another entity's OPL", () => spec(configured).when(local('14', opl('31'))).thenFails('NOT_AUTHORIZED'));
  it('local contests are not for the national authority', () => spec(configured).when(local('14', authority)).thenFails('NOT_AUTHORIZED'));
  it('an entity not in the configuration', () => spec(configured).when(local('33')).thenFails('UNKNOWN_ENTITY'));
  it('an entity with no local contests', () => spec(configured).when(local('09')).thenFails('ENTITY_HAS_NO_LOCAL_CONTESTS'));
  it('a local ratification without an entity', () => spec(configured).when(ratify({ scope: 'local', manifestHash: hash }, opl('14'))).thenFails('INVALID_RATIFICATION_SCOPE'));
  it('a federal ratification naming an entity', () => spec(configured).when(ratify({ scope: 'federal', entity: '14', manifestHash: hash }, authority)).thenFails('INVALID_RATIFICATION_SCOPE'));
  it('a configuration with no federal contests', () => {
    const d = smallManualData();
    d.contests = [d.contests[2]];
    const onlyLocal = spec([]).when(configure(toManualText(d))).events();
    const h = (onlyLocal[0] as ElectionConfigured).data.manifestHash;
    spec(onlyLocal).when(federal(authority, h)).thenFails('NO_FEDERAL_CONTESTS');
  });
  it('of a manifest other than the current one', () => spec(configured).when(federal(authority, 'ab'.repeat(32))).thenFails('MANIFEST_HASH_MISMATCH'));
  it('twice', () => spec([...configured, ...spec(configured).when(local('14')).events()]).when(local('14')).thenFails('ALREADY_RATIFIED'));
  it('before configuration', () => spec([]).when(federal()).thenFails('ELECTION_NOT_CONFIGURED'));
  it('after opening', () => spec([...configured, opened]).when(federal()).thenFails('ELECTION_ALREADY_OPENED'));
  it('of an amended-away manifest, recorded late, counts for nothing', () => {
    const old = spec(configured).when(local('14')).events();
    const amended = spec(configured).when(amend()).events();
    expect(ratified(old)).toHaveLength(1);
    expect(missingRatificationKeys(stateOf([...configured, ...amended, ...old]))).toContain('local:14');
  });
});

describe('missingRatifications (what opening waits for)', () => {
  it('lists the federal unit and each entity with local contests until they ratify', () => {
    expect(missingRatifications(stateOf(configured))).toEqual([
      { scope: 'federal', entity: null, contests: ['PRES', 'SEN-09', 'SEN-14', 'SEN-31'] },
      { scope: 'local', entity: '14', contests: ['GOB-14'] },
      { scope: 'local', entity: '31', contests: ['GOB-31'] },
    ]);
    let events = configured;
    for (const command of [federal(), local('14'), local('31')]) events = [...events, ...spec(events).when(command).events()];
    expect(missingRatifications(stateOf(events))).toEqual([]);
  });

  it('for the simulacro: INE plus the OPLs of the 10 entities with local contests', () => {
    const events = spec([]).when(configure(fixtureText())).events();
    expect(missingRatificationKeys(stateOf(events))).toEqual(['federal', ...['07', '09', '11', '12', '14', '17', '21', '27', '30', '31'].map((e) => `local:${e}`)]);
  });

  it('refuses to answer before configuration, so "nothing missing" never means "nothing configured"', () => {
    expect(() => missingRatifications(stateOf([]))).toThrow(ConfigurationRefusedError);
  });
});

describe('the event catalog', () => {
  it('knows every configuration event as public, version 1', () => {
    for (const type of ['ElectionConfigured', 'ConfigurationAmended', 'ContestOptionsRecorded', 'ContestsRatified']) {
      expect(eventCatalog.get(type)).toMatchObject({ type, versions: [1], visibility: 'public' });
    }
  });
});
