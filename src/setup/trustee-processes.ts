/**
 * The trustees as separate processes, one `urna trustee …` station each, with its own data
 * folder, its own token (its own SoftHSM store in a simulacro) and its own environment: the
 * process that runs the set-up or the service never opens a trustee's token, never learns a PIN
 * and never holds a polynomial or a share. Each station reaches the service over HTTP.
 *
 * In a real election each trustee runs the same command on their own machine; the simulacro
 * and `urna setup` start them here, side by side, to play that part.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { TrusteeFailure } from '../tally/tally-errors';
import type { TallyTrustees } from '../tally/tally-service';
import { StationFolder } from '../trustee-station/station-folder';
import type { CeremonyTrustees, TrusteeEnrolmentCard } from './election-setup-service';

const REPO_ROOT = join(__dirname, '..', '..');
const URNA = join(REPO_ROOT, 'src', 'cli', 'urna.ts');

export interface TrusteeMachine {
  name: string;
  /** Its index in the ceremony, when known (to name it in a tally failure). */
  trusteeIndex?: number;
  /** The station's own folder. */
  dataDir: string;
  /** The label of the trustee's token. */
  tokenLabel: string;
  /** What the station's process gets besides PATH and HOME: which PKCS#11 store (SOFTHSM2_CONF,
   * PKCS11_MODULE) and, in a simulacro only, the PIN (URNA_TRUSTEE_PIN). */
  env: Record<string, string>;
}

interface Run {
  code: number;
  /** The station's last error line, "error [CODE]: …". */
  error?: { code: string; message: string };
}

/** Runs `urna trustee <args>` as the trustee's own process; every line it prints goes to `say`. */
function station(machine: TrusteeMachine, args: string[], say: (line: string) => void): Promise<Run> {
  const inherited = Object.fromEntries(['PATH', 'HOME', 'TMPDIR', 'LANG', 'URNA_WORKERS', 'URNA_GROUP_BACKEND'].flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'urna-ts-register', URNA, 'trustee', ...args, '--data', machine.dataDir], {
      cwd: REPO_ROOT, env: { ...inherited, ...machine.env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let error: Run['error'];
    createInterface({ input: child.stdout }).on('line', (line) => say(`  [${machine.name}] ${line}`));
    createInterface({ input: child.stderr }).on('line', (line) => {
      const m = /^error(?: \[([A-Z0-9_]+)\])?: (.*)$/.exec(line);
      if (m) error = { code: m[1] ?? 'STATION_FAILED', message: m[2] };
      say(`  [${machine.name}] ${line}`);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, error }));
  });
}

export class TrusteeProcesses implements CeremonyTrustees, TallyTrustees {
  constructor(
    private readonly machines: TrusteeMachine[],
    /** The service's address as the stations reach it. */
    private readonly service: string,
    private readonly options: { ballotBox?: string; workers?: number } = {},
  ) {}

  /** `urna trustee init` at each station: the enrolment cards they print (enrolment.json). */
  static async init(machines: TrusteeMachine[], electionId: string, say: (line: string) => void = () => undefined): Promise<TrusteeEnrolmentCard[]> {
    const runs = await Promise.all(machines.map((m) => station(m, ['init', '--election', electionId, '--token', m.tokenLabel], say)));
    runs.forEach((r, k) => {
      if (r.code !== 0) throw new Error(`${machines[k].name}: urna trustee init: ${r.error?.message ?? `exit ${r.code}`}`);
    });
    return machines.map((m) => {
      const enrolment = new StationFolder(m.dataDir).enrolment()!;
      return { name: m.name, tokenSerial: enrolment.tokenSerial, signingKey: enrolment.signingKey };
    });
  }

  /** Every station runs its ceremony (`urna trustee ceremony`) until its share is sealed. */
  async runCeremony(say: (line: string) => void): Promise<void> {
    const runs = await Promise.all(this.machines.map((m) => station(m, ['ceremony', '--service', this.service, '--poll-ms', '200'], say)));
    const failed = runs.map((r, k) => ({ r, m: this.machines[k] })).filter(({ r }) => r.code !== 0);
    if (failed.length > 0) throw new Error(failed.map(({ r, m }) => `${m.name}: ${r.error?.message ?? `exit ${r.code}`}`).join('; '));
  }

  /** Every station present checks the totals and sends its partial decryptions (`urna trustee
   * tally`), all at once, as trustees at their own machines do: each verifies every ballot, and
   * while one starts up (Node, its token) or waits on the service, the others compute. The
   * service takes their posts in any order (a post that crossed another is sent again). */
  async decrypt(say: (line: string) => void): Promise<TrusteeFailure[]> {
    const runs = await Promise.all(this.machines.map((m) => {
      const args = ['tally', '--service', this.service];
      if (this.options.ballotBox) args.push('--ballot-box', this.options.ballotBox);
      if (this.options.workers !== undefined) args.push('--workers', String(this.options.workers));
      return station(m, args, say);
    }));
    return runs.flatMap((run, k) => run.code === 0 ? [] : [{
      trusteeIndex: this.machines[k].trusteeIndex ?? k + 1, code: run.error?.code ?? 'STATION_FAILED', message: run.error?.message ?? `exit ${run.code}`,
    }]);
  }
}
