/**
 * A peer in the benchmarks (issue 17): the same-shaped election in Urna and in Debian's
 * belenios-tool, alternated, CPU time per ballot for encrypt, verify and tally, with ratios.
 * Writes bench/results/peer.json.
 *   npm run bench -- peer          (installs belenios-tool with apt-get when missing)
 * BALLOTS (default 20) and ROUNDS (default 3) can be set in the environment; URNA_GROUP_BACKEND
 * picks Urna's counting backend (default auto: libdecaf when built).
 *
 * The shape is Urna's heaviest ballot style: 4 contests (questions) of 17, 17, 15 and 12
 * options, exactly one chosen in each; one credential per voter; 3 trustees, threshold 2, 2 of
 * them decrypt. Voter v chooses option (7v + c) mod n in contest c in both systems, and both
 * results are checked against that.
 *
 * The machine is shared and noisy, so the two systems alternate within each round (the first
 * one changes every round), every ratio (Belenios / Urna) is taken within a round, and the
 * median over rounds is reported. Where belenios-tool cannot be installed (no root, no apt),
 * Urna's figures are still written, with "belenios": null and the reason, and the run succeeds.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { commitOfCheckout, loadAverage, machineRecord, median, roundTo } from './bench-record';
import { BELENIOS_GROUP, ensureBelenios, runBeleniosElection, type BeleniosElection, type TallyCommands } from './peer-belenios';
import { runUrnaElection, type UrnaElection } from './peer-urna';

const BALLOTS = Number(process.env.BALLOTS ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const CONTEST_SIZES = [17, 17, 15, 12];
const TRUSTEES = 3;
const THRESHOLD = 2;

const choices = Array.from({ length: BALLOTS }, (_, v) => CONTEST_SIZES.map((n, c) => (7 * v + c) % n));
const expectedCounts = CONTEST_SIZES.map((n, c) => Array.from({ length: n }, (_, a) => choices.filter((choice) => choice[c] === a).length));

/** Per-ballot CPU milliseconds of one run of one system. */
interface PerBallot {
  encrypt: number;
  verify: number;
  tally: number;
  /** The tally without adding up the ballots: partial decryptions, their checks, the result. */
  decrypt: number;
}

function checkCounts(system: string, counts: number[][]): void {
  if (JSON.stringify(counts) !== JSON.stringify(expectedCounts)) throw new Error(`${system} counted ${JSON.stringify(counts)}, expected ${JSON.stringify(expectedCounts)}`);
}

function urnaPerBallot(run: UrnaElection): PerBallot {
  return { encrypt: median(run.encryptCpuMs), verify: run.verifyCpuMs / BALLOTS, tally: (run.aggregateCpuMs + run.decryptCpuMs) / BALLOTS, decrypt: run.decryptCpuMs / BALLOTS };
}

const sumOf = (t: TallyCommands) => t.encryptedTally + t.partialDecryptions.reduce((a, b) => a + b, 0) + t.result;

/** Every `election` command checks every ballot of the archive again, so the tally is the
 * decryption timed on the twin election with no ballot (peer-belenios.ts). Adding up the
 * ballots is left out: it disappears in the noise of the re-checks (2 × 61 modular products
 * per ballot). */
function beleniosPerBallot(run: BeleniosElection): PerBallot {
  const decrypt = sumOf(run.decryptionCpuMs) / BALLOTS;
  return { encrypt: median(run.encryptCpuMs), verify: (run.verifyCpuMs - run.verifyEmptyCpuMs) / BALLOTS, tally: decrypt, decrypt };
}

const rounded = (p: PerBallot) => ({ encrypt: roundTo(p.encrypt), verify: roundTo(p.verify), tally: roundTo(p.tally), decrypt: roundTo(p.decrypt) });
const roundedCommands = (t: TallyCommands) => ({ encrypted_tally: roundTo(t.encryptedTally), partial_decryptions: t.partialDecryptions.map((x) => roundTo(x)), result: roundTo(t.result), total: roundTo(sumOf(t)) });

async function main() {
  const loadAtStart = loadAverage();
  const startedAt = new Date().toISOString();
  const belenios = ensureBelenios();
  if (!belenios.ok) process.stderr.write(`peer bench: ${belenios.reason}; Urna alone is measured, "belenios" is null in bench/results/peer.json\n`);

  const rounds: Record<string, unknown>[] = [];
  const urnaRuns: PerBallot[] = [];
  const beleniosRuns: PerBallot[] = [];
  const ratios: PerBallot[] = [];
  let lastUrna: UrnaElection | undefined;
  let lastBelenios: BeleniosElection | undefined;
  for (let r = 0; r < ROUNDS; r++) {
    const order = belenios.ok ? (r % 2 === 0 ? ['belenios', 'urna'] : ['urna', 'belenios']) : ['urna'];
    const round: Record<string, unknown> = { order, load_average_start: loadAverage() };
    let urna: PerBallot | undefined;
    let peer: PerBallot | undefined;
    for (const system of order) {
      if (system === 'urna') {
        lastUrna = runUrnaElection({ contestSizes: CONTEST_SIZES, choices, trustees: TRUSTEES, threshold: THRESHOLD });
        checkCounts('Urna', lastUrna.counts);
        urna = urnaPerBallot(lastUrna);
        round.urna = {
          ...rounded(urna),
          verify_total_ms: roundTo(lastUrna.verifyCpuMs),
          aggregate_total_ms: roundTo(lastUrna.aggregateCpuMs),
          decrypt_total_ms: roundTo(lastUrna.decryptCpuMs),
        };
      } else {
        lastBelenios = runBeleniosElection({ questionSizes: CONTEST_SIZES, choices, trustees: TRUSTEES, threshold: THRESHOLD });
        checkCounts('Belenios', lastBelenios.counts);
        const measured = beleniosPerBallot(lastBelenios);
        peer = measured;
        round.belenios = {
          ...rounded(measured),
          verify_empty_election_ms: roundTo(lastBelenios.verifyEmptyCpuMs),
          verify_total_ms: roundTo(lastBelenios.verifyCpuMs),
          decryption_commands_on_the_twin_ms: roundedCommands(lastBelenios.decryptionCpuMs),
          tally_commands_as_run_with_the_ballots_ms: roundedCommands(lastBelenios.tallyAsRunCpuMs),
        };
      }
      process.stderr.write(`  round ${r + 1}/${ROUNDS} ${system}: ${JSON.stringify(system === 'urna' ? rounded(urna!) : rounded(peer!))} ms per ballot (load ${loadAverage()[0]})\n`);
    }
    urnaRuns.push(urna!);
    if (peer) {
      beleniosRuns.push(peer);
      const ratio = { encrypt: peer.encrypt / urna!.encrypt, verify: peer.verify / urna!.verify, tally: peer.tally / urna!.tally, decrypt: peer.decrypt / urna!.decrypt };
      ratios.push(ratio);
      round.ratio_belenios_to_urna = { encrypt: roundTo(ratio.encrypt, 2), verify: roundTo(ratio.verify, 2), tally: roundTo(ratio.tally, 2), decrypt: roundTo(ratio.decrypt, 2) };
    }
    round.load_average_end = loadAverage();
    rounds.push(round);
  }

  const medianOf = (runs: PerBallot[], digits: number) => ({
    encrypt: roundTo(median(runs.map((x) => x.encrypt)), digits),
    verify: roundTo(median(runs.map((x) => x.verify)), digits),
    tally: roundTo(median(runs.map((x) => x.tally)), digits),
    decrypt: roundTo(median(runs.map((x) => x.decrypt)), digits),
  });
  const result = {
    benchmark: 'peer',
    commit: commitOfCheckout(),
    measured_at: startedAt,
    finished_at: new Date().toISOString(),
    shape: {
      contests: CONTEST_SIZES.length,
      options_per_contest: CONTEST_SIZES,
      choose: 'exactly one option in each contest',
      ballots: BALLOTS,
      voter_choice: 'voter v chooses option (7v + c) mod n in contest c; both results are checked against it',
      trustees: TRUSTEES,
      threshold: THRESHOLD,
      trustees_decrypting: THRESHOLD,
    },
    rounds: ROUNDS,
    note: 'CPU time (user + system) in milliseconds per ballot. Each round runs a fresh election in each system, the two alternating (the first one changes every round); ratios are Belenios / Urna within a round, then the median over rounds. Key set-up is not timed in either system.',
    cpu_ms_per_ballot: {
      urna: medianOf(urnaRuns, 1),
      belenios: beleniosRuns.length > 0 ? medianOf(beleniosRuns, 1) : null,
      ratio_belenios_to_urna: ratios.length > 0 ? medianOf(ratios, 2) : null,
    },
    what_each_figure_contains: {
      encrypt: {
        urna: "median over the ballots of one encryptBallot call with the booth's @noble/curves (encryption proofs, tracking code, the credential signature), in the bench process; the encryption tables are built once per election before timing, as the booth builds them once per session",
        belenios: 'median over the ballots of one `belenios-tool election generate-ballot` process (start, loading the election from the archive, encryption, proofs, the credential signature), run before any ballot is in the archive',
      },
      verify: {
        urna: `every ballot's proofs, the voter binding and the credential signature, verified by the production path (verifyBallotChunk: libdecaf batch verification when built, else the chosen backend) in one thread of a child process, divided by the ballots; one ballot is verified once before timing (loading the addon, compiling)`,
        belenios: '(`belenios-tool election verify` of the archive with all ballots) − (the same command on the same election before any ballot was added), divided by the ballots: the fixed part of the command (process start, the election and the trustees\' keys) is left out',
      },
      tally: {
        urna: 'decrypt (below) + decoding and homomorphic addition of every ciphertext through the Group interface of the counting backend + the ballot box hash, divided by the ballots. Not included: the ballot checks (Urna\'s tally adds the ciphertexts as it verifies them, in C; see verify)',
        belenios: 'decrypt (below): the same figure. Adding up the ballots is not included: every one of the 4 tally commands checks all the ballots again, and on the archive with the ballots each command costs about one `verify` (per_round: tally_commands_as_run_with_the_ballots_ms), so the addition (2 × 61 products modulo a 2048-bit prime per ballot) cannot be told apart from that noise; it is smaller than Urna\'s',
      },
      decrypt: {
        urna: "each of the 2 present trustees' partial decryption of every option with its proof + the decider's check of every proof, Lagrange combination and discrete log (table built for the ballot count), divided by the ballots",
        belenios: '`election compute-encrypted-tally` + one `election decrypt-threshold` per present trustee (2) + `election compute-result` (which checks the partial decryptions), run on a twin of the election with the same keys and questions that never received a ballot (a copy made before the first ballot), divided by the ballots: decrypting costs the same whatever the ciphertexts hold, and no command re-checks ballots there. Included: 4 process starts and the loading of the election',
      },
      ballot_bytes: 'urna: the ballot JSON; urna_cast: with the cast request\'s pseudonym, credential, binding nonce and signature, which a Belenios ballot carries inside; belenios: the generate-ballot output',
    },
    ballot_bytes: {
      urna: lastUrna ? median(lastUrna.ballotBytes) : null,
      urna_cast: lastUrna ? median(lastUrna.castBytes) : null,
      belenios: lastBelenios ? median(lastBelenios.ballotBytes) : null,
    },
    urna: {
      group: 'ristretto255',
      encrypt_backend: '@noble/curves (JavaScript, as in the booth)',
      counting_backend: lastUrna?.backend ?? null,
      counting_backend_line: lastUrna?.backendLine ?? null,
      threads: 1,
    },
    belenios: belenios.ok
      ? {
          tool: 'belenios-tool (Debian package)',
          version: belenios.version,
          debian_package: belenios.debianPackage,
          group: `${BELENIOS_GROUP} (finite field, 2048 bits; belenios-tool 2.0 has no elliptic-curve group)`,
          trustees: 'threshold key from `setup generate-trustee-key-threshold` (steps 1–6), 3 trustees, threshold 2, no server key; trustees 1 and 2 decrypt with `election decrypt-threshold`',
          cpu_time_source: 'GNU time (/usr/bin/time -f "%U %S") around each command: 10 ms resolution',
          threads: 1,
        }
      : null,
    belenios_unavailable_reason: belenios.ok ? undefined : belenios.reason,
    per_round: rounds,
    machine: machineRecord(loadAtStart, 'os.loadavg() (1, 5, 15 min) when the run started and ended (and per round in per_round); other jobs share this machine'),
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'peer.json'), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify({ cpu_ms_per_ballot: result.cpu_ms_per_ballot, ballot_bytes: result.ballot_bytes, machine: result.machine }, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
