/**
 * A trustee station's check of the exported ballot box, kept in its folder from the closing to
 * the tally ceremony (`urna trustee check-box`; docs/spec/trustee-station.md §2 and §3).
 *
 * Why: before it decrypts, a station verifies every ballot of the box and recomputes the totals
 * itself (src/tally/trustee-totals-check.ts). That is nearly all of a station's tally: about as
 * long as the service's own pass over the box (some 20 s per 10,000 ballots on 2 cores). The box
 * cannot change once the closing exported it, and what the check computes depends on the box
 * alone, so a station can make it as soon as the board publishes the box, hours before the
 * ceremony; at the ceremony it compares the totals it is asked to decrypt with the sums it kept.
 * Nothing is checked less: the same check, earlier, and an altered box is found at the closing
 * rather than in front of the observers.
 *
 * What makes the kept check trustworthy: the file is in the station folder, which can be copied
 * or written by someone without the token. So its digest is sealed by the token (AES-256-GCM under
 * the key of binding `<trusteeId>/box-check`, which never leaves the token): a file altered, moved
 * from another trustee's station or written without this token and its PIN does not open, and the
 * station refuses it (STATION_BOX_CHECK_ALTERED) rather than decrypt on its word. It serves only the
 * box the log names (its SHA-256 and count are BallotBoxExported's) under the context the service
 * shows now (manifest hash, election key and styles, else STATION_BOX_CHECK_OTHER_CONTEXT).
 */
import { createHash } from 'node:crypto';
import type { BallotStyle } from '../domain/crypto/ballot/ballot-style';
import type { SealedRecordJson } from '../domain/ceremony/events';
import type { HexCiphertext } from '../domain/crypto/tally/tally-wire';
import { canonicalJson } from '../domain/shared/canonical-json';
import type { RecomputedBallotBox } from '../tally/trustee-totals-check';
import type { TallyView } from '../tally/trustee-tally-view';
import { boxCheckBinding } from './station-bindings';
import { StationError } from './station-errors';
import type { StationToken } from './station-token';

export const BOX_CHECK_FORMAT = 'urna.trustee-box-check/1';

/** `box-checks/<sha256>.json` in the station folder. */
export interface SavedBoxCheck {
  format: typeof BOX_CHECK_FORMAT;
  electionId: string;
  trusteeIndex: number;
  /** The context the proofs were verified under, as the service showed it (hex). */
  manifestHash: string;
  publicKey: string;
  /** SHA-256 (hex) of the canonical JSON of the ballot styles the box was checked against. */
  stylesSha256: string;
  /** The box: its SHA-256 and its number of ballots, as recomputed from its bytes. */
  sha256: string;
  ballots: number;
  checkedAt: string;
  /** Per contest, in the styles' order: ballots holding it and the sums, options in ballot order. */
  contests: { contestId: string; ballots: number; optionIds: string[]; sums: HexCiphertext[] }[];
  /** SHA-256 of the canonical JSON of every member above, sealed by the token. */
  sealedDigest: SealedRecordJson;
}

/** Who the station is in this election (from the view, by its enrolled signing key). */
export interface BoxCheckOwner {
  electionId: string;
  trusteeIndex: number;
  trusteeId: string;
}

const stylesSha256 = (styles: readonly BallotStyle[]): string => createHash('sha256').update(canonicalJson(styles)).digest('hex');
const digestOf = (check: Omit<SavedBoxCheck, 'sealedDigest'>): Uint8Array => createHash('sha256').update(canonicalJson(check)).digest();

/** The check as it is kept: the recomputed box, its context, and its digest sealed by the token. */
export async function sealBoxCheck(token: StationToken, owner: BoxCheckOwner, view: TallyView, box: RecomputedBallotBox, checkedAt: string): Promise<SavedBoxCheck> {
  const check: Omit<SavedBoxCheck, 'sealedDigest'> = {
    format: BOX_CHECK_FORMAT,
    electionId: owner.electionId,
    trusteeIndex: owner.trusteeIndex,
    manifestHash: view.manifestHash,
    publicKey: view.publicKey,
    stylesSha256: stylesSha256(view.styles),
    sha256: box.sha256,
    ballots: box.ballots,
    checkedAt,
    contests: [...box.contests].map(([contestId, c]) => ({ contestId, ballots: c.ballots, optionIds: [...c.optionIds], sums: [...c.sums] })),
  };
  return { ...check, sealedDigest: await token.seal(digestOf(check), boxCheckBinding(owner.electionId, owner.trusteeId)) };
}

/**
 * The kept check as a recomputed box, once the token opened its digest and that digest is the
 * file's, and once it is this trustee's and of the context the service shows now. Which box it is
 * (hash and count) the caller compares with the log's BallotBoxExported.
 */
export async function openBoxCheck(token: StationToken, owner: BoxCheckOwner, view: TallyView, saved: SavedBoxCheck, file: string): Promise<RecomputedBallotBox> {
  const { sealedDigest, ...check } = saved;
  let sealed: Uint8Array;
  try {
    sealed = await token.unseal(sealedDigest, boxCheckBinding(owner.electionId, owner.trusteeId));
  } catch {
    throw new StationError('STATION_BOX_CHECK_ALTERED', 'station.error.boxCheckAltered', { file });
  }
  // The seal's binding names this election and this trustee, and the digest covers every member:
  // what opens and matches is what this station kept, unchanged.
  const digest = digestOf(check);
  if (sealed.length !== digest.length || !sealed.every((b, i) => b === digest[i]) || check.format !== BOX_CHECK_FORMAT) {
    throw new StationError('STATION_BOX_CHECK_ALTERED', 'station.error.boxCheckAltered', { file });
  }
  if (check.manifestHash !== view.manifestHash || check.publicKey !== view.publicKey || check.stylesSha256 !== stylesSha256(view.styles)) {
    throw new StationError('STATION_BOX_CHECK_OTHER_CONTEXT', 'station.error.boxCheckOtherContext', { file, checkedAt: check.checkedAt });
  }
  return {
    sha256: check.sha256,
    ballots: check.ballots,
    contests: new Map(check.contests.map((c) => [c.contestId, { ballots: c.ballots, optionIds: c.optionIds, sums: c.sums }])),
  };
}
