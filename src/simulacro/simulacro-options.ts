import { Command, CommanderError } from 'commander';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { messagesOf } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { simulacroMessages } from '../messages/simulacro.messages';

export interface SimulacroOptions {
  voters: number;
  /** Share of voters who challenge (Benaloh) one ballot before casting. */
  spoilShare: number;
  /** Synthetic voters in flight at once (default: 16 per core, enough to hide each receipt's wait). */
  concurrency: number;
  /** Worker threads the synthetic voters encrypt in (default: one per core). */
  cryptoWorkers: number;
  /** After casting, keep the service running for a person to vote by hand (issue 15). */
  keepOpen: boolean;
  /** The service's port with --keep-open (0: any free one). */
  port: number;
  trustees: number;
  threshold: number;
  /** How many trustees present their cards at the tally. */
  trusteesAtTally: number;
  fixture: string;
  /** Folder for everything the simulacro writes; a fresh temporary one by default. */
  dataDir?: string;
  seed: string;
}

const m = messagesOf(cliMessages);
const ms = messagesOf(simulacroMessages);
const USAGE = `${m.both('simulacro.usage')}: npm run simulacro -- [--voters N] [--spoil 0.1] [--concurrency N] [--crypto-workers N] [--keep-open] [--port 0] [--trustees 5] [--threshold 3] [--data DIR] [--seed S] [--fixture manual.yaml]`;

/** The options, read by commander (its own English output silenced: errors are worded here). */
function command(): Command {
  return new Command('simulacro')
    .argument('[extra...]') // refused below with the old wording
    .option('--voters <n>')
    .option('--spoil <share>')
    .option('--concurrency <n>')
    .option('--crypto-workers <n>')
    .option('--keep-open')
    .option('--port <n>')
    .option('--trustees <n>')
    .option('--threshold <t>')
    .option('--at-tally <n>')
    .option('--data <dir>')
    .option('--seed <s>')
    .option('--fixture <manual.yaml>')
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

/** The flag a commander error names ("unknown option '--x'", "option '--voters <n>' argument missing"). */
const flagOf = (err: CommanderError) => /'(-[^' ]*)/.exec(err.message)?.[1] ?? err.message;

interface RawOptions {
  voters?: string;
  spoil?: string;
  concurrency?: string;
  cryptoWorkers?: string;
  keepOpen?: boolean;
  port?: string;
  trustees?: string;
  threshold?: string;
  atTally?: string;
  data?: string;
  seed?: string;
  fixture?: string;
}

export function parseSimulacroOptions(argv: string[], repoRoot: string): SimulacroOptions {
  const cmd = command();
  try {
    cmd.parse(argv, { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    if (err.code === 'commander.helpDisplayed') throw new Error(USAGE);
    if (err.code === 'commander.unknownOption') throw new Error(`${m.both('simulacro.option.unknown')} ${flagOf(err)}\n${USAGE}`);
    if (err.code === 'commander.optionMissingArgument') throw new Error(`${m.both('simulacro.option.invalidArgument')} "${flagOf(err)}"\n${USAGE}`);
    throw new Error(`${err.message}\n${USAGE}`);
  }
  const [extra] = cmd.processedArgs[0] as string[];
  if (extra !== undefined) throw new Error(`${m.both('simulacro.option.invalidArgument')} "${extra}"\n${USAGE}`);
  const o = cmd.opts<RawOptions>();
  const int = (name: string, value: string | undefined, fallback: number, min: number) => {
    const v = value !== undefined ? Number(value) : fallback;
    if (!Number.isInteger(v) || v < min) throw new Error(`${m.both('simulacro.option.integer', { name, min })}\n${USAGE}`);
    return v;
  };
  const spoilShare = o.spoil !== undefined ? Number(o.spoil) : 0.1;
  if (!(spoilShare >= 0 && spoilShare <= 1)) throw new Error(`${m.both('simulacro.option.spoil')}\n${USAGE}`);
  const trustees = int('trustees', o.trustees, 5, 2);
  const threshold = int('threshold', o.threshold, 3, 2);
  if (threshold > trustees) throw new Error(m.both('simulacro.option.threshold'));
  const voters = int('voters', o.voters, 1000, 1);
  const keepOpen = o.keepOpen === true;
  if (keepOpen && voters < 2) throw new Error(`${ms.both('option.keepOpen')}\n${USAGE}`);
  const cores = availableParallelism();
  return {
    voters,
    spoilShare,
    concurrency: int('concurrency', o.concurrency, 16 * cores, 1),
    cryptoWorkers: int('crypto-workers', o.cryptoWorkers, cores, 0),
    keepOpen,
    port: int('port', o.port, 0, 0),
    trustees,
    threshold,
    trusteesAtTally: int('at-tally', o.atTally, threshold, threshold),
    fixture: resolve(o.fixture ?? join(repoRoot, 'fixtures', 'simulacro-2024.yaml')),
    dataDir: o.data ? resolve(o.data) : undefined,
    seed: o.seed ?? 'simulacro',
  };
}
