import type { Group, GroupElement } from './group';
import { ristretto255Noble } from './ristretto255-noble';

/**
 * The group protocol code uses. ristretto255 over @noble/curves (pure JavaScript, the same in
 * the voter's browser) unless a process selects another backend of the SAME group at start-up
 * with `useGroupBackend` (the verifier and the tally's worker threads may use libsodium's WASM
 * build, ristretto255-libsodium.ts). Encodings, hashes and every protocol result are identical
 * across backends; only speed differs.
 *
 * Elements are backend objects and never mix, so the backend is chosen once, before the first
 * element exists: a second, different choice is refused.
 */
let backend: Group = ristretto255Noble;
let chosen = false;

export function useGroupBackend(next: Group): void {
  if (next === backend) return;
  if (next.name !== backend.name || next.order !== backend.order || next.elementBytes !== backend.elementBytes) {
    throw new Error(`group backend ${next.name} is not the group ${backend.name}`);
  }
  if (chosen) throw new Error(`the group backend was already chosen (${backend.implementation})`);
  backend = next;
  chosen = true;
}

export const group: Group = {
  get name() { return backend.name; },
  get implementation() { return backend.implementation; },
  get order() { return backend.order; },
  get elementBytes() { return backend.elementBytes; },
  get scalarBytes() { return backend.scalarBytes; },
  get identity(): GroupElement { return backend.identity; },
  get generator(): GroupElement { return backend.generator; },
  add: (a, b) => backend.add(a, b),
  sub: (a, b) => backend.sub(a, b),
  neg: (a) => backend.neg(a),
  mul: (a, k) => backend.mul(a, k),
  mulPublic: (a, k) => backend.mulPublic(a, k),
  msm: (elements, scalars) => backend.msm(elements, scalars),
  fixedBase: (base, window) => backend.fixedBase(base, window),
  fixedBaseInSlices: (base, window) => backend.fixedBaseInSlices(base, window),
  equals: (a, b) => backend.equals(a, b),
  isIdentity: (a) => backend.isIdentity(a),
  encode: (a) => backend.encode(a),
  encodeMany: (elements) => backend.encodeMany(elements),
  decode: (bytes) => backend.decode(bytes),
  hashToElement: (tag, message) => backend.hashToElement(tag, message),
  fingerprints: (elements) => backend.fingerprints(elements),
};
