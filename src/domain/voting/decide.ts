import { DomainError } from '../shared/decider';
import type { VotingCommand } from './commands';
import type { VotingEvent } from './events';
import type { VoterBallotState } from './state';

export function decideVoting(command: VotingCommand, state: VoterBallotState): VotingEvent[] {
  switch (command.type) {
    case 'CastBallot': {
      if (state.cast) {
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
      return [{
        type: 'BallotCast',
        data: {
          electionId: command.electionId,
          pseudonym: command.pseudonym,
          styleId: command.styleId,
          trackingCode: command.trackingCode,
          ballot: command.ballot,
          castAt: command.now,
        },
      }];
    }
    case 'SpoilBallot': {
      if (!command.disclosureVerified) {
        throw new DomainError('INVALID_DISCLOSURE', 'Los datos revelados no corresponden a la boleta. / The disclosed data does not match the ballot.');
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
