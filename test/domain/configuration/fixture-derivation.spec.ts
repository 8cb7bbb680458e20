/**
 * The simulacro-2024 fixture loads as it is written, and the derived manifest has exactly the
 * options its comments describe (PRES: 7 parties + 8 combinations + NOREG + NULO = 17).
 */
import canonicalize from 'canonicalize';
import { MAX_EVENT_BYTES } from '../../../src/ledger/event-store';
import { prepareConfiguration } from '../../../src/domain/configuration/prepare-configuration';
import { canonicalManifestBytes, manifestHashHex } from '../../../src/domain/configuration/manifest-hash';
import { reassembleManifest, splitManifest } from '../../../src/domain/configuration/manifest-recording';
import type { ElectionManifest, ManifestContest } from '../../../src/domain/configuration/election-manifest';
import { fixtureText } from './fixture';

function prepared() {
  const r = prepareConfiguration(fixtureText());
  if (!r.ok) throw new Error(`fixture rejected: ${JSON.stringify(r.issues, null, 2)}`);
  return r;
}
const r = prepared();
const manifest = r.manifest;
const contest = (id: string): ManifestContest => {
  const c = manifest.contests.find((x) => x.id === id);
  if (!c) throw new Error(`no contest ${id}`);
  return c;
};
/** The same value with every object's keys inserted in reverse order. */
const reverseKeys = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(reverseKeys) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverseKeys(x)])) : v;
const ids = (id: string) => contest(id).options.map((o) => o.id);

describe('the simulacro-2024 fixture, loaded as written', () => {
  it('is accepted, with warnings only for the contests that give no candidate names', () => {
    expect(r.issues.map((i) => [i.severity, i.code, i.path])).toEqual([
      ['warning', 'CANDIDATE_NAME_MISSING', 'contests[2]'],
      ['warning', 'CANDIDATE_NAME_MISSING', 'contests[3]'],
      ['warning', 'CANDIDATE_NAME_MISSING', 'contests[4]'],
    ]);
  });

  it('keeps the process settings, with the window also in UTC', () => {
    expect(manifest.process).toEqual({
      id: 'simulacro-2024',
      name: 'Simulacro — Proceso Electoral Federal y Locales 2023-2024, voto por Internet desde el extranjero',
      timezone: 'America/Mexico_City',
      votingOpens: '2024-05-20T20:00:00-06:00',
      votingCloses: '2024-06-02T18:00:00-06:00',
      votingOpensUtc: '2024-05-21T02:00:00Z',
      votingClosesUtc: '2024-06-03T00:00:00Z',
      maxVoters: 250000,
    });
    expect(manifest.entities).toHaveLength(32);
    expect(manifest.entities[8]).toEqual({ code: '09', name: 'Ciudad de México' });
    expect(manifest.parties.map((p) => p.id)).toEqual(['PAN', 'PRI', 'PRD', 'PVEM', 'PT', 'MC', 'MORENA']);
    expect(manifest.coalitions).toEqual([
      { id: 'FCM', name: 'Fuerza y Corazón por México', parties: ['PAN', 'PRI', 'PRD'] },
      { id: 'SHH', name: 'Sigamos Haciendo Historia', parties: ['PVEM', 'PT', 'MORENA'] },
    ]);
  });

  it('derives the presidential contest with its 17 options in ballot order', () => {
    expect(ids('PRES')).toEqual([
      'PAN', 'PRI', 'PRD', 'PVEM', 'PT', 'MC', 'MORENA',
      'PAN+PRI', 'PAN+PRD', 'PRI+PRD', 'PAN+PRI+PRD',
      'PVEM+PT', 'PVEM+MORENA', 'PT+MORENA', 'PVEM+PT+MORENA',
      'NOREG', 'NULO',
    ]);
    const pres = contest('PRES');
    expect(pres).toMatchObject({ scope: 'federal', office: 'Presidencia de la República', entity: null, label: 'Presidencia de la República' });
    const byId = Object.fromEntries(pres.options.map((o) => [o.id, o]));
    expect(byId.PAN).toEqual({ id: 'PAN', kind: 'party', label: 'Partido Acción Nacional', emblems: ['PAN'], grouping: 'FCM', candidate: 'Candidata A' });
    expect(byId['PRI+PRD']).toEqual({ id: 'PRI+PRD', kind: 'coalition-combination', label: 'PRI + PRD (Fuerza y Corazón por México)', emblems: ['PRI', 'PRD'], grouping: 'FCM', candidate: 'Candidata A' });
    expect(byId.MORENA.candidate).toBe('Candidata B');
    expect(byId.MC).toMatchObject({ grouping: null, candidate: 'Candidato C' });
    expect(byId.NOREG).toEqual({ id: 'NOREG', kind: 'non-registered', label: 'Candidatura no registrada', emblems: [], grouping: null, candidate: null });
    expect(byId.NULO).toEqual({ id: 'NULO', kind: 'null', label: 'Voto nulo', emblems: [], grouping: null, candidate: null });
  });

  it('derives one senate contest per entity, with template names filled in', () => {
    const senate = manifest.contests.filter((c) => c.contest === 'SEN');
    expect(senate.map((c) => c.entity)).toEqual(manifest.entities.map((e) => e.code));
    expect(senate.every((c) => c.options.length === 17)).toBe(true);
    const sen09 = contest('SEN-09');
    expect(sen09.label).toBe('Senaduría — Ciudad de México');
    expect(sen09.options.find((o) => o.id === 'PAN+PRI')?.candidate).toBe('Fórmula FCM Ciudad de México');
    expect(sen09.options.find((o) => o.id === 'PRD')?.candidate).toBe('Fórmula FCM Ciudad de México');
    expect(contest('SEN-14').options.find((o) => o.id === 'MC')?.candidate).toBe('Fórmula MC Jalisco');
  });

  it('applies the per-entity variations of the governor contests', () => {
    expect(manifest.contests.filter((c) => c.contest === 'GOB').map((c) => [c.id, c.options.length])).toEqual([
      ['GOB-07', 17], ['GOB-11', 18], ['GOB-14', 13], ['GOB-17', 17], ['GOB-21', 17], ['GOB-27', 17], ['GOB-30', 17], ['GOB-31', 14],
    ]);
    // Guanajuato: an independent candidacy before "no registrado".
    expect(ids('GOB-11').slice(-3)).toEqual(['IND-1', 'NOREG', 'NULO']);
    expect(contest('GOB-11').options.find((o) => o.id === 'IND-1')).toEqual({
      id: 'IND-1', kind: 'independent', label: 'Candidatura independiente Guanajuato', emblems: [], grouping: null, candidate: 'Candidatura independiente Guanajuato',
    });
    // Jalisco: PAN, PRI and PRD run separately, so none of their combinations exist.
    expect(ids('GOB-14')).toEqual(['PAN', 'PRI', 'PRD', 'PVEM', 'PT', 'MC', 'MORENA', 'PVEM+PT', 'PVEM+MORENA', 'PT+MORENA', 'PVEM+PT+MORENA', 'NOREG', 'NULO']);
    // Yucatán: the PAN-PRI common candidacy marks like a 2-party grouping; PRD runs alone.
    expect(ids('GOB-31')).toEqual(['PAN', 'PRI', 'PRD', 'PVEM', 'PT', 'MC', 'MORENA', 'PVEM+PT', 'PVEM+MORENA', 'PT+MORENA', 'PVEM+PT+MORENA', 'PAN+PRI', 'NOREG', 'NULO']);
    const gob31 = Object.fromEntries(contest('GOB-31').options.map((o) => [o.id, o]));
    expect(gob31['PAN+PRI']).toMatchObject({ kind: 'common-candidacy-combination', label: 'PAN + PRI (Candidatura común PAN-PRI)', grouping: 'PAN+PRI' });
    expect(gob31.PAN.grouping).toBe('PAN+PRI');
    expect(gob31.PRD.grouping).toBeNull();
  });

  it('orders contests for the acta: federal first, then local; by contest, then entity', () => {
    expect(manifest.contests).toHaveLength(1 + 32 + 8 + 1 + 2);
    expect(manifest.contests.slice(0, 2).map((c) => c.id)).toEqual(['PRES', 'SEN-01']);
    expect(manifest.contests.slice(-4).map((c) => c.id)).toEqual(['GOB-31', 'JG-09', 'DIPMIG-09', 'DIPMIG-12']);
  });

  it('gives each entity its ballot style; Ciudad de México gets 4 contests and 61 options', () => {
    expect(manifest.ballotStyles).toHaveLength(32);
    const style09 = manifest.ballotStyles.find((s) => s.entity === '09');
    expect(style09).toEqual({ id: '09', entity: '09', contests: ['PRES', 'SEN-09', 'JG-09', 'DIPMIG-09'] });
    expect(ids('DIPMIG-09')).toEqual(['PAN', 'PRI', 'PRD', 'PVEM', 'PT', 'MC', 'MORENA', 'IND-1', 'NOREG', 'NULO']);
    const options = style09!.contests.reduce((n, id) => n + contest(id).options.length, 0);
    expect(options).toBe(61);
    expect(manifest.ballotStyles.find((s) => s.entity === '01')?.contests).toEqual(['PRES', 'SEN-01']);
    expect(manifest.ballotStyles.find((s) => s.entity === '12')?.contests).toEqual(['PRES', 'SEN-12', 'DIPMIG-12']);
  });

  it('gives every option an id unique within its contest', () => {
    for (const c of manifest.contests) expect(new Set(c.options.map((o) => o.id)).size).toBe(c.options.length);
  });
});

describe('the manifest hash', () => {
  it('is over RFC 8785 bytes identical to the canonicalize package output', () => {
    const bytes = canonicalManifestBytes(manifest);
    expect(new TextDecoder().decode(bytes)).toBe(canonicalize(manifest));
    expect(r.manifestHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same however often, and from a manifest whose keys were built in another order', () => {
    expect(prepared().manifestHash).toBe(r.manifestHash);
    expect(manifestHashHex(reverseKeys(manifest) as ElectionManifest)).toBe(r.manifestHash);
  });

  it('changes when anything a voter sees changes', () => {
    const changed = prepareConfiguration(fixtureText().replace('Candidata A', 'Candidata Á'));
    expect(changed.ok && changed.manifestHash).not.toBe(r.manifestHash);
  });

  it('is recorded in pieces each within one ledger event, and reassembles to the same hash', () => {
    expect(canonicalManifestBytes(manifest).length).toBeGreaterThan(MAX_EVENT_BYTES); // why it is split
    const { header, contestIndex, contests } = splitManifest(manifest);
    expect(JSON.stringify({ header, contestIndex, manualText: fixtureText() }).length).toBeLessThan(MAX_EVENT_BYTES / 2);
    for (const c of contests) expect(JSON.stringify(c).length).toBeLessThan(MAX_EVENT_BYTES / 8);
    const byId = Object.fromEntries(contests.map((c) => [c.id, c]));
    expect(reassembleManifest(header, contestIndex, byId, r.manifestHash)).toEqual(manifest);
    expect(() => reassembleManifest(header, contestIndex, { ...byId, 'SEN-09': contests[0] }, r.manifestHash)).toThrow(/hashes to/);
    const { ['JG-09']: _dropped, ...missing } = byId;
    expect(() => reassembleManifest(header, contestIndex, missing, r.manifestHash)).toThrow(/JG-09/);
  });
});
