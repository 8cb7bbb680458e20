/**
 * The voter API's refusals take their texts from the catalogs: a key of the voter API's
 * catalog, or the pair a DomainError carries from the domain catalog (never a split of
 * "español / English").
 */
import { DomainError } from '../../src/domain/shared/decider';
import { domainText } from '../../src/domain/shared/domain-text';
import { domainMessages } from '../../src/messages/domain.messages';
import { voterApiMessages } from '../../src/messages/voter-api.messages';
import { fromDomainError, toVotingHttpError, voterApi, VotingHttpError } from '../../src/voting/voting-errors';

describe('voter API refusals', () => {
  it('renders a key of the voter API catalog as {error, message, mensaje}', () => {
    const err = new VotingHttpError(409, 'VOTING_NOT_STARTED', 'error.votingNotStarted');
    expect(err.body()).toEqual({ error: 'VOTING_NOT_STARTED', message: voterApiMessages['error.votingNotStarted'].en, mensaje: voterApiMessages['error.votingNotStarted'].es });
    expect(err.message).toBe('Voting has not started yet.');
    const limited = new VotingHttpError(429, 'RATE_LIMITED', voterApi.pair('error.rateLimited', { wait: 7 }), { extra: 1 });
    expect(limited.body()).toEqual({ error: 'RATE_LIMITED', message: 'Too many requests; try again in 7 s.', mensaje: 'Demasiadas solicitudes; intente de nuevo en 7 s.', details: { extra: 1 } });
  });

  it('a DomainError keeps its code and its "es / en" message, and carries the pair', () => {
    const err = new DomainError('VOTING_CLOSED', domainText.pair('voting.votingClosed'));
    expect(err.message).toBe('La votación ya cerró; no se reciben más votos. / Voting is closed; no more ballots are accepted.');
    expect(err.text).toEqual({ es: domainMessages['voting.votingClosed'].es, en: domainMessages['voting.votingClosed'].en });
  });

  it('answers a domain refusal with its pair from the catalog, even when a text holds " / "', () => {
    const problems = [domainText.both('lifecycle.voterRollEmpty')];
    const err = new DomainError('CANNOT_OPEN', domainText.pair('lifecycle.cannotOpen', { problems: problems.join('; ') }), problems);
    expect(err.message).toBe('No se puede abrir la elección / The election cannot be opened: la lista nominal está vacía / the voter roll is empty');
    expect(fromDomainError(err).body()).toEqual({
      error: 'CANNOT_OPEN',
      message: 'The election cannot be opened: la lista nominal está vacía / the voter roll is empty',
      mensaje: 'No se puede abrir la elección',
      details: problems,
    });
    expect(toVotingHttpError(new DomainError('VOTING_CLOSED', domainText.pair('voting.votingClosed'))).status).toBe(409);
  });

  it('still splits a DomainError given as one "es / en" string', () => {
    const err = fromDomainError(new DomainError('SOMETHING', 'Algo pasó. / Something happened.'));
    expect(err.body()).toEqual({ error: 'SOMETHING', message: 'Something happened.', mensaje: 'Algo pasó.' });
  });
});
