import type { VoterRecord } from '../roll/voter-record';
import type { CodePurpose } from './secrets';

export interface CodeState {
  purpose: CodePurpose;
  codeHash: string;
  expiresAt: string;
  sessionId?: string;
  attempts: number;
  status: 'pending' | 'verified' | 'superseded';
  verifiedAt?: string;
  delivery?: { status: 'sent' | 'failed'; at: string; detail: string };
}

export interface SessionState {
  tokenHash: string;
  expiresAt: string;
  /** Ended by logout or replaced by a newer session. */
  ended: boolean;
}

export interface CredentialDelivery {
  status: 'pending' | 'sent' | 'failed';
  at?: string;
  /** Message id when sent, failure reason when failed. */
  detail?: string;
}

export interface VoterAccessState {
  electionId?: string;
  pseudonym?: string;
  voter?: VoterRecord;
  onRoll: boolean;
  /** The username; `passwordHash` only in streams written before issue 13 (CredentialIssued v1). */
  credential?: { username: string; passwordHash?: string; number: number; issuedAt: string };
  /** credential number → delivery of its e-mail. */
  deliveries: Map<number, CredentialDelivery>;
  consecutiveFailures: number;
  lockedUntil?: string;
  codes: Map<string, CodeState>;
  sessions: Map<string, SessionState>;
}

export const initialVoterAccessState = (): VoterAccessState => ({
  onRoll: false,
  deliveries: new Map(),
  consecutiveFailures: 0,
  codes: new Map(),
  sessions: new Map(),
});
