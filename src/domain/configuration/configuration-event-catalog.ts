/** The configuration's entries in the event catalog (src/domain/event-catalog.ts). */
import type { EventTypeEntry } from '../event-catalog';
import { CONFIGURATION_AMENDED, CONTEST_OPTIONS_RECORDED, CONTESTS_RATIFIED, ELECTION_CONFIGURED } from './events';

export const configurationEventEntries: EventTypeEntry[] = [
  {
    type: ELECTION_CONFIGURED,
    versions: [1],
    visibility: 'public',
    description: 'Configuración cargada: manual, manifiesto (sin elecciones) y su hash / Election configured: manual, manifest header and hash',
  },
  {
    type: CONFIGURATION_AMENDED,
    versions: [1],
    visibility: 'public',
    description: 'Configuración enmendada antes de la apertura; anula las ratificaciones / Configuration amended before opening; voids ratifications',
  },
  {
    type: CONTEST_OPTIONS_RECORDED,
    versions: [1],
    visibility: 'public',
    description: 'Opciones de una elección (por entidad) del manifiesto / One contest instance of the manifest with its options',
  },
  {
    type: CONTESTS_RATIFIED,
    versions: [1],
    visibility: 'public',
    description: 'Elecciones ratificadas por la autoridad nacional o el OPL de una entidad / Contests ratified by the national authority or an OPL',
  },
];
