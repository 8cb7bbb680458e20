import { authenticationCommandHandlers } from '../authentication/authentication.commands';
import { ceremonyCommandHandlers } from '../ceremony/ceremony.commands';
import { closingCommandHandlers } from '../closing/closing.commands';
import { configurationCommandHandlers } from '../configuration/configuration.commands';
import { credentialsCommandHandlers } from '../credentials/credentials.commands';
import { monitoringCommandHandlers } from '../monitoring-accounts/monitoring.commands';
import { openingCommandHandlers } from '../opening/opening.commands';
import { preservationCommandHandlers } from '../preservation/preservation.commands';
import { rollCommandHandlers } from '../roll/roll.commands';
import { tallyCommandHandlers } from '../tally/tally.commands';
import { votingCommandHandlers } from '../voting/voting.commands';

/** Every command handler of the election, phase by phase, in the order the phases run. */
export const commandHandlers = [
  ...configurationCommandHandlers,
  ...rollCommandHandlers,
  ...ceremonyCommandHandlers,
  ...credentialsCommandHandlers,
  ...openingCommandHandlers,
  ...authenticationCommandHandlers,
  ...votingCommandHandlers,
  ...closingCommandHandlers,
  ...tallyCommandHandlers,
  ...preservationCommandHandlers,
  // Monitoring runs beside every phase (numerals 26-28).
  ...monitoringCommandHandlers,
];
