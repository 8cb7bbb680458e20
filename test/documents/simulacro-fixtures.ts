/**
 * Document inputs shaped like the simulacro-2024 process (federal Presidencia and 32
 * Senadurías; local Gubernaturas, Jefatura de Gobierno and Diputación Migrante), with vote
 * counts from a seeded generator so every run builds the same documents.
 */
import type { ContestEntity } from '../../src/documents/document-types';
import type { OpeningReportInput } from '../../src/documents/opening-report';
import type { ContestResultInput, OptionResultInput, TallyRecordInput } from '../../src/documents/tally-record';
import { mulberry32 } from '../support/mulberry32';

export const ENTITIES: Record<string, string> = {
  '01': 'Aguascalientes', '02': 'Baja California', '03': 'Baja California Sur', '04': 'Campeche',
  '05': 'Coahuila de Zaragoza', '06': 'Colima', '07': 'Chiapas', '08': 'Chihuahua', '09': 'Ciudad de México',
  '10': 'Durango', '11': 'Guanajuato', '12': 'Guerrero', '13': 'Hidalgo', '14': 'Jalisco', '15': 'México',
  '16': 'Michoacán de Ocampo', '17': 'Morelos', '18': 'Nayarit', '19': 'Nuevo León', '20': 'Oaxaca',
  '21': 'Puebla', '22': 'Querétaro', '23': 'Quintana Roo', '24': 'San Luis Potosí', '25': 'Sinaloa',
  '26': 'Sonora', '27': 'Tabasco', '28': 'Tamaulipas', '29': 'Tlaxcala', '30': 'Veracruz de Ignacio de la Llave',
  '31': 'Yucatán', '32': 'Zacatecas',
};

const PARTIES = ['PAN', 'PRI', 'PRD', 'PVEM', 'PT', 'MC', 'MORENA'];
const COALITIONS: Record<string, string[]> = { FCM: ['PAN', 'PRI', 'PRD'], SHH: ['PVEM', 'PT', 'MORENA'] };

/** Deterministic pseudo-random counts in 0–2499. */
const counts = (seed: number) => {
  const next = mulberry32(seed);
  return () => Math.floor(next() * 4294967296) % 2500;
};

/** Every combination of two or more parties of a coalition (a ballot may mark several emblems). */
function combinations(parties: string[]): string[][] {
  const out: string[][] = [];
  for (let mask = 1; mask < 1 << parties.length; mask++) {
    const pick = parties.filter((_, i) => mask & (1 << i));
    if (pick.length >= 2) out.push(pick);
  }
  return out;
}

function options(coalitions: string[], extras: Array<Omit<OptionResultInput, 'votes'>>, next: () => number, candidateOf: (id: string) => string | undefined): OptionResultInput[] {
  const lines: OptionResultInput[] = PARTIES.map((p) => ({ optionId: p, kind: 'party', label: p, emblems: [p], candidate: candidateOf(p), votes: next() }));
  for (const c of coalitions) {
    for (const combo of combinations(COALITIONS[c])) {
      lines.push({ optionId: combo.join('+'), kind: 'coalition-combination', label: combo.join(' – '), emblems: combo, candidate: candidateOf(c), votes: Math.floor(next() / 10) });
    }
  }
  for (const e of extras) lines.push({ ...e, votes: Math.floor(next() / 5) });
  lines.push({ optionId: 'NR', kind: 'non-registered', label: 'Candidaturas no registradas', emblems: [], votes: Math.floor(next() / 50) });
  lines.push({ optionId: 'NULO', kind: 'null', label: 'Votos nulos', emblems: [], votes: Math.floor(next() / 20) });
  return lines.map((l) => (l.candidate === undefined ? (({ candidate: _c, ...rest }) => rest)(l) : l));
}

function contest(contestId: string, scope: 'federal' | 'local', office: string, entity: ContestEntity, opts: OptionResultInput[]): ContestResultInput {
  return { contestId, scope, office, entity, options: opts, ballotsCounted: opts.reduce((a, o) => a + o.votes, 0) };
}

const entity = (code: string): ContestEntity => ({ code, name: ENTITIES[code] });

/** The simulacro's contest instances, deliberately shuffled (the acta must sort them). */
export function simulacroContests(seed = 2024): ContestResultInput[] {
  const next = counts(seed);
  const out: ContestResultInput[] = [];
  const localGob = ['07', '11', '14', '17', '21', '27', '30', '31'];
  for (const code of localGob.slice().reverse()) {
    const coalitions = code === '14' || code === '31' ? ['SHH'] : ['FCM', 'SHH'];
    const extras: Array<Omit<OptionResultInput, 'votes'>> = [];
    if (code === '11') extras.push({ optionId: 'IND-1', kind: 'independent', label: 'Candidatura independiente', emblems: [], candidate: 'Candidatura independiente Guanajuato' });
    if (code === '31') extras.push({ optionId: 'PAN+PRI', kind: 'common-candidacy', label: 'Candidatura común PAN-PRI', emblems: ['PAN', 'PRI'] });
    out.push(contest(`GOB-${code}`, 'local', 'Gubernatura', entity(code), options(coalitions, extras, next, (id) => `Persona candidata ${id} ${code}`)));
  }
  out.push(contest('DIPMIG-12', 'local', 'Diputación Migrante', entity('12'), options([], [], next, () => undefined)));
  out.push(contest('DIPMIG-09', 'local', 'Diputación Migrante', entity('09'), options([], [{ optionId: 'IND-1', kind: 'independent', label: 'Candidatura independiente', emblems: [], candidate: 'Candidatura independiente migrante' }], next, () => undefined)));
  out.push(contest('JG-09', 'local', 'Jefatura de Gobierno', entity('09'), options(['FCM', 'SHH'], [], next, (id) => `Persona candidata ${id}`)));
  for (const code of Object.keys(ENTITIES).reverse()) {
    out.push(contest(`SEN-${code}`, 'federal', 'Senaduría', entity(code), options(['FCM', 'SHH'], [], next, (id) => `Fórmula ${id} ${ENTITIES[code]}`)));
  }
  const presCandidates: Record<string, string> = { FCM: 'Candidata A', SHH: 'Candidata B', MC: 'Candidato C' };
  out.push(contest('PRES', 'federal', 'Presidencia de la República', 'national', options(['FCM', 'SHH'], [], next, (id) => presCandidates[id] ?? (['PAN', 'PRI', 'PRD'].includes(id) ? 'Candidata A' : ['PVEM', 'PT', 'MORENA'].includes(id) ? 'Candidata B' : undefined))));
  return out;
}

export const PROCESS = {
  id: 'simulacro-2024',
  name: 'Simulacro — Proceso Electoral Federal y Locales 2023-2024, voto por Internet desde el extranjero',
};

const NOTE = (size: number, root: string) => `urna.example/simulacro-2024\n${size}\n${root}\n\n— urna.example/simulacro-2024 Az3grlgtzPICa5OS8npBqlY8TqeJ+pSqzLP4p1nDkq4ewS6mCHpMvs7vxQPXalaC4mWkNlA8S0A3b4xP4CuGmlm0LQ0=\n`;

export function tallyRecordInput(seed = 2024): TallyRecordInput {
  return {
    process: PROCESS,
    electionId: 'simulacro-2024/e1',
    generatedAt: '2024-06-02T21:45:00-06:00',
    ballotBoxHash: 'b'.repeat(64).replace(/^b{8}/, '0123abcd'),
    closingCheckpoint: { size: 104_233, rootHash: 'q2v7a8CkQ0h7sJ5mQ1bq3XQ0p3y0m7o3q9cN0bq7w1E=', note: NOTE(104_233, 'q2v7a8CkQ0h7sJ5mQ1bq3XQ0p3y0m7o3q9cN0bq7w1E=') },
    trustees: [
      { trusteeId: 'custodio-1', name: 'María Fernanda Ríos Treviño', decryptionEventPositions: [104_240] },
      { trusteeId: 'custodio-3', name: 'José Ángel Núñez Peña', decryptionEventPositions: [104_241] },
      { trusteeId: 'custodio-4', name: 'Guadalupe Ibáñez Ochoa', decryptionEventPositions: [104_243] },
    ],
    officials: [
      { name: 'Lic. Ernesto Salgado Muñiz', role: 'Notario Público núm. 12 de la Ciudad de México', roleEn: 'Notary public' },
      { name: 'Ing. Rocío Bermúdez León', role: 'Titular de la Unidad Técnica de Servicios de Informática', roleEn: 'Head of the IT Services Unit' },
    ],
    contests: simulacroContests(seed),
  };
}

export function openingReportInput(): OpeningReportInput {
  return {
    process: PROCESS,
    electionId: 'simulacro-2024/e1',
    generatedAt: '2024-05-20T18:30:00-06:00',
    software: { version: 'urna 0.1.0', codeHash: '5f'.repeat(32) },
    configurationHash: '3c'.repeat(32),
    electionPublicKey: 'e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76',
    ceremonyTranscriptHash: '9a'.repeat(32),
    ballotBoxCount: 0,
    counters: { ballotsCast: 0, votersWhoVoted: 0 },
    contests: simulacroContests().map((c) => ({ contestId: c.contestId, scope: c.scope, office: c.office, entity: c.entity, optionCount: c.options.length, votes: 0 })),
    openingCheckpoint: { size: 1_872, rootHash: 'm3Q1cYp0a9sR8fJ2u7K4v6x0b1n5z8w2e4t6y8u0i2o=', note: NOTE(1_872, 'm3Q1cYp0a9sR8fJ2u7K4v6x0b1n5z8w2e4t6y8u0i2o=') },
    officials: [
      { name: 'Lic. Ernesto Salgado Muñiz', role: 'Notario Público núm. 12 de la Ciudad de México', roleEn: 'Notary public' },
      { name: 'Ing. Rocío Bermúdez León', role: 'Titular de la Unidad Técnica de Servicios de Informática', roleEn: 'Head of the IT Services Unit' },
      { name: 'Mtra. Claudia Olvera Sánchez', role: 'Representante del Partido Acción Nacional', roleEn: 'PAN representative' },
    ],
    votingWindow: { opens: '2024-05-20T20:00:00-06:00', closes: '2024-06-02T18:00:00-06:00', timezone: 'America/Mexico_City' },
  };
}
