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

/** Every BallotCast of the election, in ledger order, read page by page from the global order. */
export async function readCastBallots(store: EventStore, electionId: string, onPage?: (read: number, head: number) => void): Promise<CastBallot[]> {
  const prefix = ballotStream(electionId, '');
  const head = await store.head();
  const ballots: CastBallot[] = [];
  for (let from = 0; from < head; from += PAGE) {
    const page: RecordedEvent[] = await store.readAll({ from, limit: PAGE });
    for (const e of page) {
      if (e.type !== 'BallotCast' || !e.stream.startsWith(prefix)) continue;
      const data = e.data as { pseudonym: string; bindingNonce: string; credential: string; signature: string; styleId: string; ballot: EncryptedBallotJson };
      ballots.push({
        position: e.position, pseudonym: data.pseudonym, bindingNonce: data.bindingNonce, credential: data.credential, signature: data.signature,
        styleId: data.styleId, ballot: data.ballot,
      });
    }
    onPage?.(Math.min(from + PAGE, head), head);
  }
  return ballots;
}

/** The export's lines in their order (sorted by tracking code). */
export function ballotBoxLines(ballots: readonly { ballot: EncryptedBallotJson }[]): string[] {
  return ballots
    .map((b) => ({ code: String(b.ballot.trackingCode), line: `${canonicalJson(b.ballot)}\n` }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((x) => x.line);
}

export function ballotBoxHash(lines: readonly string[]): string {
  const h = createHash('sha256');
  for (const line of lines) h.update(line, 'utf8');
  return h.digest('hex');
}
