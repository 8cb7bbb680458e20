/** A small valid manual for validation and decider specs, built as data and written as YAML,
 * so each spec can break exactly one thing. */
import { stringify } from 'yaml';

export function smallManualData(): Record<string, any> {
  return {
    process: {
      id: 'prueba-2027',
      name: 'Proceso de prueba',
      timezone: 'America/Mexico_City',
      voting_opens: '2027-05-20T20:00:00-06:00',
      voting_closes: '2027-06-06T18:00:00-06:00',
      max_voters: 1000,
    },
    entities: { '09': 'Ciudad de México', '14': 'Jalisco', '31': 'Yucatán' },
    parties: { A: { name: 'Partido A' }, B: { name: 'Partido B' }, C: { name: 'Partido C' }, D: { name: 'Partido D' } },
    coalitions: { AB: { name: 'Coalición A-B', parties: ['A', 'B'] }, CD: { name: 'Coalición C-D', parties: ['C', 'D'] } },
    contests: [
      { id: 'PRES', scope: 'federal', office: 'Presidencia', entities: 'national', parties: ['A', 'B', 'C', 'D'], coalitions: ['AB'], candidates: { AB: 'Persona 1', C: 'Persona 2', D: 'Persona 3' } },
      { id: 'SEN', scope: 'federal', office: 'Senaduría', entities: 'all', parties: ['A', 'B', 'C', 'D'], coalitions: ['AB', 'CD'], candidates: 'Fórmula {party-or-coalition} {entity}' },
      { id: 'GOB', scope: 'local', office: 'Gubernatura', entities: ['14', '31'], parties: ['A', 'B', 'C', 'D'], coalitions: ['CD'], candidates: 'Candidatura {party-or-coalition}' },
    ],
  };
}

export const toManualText = (data: unknown): string => stringify(data);
export const smallManualText = (): string => toManualText(smallManualData());
