/**
 * `npm run urna -- <command>`: the officials' console (src/cli/urna-console.ts lists every command).
 *
 * Commands that run on machines or in processes of their own load only their own modules, not the
 * console's modules for the service, the ledger, the smart cards and the set-up, which they never
 * use:
 *   - `urna verify`, what auditors, parties and observers run, often on a laptop (it parses its
 *     own options, help included; exit codes 0 verified, 1 a check failed, 2 usage): `urna verify
 *     --help` went from 1.9 s to 1.35 s on this project's 2-core machine (medians of 5, alternated);
 *   - `urna trustee`, `urna witness` and `urna credentials`, each trustee's station, a witness and
 *     the credential authority: a simulacro starts about twenty of these processes, and each paid
 *     about 3 s of CPU loading the whole console first.
 */
import type { Command } from 'commander';

const argv = process.argv.slice(2);

/** The commands loaded alone, by name. */
const alone: Record<string, () => Promise<Command>> = {
  trustee: async () => (await import('../trustee-station/station-cli')).trusteeCommand(),
  witness: async () => (await import('../witness/witness-cli')).witnessCommand(),
  credentials: async () => (await import('../credentials/credentials-cli')).credentialsCommand(),
};

const fail = (err: unknown) => {
  process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
};

if (argv[0] === 'verify') {
  import('../verifier/urna-verify').then(({ main }) => main(argv.slice(1))).then((code) => {
    process.exitCode = code;
  }, fail);
} else if (argv[0] !== undefined && Object.hasOwn(alone, argv[0])) {
  Promise.all([import('./console-root'), import('./run-cli-program'), alone[argv[0]]()]).then(([{ consoleRoot }, { runCliProgram }, command]) => {
    runCliProgram(() => consoleRoot().addCommand(command), argv);
  }, fail);
} else {
  import('./urna-console').then(({ runConsole }) => runConsole(argv), fail);
}
