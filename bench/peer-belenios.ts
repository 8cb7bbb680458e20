/**
 * Debian's belenios-tool (2.0) driven from the command line through one election of a given
 * shape, each command's CPU time (user + system of the child, read by GNU time) recorded:
 * bench/peer.bench.ts compares it with Urna.
 *
 * The election: finite-field group BELENIOS-2048 (belenios-tool 2.0 has no elliptic curve),
 * one credential per voter, three trustees holding a threshold key (the tool's six-step
 * Pedersen set-up, threshold 2) and no server key, questions of "exactly one of n" answers.
 * Every `belenios-tool election …` command that reads the archive checks all of its ballots
 * again, so ballots are all generated before the first is added, and the decryption work is
 * timed on a twin of the election that never receives a ballot (same keys and questions:
 * decrypting a ciphertext costs the same whatever it encrypts).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BELENIOS_GROUP = 'BELENIOS-2048';
const GNU_TIME = '/usr/bin/time';

export type BeleniosInstall =
  | { readonly ok: true; readonly version: string; readonly debianPackage: string }
  | { readonly ok: false; readonly reason: string };

/** Installs belenios-tool and GNU time with apt-get when missing (scripts/ensure-system-packages.sh). */
export function ensureBelenios(): BeleniosInstall {
  const have = () => spawnSync('sh', ['-c', `command -v belenios-tool && test -x ${GNU_TIME}`], { stdio: 'ignore' }).status === 0;
  if (!have()) {
    const script = join(__dirname, '..', 'scripts', 'ensure-system-packages.sh');
    const install = spawnSync('bash', [script, 'belenios-tool', 'time'], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
    if (!have()) {
      const why = (install.stderr ?? '').trim().split('\n').filter(Boolean).pop() ?? `exit status ${install.status}`;
      return { ok: false, reason: `belenios-tool could not be installed with apt-get (scripts/ensure-system-packages.sh belenios-tool time: ${why})` };
    }
  }
  const version = spawnSync('belenios-tool', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const debianPackage = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'belenios-tool'], { encoding: 'utf8' }).stdout.trim();
  return { ok: true, version, debianPackage: debianPackage || 'unknown' };
}

interface Command {
  stdout: string;
  cpuMs: number;
}

/** One belenios-tool command in `dir`, its CPU time (user + system, 10 ms resolution) from GNU time. */
function belenios(dir: string, args: string[], input?: string): Command {
  const timing = join(dir, '.cpu-time');
  const run = spawnSync(GNU_TIME, ['-f', '%U %S', '-o', timing, 'belenios-tool', ...args], {
    cwd: dir,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    // Without it the tool reads /dev/random, which can block on an idle virtual machine.
    env: { ...process.env, BELENIOS_USE_URANDOM: '1' },
  });
  if (run.status !== 0) throw new Error(`belenios-tool ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  const [user, system] = readFileSync(timing, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { stdout: run.stdout, cpuMs: (user + system) * 1000 };
}

const filesEndingIn = (dir: string, suffix: string) => readdirSync(dir).filter((f) => f.endsWith(suffix)).sort();

/** Credentials, the three trustees' threshold key and the election, in a fresh archive (not timed). */
function setUpElection(dir: string, voters: number, questionSizes: readonly number[], trustees: number, threshold: number): string[] {
  const group = ['--group', BELENIOS_GROUP];
  const uuid = belenios(dir, ['setup', 'generate-token']).stdout.trim();
  belenios(dir, ['setup', 'generate-credentials', '--uuid', uuid, ...group, '--count', String(voters)]);
  renameSync(join(dir, filesEndingIn(dir, '.pubcreds')[0]), join(dir, 'public_creds.json'));
  const privateCredentials = readFileSync(join(dir, filesEndingIn(dir, '.privcreds')[0]), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[1]);

  const keygen = (args: string[], input?: string) => belenios(dir, ['setup', 'generate-trustee-key-threshold', ...group, ...args], input).stdout;
  for (let t = 0; t < trustees; t++) keygen(['--step', '1']);
  writeFileSync(join(dir, 'certs.jsons'), filesEndingIn(dir, '.cert').map((f) => readFileSync(join(dir, f), 'utf8')).join(''));
  const certs = ['--certs', 'certs.jsons'];
  keygen([...certs, '--step', '2']);
  const keys = filesEndingIn(dir, '.key');
  writeFileSync(join(dir, 'polynomials.jsons'), keys.map((k) => keygen([...certs, '--key', k, '--step', '3', '--threshold', String(threshold)])).join(''));
  keygen([...certs, '--step', '4', '--polynomials', 'polynomials.jsons']);
  const checks = keys.map((k) => keygen([...certs, '--key', k, '--step', '5'], readFileSync(join(dir, k.replace(/\.key$/, '.vinput')), 'utf8')));
  writeFileSync(join(dir, 'threshold.json'), keygen([...certs, '--step', '6', '--polynomials', 'polynomials.jsons'], checks.join('')));
  writeFileSync(join(dir, 'public_keys.jsons'), ''); // no server key: the threshold trustees alone
  belenios(dir, ['setup', 'make-trustees']);
  rmSync(join(dir, 'threshold.json'));

  const template = {
    description: 'Urna peer benchmark',
    name: 'peer',
    questions: questionSizes.map((n, q) => ({ question: `question ${q + 1}`, answers: Array.from({ length: n }, (_, a) => `answer ${a + 1}`), min: 1, max: 1 })),
  };
  writeFileSync(join(dir, 'template.json'), JSON.stringify(template));
  belenios(dir, ['setup', 'make-election', '--uuid', uuid, ...group, '--template', 'template.json']);
  belenios(dir, ['archive', 'init']);
  // As the tool's own demo does: from here on the archive is the election.
  for (const f of ['election.json', 'trustees.json', 'public_creds.json']) rmSync(join(dir, f));
  return privateCredentials;
}

export interface TallyCommands {
  readonly encryptedTally: number;
  readonly partialDecryptions: number[];
  readonly result: number;
}

export interface BeleniosElection {
  /** One generate-ballot command per ballot, before any ballot is in the archive. */
  readonly encryptCpuMs: number[];
  readonly ballotBytes: number[];
  /** `election verify` of the archive with no ballot, then with all of them. */
  readonly verifyEmptyCpuMs: number;
  readonly verifyCpuMs: number;
  /** compute-encrypted-tally, one decrypt-threshold per trustee present, compute-result, on
   * the twin with no ballot: the decryption work alone (and 4 process starts). */
  readonly decryptionCpuMs: TallyCommands;
  /** The same commands on the archive with the ballots, as a tally runs them (each one checks
   * every ballot again). */
  readonly tallyAsRunCpuMs: TallyCommands;
  /** Per question, per answer, as compute-result published it. */
  readonly counts: number[][];
}

/** Runs one election: `choices[voter][question]` is the index of the one answer chosen. */
export function runBeleniosElection(input: { questionSizes: readonly number[]; choices: readonly number[][]; trustees: number; threshold: number }): BeleniosElection {
  const dir = mkdtempSync(join(tmpdir(), 'urna-peer-belenios-'));
  const twin = mkdtempSync(join(tmpdir(), 'urna-peer-belenios-twin-'));
  try {
    const credentials = setUpElection(dir, input.choices.length, input.questionSizes, input.trustees, input.threshold);
    cpSync(dir, twin, { recursive: true });
    const verifyEmptyCpuMs = belenios(dir, ['election', 'verify']).cpuMs;

    const encryptCpuMs: number[] = [];
    const ballots = input.choices.map((choice, v) => {
      const plaintext = input.questionSizes.map((n, q) => Array.from({ length: n }, (_, a) => (a === choice[q] ? 1 : 0)));
      writeFileSync(join(dir, 'choice.json'), JSON.stringify(plaintext));
      writeFileSync(join(dir, 'credential.txt'), `${credentials[v]}\n`);
      const made = belenios(dir, ['election', 'generate-ballot', '--privcred', 'credential.txt', '--ballot', 'choice.json']);
      encryptCpuMs.push(made.cpuMs);
      return made.stdout;
    });
    for (const ballot of ballots) belenios(dir, ['archive', 'add-event', '--type=Ballot'], ballot);
    const verifyCpuMs = belenios(dir, ['election', 'verify']).cpuMs;

    const asRun = tally(dir, input.threshold);
    const decryption = tally(twin, input.threshold);
    if (JSON.stringify(decryption.counts) !== JSON.stringify(input.questionSizes.map((n) => Array(n).fill(0)))) throw new Error('the twin with no ballot did not count zeros');
    return {
      encryptCpuMs,
      ballotBytes: ballots.map((b) => Buffer.byteLength(b.trim())),
      verifyEmptyCpuMs,
      verifyCpuMs,
      decryptionCpuMs: decryption.cpuMs,
      tallyAsRunCpuMs: asRun.cpuMs,
      counts: asRun.counts,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(twin, { recursive: true, force: true });
  }
}

/** Closes the ballot box and decrypts with the first `threshold` trustees: the result and each command's CPU time. */
function tally(dir: string, threshold: number): { cpuMs: TallyCommands; counts: number[][] } {
  belenios(dir, ['archive', 'add-event', '--type=EndBallots'], '');
  const encryptedTally = belenios(dir, ['election', 'compute-encrypted-tally']);
  belenios(dir, ['archive', 'add-event', '--type=EncryptedTally'], encryptedTally.stdout);
  const partialDecryptions = filesEndingIn(dir, '.key').slice(0, threshold).map((key, k) => {
    const decryption = belenios(dir, ['election', 'decrypt-threshold', '--key', key, '--decryption-key', key.replace(/\.key$/, '.dkey'), '--trustee-id', String(k + 1)]);
    belenios(dir, ['archive', 'add-event', '--type=PartialDecryption'], decryption.stdout);
    return decryption.cpuMs;
  });
  const result = belenios(dir, ['election', 'compute-result']);
  return {
    cpuMs: { encryptedTally: encryptedTally.cpuMs, partialDecryptions, result: result.cpuMs },
    counts: (JSON.parse(result.stdout) as { result: number[][] }).result,
  };
}
