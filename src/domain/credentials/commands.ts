/**
 * Commands on the public credential list. What they need from elsewhere (whether the election
 * is open or closed, the current roll) is read by the application layer and passed in as
 * facts, so `decide` stays pure. Everything the authority asserts comes with its signature.
 */
export interface EnrolCredentialAuthority {
  type: 'EnrolCredentialAuthority';
  electionId: string;
  authorityKey: string;
  name: string;
  electionOpened: boolean;
  now: string;
}

export interface PublishCredentialList {
  type: 'PublishCredentialList';
  electionId: string;
  /** Ascending, 64 hex digits each. */
  credentials: string[];
  /** The roll commitment the authority signed. */
  rollCommitment: string;
  signature: string;
  /** From the roll stream: the roll as it is now. */
  roll: { rollCommitment: string; size: number };
  electionOpened: boolean;
  now: string;
}

export interface RecordCredentialReplacement {
  type: 'RecordCredentialReplacement';
  electionId: string;
  number: number;
  revoked: string;
  replacement: string;
  signature: string;
  /** From the lifecycle: voting has closed (or the box was exported). */
  votingClosed: boolean;
  now: string;
}

export type CredentialsCommand = EnrolCredentialAuthority | PublishCredentialList | RecordCredentialReplacement;
