import type { VoterStreamEvent } from './events';
import type { CodeState, VoterAccessState } from './state';

export function evolveVoterAccess(state: VoterAccessState, event: VoterStreamEvent): VoterAccessState {
  switch (event.type) {
    case 'VoterRegistered':
      return { ...state, electionId: event.data.electionId, pseudonym: event.data.pseudonym, voter: event.data.voter, onRoll: true };
    case 'VoterRemovedFromRoll':
      return { ...state, onRoll: false };
    case 'CredentialIssued':
    case 'CredentialResent': {
      const deliveries = new Map(state.deliveries).set(event.data.credentialNumber, { status: 'pending' });
      const credential = { username: event.data.username, passwordHash: event.data.passwordHash, number: event.data.credentialNumber, issuedAt: event.data.at };
      return { ...state, credential, deliveries };
    }
    case 'CredentialSent':
      return { ...state, deliveries: new Map(state.deliveries).set(event.data.credentialNumber, { status: 'sent', at: event.data.at, detail: event.data.messageId }) };
    case 'CredentialDeliveryFailed':
      return { ...state, deliveries: new Map(state.deliveries).set(event.data.credentialNumber, { status: 'failed', at: event.data.at, detail: event.data.reason }) };
    case 'LoginSucceeded':
      return { ...state, consecutiveFailures: 0, lockedUntil: undefined };
    case 'LoginFailed':
      // v2 carries the lock it set; v1 never does (its lock is the AccountLocked after it).
      return event.data.lockedUntil === undefined
        ? { ...state, consecutiveFailures: event.data.consecutiveFailures }
        : { ...state, consecutiveFailures: event.data.consecutiveFailures, lockedUntil: event.data.lockedUntil };
    case 'AccountLocked':
      return { ...state, lockedUntil: event.data.until };
    case 'OneTimeCodeIssued': {
      // A new code replaces every still-pending code of the same purpose.
      const codes = new Map<string, CodeState>();
      for (const [id, c] of state.codes) codes.set(id, c.status === 'pending' && c.purpose === event.data.purpose ? { ...c, status: 'superseded' } : c);
      codes.set(event.data.codeId, {
        purpose: event.data.purpose,
        codeHash: event.data.codeHash,
        expiresAt: event.data.expiresAt,
        sessionId: event.data.sessionId,
        attempts: 0,
        status: 'pending',
      });
      return { ...state, codes };
    }
    case 'OneTimeCodeSent':
    case 'OneTimeCodeDeliveryFailed': {
      const code = state.codes.get(event.data.codeId);
      if (!code) return state;
      const delivery = event.type === 'OneTimeCodeSent'
        ? { status: 'sent' as const, at: event.data.at, detail: event.data.messageId }
        : { status: 'failed' as const, at: event.data.at, detail: event.data.reason };
      return { ...state, codes: new Map(state.codes).set(event.data.codeId, { ...code, delivery }) };
    }
    case 'OneTimeCodeVerified': {
      const code = state.codes.get(event.data.codeId)!;
      return { ...state, codes: new Map(state.codes).set(event.data.codeId, { ...code, status: 'verified', verifiedAt: event.data.at }) };
    }
    case 'OneTimeCodeRejected': {
      const code = state.codes.get(event.data.codeId);
      if (!code) return state;
      return { ...state, codes: new Map(state.codes).set(event.data.codeId, { ...code, attempts: event.data.attempts }) };
    }
    case 'SessionStarted': {
      // One session at a time: a new one ends the others.
      const sessions = new Map<string, { tokenHash: string; expiresAt: string; ended: boolean }>();
      for (const [id, s] of state.sessions) sessions.set(id, { ...s, ended: true });
      sessions.set(event.data.sessionId, { tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt, ended: false });
      return { ...state, sessions };
    }
    case 'SessionEnded': {
      const s = state.sessions.get(event.data.sessionId);
      if (!s) return state;
      return { ...state, sessions: new Map(state.sessions).set(event.data.sessionId, { ...s, ended: true }) };
    }
  }
}
