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
import { acceptServedKey, type CheckpointTrust } from './checkpoint-trust';
import { parseReceiptText } from './receipt-store';

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

/** Why a check failed; the board explains each one to people (verification-errors.ts). */
export type ReceiptCheckCode =
  | 'bad_code'
  | 'not_a_ballot'
  | 'code_mismatch'
  | 'leaf_mismatch'
  | 'not_yet_checkpointed'
  /** The latest checkpoint's signature does not verify with the log's key. */
  | 'checkpoint_signature'
  /** The log's key is not one this page trusts (checkpoint-trust.ts). */
  | 'key_not_trusted'
  /** The checkpoint lacks the witness cosignatures this page requires (checkpoint-trust.ts). */
  | 'witnesses_missing'
  /** The receipt's own checkpoint is not a signed note of this log (malformed or forged). */
  | 'receipt_checkpoint'
  /** The inclusion proof does not lead to the signed root. */
  | 'inclusion_failed'
  /** The log's history was rewritten: the receipt's tree is not a prefix of the latest one. */
  | 'consistency_failed';

export class ReceiptCheckError extends Error {
  constructor(readonly code: ReceiptCheckCode, message: string) {
    super(message);
    this.name = 'ReceiptCheckError';
  }
}

/** Runs `step`, turning a thrown error into a ReceiptCheckError with `code` (the original
 * message kept for the details disclosure). */
function as<T>(code: ReceiptCheckCode, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof ReceiptCheckError) throw err;
    throw new ReceiptCheckError(code, err instanceof Error ? err.message : String(err));
  }
}

/**
 * The latest checkpoint, verified here: the log's key as the server states it, then the policy
 * `trust` decides whether that key and the note's cosignatures are enough (today: the served key
 * is accepted; pinning and witnesses plug in there), then the signature itself.
 */
export async function fetchVerifiedCheckpoint(api: LogApi, trust: CheckpointTrust = acceptServedKey): Promise<VerifiedCheckpoint> {
  const [keyInfo, note] = await Promise.all([api.getJson<{ vkey: string; keyId: string }>('/log/key'), api.getText('/log/checkpoint')]);
  const key = as('checkpoint_signature', () => parseVerifierKey(keyInfo.vkey));
  await trust.checkKey(keyInfo.vkey);
  const checkpoint = as('checkpoint_signature', () => openCheckpoint(note, key));
  await trust.checkCosignatures(note);
  return { checkpoint, note, key, keyId: keyInfo.keyId };
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
  as('inclusion_failed', () => verifyInclusion(found.logIndex, size, leafHash, proof.proof.map(fromBase64), latest.checkpoint.rootHash));
  const result: ReceiptCheck = {
    trackingCode: entryCode,
    logIndex: found.logIndex,
    leafHashHex: toHex(leafHash),
    treeSize: size,
    rootHex: toHex(latest.checkpoint.rootHash),
    castAt: found.castAt,
  };
  // The receipt file as downloaded (JSON) or its checkpoint note alone.
  const parsed = receiptCheckpointNote ? as('receipt_checkpoint', () => parseReceiptText(receiptCheckpointNote)) : {};
  // A receipt file names the position the service gave at casting: a ballot never moves.
  if (parsed.receipt?.logIndex !== undefined && parsed.receipt.logIndex !== found.logIndex) {
    throw new ReceiptCheckError('leaf_mismatch', `the receipt says position ${parsed.receipt.logIndex}, the log now says ${found.logIndex}`);
  }
  if (parsed.receipt && !parsed.receipt.trackingCode.startsWith(hexPrefix)) throw new ReceiptCheckError('code_mismatch', 'the receipt file is for another tracking code');
  const given = parsed.note;
  if (given && given.trim()) {
    const note = given.replace(/\r\n/g, '\n').replace(/\n*$/, '\n');
    const old = as('receipt_checkpoint', () => openCheckpoint(note, latest.key));
    if (old.size > size) throw new ReceiptCheckError('not_yet_checkpointed', 'your receipt checkpoint is newer than the latest one shown: reload the page');
    if (old.size === size) {
      if (!bytesEqual(old.rootHash, latest.checkpoint.rootHash)) as('consistency_failed', () => verifyConsistency(old.size, size, [], old.rootHash, latest.checkpoint.rootHash));
    } else {
      if (old.size <= found.logIndex) throw new ReceiptCheckError('receipt_checkpoint', `the receipt's checkpoint (size ${old.size}) does not cover the ballot at position ${found.logIndex}`);
      const c = await api.getJson<{ proof: string[] }>(`/log/proof/consistency?from=${old.size}&to=${size}`);
      as('consistency_failed', () => verifyConsistency(old.size, size, c.proof.map(fromBase64), old.rootHash, latest.checkpoint.rootHash));
    }
    result.consistentFrom = old.size;
  }
  return result;
}
