/**
 * Builds tree hashes and proofs from stored complete-subtree hashes. The storage sits behind
 * `HashReader`, one batched read per proof, so a proof costs one round trip and O(log n) rows.
 */
import { type HashFn, emptyTreeRoot, hashChildren, nobleSha256 } from './hash';
import {
  type LeafRange,
  type NodeId,
  consistencyRanges,
  inclusionRanges,
  nodeKey,
  rootSubtrees,
  subtreesOf,
} from './tree-math';

export interface HashReader {
  /** The hashes of these complete subtrees, in the same order. Throws if one is missing. */
  readHashes(ids: NodeId[]): Promise<Uint8Array[]>;
}

/** Hash of a subtree given its complete parts largest first: H(p0, H(p1, … H(pk-1, pk))). */
export function foldSubtrees(parts: Uint8Array[], hash: HashFn = nobleSha256): Uint8Array {
  if (parts.length === 0) throw new Error('cannot fold zero subtrees');
  let acc = parts[parts.length - 1];
  for (let i = parts.length - 2; i >= 0; i--) acc = hashChildren(parts[i], acc, hash);
  return acc;
}

/** Reads the nodes of several groups in one batch (each node once); each group's hashes, in order. */
export async function readGroups(groups: NodeId[][], reader: HashReader): Promise<Uint8Array[][]> {
  const unique = new Map<string, NodeId>();
  for (const ids of groups) for (const id of ids) unique.set(nodeKey(id), id);
  const wanted = [...unique.values()];
  const found = await reader.readHashes(wanted);
  const byKey = new Map(wanted.map((id, i) => [nodeKey(id), found[i]]));
  return groups.map((ids) => ids.map((id) => byKey.get(nodeKey(id))!));
}

/** Reads every node the ranges need in one batch and returns each range's hash. */
export async function hashRanges(ranges: LeafRange[], reader: HashReader, hash: HashFn = nobleSha256): Promise<Uint8Array[]> {
  const groups = await readGroups(ranges.map(subtreesOf), reader);
  return groups.map((parts) => foldSubtrees(parts, hash));
}

export async function treeRoot(size: number, reader: HashReader, hash: HashFn = nobleSha256): Promise<Uint8Array> {
  if (size === 0) return emptyTreeRoot(hash);
  const ids = rootSubtrees(size);
  return foldSubtrees(await reader.readHashes(ids), hash);
}

export async function proveInclusion(index: number, size: number, reader: HashReader, hash: HashFn = nobleSha256): Promise<Uint8Array[]> {
  return hashRanges(inclusionRanges(index, size), reader, hash);
}

/** Empty proof when the sizes are equal; otherwise RFC 9162 PROOF(m, D[n]) with 0 < m < n. */
export async function proveConsistency(oldSize: number, newSize: number, reader: HashReader, hash: HashFn = nobleSha256): Promise<Uint8Array[]> {
  if (oldSize === newSize) return [];
  return hashRanges(consistencyRanges(oldSize, newSize), reader, hash);
}

export interface InclusionWithRoot {
  leafHash: Uint8Array;
  proof: Uint8Array[];
  root: Uint8Array;
}

/**
 * The inclusion proof, the leaf's hash (node (0, index)) and the tree's root, from one batch:
 * what the API answers, in one round trip instead of three (and without reading the leaf's
 * data, a few kilobytes for a ballot, to return its 32-byte hash).
 */
export async function proveInclusionWithRoot(index: number, size: number, reader: HashReader, hash: HashFn = nobleSha256): Promise<InclusionWithRoot> {
  const ranges = inclusionRanges(index, size);
  const groups = await readGroups([...ranges.map(subtreesOf), rootSubtrees(size), [{ level: 0, index }]], reader);
  const rootParts = groups[ranges.length];
  return {
    proof: groups.slice(0, ranges.length).map((parts) => foldSubtrees(parts, hash)),
    root: foldSubtrees(rootParts, hash),
    leafHash: groups[ranges.length + 1][0],
  };
}

export interface ConsistencyWithRoots {
  proof: Uint8Array[];
  oldRoot: Uint8Array;
  newRoot: Uint8Array;
}

/** The consistency proof (0 < oldSize ≤ newSize) and both roots, from one batch. */
export async function proveConsistencyWithRoots(oldSize: number, newSize: number, reader: HashReader, hash: HashFn = nobleSha256): Promise<ConsistencyWithRoots> {
  if (!(oldSize >= 1)) throw new RangeError(`no consistency proof from size ${oldSize}`);
  const ranges = oldSize === newSize ? [] : consistencyRanges(oldSize, newSize);
  const groups = await readGroups([...ranges.map(subtreesOf), rootSubtrees(oldSize), rootSubtrees(newSize)], reader);
  return {
    proof: groups.slice(0, ranges.length).map((parts) => foldSubtrees(parts, hash)),
    oldRoot: foldSubtrees(groups[ranges.length], hash),
    newRoot: foldSubtrees(groups[ranges.length + 1], hash),
  };
}
