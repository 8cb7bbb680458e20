import { ballotCiphertexts } from '../crypto/ballot/benaloh';
import { DomainError } from '../shared/decider';
import type { CastBallot, VotingCommand } from './commands';
import type { VotingEvent } from './events';
import type { VoterBallotState } from './state';
import { domainText } from '../shared/domain-text';
import { credentialText } from '../credentials/credential-text';

/** How many ballots one voter may spoil (audit) before casting (docs/spec/crypto.md). */
export const MAX_AUDITS_PER_VOTER = 5;

export function decideVoting(command: VotingCommand, state: VoterBallotState): VotingEvent[] {
  switch (command.type) {
    case 'CastBallot': {
      if (state.cast) {
        // The same ballot again: already decided; its publication may still be pending.
        if (state.trackingCode === command.trackingCode) return [];
        throw new DomainError('ALREADY_VOTED', domainText.pair('voting.alreadyVoted'));
      }
      if (command.votingPhase === 'not-opened' || command.votingPhase === 'opened') {
        throw new DomainError('VOTING_NOT_STARTED', domainText.pair('voting.votingNotStarted'));
      }
      if (command.votingPhase !== 'voting' || (command.votingClosesAt && Date.parse(command.now) >= Date.parse(command.votingClosesAt))) {
        throw new DomainError('VOTING_CLOSED', domainText.pair('voting.votingClosed'));
      }
      if (command.styleId !== command.entitledStyleId) {
        throw new DomainError('WRONG_BALLOT_STYLE', domainText.pair('voting.wrongBallotStyle'));
      }
      requireOwnActiveCredential(command, state);
      if (!command.ballotVerified) {
        throw new DomainError('INVALID_BALLOT', domainText.pair('voting.invalidBallot'));
      }
      if (state.spoiledTrackingCodes.includes(command.trackingCode)) {
        throw new DomainError('BALLOT_SPOILED', domainText.pair('voting.ballotSpoiled'));
      }
      const spoiled = new Set(state.spoiledCiphertexts);
      if (command.reusesPublishedSpoiledCiphertext || ballotCiphertexts(command.ballot).some((c) => spoiled.has(c))) {
        throw new DomainError('SPOILED_CIPHERTEXT_REUSED', domainText.pair('voting.spoiledCiphertextReused'));
      }
      return [{
        type: 'BallotCastByVoter',
        data: {
          electionId: command.electionId, pseudonym: command.pseudonym, trackingCode: command.trackingCode, castAt: command.now,
          bindingNonce: command.bindingNonce, styleId: command.styleId, ballot: command.ballot, credential: command.credential, signature: command.signature,
        },
      }];
    }
    case 'PublishCastBallot': {
      if (state.published) {
        throw new DomainError('ALREADY_VOTED', domainText.pair('voting.alreadyVoted'));
      }
      if (command.recordedTrackingCode !== command.trackingCode) {
        throw new DomainError('NOT_RECORDED', domainText.pair('voting.notRecordedCast'));
      }
      return [{
        type: 'BallotCast',
        data: {
          electionId: command.electionId,
          pseudonym: command.pseudonym,
          bindingNonce: command.bindingNonce,
          credential: command.credential,
          signature: command.signature,
          styleId: command.styleId,
          trackingCode: command.trackingCode,
          ballot: command.ballot,
          castAt: command.castAt,
        },
      }];
    }
    case 'SpoilBallot': {
      if (!command.disclosureVerified) {
        throw new DomainError('INVALID_DISCLOSURE', domainText.pair('voting.invalidDisclosure'));
      }
      if (state.cast) {
        throw new DomainError('ALREADY_VOTED', domainText.pair('voting.castCannotBeAudited'));
      }
      // Checked before "already decided" too: a retry after a failed publication comes back
      // here, and a ballot cast in between may hold this ballot's α (a colluder given its
      // nonces casts it while the disclosure is unpublished, which the cast check cannot see).
      // Publishing then would open that counted vote.
      if (command.disclosesCastCiphertext) {
        throw new DomainError('CAST_CIPHERTEXT_DISCLOSED', domainText.pair('voting.castCiphertextDisclosed'));
      }
      // The same ballot again: already decided; its publication may still be pending
      // (PublishSpoiledBallot refuses the second publication).
      if (state.spoiledTrackingCodes.includes(command.trackingCode)) return [];
      if (state.spoiled >= MAX_AUDITS_PER_VOTER) {
        throw new DomainError('AUDIT_LIMIT_REACHED', domainText.pair('voting.auditLimitReached', { max: MAX_AUDITS_PER_VOTER }));
      }
      return [{
        type: 'BallotSpoiledByVoter',
        data: {
          electionId: command.electionId,
          pseudonym: command.pseudonym,
          bindingNonce: command.bindingNonce,
          trackingCode: command.trackingCode,
          ciphertexts: ballotCiphertexts(command.ballot),
          spoiledAt: command.now,
        },
      }];
    }
    case 'PublishSpoiledBallot': {
      if (state.published) {
        throw new DomainError('ALREADY_SPOILED', domainText.pair('voting.alreadySpoiled'));
      }
      if (!command.recordedByVoter) {
        throw new DomainError('NOT_RECORDED', domainText.pair('voting.notRecordedSpoiled'));
      }
      return [{
        type: 'BallotSpoiled',
        data: {
          electionId: command.electionId,
          styleId: command.styleId,
          trackingCode: command.trackingCode,
          ballot: command.ballot,
          disclosure: command.disclosure,
          spoiledAt: command.now,
        },
      }];
    }
    case 'AssignVoterCredential': {
      if (state.credential !== undefined) {
        throw new DomainError('CREDENTIAL_ALREADY_ASSIGNED', credentialText.pair('voting.credentialAlreadyAssigned'));
      }
      return [{ type: 'VoterCredentialAssigned', data: { electionId: command.electionId, pseudonym: command.pseudonym, credential: command.credential, assignedAt: command.now } }];
    }
    case 'ReplaceVoterCredential': {
      // A credential with a recorded ballot is never replaced: the replaced one must have no counted ballot.
      if (state.cast) throw new DomainError('ALREADY_VOTED', credentialText.pair('voting.replacedAfterVoting'));
      if (state.credential === undefined) throw new DomainError('NO_CREDENTIAL', credentialText.pair('voting.noCredential'));
      if (state.credential !== command.revoked) throw new DomainError('NOT_CURRENT_CREDENTIAL', credentialText.pair('voting.replaceOtherCredential'));
      return [{
        type: 'VoterCredentialReplaced',
        data: { electionId: command.electionId, pseudonym: command.pseudonym, revoked: command.revoked, replacement: command.replacement, replacedAt: command.now },
      }];
    }
  }
}

/**
 * A ballot is signed by a credential on the authority's published list, not revoked, and the
 * voter's own: the one the authority's sealed mapping (and its replacements) gave this voter.
 * "One ballot per credential" then follows from "one ballot per voter" on this very stream:
 * each listed credential belongs to exactly one voter (the import checks the mapping).
 */
function requireOwnActiveCredential(command: CastBallot, state: VoterBallotState): void {
  if (command.credentialStatus === 'unlisted') throw new DomainError('CREDENTIAL_NOT_LISTED', credentialText.pair('voting.credentialNotListed'));
  if (command.credentialStatus === 'revoked' || state.revokedCredentials.includes(command.credential)) {
    throw new DomainError('CREDENTIAL_REVOKED', credentialText.pair('voting.credentialRevoked'));
  }
  if (state.credential === undefined) throw new DomainError('NO_CREDENTIAL', credentialText.pair('voting.noCredential'));
  if (command.credential !== state.credential) throw new DomainError('CREDENTIAL_NOT_YOURS', credentialText.pair('voting.credentialNotYours'));
}
