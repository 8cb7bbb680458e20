/**
 * The encrypted ballot box as exported at closing and recomputed at tally time
 * (docs/spec/record.md, "ballot-box.jsonl"):
 *
 *   one line per cast ballot: UTF-8(JCS(ballot)) ‖ 0x0A, where `ballot` is BallotCast.data.ballot
 *   (the urna/ballot/v3 JSON with its proofs, voter binding and tracking code; the pseudonym,
 *   credential, binding nonce and the voter's signature are in the BallotCast event, in the log);
 *   lines sorted by tracking code (ascending ASCII), so the file carries no casting order;
 *   ballotBoxHash = hex(SHA-256(all lines)).
 *
 * No identity is in it: a ballot's voter binding opens only to a pseudonym, which is public on
 * the roll.
 * The one definition of this rule: closing, the board's download, the tally and the record
 * export all use these functions.
 */
import { createHash } from 'node:crypto';
import type { EncryptedBallotJson } from '../domain/crypto/ballot/ballot-format';
import { ballotStream } from '../domain/voting/decider';
import type { EventStore, RecordedEvent } from '../ledger/event-store';
import { canonicalJson } from '../domain/shared/canonical-json';
import type { CastBy } from '../domain/crypto/ballot/verify-ballot';


export interface CastBallot {
  /** Ledger global position of the BallotCast event (its log leaf index). */
  position: number;
  pseudonym: string;
  /** Opens the ballot's voterBinding to the pseudonym and credential (BallotCast version 3). */
  bindingNonce: string;
  /** The public credential that signed the ballot, and the signature (BallotCast version 3). */
  credential: string;
  signature: string;
  styleId: string;
  ballot: EncryptedBallotJson;
}

/** What ballot verification checks a cast ballot against (its binding and its signature). */
export const castBy = (b: Pick<CastBallot, 'pseudonym' | 'credential' | 'bindingNonce' | 'signature'>): CastBy =>
  ({ pseudonym: b.pseudonym, credential: b.credential, bindingNonce: b.bindingNonce, signature: b.signature });

const PAGE = 5000;

/** Visits every event of the ledger in global order, page by page (the log is read once). */
export async function scanLedger(store: EventStore, visit: (e: RecordedEvent) => void, onPage?: (read: number, head: number) => void): Promise<void> {
  const head = await store.head();
  for (let from = 0; from < head; from += PAGE) {
    for (const e of await store.readAll({ from, limit: PAGE })) visit(e);
    onPage?.(Math.min(from + PAGE, head), head);
  }
}

/** The cast ballot a BallotCast of `electionId` records, or undefined for any other event. */
export function castBallotOf(e: RecordedEvent, electionId: string): CastBallot | undefined {
  if (e.type !== 'BallotCast' || !e.stream.startsWith(ballotStream(electionId, ''))) return undefined;
  const data = e.data as { pseudonym: string; bindingNonce: string; credential: string; signature: string; styleId: string; ballot: EncryptedBallotJson };
  return {
    position: e.position, pseudonym: data.pseudonym, bindingNonce: data.bindingNonce, credential: data.credential, signature: data.signature,
    styleId: data.styleId, ballot: data.ballot,
  };
}

/** Every BallotCast of the election, in ledger order. */
export async function readCastBallots(store: EventStore, electionId: string, onPage?: (read: number, head: number) => void): Promise<CastBallot[]> {
  const ballots: CastBallot[] = [];
  await scanLedger(store, (e) => {
    const cast = castBallotOf(e, electionId);
    if (cast) ballots.push(cast);
  }, onPage);
  return ballots;
}

/** The export's lines in their order (sorted by tracking code). */
export function ballotBoxLines(ballots: readonly { ballot: EncryptedBallotJson }[]): string[] {
  return ballotBoxLinesOf(ballots, ballots.map((b) => canonicalJson(b.ballot)));
}

/** The same lines from each ballot's canonical JSON already made (`canonical[i]` is
 * JCS(ballots[i].ballot)): the tally hashes them and hands the same texts to its workers. */
export function ballotBoxLinesOf(ballots: readonly { ballot: EncryptedBallotJson }[], canonical: readonly string[]): string[] {
  return ballots
    .map((b, i) => ({ code: String(b.ballot.trackingCode), line: `${canonical[i]}\n` }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((x) => x.line);
}

export function ballotBoxHash(lines: readonly string[]): string {
  const h = createHash('sha256');
  for (const line of lines) h.update(line, 'utf8');
  return h.digest('hex');
}
