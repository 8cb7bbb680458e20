import { group } from '../../../../src/domain/crypto/active-group';
import {
  ceremonyContext,
  createComplaint,
  createRound1,
  createRound2,
  decodeSecrets,
  judgeComplaint,
  openShareWithSecret,
  receiveRound1,
  receiveShare,
  verifyCeremonyTranscript,
  type CeremonyParams,
  type CeremonyTranscript,
  type CeremonyVerification,
  type Complaint,
  type Round1Message,
  type Round1Parsed,
  type Round2Message,
  type ShareEnvelope,
  type ShareReceipt,
  type TrusteeSecrets,
} from '../../../../src/domain/crypto/ceremony';
import { committedShareImage } from '../../../../src/domain/crypto/ceremony/polynomial';
import { elementHex } from '../../../../src/domain/crypto/ceremony/wire';
import type { GroupElement } from '../../../../src/domain/crypto/group';
import { fromHex, toHex } from '../../../../src/domain/crypto/hash';
import { mod, randomScalar } from '../../../../src/domain/crypto/scalar';
import { lagrangeAtZero } from '../../../../src/domain/crypto/tally/lagrange';

/**
 * The complaint-oracle attack of the review (issue 12 §1), run with the repository's own
 * functions; only the corrupt dealers' envelopes are replaced.
 *
 * 3-of-5; trustees 4 and 5 are corrupt and deal last. In its envelope to each honest trustee j,
 * a corrupt dealer puts the ephemeral key R of an honest dealer m's envelope to j (copied, or
 * shifted to R + δ·G) with garbage for ciphertext and MAC. Were j to complain, it would
 * publish S = eⱼ·R (or eⱼ·(R + δ·G) = S + δ·Eⱼ), the key to m's envelope: one more share of
 * every honest polynomial, three with the corrupt trustees' own two, so every honest fᵢ(0) and
 * the election's private key. The envelope key proofs (crypto-ceremony-tally.md §3.3) make the
 * forged envelopes publicly invalid, so no honest trustee complains and nothing opens.
 */
const params: CeremonyParams = { ceremonyId: 'complaint-oracle-5-of-3', n: 5, t: 3 };
const HONEST = [1, 2, 3];
const CORRUPT = [4, 5];
/** TARGET[c][j]: the honest dealer whose envelope to j corrupt dealer c aims at (each corrupt
 * dealer alone covers every honest polynomial). */
const TARGET: Record<number, Record<number, number>> = { 4: { 1: 2, 2: 3, 3: 1 }, 5: { 1: 3, 2: 1, 3: 2 } };

type Variant = 'copy' | 'shift';

const el = (hex: string): GroupElement => group.decode(fromHex(hex, 32));
const garbage = (): string => toHex(crypto.getRandomValues(new Uint8Array(32)));

interface Run {
  readonly transcript: CeremonyTranscript;
  readonly verification: CeremonyVerification;
  readonly participants: ReadonlyMap<number, Round1Parsed>;
  readonly secrets: ReadonlyMap<number, TrusteeSecrets>;
  /** What honest trustee j concluded about corrupt dealer c: receipts.get(`${j}<-${c}`). */
  readonly receipts: ReadonlyMap<string, ShareReceipt>;
  /** The shift δ the corrupt dealer used for (c, j): the adversary's own knowledge. */
  readonly deltas: ReadonlyMap<string, bigint>;
  /** The forged envelopes' ephemeral keys, keyed `${c}->${j}`. */
  readonly forgedKeys: ReadonlyMap<string, GroupElement>;
}

function runAttack(variant: Variant): Run {
  const secrets = new Map<number, TrusteeSecrets>();
  const round1: Round1Message[] = [];
  for (let i = 1; i <= params.n; i++) {
    const r = createRound1(params, i);
    round1.push(r.message);
    secrets.set(i, r.secrets);
  }
  const { participants } = receiveRound1(params, round1);
  const honestRound2 = HONEST.map((i) => createRound2(params, secrets.get(i)!, participants));
  const deltas = new Map<string, bigint>();
  const forgedKeys = new Map<string, GroupElement>();
  // The corrupt dealers deal last, having read every honest envelope.
  const corruptRound2 = CORRUPT.map((c): Round2Message => {
    const m = createRound2(params, secrets.get(c)!, participants);
    return {
      ...m,
      envelopes: m.envelopes.map((e): ShareEnvelope => {
        if (!HONEST.includes(e.recipient)) return e;
        const j = e.recipient;
        const victim = honestRound2.find((x) => x.dealer === TARGET[c][j])!.envelopes.find((x) => x.recipient === j)!;
        let key = el(victim.ephemeralKey);
        if (variant === 'shift') {
          const delta = randomScalar();
          deltas.set(`${c}->${j}`, delta);
          key = group.add(key, group.mul(group.generator, delta));
        }
        forgedKeys.set(`${c}->${j}`, key);
        // The proof: the best the dealer has is the victim's (it cannot prove a key whose log it lacks).
        return { recipient: j, ephemeralKey: elementHex(key), ciphertext: garbage(), mac: garbage(), ephemeralKeyProof: victim.ephemeralKeyProof };
      }),
    };
  });
  const round2 = [...honestRound2, ...corruptRound2];
  // Honest trustees check every envelope and complain exactly as the code tells them to.
  const complaints: Complaint[] = [];
  const receipts = new Map<string, ShareReceipt>();
  for (const j of HONEST) {
    for (const m of round2) {
      if (m.dealer === j) continue;
      const receipt = receiveShare(params, secrets.get(j)!, participants, m);
      receipts.set(`${j}<-${m.dealer}`, receipt);
      if (receipt.kind === 'complaint') complaints.push(receipt.complaint);
    }
  }
  const transcript: CeremonyTranscript = { params, round1, round2, complaints };
  return { transcript, verification: verifyCeremonyTranscript(transcript), participants, secrets, receipts, deltas, forgedKeys };
}

/** An envelope of the transcript, decoded for openShareWithSecret. */
function sealedOf(transcript: CeremonyTranscript, dealer: number, recipient: number) {
  const e = transcript.round2.find((m) => m.dealer === dealer)!.envelopes.find((x) => x.recipient === recipient)!;
  return { ephemeralKey: el(e.ephemeralKey), ciphertext: fromHex(e.ciphertext, 32), mac: fromHex(e.mac, 32) };
}

/**
 * What the coalition {4, 5} can compute: its own secrets, plus every candidate key among
 * `leaked` (each revealed S, and S − δ·Eⱼ for every δ it used) tried on every envelope an
 * honest dealer sent an honest trustee. Returns the honest envelopes that opened, the honest
 * polynomials whose constant term it learned, and whether it learned the private key.
 */
function adversaryRecovers(run: Run, leaked: readonly { complainant: number; sharedSecret: GroupElement }[]) {
  const ctx = ceremonyContext(params);
  const candidates: GroupElement[] = [];
  for (const { complainant, sharedSecret } of leaked) {
    candidates.push(sharedSecret);
    const ej = run.participants.get(complainant)!.transportKey;
    for (const delta of run.deltas.values()) candidates.push(group.sub(sharedSecret, group.mul(ej, delta)));
  }
  const opened: string[] = [];
  const recoveredConstants = new Map<number, bigint>();
  for (const m of HONEST) {
    const commitments = run.participants.get(m)!.commitments;
    const points = new Map<number, bigint>();
    // The coalition's own shares of fₘ: it opens its envelopes with its transport secrets.
    for (const c of CORRUPT) {
      const receipt = receiveShare(params, run.secrets.get(c)!, run.participants, run.transcript.round2.find((x) => x.dealer === m));
      if (receipt.kind !== 'accepted') throw new Error(`corrupt trustee ${c} could not read honest dealer ${m}'s share`);
      points.set(c, receipt.share);
    }
    for (const j of HONEST) {
      if (j === m) continue;
      const sealed = sealedOf(run.transcript, m, j);
      for (const s of candidates) {
        const o = openShareWithSecret(ctx, m, j, sealed, s);
        if (o.ok && group.equals(group.mul(group.generator, o.share), committedShareImage(commitments, j))) {
          opened.push(`${m}->${j}`);
          points.set(j, o.share);
          break;
        }
      }
    }
    if (points.size >= params.t) {
      const use = [...points.keys()].slice(0, params.t);
      const lambdas = lagrangeAtZero(use);
      const a0 = use.reduce((acc, j) => mod(acc + lambdas.get(j)! * points.get(j)!), 0n);
      if (group.equals(group.mul(group.generator, a0), commitments[0])) recoveredConstants.set(m, a0);
    }
  }
  const qualified = run.verification.qualified;
  const known = (i: number) => (CORRUPT.includes(i) ? decodeSecrets(params, run.secrets.get(i)!).coefficients[0] : recoveredConstants.get(i));
  let recoveredKey = false;
  if (run.verification.publicKey && qualified.every((i) => known(i) !== undefined)) {
    const s = qualified.reduce((acc, i) => mod(acc + known(i)!), 0n);
    recoveredKey = elementHex(group.mul(group.generator, s)) === run.verification.publicKey;
  }
  return { opened, recoveredPolynomials: [...recoveredConstants.keys()], recoveredKey };
}

const fromTranscript = (run: Run) =>
  run.transcript.complaints.map((c) => ({ complainant: c.complainant, sharedSecret: el(c.sharedSecret) }));

describe.each<Variant>(['copy', 'shift'])('complaint oracle: corrupt dealers 4 and 5 %s an honest dealer’s R (3-of-5)', (variant) => {
  const run = runAttack(variant);

  it('the forged envelopes are publicly invalid: every verifier disqualifies dealers 4 and 5 for their envelope proofs', () => {
    expect(run.verification.ok).toBe(true);
    expect(run.verification.qualified).toEqual(HONEST);
    expect(run.verification.disqualified).toEqual(CORRUPT.map((c) => expect.objectContaining({ trustee: c, check: 'round2.envelope-proof' })));
    for (const c of CORRUPT) {
      const proofFailures = run.verification.failures.filter((f) => f.trustee === c && f.check === 'round2.envelope-proof');
      expect(proofFailures.map((f) => f.field)).toEqual(expect.arrayContaining(HONEST.map((j) => expect.stringMatching(/^envelopes\[\d\]\.ephemeralKeyProof$/))));
      expect(proofFailures).toHaveLength(HONEST.length);
    }
  });

  it('no honest trustee publishes S for a forged envelope: each finds the dealer publicly invalid and files nothing', () => {
    for (const j of HONEST) {
      for (const c of CORRUPT) {
        const receipt = run.receipts.get(`${j}<-${c}`)!;
        expect(receipt.kind).toBe('dealer-publicly-invalid');
      }
    }
    expect(run.transcript.complaints).toEqual([]);
  });

  it('no share of an honest polynomial becomes computable: every S in the transcript (and S − δ·Eⱼ) opens no honest envelope', () => {
    expect(adversaryRecovers(run, fromTranscript(run))).toEqual({ opened: [], recoveredPolynomials: [], recoveredKey: false });
  });

  it('control: had the honest trustees revealed S = eⱼ·R′ for the forged envelopes (as version 1 did), the same recovery gets every honest polynomial and the private key', () => {
    // The test (only the test) uses the honest trustees' transport secrets to compute what
    // version-1 complaints would have published; this proves the recovery above is not blind.
    const leaked = [...run.forgedKeys].map(([key, r]) => {
      const j = Number(key.split('->')[1]);
      return { complainant: j, sharedSecret: group.mul(r, decodeSecrets(params, run.secrets.get(j)!).transportSecret) };
    });
    const recovered = adversaryRecovers(run, leaked);
    expect(recovered.opened).toHaveLength(HONEST.length * 2);
    expect(recovered.recoveredPolynomials.sort()).toEqual(HONEST);
    expect(recovered.recoveredKey).toBe(true);
  });

  it('a complaint about a forged envelope, if someone filed one anyway, is judged against the dealer without opening anything', () => {
    const j = 1;
    const c = 4;
    const sj = decodeSecrets(params, run.secrets.get(j)!).transportSecret;
    const r = run.forgedKeys.get(`${c}->${j}`)!;
    const complaint = createComplaint(params, j, c, run.participants.get(j)!.transportKey, sj, { ephemeralKey: r }, group.mul(r, sj));
    const verdict = judgeComplaint(params, complaint, run.participants, run.transcript.round2.find((m) => m.dealer === c));
    expect(verdict).toMatchObject({ kind: 'verdict', guilty: 'dealer', guiltyTrustee: c, reason: 'dealer-round2-invalid' });
    expect(verdict).not.toHaveProperty('revealedShare');
  });
});
