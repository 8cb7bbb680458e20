import { group } from './active-group';
import type { FixedBase, GroupElement } from './group';

/**
 * Exponential ElGamal under the election public key K = s·G:
 *   Enc(m; r) = (α, β) = (r·G, m·G + r·K)
 * Adding ciphertexts adds plaintexts, which is what makes the tally homomorphic; the price is
 * a small discrete log (m ≤ number of voters) at decryption.
 */
export interface Ciphertext {
  /** α = r·G */
  readonly alpha: GroupElement;
  /** β = m·G + r·K */
  readonly beta: GroupElement;
}

/** Fixed-base tables for G and K: the encrypting side never needs a variable-base multiply. */
export interface EncryptionTables {
  readonly g: FixedBase;
  readonly k: FixedBase;
}

/** The generator's table, per window width asked for (undefined: the backend's default). */
const generatorTables = new Map<number | undefined, FixedBase>();
export function generatorBase(window?: number): FixedBase {
  return untilDone(generatorBaseInSlices(window));
}

/** The generator's table, built in slices the first time (and again if the process switched
 * group backends since: active-group.ts), kept for later calls. */
function* generatorBaseInSlices(window: number | undefined): Generator<void, FixedBase, undefined> {
  let table = generatorTables.get(window);
  if (table?.base !== group.generator) generatorTables.set(window, (table = yield* group.fixedBaseInSlices(group.generator, window)));
  return table;
}

/** Runs work that comes in slices without pausing between them. */
function untilDone<T>(slices: Generator<void, T, undefined>): T {
  for (;;) {
    const next = slices.next();
    if (next.done) return next.value;
  }
}

/**
 * `window`: bits per table window, for backends that build tables (ristretto255-noble-msm.ts).
 * The booth builds narrower ones in slices (encryptionTablesInSlices, BOOTH_FIXED_BASE_WINDOW); a
 * thread encrypting many ballots passes a wider one (WIDE_FIXED_BASE_WINDOW). Same bytes either way.
 */
export function encryptionTables(publicKey: GroupElement, options: { window?: number } = {}): EncryptionTables {
  return { g: generatorBase(options.window), k: group.fixedBase(publicKey, options.window) };
}

/**
 * The same tables a slice at a time (Group.fixedBaseInSlices), for the booth: the page yields to
 * the browser between slices, so the voter can read and mark the ballot while they are built.
 * The generator's table is kept for later calls, as generatorBase does.
 */
export function* encryptionTablesInSlices(publicKey: GroupElement, options: { window?: number } = {}): Generator<void, EncryptionTables, undefined> {
  const g = yield* generatorBaseInSlices(options.window);
  yield;
  return { g, k: yield* group.fixedBaseInSlices(publicKey, options.window) };
}

export function encrypt(tables: EncryptionTables, m: bigint, r: bigint): Ciphertext {
  return { alpha: tables.g.mul(r), beta: plusMessage(tables, m, tables.k.mul(r)) };
}

/**
 * m·G + rK. A ballot's messages are 0 and 1: adding the identity or G itself costs one addition
 * at most, where a table multiplication costs a full pass over its windows (an eighth of an
 * option's encryption). Same element, so the same bytes, as g.mul(m) + rK.
 */
export function plusMessage(tables: EncryptionTables, m: bigint, rK: GroupElement): GroupElement {
  if (m === 0n) return rK;
  if (m === 1n) return group.add(tables.g.base, rK);
  return group.add(tables.g.mul(m), rK);
}

export function addCiphertexts(a: Ciphertext, b: Ciphertext): Ciphertext {
  return { alpha: group.add(a.alpha, b.alpha), beta: group.add(a.beta, b.beta) };
}

/** The encryption of 0 with nonce 0: where homomorphic sums start. */
export const zeroCiphertext = (): Ciphertext => ({ alpha: group.identity, beta: group.identity });

export function ciphertextsEqual(a: Ciphertext, b: Ciphertext): boolean {
  return group.equals(a.alpha, b.alpha) && group.equals(a.beta, b.beta);
}
