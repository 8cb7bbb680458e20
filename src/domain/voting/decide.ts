import { ballotCiphertexts } from '../crypto/ballot/benaloh';
import { DomainError } from '../shared/decider';
import type { VotingCommand } from './commands';
import type { VotingEvent } from './events';
import type { VoterBallotState } from './state';

/** How many ballots one voter may spoil (audit) before casting (docs/spec/crypto.md). */
export const MAX_AUDITS_PER_VOTER = 5;

export function decideVoting(command: VotingCommand, state: VoterBallotState): VotingEvent[] {
  switch (command.type) {
    case 'CastBallot': {
      if (state.cast) {
        // The same ballot again: already decided; its publication may still be pending.
        if (state.trackingCode === command.trackingCode) return [];
        throw new DomainError('ALREADY_VOTED', 'Ya se recibió un voto de esta persona; sólo se permite uno. / A ballot from this voter was already received; only one is allowed.');
      }
      if (command.votingPhase === 'not-opened' || command.votingPhase === 'opened') {
        throw new DomainError('VOTING_NOT_STARTED', 'La votación aún no ha iniciado. / Voting has not started yet.');
      }
      if (command.votingPhase !== 'voting' || (command.votingClosesAt && Date.parse(command.now) >= Date.parse(command.votingClosesAt))) {
        throw new DomainError('VOTING_CLOSED', 'La votación ya cerró; no se reciben más votos. / Voting is closed; no more ballots are accepted.');
      }
      if (command.styleId !== command.entitledStyleId) {
        throw new DomainError('WRONG_BALLOT_STYLE', 'La boleta no corresponde a su entidad. / The ballot is not the style for your entity.');
      }
      if (!command.ballotVerified) {
        throw new DomainError('INVALID_BALLOT', 'La boleta cifrada no es válida. / The encrypted ballot is not valid.');
      }
      if (state.spoiledTrackingCodes.includes(command.trackingCode)) {
        throw new DomainError('BALLOT_SPOILED', 'Esta boleta fue auditada (anulada); no puede emitirse. Cifre una nueva. / This ballot was audited (spoiled); it cannot be cast. Encrypt a new one.');
      }
      const spoiled = new Set(state.spoiledCiphertexts);
      if (command.reusesPublishedSpoiledCiphertext || ballotCiphertexts(command.ballot).some((c) => spoiled.has(c))) {
        throw new DomainError('SPOILED_CIPHERTEXT_REUSED', 'La boleta reutiliza un cifrado de una boleta auditada, cuyo secreto es público. Cifre una nueva. / The ballot reuses a ciphertext of an audited ballot, whose nonce is public. Encrypt a new one.');
      }
      return [{ type: 'BallotCastByVoter', data: { electionId: command.electionId, pseudonym: command.pseudonym, trackingCode: command.trackingCode, castAt: command.now } }];
    }
    case 'PublishCastBallot': {
      if (state.published) {
        throw new DomainError('ALREADY_VOTED', 'Ya se recibió un voto de esta persona; sólo se permite uno. / A ballot from this voter was already received; only one is allowed.');
      }
      if (command.recordedTrackingCode !== command.trackingCode) {
        throw new DomainError('NOT_RECORDED', 'La boleta no quedó registrada como emitida por esta persona. / The ballot is not recorded as cast by this voter.');
      }
      return [{
        type: 'BallotCast',
        data: {
          electionId: command.electionId,
          pseudonym: command.pseudonym,
          bindingNonce: command.bindingNonce,
          styleId: command.styleId,
          trackingCode: command.trackingCode,
          ballot: command.ballot,
          castAt: command.castAt,
        },
      }];
    }
    case 'SpoilBallot': {
      if (!command.disclosureVerified) {
        throw new DomainError('INVALID_DISCLOSURE', 'Los datos revelados no corresponden a la boleta. / The disclosed data does not match the ballot.');
      }
      if (state.cast) {
        throw new DomainError('ALREADY_VOTED', 'Ya emitió su voto; una boleta emitida no puede auditarse. / You already cast your ballot; a cast ballot cannot be audited.');
      }
      // The same ballot again: already decided; its publication may still be pending
      // (PublishSpoiledBallot refuses the second publication).
      if (state.spoiledTrackingCodes.includes(command.trackingCode)) return [];
      if (state.spoiled >= MAX_AUDITS_PER_VOTER) {
        throw new DomainError('AUDIT_LIMIT_REACHED', `Ya auditó ${MAX_AUDITS_PER_VOTER} boletas, el máximo por persona. / You already audited ${MAX_AUDITS_PER_VOTER} ballots, the most one voter may.`);
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
        throw new DomainError('ALREADY_SPOILED', 'Esta boleta ya fue auditada y publicada. / This ballot was already audited and published.');
      }
      if (!command.recordedByVoter) {
        throw new DomainError('NOT_RECORDED', 'La boleta no quedó registrada como auditada por una persona votante. / The ballot is not recorded as audited by a voter.');
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
  }
}
