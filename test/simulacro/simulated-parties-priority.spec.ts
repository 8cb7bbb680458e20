/**
 * The simulacro plays the voters' phones and the witnesses' machines on the service's own two
 * cores. Those parties are not the service, so they run at a lower priority (nice 10) and use
 * what the service leaves; the service's own threads stay at the priority it was started with.
 * Read from /proc (Linux): the nice value is field 19 of a thread's stat.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { VoterCryptoPool } from '../../src/simulacro/voter-crypto-pool';
import { SIMULATED_PARTY_NICENESS } from '../../src/simulacro/simulated-party-priority';
import { startWitnessProcesses } from '../../src/simulacro/witness-processes';

jest.setTimeout(60_000);

const niceOf = (statPath: string): number => {
  const stat = readFileSync(statPath, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
};
/** The nice value of every thread of process `pid`, by thread id. */
const threadNices = (pid: number | 'self'): Map<number, number> =>
  new Map(readdirSync(`/proc/${pid}/task`).flatMap((tid) => {
    try {
      return [[Number(tid), niceOf(`/proc/${pid}/task/${tid}/stat`)] as [number, number]];
    } catch {
      return []; // a thread that ended while listed
    }
  }));

async function until<T>(probe: () => T | undefined, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('not seen in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the parties the simulacro plays beside the service run below it', () => {
  it('the synthetic phones encrypt in threads at nice 10; this process\'s own thread keeps its priority', async () => {
    expect(SIMULATED_PARTY_NICENESS).toBe(10);
    const mine = threadNices('self').get(process.pid)!;
    const pool = new VoterCryptoPool(2);
    try {
      // The two phone threads lower themselves as they start.
      const lowered = await until(() => {
        const low = [...threadNices('self')].filter(([, nice]) => nice === Math.min(19, mine + SIMULATED_PARTY_NICENESS));
        return low.length >= 2 ? low : undefined;
      });
      expect(lowered.map(([tid]) => tid)).not.toContain(process.pid);
      expect(threadNices('self').get(process.pid)).toBe(mine);
    } finally {
      await pool.close();
    }
  });

  it('every thread of a witness process runs at nice 10, and stop() still ends exactly that process', async () => {
    expect(SIMULATED_PARTY_NICENESS).toBe(10);
    const dir = mkdtempSync(join(tmpdir(), 'urna-witness-nice-'));
    const logKey = ed25519.getPublicKey(new Uint8Array(32).fill(7));
    const witnesses = await startWitnessProcesses(dir, ['testigo-a'], 1, 'urna.example/log', formatVerifierKey('urna.example/log', logKey), () => undefined);
    try {
      const folder = witnesses.folders[0];
      // The witness is the process whose command line serves that folder (nice executed Node itself).
      const pid = Number(readdirSync('/proc').find((p) => /^\d+$/.test(p) && (() => {
        try {
          const argv = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
          return argv.includes('serve') && argv.includes(folder);
        } catch {
          return false;
        }
      })()));
      expect(pid).toBeGreaterThan(0);
      expect(readFileSync(`/proc/${pid}/comm`, 'utf8').trim()).toBe('node');
      const nices = [...threadNices(pid).values()];
      expect(nices.length).toBeGreaterThan(1);
      expect(new Set(nices)).toEqual(new Set([Math.min(19, niceOf('/proc/self/stat') + SIMULATED_PARTY_NICENESS)]));
      await witnesses.stop();
      await until(() => (existsSync(`/proc/${pid}`) ? undefined : true), 10_000);
    } finally {
      await witnesses.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
