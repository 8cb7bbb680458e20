import { Command } from 'commander';
import { messagesOf } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';

const m = messagesOf(cliMessages);

/** The console's root command, with the settings every command runs under: the whole console
 * (urna-console.ts) and a command that urna.ts loads on its own are parsed alike. */
export function consoleRoot(): Command {
  return new Command('urna')
    .description(m.both('urna.description'))
    .showHelpAfterError()
    .exitOverride();
}
