import { group } from '../active-group';
import type { GroupElement } from '../group';
import { u32 } from '../hash';
import { randomScalar } from '../scalar';
import type { ScalarSource } from '../proofs/dleq';
import { CeremonyTags } from './ceremony-tags';
import { MESSAGE_VERSION, ROUND1_TYPE, type Round1Message, type TrusteeSecrets } from './messages';
import { assertCeremonyParams, ceremonyContext, type CeremonyParams } from './parameters';
import { proveKnowledge, verifyKnowledge } from './schnorr';
import { secretTimesGenerator } from './secret-base';
import { elementHex, proofHex, readElement, readIndex, readProof, scalarHex, type Failure } from './wire';

/** A verified round-1 message, decoded. */
export interface Round1Parsed {
  readonly trustee: number;
  readonly commitments: readonly GroupElement[];
  readonly transportKey: GroupElement;
}

export type Round1Verification =
  | { readonly ok: true; readonly parsed: Round1Parsed }
  | { readonly ok: false; readonly trustee?: number; readonly failures: readonly Failure[] };

const coefficientContext = (ctx: Uint8Array, i: number, k: number) => [ctx, u32(i), u32(k)];
const transportContext = (ctx: Uint8Array, i: number) => [ctx, u32(i)];

/** Trustee i's first step: a random polynomial of degree t − 1, its commitments and proofs,
 * and a transport key pair. Returns the public message and the secrets to keep. */
export function createRound1(
  params: CeremonyParams,
  trustee: number,
  scalars: ScalarSource = randomScalar,
): { message: Round1Message; secrets: TrusteeSecrets } {
  assertCeremonyParams(params);
  if (!Number.isInteger(trustee) || trustee < 1 || trustee > params.n) throw new RangeError(`trustee must be in [1, ${params.n}]`);
  const ctx = ceremonyContext(params);
  const coefficients = Array.from({ length: params.t }, () => scalars());
  const transportSecret = scalars();
  const message: Round1Message = {
    type: ROUND1_TYPE,
    version: MESSAGE_VERSION,
    ceremonyId: params.ceremonyId,
    trustee,
    commitments: coefficients.map((a) => elementHex(secretTimesGenerator(a))),
    coefficientProofs: coefficients.map((a, k) =>
      proofHex(proveKnowledge(CeremonyTags.coefficientProof, coefficientContext(ctx, trustee, k), a, scalars)),
    ),
    transportKey: elementHex(secretTimesGenerator(transportSecret)),
    transportKeyProof: proofHex(proveKnowledge(CeremonyTags.transportKeyProof, transportContext(ctx, trustee), transportSecret, scalars)),
  };
  return {
    message,
    secrets: { ceremonyId: params.ceremonyId, trustee, coefficients: coefficients.map(scalarHex), transportSecret: scalarHex(transportSecret) },
  };
}

/** Checks one round-1 message completely; every failure names the trustee and the field. */
export function verifyRound1Message(params: CeremonyParams, message: unknown): Round1Verification {
  const failures: Failure[] = [];
  if (typeof message !== 'object' || message === null) {
    return { ok: false, failures: [{ check: 'round1.shape', reason: 'expected an object' }] };
  }
  const m = message as Record<string, unknown>;
  const index = readIndex(m.trustee, params.n, 'round1.trustee', 'trustee');
  if (!index.ok) return { ok: false, failures: [index.failure] };
  const i = index.value;
  if (m.type !== ROUND1_TYPE || m.version !== MESSAGE_VERSION) {
    failures.push({ check: 'round1.type', trustee: i, field: 'type', reason: `expected ${ROUND1_TYPE} version ${MESSAGE_VERSION}` });
  }
  if (m.ceremonyId !== params.ceremonyId) {
    failures.push({ check: 'round1.ceremony-id', trustee: i, field: 'ceremonyId', reason: 'belongs to another ceremony' });
  }
  const ctx = ceremonyContext(params);
  const commitments: GroupElement[] = [];
  if (!Array.isArray(m.commitments) || m.commitments.length !== params.t) {
    failures.push({ check: 'round1.commitments', trustee: i, field: 'commitments', reason: `expected ${params.t} commitments` });
  } else if (!Array.isArray(m.coefficientProofs) || m.coefficientProofs.length !== params.t) {
    failures.push({ check: 'round1.coefficient-proof', trustee: i, field: 'coefficientProofs', reason: `expected ${params.t} proofs` });
  } else {
    for (let k = 0; k < params.t; k++) {
      const c = readElement(m.commitments[k], 'round1.commitment', `commitments[${k}]`, i);
      if (!c.ok) {
        failures.push(c.failure);
        continue;
      }
      commitments.push(c.value);
      const p = readProof(m.coefficientProofs[k], 'round1.coefficient-proof', `coefficientProofs[${k}]`, i);
      if (!p.ok) failures.push(p.failure);
      else if (!verifyKnowledge(CeremonyTags.coefficientProof, coefficientContext(ctx, i, k), c.value, p.value)) {
        failures.push({
          check: 'round1.coefficient-proof',
          trustee: i,
          field: `coefficientProofs[${k}]`,
          reason: `the proof of knowledge of coefficient ${k} does not verify against commitments[${k}]`,
        });
      }
    }
  }
  let transportKey: GroupElement | undefined;
  const e = readElement(m.transportKey, 'round1.transport-key', 'transportKey', i);
  if (!e.ok) failures.push(e.failure);
  else {
    transportKey = e.value;
    const p = readProof(m.transportKeyProof, 'round1.transport-key-proof', 'transportKeyProof', i);
    if (!p.ok) failures.push(p.failure);
    else if (!verifyKnowledge(CeremonyTags.transportKeyProof, transportContext(ctx, i), e.value, p.value)) {
      failures.push({ check: 'round1.transport-key-proof', trustee: i, field: 'transportKeyProof', reason: 'the proof of knowledge of the transport key does not verify' });
    }
    if (group.isIdentity(e.value)) failures.push({ check: 'round1.transport-key', trustee: i, field: 'transportKey', reason: 'the identity is not a key' });
  }
  if (failures.length > 0 || !transportKey) return { ok: false, trustee: i, failures };
  return { ok: true, parsed: { trustee: i, commitments, transportKey } };
}

/** Every trustee checks all round-1 messages before dealing; the result says who takes part.
 * A trustee with no message, two messages or an invalid one is left out (and named). */
export function receiveRound1(
  params: CeremonyParams,
  messages: readonly unknown[],
): { participants: Map<number, Round1Parsed>; failures: Failure[] } {
  assertCeremonyParams(params);
  const failures: Failure[] = [];
  const seen = new Map<number, number>();
  const valid = new Map<number, Round1Parsed>();
  for (const message of messages) {
    const v = verifyRound1Message(params, message);
    const trustee = v.ok ? v.parsed.trustee : v.trustee;
    if (trustee !== undefined) seen.set(trustee, (seen.get(trustee) ?? 0) + 1);
    if (v.ok) valid.set(v.parsed.trustee, v.parsed);
    else failures.push(...v.failures);
  }
  const participants = new Map<number, Round1Parsed>();
  for (let i = 1; i <= params.n; i++) {
    const count = seen.get(i) ?? 0;
    if (count === 0) failures.push({ check: 'round1.missing', trustee: i, reason: 'no round-1 message' });
    else if (count > 1) failures.push({ check: 'round1.duplicate', trustee: i, reason: `${count} round-1 messages; exactly one is allowed` });
    else if (valid.has(i)) participants.set(i, valid.get(i)!);
  }
  return { participants, failures };
}
