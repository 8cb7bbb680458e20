/**
 * Which public events an election's phase allows (docs/spec/log.md §9). The phase moves only
 * forward, on the lifecycle events: set-up → opened (ElectionOpened) → voting (VotingStarted)
 * → closed (VotingClosed) → exported (BallotBoxExported). A ballot may still be published after
 * the close (closing publishes a recorded cast whose publication a crash delayed), never after
 * the ballot box was exported and hashed; nothing of the configuration, roll, credential list
 * or key ceremony changes once the election is open; the tally starts from the exported box.
 * Types with no rule here (sign-ins are sealed; a credential may be replaced while voting) are
 * allowed in any phase.
 */
import type { ElectionPhase } from './monitor-state';

const SETUP_ONLY: readonly ElectionPhase[] = ['setup'];
const TALLY: readonly ElectionPhase[] = ['exported'];

const ALLOWED: Readonly<Record<string, readonly ElectionPhase[]>> = {
  ElectionConfigured: SETUP_ONLY, ConfigurationAmended: SETUP_ONLY, ContestOptionsRecorded: SETUP_ONLY, ContestsRatified: SETUP_ONLY,
  ConfigurationLockedForOpening: SETUP_ONLY,
  RollImported: SETUP_ONLY, RollAmended: SETUP_ONLY, RollEntriesPublished: SETUP_ONLY,
  CredentialAuthorityEnrolled: SETUP_ONLY, CredentialListPublished: SETUP_ONLY, PublicCredentialsPublished: SETUP_ONLY,
  TrusteeEnrolled: SETUP_ONLY, CeremonyOpened: SETUP_ONLY, CeremonyRound1Published: SETUP_ONLY, CeremonySharesDealt: SETUP_ONLY,
  CeremonyComplaintFiled: SETUP_ONLY, CeremonySharesChecked: SETUP_ONLY, CeremonyWitnessed: SETUP_ONLY, CeremonyCompleted: SETUP_ONLY,
  ElectionOpened: SETUP_ONLY,
  VotingStarted: ['opened'],
  BallotCast: ['voting', 'closed'],
  BallotSpoiled: ['voting', 'closed'],
  VotingClosed: ['voting'],
  BallotBoxExported: ['closed'],
  TallyStarted: TALLY, EncryptedTallyComputed: TALLY, PartialDecryptionPosted: TALLY, PartialDecryptionRejected: TALLY,
  ResultsPublished: TALLY, TallyCompleted: TALLY, ActaIssued: TALLY, PreservationManifestIssued: TALLY,
};

/** The phase each lifecycle event leads to. */
const NEXT: Readonly<Record<string, ElectionPhase>> = {
  ElectionOpened: 'opened', VotingStarted: 'voting', VotingClosed: 'closed', BallotBoxExported: 'exported',
};

export function allowedIn(type: string, phase: ElectionPhase): boolean {
  const phases = ALLOWED[type];
  return !phases || phases.includes(phase);
}

/** The phase after an event of `type` (allowed in `phase`). */
export function phaseAfter(type: string, phase: ElectionPhase): ElectionPhase {
  return NEXT[type] ?? phase;
}

/** The election an event belongs to: its data's electionId (processId for the configuration), else its stream's name after the first "-". */
export function electionOf(stream: string, data: unknown): string {
  const d = (typeof data === 'object' && data !== null ? data : {}) as { electionId?: unknown; processId?: unknown };
  if (typeof d.electionId === 'string') return d.electionId;
  if (typeof d.processId === 'string') return d.processId;
  const dash = stream.indexOf('-');
  return dash < 0 ? stream : stream.slice(dash + 1);
}
