import { both, pair } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';

/** Why a tally ceremony stopped, in Spanish and English (texts in src/messages/cli.messages.ts); `code` is stable. */
export class TallyError extends Error {
  constructor(readonly code: string, message: string, readonly details?: unknown) {
    super(message);
    this.name = new.target.name;
  }
}

export class BallotBoxMismatchError extends TallyError {
  constructor(readonly recomputed: string, readonly atClosing: string) {
    super('BALLOT_BOX_MISMATCH', both(cliMessages, 'tally.error.ballotBoxMismatch', { recomputed, atClosing }));
  }
}

export class InvalidCastBallotError extends TallyError {
  constructor(readonly position: number, readonly reasons: string[]) {
    super('INVALID_CAST_BALLOT', `${both(cliMessages, 'tally.error.invalidCastBallot', { position })}: ${reasons.join('; ')}`);
  }
}

export interface TrusteeFailure {
  trusteeIndex: number;
  code: string;
  message: string;
}

export class NotEnoughTrusteesForTallyError extends TallyError {
  constructor(readonly valid: number[], readonly threshold: number, readonly failures: TrusteeFailure[]) {
    const trustee = pair(cliMessages, 'tally.trustee');
    super('NOT_ENOUGH_TRUSTEES',
      both(cliMessages, 'tally.error.notEnoughTrustees', { threshold, valid }) +
      failures.map((f) => ` [${trustee.es}/${trustee.en} ${f.trusteeIndex}: ${f.code}]`).join(''), { valid, failures });
  }
}

/**
 * A trustee refused to decrypt before producing any partial decryption: the totals it was asked
 * to decrypt are not the ones it recomputed from the exported ballot box, or that box is not the
 * one closing recorded (src/tally/trustee-totals-check.ts). `check` names what differed:
 * ballot-box.hash, ballot-box.count, ballot-box.format, ballot-box.ballot, totals.contest,
 * totals.ballots, totals.options or totals.ciphertext.
 */
export class TrusteeTotalsRefusedError extends TallyError {
  constructor(readonly check: string, message: string) {
    super('TOTALS_NOT_FROM_BALLOT_BOX', message, { check });
  }
}
