import {
  createRound1,
  createRound2,
  finalizeTrustee,
  receiveRound1,
  receiveShare,
  type CeremonyParams,
  type CeremonyTranscript,
  type Complaint,
  type Round1Message,
  type Round2Message,
  type TrusteeKeyMaterial,
  type TrusteeSecrets,
} from '../../../../src/domain/crypto/ceremony';
import type { ScalarSource } from '../../../../src/domain/crypto/proofs/dleq';
import { randomScalar } from '../../../../src/domain/crypto/scalar';

/**
 * Runs a whole ceremony the way n trustees would, each step through the public functions,
 * with an optional hook to make one dealer misbehave in round 2 (tests of complaints).
 */
export interface SimulatedCeremony {
  readonly params: CeremonyParams;
  readonly round1: Round1Message[];
  readonly round2: Round2Message[];
  readonly complaints: Complaint[];
  readonly secrets: Map<number, TrusteeSecrets>;
  readonly accepted: Map<number, Map<number, bigint>>;
  readonly transcript: CeremonyTranscript;
  /** Every trustee's finalize result (undefined if the ceremony failed). */
  readonly keys?: Map<number, TrusteeKeyMaterial>;
}

export function simulateCeremony(
  params: CeremonyParams,
  options: {
    scalars?: ScalarSource;
    /** Called for each dealer in order 1…n with its honest message and the (possibly tampered)
     * messages of the dealers before it, as a dealer dealing last would see them. */
    tamperRound2?: (message: Round2Message, participants: ReturnType<typeof receiveRound1>['participants'], earlier: readonly Round2Message[]) => Round2Message;
    /** Extra complaints appended (e.g. false ones). */
    extraComplaints?: (sim: Omit<SimulatedCeremony, 'transcript' | 'keys' | 'complaints'>) => Complaint[];
  } = {},
): SimulatedCeremony {
  const scalars = options.scalars ?? randomScalar;
  const secrets = new Map<number, TrusteeSecrets>();
  const round1: Round1Message[] = [];
  for (let i = 1; i <= params.n; i++) {
    const r = createRound1(params, i, scalars);
    round1.push(r.message);
    secrets.set(i, r.secrets);
  }
  const { participants } = receiveRound1(params, round1);
  const round2: Round2Message[] = [];
  for (const s of secrets.values()) {
    const m = createRound2(params, s, participants, scalars);
    round2.push(options.tamperRound2 ? options.tamperRound2(m, participants, [...round2]) : m);
  }
  const complaints: Complaint[] = [];
  const accepted = new Map<number, Map<number, bigint>>();
  for (const [j, s] of secrets) {
    const mine = new Map<number, bigint>();
    for (const m of round2) {
      if (m.dealer === j) continue;
      const receipt = receiveShare(params, s, participants, m, scalars);
      if (receipt.kind === 'accepted') mine.set(receipt.dealer, receipt.share);
      else if (receipt.kind === 'complaint') complaints.push(receipt.complaint);
    }
    accepted.set(j, mine);
  }
  const partial = { params, round1, round2, secrets, accepted };
  complaints.push(...(options.extraComplaints?.(partial) ?? []));
  const transcript: CeremonyTranscript = { params, round1, round2, complaints };
  let keys: Map<number, TrusteeKeyMaterial> | undefined;
  try {
    keys = new Map([...secrets].map(([j, s]) => [j, finalizeTrustee(transcript, s, accepted.get(j)!)]));
  } catch {
    keys = undefined;
  }
  return { ...partial, complaints, transcript, keys };
}
