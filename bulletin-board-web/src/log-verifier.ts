/**
 * What the board checks in the voter's browser, with the same code an auditor uses
 * (src/ledger): the checkpoint's signature against the log's key, a receipt's leaf (its
 * public entry is recomputed and must be a BallotCast with that tracking code), its inclusion
 * proof against the verified checkpoint, and a consistency proof from the receipt's own
 * checkpoint to the latest one. Any failure throws; nothing is taken on the server's word.
 */
import { openCheckpoint, type Checkpoint } from '../../src/ledger/checkpoint/checkpoint-format';
import { parseVerifierKey, type NoteVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { fromBase64, toHex } from '../../src/ledger/merkle/encoding';
import { bytesEqual, hashLeaf } from '../../src/ledger/merkle/hash';
import { leafDataOfEntry, type LogEntry } from '../../src/ledger/merkle/leaf-encoding';
import { verifyConsistency, verifyInclusion } from '../../src/ledger/merkle/verify';
import { parseReadableTrackingCode, readableTrackingCode } from '../../src/domain/crypto/ballot/tracking-code';

export interface LogApi {
  getJson<T>(path: string): Promise<T>;
  getText(path: string): Promise<string>;
}

export interface VerifiedCheckpoint {
  checkpoint: Checkpoint;
  note: string;
  key: NoteVerifierKey;
  keyId: string;
}

export class ReceiptCheckError extends Error {
  constructor(readonly code: 'bad_code' | 'not_a_ballot' | 'code_mismatch' | 'leaf_mismatch' | 'not_yet_checkpointed', message: string) {
    super(message);
    this.name = 'ReceiptCheckError';
  }
}

export async function fetchVerifiedCheckpoint(api: LogApi): Promise<VerifiedCheckpoint> {
  const [keyInfo, note] = await Promise.all([api.getJson<{ vkey: string; keyId: string }>('/log/key'), api.getText('/log/checkpoint')]);
  const key = parseVerifierKey(keyInfo.vkey);
  return { checkpoint: openCheckpoint(note, key), note, key, keyId: keyInfo.keyId };
}

/** The typed code as the lookup wants it (64 hex digits, or the readable code in its canonical
 * form) and the hex the ballot's full tracking code must start with. */
export function normalizeTrackingCode(typed: string): { query: string; hexPrefix: string } {
  const trimmed = typed.trim().toLowerCase();
  if (/^[0-9a-f]{64}$/.test(trimmed)) return { query: trimmed, hexPrefix: trimmed };
  const prefix = parseReadableTrackingCode(typed);
  if (prefix) return { query: readableTrackingCode(prefix.padEnd(64, '0')), hexPrefix: prefix };
  throw new ReceiptCheckError('bad_code', 'not a tracking code (16 characters like 7K3Q-9XDF-2M8R-0AWZ, or 64 hex digits)');
}

export interface ReceiptCheck {
  trackingCode: string;
  logIndex: number;
  leafHashHex: string;
  treeSize: number;
  rootHex: string;
  castAt?: string;
  /** Set when the voter's receipt checkpoint was given and shown consistent with the latest. */
  consistentFrom?: number;
}

export async function checkReceipt(api: LogApi, typedCode: string, latest: VerifiedCheckpoint, receiptCheckpointNote?: string): Promise<ReceiptCheck> {
  const { query, hexPrefix } = normalizeTrackingCode(typedCode);
  const found = await api.getJson<{ trackingCode: string; logIndex: number; castAt?: string }>(`/api/board/receipts/${encodeURIComponent(query)}`);
  const size = latest.checkpoint.size;
  if (found.logIndex >= size) {
    throw new ReceiptCheckError('not_yet_checkpointed', `the ballot is at position ${found.logIndex}, the latest checkpoint covers ${size}: retry in a few seconds`);
  }
  // The leaf itself: recompute its hash from the published entry and read what it says.
  const page = await api.getJson<{ entries: { index: number; leafHash: string; entry: LogEntry }[] }>(`/log/entries?start=${found.logIndex}&end=${found.logIndex + 1}`);
  const item = page.entries[0];
  if (!item || item.index !== found.logIndex) throw new ReceiptCheckError('leaf_mismatch', 'the log did not return the entry at that position');
  const leafHash = hashLeaf(leafDataOfEntry(item.entry));
  const entry = item.entry;
  if (entry.visibility !== 'public' || entry.type !== 'BallotCast') throw new ReceiptCheckError('not_a_ballot', 'the entry at that position is not a cast ballot');
  const entryCode = (entry.data as { trackingCode?: unknown }).trackingCode;
  if (typeof entryCode !== 'string' || !entryCode.startsWith(hexPrefix)) throw new ReceiptCheckError('code_mismatch', 'the ballot at that position has another tracking code');
  // Inclusion in the tree whose signed root this browser verified.
  const proof = await api.getJson<{ leafIndex: number; treeSize: number; leafHash: string; proof: string[] }>(`/log/proof/inclusion?index=${found.logIndex}&size=${size}`);
  if (!bytesEqual(fromBase64(proof.leafHash), leafHash)) throw new ReceiptCheckError('leaf_mismatch', 'the proof is for another leaf');
  verifyInclusion(found.logIndex, size, leafHash, proof.proof.map(fromBase64), latest.checkpoint.rootHash);
  const result: ReceiptCheck = {
    trackingCode: entryCode,
    logIndex: found.logIndex,
    leafHashHex: toHex(leafHash),
    treeSize: size,
    rootHex: toHex(latest.checkpoint.rootHash),
    castAt: found.castAt,
  };
  if (receiptCheckpointNote && receiptCheckpointNote.trim()) {
    const note = receiptCheckpointNote.replace(/\r\n/g, '\n').replace(/\n*$/, '\n');
    const old = openCheckpoint(note, latest.key);
    if (old.size > size) throw new ReceiptCheckError('not_yet_checkpointed', 'your receipt checkpoint is newer than the latest one shown: reload the page');
    if (old.size === size) {
      if (!bytesEqual(old.rootHash, latest.checkpoint.rootHash)) verifyConsistency(old.size, size, [], old.rootHash, latest.checkpoint.rootHash);
    } else {
      const c = await api.getJson<{ proof: string[] }>(`/log/proof/consistency?from=${old.size}&to=${size}`);
      verifyConsistency(old.size, size, c.proof.map(fromBase64), old.rootHash, latest.checkpoint.rootHash);
    }
    result.consistentFrom = old.size;
  }
  return result;
}
