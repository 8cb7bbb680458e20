import type { Ciphertext } from '../elgamal';
import { elementHex, readElement, type Failure, type HexProof } from '../ceremony/wire';

/** Wire forms of the tally artefacts (docs/spec/crypto-ceremony-tally.md, "Tally"). */
export interface HexCiphertext {
  readonly alpha: string;
  readonly beta: string;
}

/** Trustee j's partial decryption Dⱼ = xⱼ·α of one option's total, with its DLEQ proof. */
export interface PartialDecryption {
  readonly trustee: number;
  readonly optionId: string;
  /** Dⱼ, hex element. */
  readonly share: string;
  /** DLEQ: log_G Xⱼ = log_α Dⱼ. */
  readonly proof: HexProof;
}

export const ciphertextHex = (c: Ciphertext): HexCiphertext => ({ alpha: elementHex(c.alpha), beta: elementHex(c.beta) });

export function readCiphertext(value: unknown, check: string, field: string): { ok: true; value: Ciphertext } | { ok: false; failure: Failure } {
  if (typeof value !== 'object' || value === null) return { ok: false, failure: { check, field, reason: 'expected an object {alpha, beta}' } };
  const v = value as Record<string, unknown>;
  const a = readElement(v.alpha, check, `${field}.alpha`);
  if (!a.ok) return a;
  const b = readElement(v.beta, check, `${field}.beta`);
  if (!b.ok) return b;
  return { ok: true, value: { alpha: a.value, beta: b.value } };
}

const OPTION_ID = /^[\x21-\x7e]{1,128}$/;
/** Option ids are 1–128 printable ASCII characters without spaces (they are hashed as UTF-8). */
export const isOptionId = (v: unknown): v is string => typeof v === 'string' && OPTION_ID.test(v);
