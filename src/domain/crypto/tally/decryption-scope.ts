import type { ElectionContext } from '../election-context';
import { fromHex, u64 } from '../hash';

/**
 * What a trustee says it decrypts (docs/spec/crypto-ceremony-tally.md §4.3): the totals of one
 * contest of the exported ballot box. Every partial decryption proof binds the three, so a
 * proof names the box (the 32 bytes of BallotBoxExported.sha256) and the number of ballots in
 * the contest, not only the ciphertext handed to the trustee. A trustee that checked those
 * totals against that box (src/tally/trustee-totals-check.ts) thereby states what it checked;
 * a ciphertext slipped in from elsewhere comes with a proof that names another box or count.
 */
export interface DecryptionScope {
  readonly context: ElectionContext;
  /** SHA-256 of the exported ballot box file, as BallotBoxExported records it (32 bytes). */
  readonly ballotBoxHash: Uint8Array;
  /** Ballots of the box that hold this contest (EncryptedTallyComputed.ballots). */
  readonly ballots: number;
}

const HEX32 = /^[0-9a-f]{64}$/;

/** The scope of one contest's totals. Throws on a hash that is not 64 lowercase hex digits or a
 * count that is not a non-negative safe integer (what the proof could not encode as u64). */
export function decryptionScope(context: ElectionContext, ballotBoxHashHex: string, ballots: number): DecryptionScope {
  if (typeof ballotBoxHashHex !== 'string' || !HEX32.test(ballotBoxHashHex)) throw new Error('a ballot box hash is 64 lowercase hexadecimal digits');
  if (!isBallotCount(ballots)) throw new Error(`a contest's ballot count is a non-negative integer, not ${String(ballots)}`);
  return { context, ballotBoxHash: fromHex(ballotBoxHashHex, 32), ballots };
}

export const isBallotCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** The scope's hash parts, in proof order: baseHash, ballotBoxHash, u64(ballots). */
export function scopeParts(scope: DecryptionScope): Uint8Array[] {
  if (scope.ballotBoxHash.length !== 32 || !isBallotCount(scope.ballots)) throw new Error('not a decryption scope');
  return [scope.context.baseHash, scope.ballotBoxHash, u64(scope.ballots)];
}
