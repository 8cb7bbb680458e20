/**
 * The simulacro's witnesses as separate processes (docs/spec/log.md §8): each one a
 * `urna witness init` then `urna witness serve` of its own, with its own folder and key under
 * <data>/witnesses/<name>, as a party representative or observer would run it on their own
 * machine. The service learns only their public keys and URLs, as from an election's
 * configuration. Stopping them is killing exactly the processes started here.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { WitnessPolicy } from '../ledger/checkpoint/witness-policy';
import { SIMULATED_PARTY_NICENESS } from './simulated-party-priority';

const REPO_ROOT = join(__dirname, '..', '..');
const URNA = join(REPO_ROOT, 'src', 'cli', 'urna.ts');

export interface WitnessProcesses {
  policy: WitnessPolicy;
  folders: string[];
  stop(): Promise<void>;
}

/**
 * A witness is a party representative's or an observer's own machine, not the service's: it
 * runs under `nice` (coreutils, which then executes Node itself, so the process started is the
 * witness and every thread of it runs at the lower priority; simulated-party-priority.ts).
 */
function urna(args: string[], say: (line: string) => void): ChildProcess {
  const env = Object.fromEntries(['PATH', 'HOME', 'TMPDIR', 'LANG'].flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
  const child = spawn('nice', ['-n', String(SIMULATED_PARTY_NICENESS), process.execPath, '-r', 'urna-ts-register', URNA, 'witness', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  createInterface({ input: child.stderr! }).on('line', (line) => say(line));
  return child;
}

async function initOne(dir: string, name: string, say: (line: string) => void): Promise<void> {
  const child = urna(['init', '--name', name, '--out', dir], say);
  createInterface({ input: child.stdout! }).on('line', (line) => say(`  [${name}] ${line}`));
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`urna witness init ${name}: exit ${code}`);
}

/** Starts `names.length` witnesses for the log `origin` (verifier key `logVkey`), quorum `quorum`. */
export async function startWitnessProcesses(
  dataDir: string, names: string[], quorum: number, origin: string, logVkey: string, say: (line: string) => void,
): Promise<WitnessProcesses> {
  const folders = names.map((n) => join(dataDir, 'witnesses', n));
  for (const f of folders) mkdirSync(join(f, '..'), { recursive: true });
  await Promise.all(names.map((n, i) => initOne(folders[i], n, say)));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null
      ? undefined
      : new Promise<void>((r) => {
          c.once('close', () => r());
          c.kill('SIGTERM');
        }))));
  };
  try {
    const entries = await Promise.all(names.map((name, i) => new Promise<{ name: string; vkey: string; url: string }>((resolve, reject) => {
      const child = urna(['serve', '--dir', folders[i], '--port', '0', '--log', `${origin}=${logVkey}`], (line) => say(`  [${name}] ${line}`));
      children.push(child);
      child.on('error', reject);
      child.on('close', (code) => reject(new Error(`urna witness serve ${name} exited (${code})`)));
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        const mt = /^listening (\S+) (\S+)$/.exec(line);
        if (mt) resolve({ name, url: mt[1], vkey: mt[2] });
        else say(`  [${name}] ${line}`);
      });
    })));
    return { policy: { quorum, witnesses: entries }, folders, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
