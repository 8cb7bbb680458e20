/**
 * The two login streams that are not a voter's own, each sealed and each of one event, so that
 * neither the public log nor the voter's browser learns what the password step must not reveal
 * (docs/spec/roll-and-authentication.md §6.1):
 *
 * - `login-attempt-<electionId>-<attemptId>` (attemptId random): a typed username that names
 *   nobody is refused with one sealed `LoginFailed` (reason `unknown_username`), exactly the
 *   public trace (one sealed leaf of that type and version) that a wrong password for an
 *   existing username leaves in the voter's stream. The typed username is not recorded.
 * - `login-challenge-<electionId>-<codeId>`: after the right password, the login code's random
 *   id is the opaque challenge id given to the browser; this stream's `LoginChallengeIssued`
 *   maps it to the voter's pseudonym, which only the server reads.
 */
import { DomainError, type Decider } from '../shared/decider';
import type { LoginChallengeIssued, LoginFailed } from './events';
import { isBefore } from './policy';
import { domainText } from '../shared/domain-text';

/** Random ids (login codes, attempts) as newOpaqueId writes them: 128 bits, RFC 4648 base32 lower case. */
export const OPAQUE_ID = /^[a-z2-7]{26}$/;

export const loginAttemptStream = (electionId: string, attemptId: string) => `login-attempt-${electionId}-${attemptId}`;
export const loginChallengeStream = (electionId: string, challengeId: string) => `login-challenge-${electionId}-${challengeId}`;

const isoOk = (s: string) => typeof s === 'string' && !Number.isNaN(Date.parse(s));
const requireTime = (now: string) => {
  if (!isoOk(now)) throw new DomainError('INVALID_TIME', domainText.pair('authentication.invalidTime'));
};

// --- an unknown username's refusal -------------------------------------------------------

/** The typed username names nobody (or is not a username at all). */
export interface RecordUnknownUsername {
  type: 'RecordUnknownUsername';
  votingPeriod: { opensAt: string; closesAt: string };
  now: string;
}

export interface LoginAttemptState {
  recorded: boolean;
}

export const loginAttemptDecider: Decider<RecordUnknownUsername, LoginFailed, LoginAttemptState> = {
  decide(c, state) {
    requireTime(c.now);
    if (isBefore(c.now, c.votingPeriod.opensAt) || !isBefore(c.now, c.votingPeriod.closesAt)) {
      throw new DomainError('OUTSIDE_VOTING_PERIOD', domainText.pair('authentication.outsideVotingPeriod'));
    }
    if (state.recorded) throw new DomainError('ATTEMPT_ALREADY_RECORDED', domainText.pair('authentication.attemptAlreadyRecorded'));
    // Same type, same version, same one event as a wrong password for a known username.
    return [{ type: 'LoginFailed', data: { reason: 'unknown_username', consecutiveFailures: 1, at: c.now } }];
  },
  evolve: () => ({ recorded: true }),
  initialState: () => ({ recorded: false }),
};

// --- the opaque login challenge ----------------------------------------------------------

export interface IssueLoginChallenge {
  type: 'IssueLoginChallenge';
  electionId: string;
  pseudonym: string;
  /** The login code's id, which is also the challenge id. */
  codeId: string;
  expiresAt: string;
  now: string;
}

export interface LoginChallengeState {
  challenge?: { pseudonym: string; codeId: string; expiresAt: string };
}

export const loginChallengeDecider: Decider<IssueLoginChallenge, LoginChallengeIssued, LoginChallengeState> = {
  decide(c, state) {
    requireTime(c.now);
    if (!OPAQUE_ID.test(c.codeId)) throw new DomainError('INVALID_CHALLENGE_ID', domainText.pair('authentication.invalidChallengeId'));
    if (state.challenge) throw new DomainError('CHALLENGE_ALREADY_ISSUED', domainText.pair('authentication.challengeAlreadyIssued'));
    return [{ type: 'LoginChallengeIssued', data: { electionId: c.electionId, pseudonym: c.pseudonym, codeId: c.codeId, expiresAt: c.expiresAt, at: c.now } }];
  },
  evolve: (_state, e) => ({ challenge: { pseudonym: e.data.pseudonym, codeId: e.data.codeId, expiresAt: e.data.expiresAt } }),
  initialState: () => ({}),
};
