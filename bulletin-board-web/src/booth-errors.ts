/**
 * What the voter reads when something goes wrong, and what they can do next (issue 15, item 3):
 * a plain sentence in the page's language, never an internal code; a dead code offers a new
 * one; a lock says until when, in the election's time; "already voted" and "voting closed" lead
 * to their own step. The server's sentences are plain already (voter-api.messages.ts); a few
 * refusals are worded here because the booth knows more (the local time of the lock's end).
 */
import { boothMessages } from '../../src/messages/booth.messages';
import { ApiError } from './api';
import { translator } from './i18n';
import { instantText } from './layout';

const { t } = translator(boothMessages);

/** An input the booth refuses before asking the server (so it spends no try); its message is already the voter's sentence. */
export class BoothInputError extends Error {}

export interface ErrorView {
  text: string;
  /** The error's code, for tests and support (never shown). */
  code: string;
  newCode?: boolean;
  signInAgain?: boolean;
  stop?: 'voted' | 'closed';
}

/** Six digits: anything else cannot be a code and is refused before it spends a try. */
export const codeShapeOk = (code: string): boolean => /^[0-9]{6}$/.test(code);

const DEAD_CODE = new Set(['too_many_attempts', 'expired', 'already_used', 'unknown_code']);

export function errorView(err: unknown): ErrorView {
  if (!(err instanceof ApiError)) {
    // A sentence the booth wrote (BoothInputError) is shown as is; anything else is a fault of this page.
    const own = err instanceof BoothInputError;
    return { text: own ? err.message : t('booth.unexpected'), code: own ? 'input' : 'client' };
  }
  const details = err.details as { reason?: string; attemptsLeft?: number; lockedUntil?: string } | undefined;
  switch (err.code) {
    case 'ONE_TIME_CODE_REJECTED': {
      const dead = DEAD_CODE.has(details?.reason ?? '') || details?.attemptsLeft === 0;
      if (details?.reason === 'session_invalid') return { text: err.text(), code: err.code, signInAgain: true };
      return { text: err.text(), code: err.code, newCode: dead };
    }
    case 'ACCOUNT_LOCKED':
      return { text: details?.lockedUntil ? t('booth.locked', { until: instantText(details.lockedUntil) }) : err.text(), code: err.code };
    case 'SESSION_INVALID':
      return { text: t('booth.sessionEnded'), code: err.code, signInAgain: true };
    case 'ALREADY_VOTED':
      return { text: t('booth.voted.text'), code: err.code, stop: 'voted' };
    case 'VOTING_CLOSED':
    case 'OUTSIDE_VOTING_PERIOD':
      return { text: t('booth.closed.text'), code: err.code };
    default:
      return { text: err.text(), code: err.code };
  }
}
