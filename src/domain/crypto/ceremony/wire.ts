import { group } from '../active-group';
import type { GroupElement } from '../group';
import { fromHex, toHex } from '../hash';
import { decodeScalar, encodeScalar } from '../scalar';
import type { DleqProof } from '../proofs/dleq';

/**
 * The wire form of the ceremony and tally artefacts: JSON values whose group elements and
 * scalars are lowercase hexadecimal of their fixed-length encodings (32 bytes each). Readers
 * here never throw: hostile input (not a string, bad hex, wrong length, a non-canonical point,
 * a scalar ≥ ℓ) becomes a `Failure` that says which field and why, so verifiers can report it.
 */
export interface Failure {
  /** Stable machine-readable name of the check that failed, e.g. "round1.coefficient-proof". */
  readonly check: string;
  /** The trustee the failure is attributed to, when there is one. */
  readonly trustee?: number;
  /** JSON path of the offending field, e.g. "commitments[1]". */
  readonly field?: string;
  readonly reason: string;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: Failure };

export interface HexProof {
  readonly challenge: string;
  readonly response: string;
}

const fail = (check: string, field: string, reason: string, trustee?: number): { ok: false; failure: Failure } => ({
  ok: false,
  failure: trustee === undefined ? { check, field, reason } : { check, trustee, field, reason },
});

function bytesOf(hex: unknown, length: number): Uint8Array | string {
  if (typeof hex !== 'string') return `expected a hexadecimal string, got ${hex === null ? 'null' : typeof hex}`;
  try {
    return fromHex(hex, length);
  } catch (err) {
    return (err as Error).message;
  }
}

export function readElement(hex: unknown, check: string, field: string, trustee?: number): Parsed<GroupElement> {
  const bytes = bytesOf(hex, group.elementBytes);
  if (typeof bytes === 'string') return fail(check, field, bytes, trustee);
  try {
    return { ok: true, value: group.decode(bytes) };
  } catch (err) {
    return fail(check, field, (err as Error).message, trustee);
  }
}

export function readScalar(hex: unknown, check: string, field: string, trustee?: number): Parsed<bigint> {
  const bytes = bytesOf(hex, group.scalarBytes);
  if (typeof bytes === 'string') return fail(check, field, bytes, trustee);
  try {
    return { ok: true, value: decodeScalar(bytes) };
  } catch (err) {
    return fail(check, field, (err as Error).message, trustee);
  }
}

export function readBytes(hex: unknown, length: number, check: string, field: string, trustee?: number): Parsed<Uint8Array> {
  const bytes = bytesOf(hex, length);
  return typeof bytes === 'string' ? fail(check, field, bytes, trustee) : { ok: true, value: bytes };
}

export function readProof(value: unknown, check: string, field: string, trustee?: number): Parsed<DleqProof> {
  if (typeof value !== 'object' || value === null) return fail(check, field, 'expected an object {challenge, response}', trustee);
  const v = value as Record<string, unknown>;
  const c = readScalar(v.challenge, check, `${field}.challenge`, trustee);
  if (!c.ok) return c;
  const z = readScalar(v.response, check, `${field}.response`, trustee);
  if (!z.ok) return z;
  return { ok: true, value: { challenge: c.value, response: z.value } };
}

/** A trustee index: an integer in [1, n]. */
export function readIndex(value: unknown, n: number, check: string, field: string): Parsed<number> {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > n) {
    return fail(check, field, `expected a trustee index between 1 and ${n}, got ${JSON.stringify(value)}`);
  }
  return { ok: true, value };
}

export const elementHex = (e: GroupElement): string => toHex(group.encode(e));
export const scalarHex = (k: bigint): string => toHex(encodeScalar(k));
export const proofHex = (p: DleqProof): HexProof => ({ challenge: scalarHex(p.challenge), response: scalarHex(p.response) });
