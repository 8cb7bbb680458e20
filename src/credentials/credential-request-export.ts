/**
 * What the voting service hands the credential authority (docs/spec/credentials.md, "Files"):
 * for each pseudonym of the roll, the username the service drew and where to write to the
 * voter. No secret: the authority draws every password itself. Confidential (names and
 * addresses), like the roll it comes from.
 */
import { loadState } from '../command-path/stream-state';
import { voterAccessDecider } from '../domain/authentication/decider';
import { CREDENTIAL_REQUEST_FORMAT, type CredentialRequestFile } from '../domain/credentials/credential-files';
import { credentialText } from '../domain/credentials/credential-text';
import { rollDecider, rollStream, voterStream } from '../domain/roll/decider';
import { DomainError } from '../domain/shared/decider';
import type { EventStore } from '../ledger/event-store';

export async function exportCredentialRequest(store: EventStore, electionId: string): Promise<CredentialRequestFile> {
  const roll = (await loadState(store, rollStream(electionId), rollDecider)).state;
  if (roll.status !== 'imported') throw new DomainError('ROLL_NOT_IMPORTED', credentialText.pair('import.noRoll'));
  const voters: CredentialRequestFile['voters'] = [];
  for (const pseudonym of [...roll.entries.keys()].sort()) {
    const { state } = await loadState(store, voterStream(electionId, pseudonym), voterAccessDecider);
    if (!state.voter || !state.credential) throw new DomainError('NOT_ON_ROLL', credentialText.pair('import.notOnRoll', { pseudonym }));
    voters.push({ pseudonym, username: state.credential.username, name: state.voter.name, email: state.voter.email });
  }
  return { format: CREDENTIAL_REQUEST_FORMAT, electionId, rollCommitment: roll.rollCommitment, voters };
}
