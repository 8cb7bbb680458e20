/**
 * Password re-sends (stream `credential-resends-<electionId>`, resend-events.ts). The decider
 * holds the rules every ask obeys, whoever asks (the voter in the booth, an official): the
 * voter is on the roll, has not voted, voting is not closed, no other re-send of theirs is in
 * progress, and fewer than MAX_CREDENTIAL_RESENDS were sent. Each re-send replaces the voter's
 * credential, so the cap also bounds how many replacements one voter can cause.
 */
import { DomainError, type Decider } from '../shared/decider';
import { credentialText } from './credential-text';
import type { CredentialResendEvent } from './resend-events';

/** Re-sends per voter over the whole election (voters' and officials' asks together). */
export const MAX_CREDENTIAL_RESENDS = 3;

export interface AskCredentialResend {
  type: 'AskCredentialResend';
  pseudonym: string;
  by: string;
  request?: number;
  now: string;
  /** Facts read by the sender at the time of the ask. */
  facts: { onRoll: boolean; voted: boolean; closed: boolean };
}

export interface RecordCredentialResent {
  type: 'RecordCredentialResent';
  pseudonym: string;
  replacement: number;
  now: string;
}

export interface RecordCredentialResendFailed {
  type: 'RecordCredentialResendFailed';
  pseudonym: string;
  reason: string;
  now: string;
}

export type CredentialResendCommand = AskCredentialResend | RecordCredentialResent | RecordCredentialResendFailed;

export interface VoterResends {
  pending: boolean;
  sent: number;
}

export interface CredentialResendState {
  voters: Readonly<Record<string, VoterResends>>;
  /** Officials' requests already asked (their ledger positions). */
  requests: readonly number[];
}

const PSEUDONYM = /^[a-z2-7]{26}$/;

function checkCommon(c: { pseudonym: string; now: string }): void {
  if (typeof c.now !== 'string' || Number.isNaN(Date.parse(c.now))) throw new DomainError('INVALID_TIME', credentialText.pair('resend.invalidTime'));
  if (typeof c.pseudonym !== 'string' || !PSEUDONYM.test(c.pseudonym)) throw new DomainError('INVALID_RESEND', credentialText.pair('resend.invalidPseudonym'));
}

export function decideCredentialResend(c: CredentialResendCommand, s: CredentialResendState): CredentialResendEvent[] {
  checkCommon(c);
  const voter = s.voters[c.pseudonym] ?? { pending: false, sent: 0 };
  switch (c.type) {
    case 'AskCredentialResend': {
      if (c.by !== 'voter' && !/^account:[A-Za-z0-9_-]{1,80}$/.test(c.by)) throw new DomainError('INVALID_RESEND', credentialText.pair('resend.invalidAsker'));
      if (c.request !== undefined) {
        if (!Number.isInteger(c.request) || c.request < 0) throw new DomainError('INVALID_RESEND', credentialText.pair('resend.invalidRequest'));
        if (s.requests.includes(c.request)) throw new DomainError('DUPLICATE_REQUEST', credentialText.pair('resend.duplicateRequest'));
      }
      if (c.facts.onRoll !== true) throw new DomainError('NOT_ON_ROLL', credentialText.pair('resend.notOnRoll'));
      if (c.facts.voted !== false) throw new DomainError('ALREADY_VOTED', credentialText.pair('resend.alreadyVoted'));
      if (c.facts.closed !== false) throw new DomainError('VOTING_CLOSED', credentialText.pair('resend.votingClosed'));
      if (voter.pending) throw new DomainError('RESEND_PENDING', credentialText.pair('resend.pending'));
      if (voter.sent >= MAX_CREDENTIAL_RESENDS) throw new DomainError('RESEND_LIMIT', credentialText.pair('resend.limit', { max: MAX_CREDENTIAL_RESENDS }));
      return [{ type: 'CredentialResendAsked', data: { pseudonym: c.pseudonym, by: c.by, ...(c.request !== undefined ? { request: c.request } : {}), at: c.now } }];
    }
    case 'RecordCredentialResent':
      if (!voter.pending) throw new DomainError('NO_RESEND_PENDING', credentialText.pair('resend.nonePending'));
      if (!Number.isInteger(c.replacement) || c.replacement < 1) throw new DomainError('INVALID_RESEND', credentialText.pair('resend.invalidReplacement'));
      return [{ type: 'CredentialResent', data: { pseudonym: c.pseudonym, replacement: c.replacement, at: c.now } }];
    case 'RecordCredentialResendFailed':
      if (!voter.pending) throw new DomainError('NO_RESEND_PENDING', credentialText.pair('resend.nonePending'));
      if (typeof c.reason !== 'string' || !/^[A-Z_]{1,64}$/.test(c.reason)) throw new DomainError('INVALID_RESEND', credentialText.pair('resend.invalidReason'));
      return [{ type: 'CredentialResendFailed', data: { pseudonym: c.pseudonym, reason: c.reason, at: c.now } }];
  }
}

export function evolveCredentialResend(s: CredentialResendState, e: CredentialResendEvent): CredentialResendState {
  const voter = s.voters[e.data.pseudonym] ?? { pending: false, sent: 0 };
  switch (e.type) {
    case 'CredentialResendAsked':
      return { voters: { ...s.voters, [e.data.pseudonym]: { ...voter, pending: true } }, requests: e.data.request === undefined ? s.requests : [...s.requests, e.data.request] };
    case 'CredentialResent':
      return { ...s, voters: { ...s.voters, [e.data.pseudonym]: { pending: false, sent: voter.sent + 1 } } };
    case 'CredentialResendFailed':
      return { ...s, voters: { ...s.voters, [e.data.pseudonym]: { ...voter, pending: false } } };
  }
}

export const credentialResendDecider: Decider<CredentialResendCommand, CredentialResendEvent, CredentialResendState> = {
  decide: decideCredentialResend,
  evolve: evolveCredentialResend,
  initialState: () => ({ voters: {}, requests: [] }),
};
