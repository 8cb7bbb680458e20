import { group } from '../active-group';
import { toHex } from '../hash';
import { randomScalar } from '../scalar';
import type { ScalarSource } from '../proofs/dleq';
import { createComplaint } from './complaint';
import { verifyEnvelopeKey } from './envelope-key-proof';
import { ROUND2_TYPE, ROUND2_VERSION, type Complaint, type Round2Message, type ShareEnvelope, type TrusteeSecrets } from './messages';
import { assertCeremonyParams, ceremonyContext, type CeremonyParams } from './parameters';
import { committedShareImage, evaluatePolynomial } from './polynomial';
import type { Round1Parsed } from './round1';
import { secretTimesGenerator } from './secret-base';
import { openShareWithSecret, recipientSharedSecret, sealShare, type SealedShare } from './share-envelope';
import { readBytes, readElement, readIndex, readProof, readScalar, elementHex, proofHex, type Failure } from './wire';
import { domainText } from '../../shared/domain-text';

/** Dealer i's second step: its share fᵢ(j) for every other participant j, each sealed to j's
 * transport key. `participants` is the result of receiveRound1 (the same for every trustee,
 * since it is computed from the public round-1 messages). */
export function createRound2(
  params: CeremonyParams,
  secrets: TrusteeSecrets,
  participants: ReadonlyMap<number, Round1Parsed>,
  scalars: ScalarSource = randomScalar,
): Round2Message {
  assertCeremonyParams(params);
  const coefficients = decodeSecrets(params, secrets).coefficients;
  const ctx = ceremonyContext(params);
  const dealer = secrets.trustee;
  const recipients = [...participants.keys()].filter((j) => j !== dealer).sort((a, b) => a - b);
  return {
    type: ROUND2_TYPE,
    version: ROUND2_VERSION,
    ceremonyId: params.ceremonyId,
    dealer,
    // Per envelope, in this order: r, then the nonce of its key proof (the published vectors rely on it).
    envelopes: recipients.map((j) => shareEnvelopeJson(j, sealShare(ctx, dealer, j, participants.get(j)!.transportKey, evaluatePolynomial(coefficients, j), scalars(), scalars))),
  };
}

/** An envelope in its wire form (messages.ts). */
export function shareEnvelopeJson(recipient: number, sealed: SealedShare): ShareEnvelope {
  return {
    recipient,
    ephemeralKey: elementHex(sealed.ephemeralKey),
    ciphertext: toHex(sealed.ciphertext),
    mac: toHex(sealed.mac),
    ephemeralKeyProof: proofHex(sealed.ephemeralKeyProof),
  };
}

export function decodeSecrets(params: CeremonyParams, secrets: TrusteeSecrets): { coefficients: bigint[]; transportSecret: bigint } {
  const bad = (what: string) => new Error(domainText.both('crypto.invalidTrusteeSecrets', { what }));
  if (secrets.ceremonyId !== params.ceremonyId) throw bad('they belong to another ceremony');
  if (secrets.coefficients.length !== params.t) throw bad(`expected ${params.t} coefficients`);
  const coefficients = secrets.coefficients.map((h, k) => {
    const s = readScalar(h, 'secrets', `coefficients[${k}]`);
    if (!s.ok) throw bad(s.failure.reason);
    return s.value;
  });
  const e = readScalar(secrets.transportSecret, 'secrets', 'transportSecret');
  if (!e.ok) throw bad(e.failure.reason);
  return { coefficients, transportSecret: e.value };
}

/** A dealer's round-2 message, checked in public: exactly one well-formed envelope for each
 * other participant, each with a valid proof of knowledge of its r. Whether the shares inside
 * are right only their recipients can tell. */
export type Round2Verification =
  | { readonly ok: true; readonly dealer: number; readonly envelopes: ReadonlyMap<number, SealedShare> }
  | { readonly ok: false; readonly dealer?: number; readonly failures: readonly Failure[] };

export function verifyRound2Message(params: CeremonyParams, participants: ReadonlySet<number>, message: unknown): Round2Verification {
  if (typeof message !== 'object' || message === null) return { ok: false, failures: [{ check: 'round2.shape', reason: 'expected an object' }] };
  const m = message as Record<string, unknown>;
  const index = readIndex(m.dealer, params.n, 'round2.dealer', 'dealer');
  if (!index.ok) return { ok: false, failures: [index.failure] };
  const i = index.value;
  const failures: Failure[] = [];
  const f = (check: string, field: string, reason: string) => failures.push({ check, trustee: i, field, reason });
  if (m.type !== ROUND2_TYPE) f('round2.type', 'type', `expected ${ROUND2_TYPE}`);
  else if (m.version === 1) {
    f('round2.version', 'version', `version 1 round-2 messages lack envelope proofs (ephemeralKeyProof); version ${ROUND2_VERSION} is required`);
  } else if (m.version !== ROUND2_VERSION) f('round2.version', 'version', `expected version ${ROUND2_VERSION}`);
  if (m.ceremonyId !== params.ceremonyId) f('round2.ceremony-id', 'ceremonyId', 'belongs to another ceremony');
  const ctx = ceremonyContext(params);
  const envelopes = new Map<number, SealedShare>();
  const malformedFor = new Set<number>();
  if (!Array.isArray(m.envelopes)) f('round2.envelopes', 'envelopes', 'expected an array');
  else {
    m.envelopes.forEach((raw: unknown, k) => {
      const at = `envelopes[${k}]`;
      if (typeof raw !== 'object' || raw === null) return f('round2.envelope', at, 'expected an object');
      const env = raw as Record<string, unknown>;
      const j = readIndex(env.recipient, params.n, 'round2.envelope', `${at}.recipient`);
      if (!j.ok) return f('round2.envelope', `${at}.recipient`, j.failure.reason);
      if (!participants.has(j.value) || j.value === i) return f('round2.envelope', `${at}.recipient`, `trustee ${j.value} is not a recipient`);
      if (envelopes.has(j.value)) return f('round2.envelope', `${at}.recipient`, `two envelopes for trustee ${j.value}`);
      const r = readElement(env.ephemeralKey, 'round2.envelope', `${at}.ephemeralKey`, i);
      const ct = readBytes(env.ciphertext, 32, 'round2.envelope', `${at}.ciphertext`, i);
      const mac = readBytes(env.mac, 32, 'round2.envelope', `${at}.mac`, i);
      const proof = readProof(env.ephemeralKeyProof, 'round2.envelope-proof', `${at}.ephemeralKeyProof`, i);
      for (const p of [r, ct, mac, proof]) if (!p.ok) failures.push(p.failure);
      if (!(r.ok && ct.ok && mac.ok && proof.ok)) {
        malformedFor.add(j.value);
        return;
      }
      const sealed: SealedShare = { ephemeralKey: r.value, ciphertext: ct.value, mac: mac.value, ephemeralKeyProof: proof.value };
      // The check that keeps complaints from being a Diffie-Hellman oracle (envelope-key-proof.ts).
      if (!verifyEnvelopeKey(ctx, i, j.value, sealed, proof.value)) {
        malformedFor.add(j.value);
        return f('round2.envelope-proof', `${at}.ephemeralKeyProof`, `the proof of knowledge of the ephemeral key for trustee ${j.value} does not verify`);
      }
      envelopes.set(j.value, sealed);
    });
    for (const j of participants) {
      if (j !== i && !envelopes.has(j) && !malformedFor.has(j)) {
        f('round2.envelope-missing', 'envelopes', `no envelope for trustee ${j}`);
      }
    }
  }
  return failures.length > 0 ? { ok: false, dealer: i, failures } : { ok: true, dealer: i, envelopes };
}

/** What trustee j concludes about dealer i's share. */
export type ShareReceipt =
  | { readonly kind: 'accepted'; readonly dealer: number; readonly share: bigint }
  /** The share is wrong: publish `complaint` (anyone can judge it from the transcript). */
  | { readonly kind: 'complaint'; readonly dealer: number; readonly reason: string; readonly complaint: Complaint }
  /** The dealer's messages are publicly invalid: every verifier disqualifies it, no complaint needed. */
  | { readonly kind: 'dealer-publicly-invalid'; readonly dealer: number; readonly failures: readonly Failure[] };

/** Trustee j opens dealer i's envelope and checks sᵢⱼ·G = Σₖ jᵏ·Cᵢₖ. It complains (revealing
 * S = eⱼ·R) only about a message that passed verifyRound2Message, so only about an R whose
 * dealer proved it knows r: a publicly invalid message gets no complaint, and no S. */
export function receiveShare(
  params: CeremonyParams,
  secrets: TrusteeSecrets,
  participants: ReadonlyMap<number, Round1Parsed>,
  dealerRound2: unknown,
  scalars: ScalarSource = randomScalar,
): ShareReceipt {
  const j = secrets.trustee;
  const { transportSecret } = decodeSecrets(params, secrets);
  const v = verifyRound2Message(params, new Set(participants.keys()), dealerRound2);
  const dealer = v.dealer ?? -1;
  if (!v.ok) return { kind: 'dealer-publicly-invalid', dealer, failures: v.failures };
  const dealerRound1 = participants.get(dealer);
  if (!dealerRound1) {
    return { kind: 'dealer-publicly-invalid', dealer, failures: [{ check: 'round2.not-a-participant', trustee: dealer, reason: 'the dealer has no valid round-1 message' }] };
  }
  const sealed = v.envelopes.get(j)!;
  const ctx = ceremonyContext(params);
  const sharedSecret = recipientSharedSecret(sealed, transportSecret);
  const opened = openShareWithSecret(ctx, dealer, j, sealed, sharedSecret);
  const complain = (reason: string): ShareReceipt => ({
    kind: 'complaint',
    dealer,
    reason,
    complaint: createComplaint(params, j, dealer, participants.get(j)!.transportKey, transportSecret, sealed, sharedSecret, scalars),
  });
  if (!opened.ok) return complain(opened.detail);
  if (!group.equals(secretTimesGenerator(opened.share), committedShareImage(dealerRound1.commitments, j))) {
    return complain('the share does not match the dealer’s commitments');
  }
  return { kind: 'accepted', dealer, share: opened.share };
}
