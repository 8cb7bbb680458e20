#!/usr/bin/env node
/**
 * npm run mutation [-- group …]: runs StrykerJS over each group (all when none is named), one
 * after another, never two at once: the machine's cores are shared, so Stryker runs niced.
 * The verifier's groups build an election record with PostgreSQL the first time, so they run
 * under scripts/with-postgres.ts, and name the sections of record-mutations.pg.spec.ts that test
 * the checks they mutate (URNA_MUTATION_SECTIONS): a surviving mutant then runs those alone.
 * verifier-signatures (V19, V20) needs neither: its specs build the log entries in memory.
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const stryker = join(root, 'node_modules/.bin/stryker');
const groups = {
  voting: { config: 'mutation/stryker.voting.config.json', postgres: false },
  ballot: { config: 'mutation/stryker.ballot.config.json', postgres: false },
  leaf: { config: 'mutation/stryker.leaf.config.json', postgres: false },
  verifier: { config: 'mutation/stryker.verifier.config.json', postgres: true, sections: 'V1,V3,V11,V14' },
  'verifier-tally': { config: 'mutation/stryker.verifier-tally.config.json', postgres: true, sections: 'V8,V9,V11,V14' },
  'verifier-log': { config: 'mutation/stryker.verifier-log.config.json', postgres: true, sections: 'V1,V2,V3,V5,V7' },
  'verifier-rest': { config: 'mutation/stryker.verifier-rest.config.json', postgres: true, sections: 'V1,V2,V3,V5,V8,V9,V10,V11,V14,V17,V18,V19' },
  'verifier-signatures': { config: 'mutation/stryker.verifier-signatures.config.json', postgres: false },
  'verifier-orchestration': { config: 'mutation/stryker.verifier-orchestration.config.json', postgres: true, sections: 'V8,V11,V14,V18' },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((g) => !(g in groups));
if (unknown.length > 0) {
  process.stderr.write(`unknown group(s): ${unknown.join(', ')}; groups: ${Object.keys(groups).join(', ')}\n`);
  process.exit(2);
}
let failed = 0;
for (const name of asked.length > 0 ? asked : Object.keys(groups)) {
  const { config, postgres, sections } = groups[name];
  const command = postgres
    ? ['nice', '-n', '15', process.execPath, '-r', 'urna-ts-register', 'scripts/with-postgres.ts', stryker, 'run', config]
    : ['nice', '-n', '15', stryker, 'run', config];
  const started = Date.now();
  process.stdout.write(`\n== mutation group ${name}: ${command.join(' ')}\n`);
  const env = sections ? { ...process.env, URNA_MUTATION_SECTIONS: sections } : process.env;
  const r = spawnSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit', env });
  const seconds = Math.round((Date.now() - started) / 1000);
  process.stdout.write(`== mutation group ${name}: exit ${r.status ?? r.signal}, ${Math.floor(seconds / 60)} min ${seconds % 60} s\n`);
  if (r.status !== 0) failed++;
}
process.exit(failed > 0 ? 1 : 0);
