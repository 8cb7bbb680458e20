/** The configuration's entries in the event catalog (src/domain/event-catalog.ts). */
import type { EventTypeEntry } from '../event-catalog';
import { CONFIGURATION_AMENDED, CONTEST_OPTIONS_RECORDED, CONTESTS_RATIFIED, ELECTION_CONFIGURED } from './events';
import { domainText } from '../shared/domain-text';

export const configurationEventEntries: EventTypeEntry[] = [
  {
    type: ELECTION_CONFIGURED,
    versions: [1],
    visibility: 'public',
    description: domainText.both('configuration.event.configured'),
  },
  {
    type: CONFIGURATION_AMENDED,
    versions: [1],
    visibility: 'public',
    description: domainText.both('configuration.event.amended'),
  },
  {
    type: CONTEST_OPTIONS_RECORDED,
    versions: [1],
    visibility: 'public',
    description: domainText.both('configuration.event.contestOptionsRecorded'),
  },
  {
    type: CONTESTS_RATIFIED,
    versions: [1],
    visibility: 'public',
    description: domainText.both('configuration.event.contestsRatified'),
  },
];
