/**
 * What a witness answers to one add-checkpoint request (C2SP tlog-witness; docs/spec/log.md
 * §8.2), given what it cosigned before for that origin. Pure: the server (witness-server.ts)
 * reads the state, asks this, then persists the new state before answering 200, and writes the
 * fork evidence this returns. Order of checks, each with its status:
 *   malformed body or note 400 · unknown origin 404 · no valid log signature 403 ·
 *   old size > checkpoint size 400 · old size ≠ my size 409 (body: my size) ·
 *   size 0 with another root, proof from 0 not empty, same size with another root or with a
 *   proof, or a
 *   consistency proof that does not verify against my root 422.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { parseCheckpointText, type Checkpoint } from '../ledger/checkpoint/checkpoint-format';
import { cosignCheckpoint } from '../ledger/checkpoint/cosignature';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { NoteError, type NoteVerifierKey, openSignedNote, parseSignedNote } from '../ledger/checkpoint/signed-note';
import { fromBase64, toBase64 } from '../ledger/merkle/encoding';
import { bytesEqual } from '../ledger/merkle/hash';
import { verifyConsistency } from '../ledger/merkle/verify';
import type { Bilingual } from '../messages/catalog';
import { messagesOf } from '../messages/catalog';
import { witnessMessages } from '../messages/witness.messages';
import { MalformedRequestError, parseAddCheckpoint } from './add-checkpoint-request';

const m = messagesOf(witnessMessages);

/** What a witness remembers per origin: the latest checkpoint it cosigned. */
export interface WitnessState {
  origin: string;
  size: number;
  /** base64 */
  rootHash: string;
  /** The log-signed note it cosigned, as the log submitted it. */
  note: string;
  /** POSIX seconds of its cosignature. */
  cosignedAt: number;
}

/** Both signed views and the proof the log gave: what a court or an observer needs. */
export interface ForkEvidence {
  origin: string;
  reason: 'same_size_other_root' | 'inconsistent' | 'bad_empty_root';
  detectedAt: number;
  /** What this witness had cosigned before (log-signed). */
  cosigned: { size: number; rootHash: string; note: string };
  /** What the log submitted now (log-signed), with its claimed old size and proof. */
  submitted: { oldSize: number; proof: string[]; size: number; rootHash: string; note: string };
}

export type WitnessAnswer =
  | { status: 200; body: string; state: WitnessState }
  | { status: 409; size: number; message: Bilingual }
  | { status: 400 | 403 | 404 | 422; error: string; message: Bilingual; evidence?: ForkEvidence };

const EMPTY_ROOT = sha256(new Uint8Array(0));

/** The origin line of a note, when the note at least has one; used to pick the state to load. */
export function originOf(body: string): string | undefined {
  const blank = body.indexOf('\n\n');
  if (blank < 0) return undefined;
  const note = body.slice(blank + 2);
  const nl = note.indexOf('\n');
  return nl > 0 ? note.slice(0, nl) : undefined;
}

export async function decideAddCheckpoint(
  body: string,
  logs: ReadonlyMap<string, NoteVerifierKey>,
  state: WitnessState | undefined,
  signer: NoteSigner,
  nowSeconds: number,
): Promise<WitnessAnswer> {
  const refuse = (status: 400 | 403 | 404 | 422, error: string, message: Bilingual, evidence?: ForkEvidence): WitnessAnswer => ({ status, error, message, evidence });
  let request;
  let checkpoint: Checkpoint;
  try {
    request = parseAddCheckpoint(body);
    checkpoint = parseCheckpointText(parseSignedNote(request.note).text);
  } catch (err) {
    if (err instanceof MalformedRequestError) return refuse(400, 'malformed', m.pair('add.malformed', { detail: err.detail }));
    if (err instanceof NoteError) return refuse(400, 'malformed', m.pair('add.malformed', { detail: err.message }));
    throw err;
  }
  const { origin } = checkpoint;
  const key = logs.get(origin);
  if (!key) return refuse(404, 'unknown_origin', m.pair('add.unknownOrigin', { origin }));
  try {
    openSignedNote(request.note, key);
  } catch {
    return refuse(403, 'bad_signature', m.pair('add.badSignature', { origin }));
  }
  const { oldSize, proof } = request;
  if (oldSize > checkpoint.size) return refuse(400, 'old_size_too_large', m.pair('add.oldSizeTooLarge', { old: oldSize, size: checkpoint.size }));
  const mySize = state?.size ?? 0;
  if (oldSize !== mySize) return { status: 409, size: mySize, message: m.pair('add.conflict', { size: mySize }) };
  const evidence = (reason: ForkEvidence['reason']): ForkEvidence => ({
    origin,
    reason,
    detectedAt: nowSeconds,
    cosigned: state ? { size: state.size, rootHash: state.rootHash, note: state.note } : { size: 0, rootHash: toBase64(EMPTY_ROOT), note: '' },
    submitted: { oldSize, proof: proof.map(toBase64), size: checkpoint.size, rootHash: toBase64(checkpoint.rootHash), note: request.note },
  });
  if (checkpoint.size === 0 && !bytesEqual(checkpoint.rootHash, EMPTY_ROOT)) return refuse(422, 'bad_empty_root', m.pair('add.emptyRoot'), evidence('bad_empty_root'));
  if (oldSize === 0) {
    if (proof.length > 0) return refuse(422, 'proof_from_zero', m.pair('add.proofFromZero'));
  } else if (oldSize === checkpoint.size) {
    if (toBase64(checkpoint.rootHash) !== state!.rootHash) {
      return refuse(422, 'same_size_other_root', m.pair('add.sameSizeOtherRoot', { size: oldSize }), evidence('same_size_other_root'));
    }
    // The same tree with a proof attached is a confused client, not a fork: no evidence.
    if (proof.length > 0) return refuse(422, 'proof_same_size', m.pair('add.proofSameSize'));
  } else {
    try {
      verifyConsistency(oldSize, checkpoint.size, proof, fromBase64(state!.rootHash), checkpoint.rootHash);
    } catch {
      return refuse(422, 'inconsistent', m.pair('add.inconsistent', { old: oldSize, size: checkpoint.size }), evidence('inconsistent'));
    }
  }
  const text = parseSignedNote(request.note).text;
  const line = await cosignCheckpoint(text, signer, nowSeconds);
  return {
    status: 200,
    body: `${line}\n`,
    state: { origin, size: checkpoint.size, rootHash: toBase64(checkpoint.rootHash), note: request.note, cosignedAt: nowSeconds },
  };
}

