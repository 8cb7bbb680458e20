import { group } from '../active-group';
import { generatorBase } from '../elgamal';
import type { GroupElement } from '../group';
import { u32 } from '../hash';
import { proveDleq, verifyDleq, type ScalarSource } from '../proofs/dleq';
import { CeremonyTags } from './ceremony-tags';
import { COMPLAINT_TYPE, MESSAGE_VERSION, type Complaint } from './messages';
import { ceremonyContext, type CeremonyParams } from './parameters';
import { committedShareImage } from './polynomial';
import type { Round1Parsed } from './round1';
import { verifyRound2Message } from './round2';
import { openShareWithSecret, type SealedShare } from './share-envelope';
import { elementHex, proofHex, readElement, readIndex, readProof, scalarHex, type Failure } from './wire';

/**
 * Complaints and their judgement. Trustee j, unable to accept dealer i's share, reveals the
 * Diffie-Hellman secret S = eⱼ·R of that one envelope with a DLEQ proof that
 * log_G Eⱼ = log_R S (so S is the only value that opens it, and j's transport secret stays
 * hidden). Anyone holding the transcript then opens the envelope and decides:
 *   - the proof fails, or the envelope opens to a share that matches the commitments
 *     → the complaint is false: the complainant is named;
 *   - the MAC fails, the plaintext is not a scalar, or the share does not match the
 *     commitments → the dealer is named and leaves the qualified set.
 */
const complaintContext = (ctx: Uint8Array, dealer: number, complainant: number) => [ctx, u32(dealer), u32(complainant)];

export function createComplaint(
  params: CeremonyParams,
  complainant: number,
  dealer: number,
  transportKey: GroupElement,
  transportSecret: bigint,
  sealed: Pick<SealedShare, 'ephemeralKey'>,
  sharedSecret: GroupElement,
  scalars?: ScalarSource,
): Complaint {
  const proof = proveDleq(
    CeremonyTags.complaint,
    complaintContext(ceremonyContext(params), dealer, complainant),
    { g1: group.generator, h1: transportKey, g2: sealed.ephemeralKey, h2: sharedSecret },
    transportSecret,
    scalars,
  );
  return {
    type: COMPLAINT_TYPE,
    version: MESSAGE_VERSION,
    ceremonyId: params.ceremonyId,
    complainant,
    dealer,
    sharedSecret: elementHex(sharedSecret),
    proof: proofHex(proof),
  };
}

export type VerdictReason =
  // The complainant is at fault:
  | 'complaint-malformed'
  | 'complaint-proof-invalid'
  | 'share-valid'
  // The dealer is at fault:
  | 'dealer-round2-invalid'
  | 'envelope-mac-invalid'
  | 'share-not-a-scalar'
  | 'share-inconsistent-with-commitments';

export interface Verdict {
  readonly kind: 'verdict';
  readonly complainant: number;
  readonly dealer: number;
  readonly guilty: 'dealer' | 'complainant';
  /** The trustee found at fault (the dealer or the complainant). */
  readonly guiltyTrustee: number;
  readonly reason: VerdictReason;
  readonly detail: string;
  /** The share the envelope opened to, when it opened (it is public once S is). Hex scalar. */
  readonly revealedShare?: string;
}

/** A complaint so malformed that it names no valid complainant or dealer (or names a
 * non-participant): there is nobody to judge, only a failure to report. */
export interface UnjudgeableComplaint {
  readonly kind: 'unjudgeable';
  readonly failure: Failure;
}

export function judgeComplaint(
  params: CeremonyParams,
  complaint: unknown,
  participants: ReadonlyMap<number, Round1Parsed>,
  dealerRound2: unknown,
): Verdict | UnjudgeableComplaint {
  const unjudgeable = (field: string, reason: string): UnjudgeableComplaint => ({
    kind: 'unjudgeable',
    failure: { check: 'complaint.unjudgeable', field, reason },
  });
  if (typeof complaint !== 'object' || complaint === null) return unjudgeable('', 'expected an object');
  const c = complaint as Record<string, unknown>;
  const j = readIndex(c.complainant, params.n, 'complaint', 'complainant');
  if (!j.ok) return unjudgeable('complainant', j.failure.reason);
  const i = readIndex(c.dealer, params.n, 'complaint', 'dealer');
  if (!i.ok) return unjudgeable('dealer', i.failure.reason);
  const complainant = j.value;
  const dealer = i.value;
  if (!participants.has(complainant)) return unjudgeable('complainant', `trustee ${complainant} is not a participant`);
  if (!participants.has(dealer)) return unjudgeable('dealer', `trustee ${dealer} is not a participant`);
  if (complainant === dealer) return unjudgeable('dealer', 'a trustee cannot complain about itself');

  const verdict = (guilty: 'dealer' | 'complainant', reason: VerdictReason, detail: string, revealedShare?: bigint): Verdict => ({
    kind: 'verdict',
    complainant,
    dealer,
    guilty,
    guiltyTrustee: guilty === 'dealer' ? dealer : complainant,
    reason,
    detail,
    ...(revealedShare === undefined ? {} : { revealedShare: scalarHex(revealedShare) }),
  });

  if (c.type !== COMPLAINT_TYPE || c.version !== MESSAGE_VERSION || c.ceremonyId !== params.ceremonyId) {
    return verdict('complainant', 'complaint-malformed', `expected ${COMPLAINT_TYPE} version ${MESSAGE_VERSION} of ceremony ${params.ceremonyId}`);
  }
  const s = readElement(c.sharedSecret, 'complaint', 'sharedSecret', complainant);
  if (!s.ok) return verdict('complainant', 'complaint-malformed', `sharedSecret: ${s.failure.reason}`);
  const proof = readProof(c.proof, 'complaint', 'proof', complainant);
  if (!proof.ok) return verdict('complainant', 'complaint-malformed', `${proof.failure.field}: ${proof.failure.reason}`);

  const round2 = verifyRound2Message(params, new Set(participants.keys()), dealerRound2);
  if (!round2.ok || round2.dealer !== dealer) {
    const why = round2.ok ? 'the round-2 message given is not the dealer’s' : round2.failures.map((f) => f.reason).join('; ');
    return verdict('dealer', 'dealer-round2-invalid', why);
  }
  const sealed = round2.envelopes.get(complainant)!;
  const ctx = ceremonyContext(params);
  const statement = { g1: group.generator, h1: participants.get(complainant)!.transportKey, g2: sealed.ephemeralKey, h2: s.value };
  if (!verifyDleq(CeremonyTags.complaint, complaintContext(ctx, dealer, complainant), statement, proof.value)) {
    return verdict('complainant', 'complaint-proof-invalid', 'the proof that sharedSecret opens the envelope does not verify');
  }
  const opened = openShareWithSecret(ctx, dealer, complainant, sealed, s.value);
  if (!opened.ok) return verdict('dealer', opened.reason === 'mac-invalid' ? 'envelope-mac-invalid' : 'share-not-a-scalar', opened.detail);
  const expected = committedShareImage(participants.get(dealer)!.commitments, complainant);
  if (!group.equals(generatorBase().mul(opened.share), expected)) {
    return verdict('dealer', 'share-inconsistent-with-commitments', `the share for trustee ${complainant} does not match dealer ${dealer}’s commitments`, opened.share);
  }
  return verdict('complainant', 'share-valid', `the envelope opens to a share that matches dealer ${dealer}’s commitments: the complaint is false`, opened.share);
}
