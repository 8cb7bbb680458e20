import { DomainError } from '../shared/decider';
import type { LifecycleCommand } from './commands';
import type { LifecycleEvent } from './events';
import type { LifecycleState } from './state';

const HEX32 = /^[0-9a-f]{64}$/;

export function decideLifecycle(command: LifecycleCommand, state: LifecycleState): LifecycleEvent[] {
  switch (command.type) {
    case 'OpenElection': {
      if (state.phase !== 'not-opened') {
        throw new DomainError('ALREADY_OPENED', 'La elección ya fue abierta. / The election has already been opened.');
      }
      const problems: string[] = [];
      if (!command.ceremonyCompleted) problems.push('la ceremonia de llaves no ha concluido / the key ceremony has not completed');
      if (!command.configurationLocked) problems.push('la configuración no está bloqueada para la apertura / the configuration is not locked for the opening');
      if (command.missingRatifications.length > 0) {
        problems.push(`faltan ratificaciones: ${command.missingRatifications.join(', ')} / missing ratifications`);
      }
      if (!(command.rollSize > 0)) problems.push('la lista nominal está vacía / the voter roll is empty');
      for (const [name, value] of [['manifestHash', command.manifestHash], ['openingReportHash', command.openingReportHash], ['ceremonyTranscriptHash', command.ceremonyTranscriptHash]] as const) {
        if (!HEX32.test(value)) problems.push(`${name} no es un SHA-256 hexadecimal / is not a hex SHA-256`);
      }
      if (!(Date.parse(command.votingOpensAt) < Date.parse(command.votingClosesAt))) {
        problems.push('el periodo de votación es inválido / the voting window is invalid');
      }
      if (Date.parse(command.now) >= Date.parse(command.votingClosesAt)) {
        problems.push('el periodo de votación ya terminó / the voting window is already over');
      }
      if (problems.length > 0) {
        throw new DomainError('CANNOT_OPEN', `No se puede abrir la elección / The election cannot be opened: ${problems.join('; ')}`, problems);
      }
      const { type: _type, missingRatifications: _m, ceremonyCompleted: _c, configurationLocked: _l, now, ...rest } = command;
      return [{ type: 'ElectionOpened', data: { ...rest, openedAt: now } }];
    }
    case 'StartVoting': {
      if (state.phase === 'voting' || state.phase === 'closed' || state.phase === 'exported') return []; // idempotent for the scheduler
      if (state.phase !== 'opened') {
        throw new DomainError('NOT_OPENED', 'La elección no ha sido abierta. / The election has not been opened.');
      }
      if (Date.parse(command.now) < Date.parse(state.votingOpensAt!)) {
        throw new DomainError('TOO_EARLY', `La votación inicia el ${state.votingOpensAt}. / Voting starts at ${state.votingOpensAt}.`);
      }
      return [{ type: 'VotingStarted', data: { electionId: command.electionId, at: command.now, scheduledFor: state.votingOpensAt! } }];
    }
    case 'CloseVoting': {
      if (state.phase === 'closed' || state.phase === 'exported') return []; // idempotent for the scheduler
      if (state.phase !== 'voting' && state.phase !== 'opened') {
        throw new DomainError('NOT_OPENED', 'La elección no ha sido abierta. / The election has not been opened.');
      }
      const early = command.simulacroEarlyClose;
      if (early) {
        if (!early.isSimulacro) {
          throw new DomainError('NOT_A_SIMULACRO', 'Sólo un simulacro puede cerrar antes de la hora configurada. / Only a simulacro may close before the configured instant.');
        }
        if (state.phase !== 'voting') throw new DomainError('NOT_VOTING', 'La votación no está en curso. / Voting is not under way.');
        return [{
          type: 'VotingClosed',
          data: { electionId: command.electionId, at: command.now, scheduledFor: state.votingClosesAt!, earlyCloseReason: early.reason },
        }];
      }
      if (Date.parse(command.now) < Date.parse(state.votingClosesAt!)) {
        throw new DomainError('TOO_EARLY', `La votación cierra el ${state.votingClosesAt}. / Voting closes at ${state.votingClosesAt}.`);
      }
      const lateBy = Date.parse(command.now) - Date.parse(state.votingClosesAt!);
      return [{
        type: 'VotingClosed',
        data: { electionId: command.electionId, at: command.now, scheduledFor: state.votingClosesAt!, ...(lateBy > 60_000 ? { lateBy } : {}) },
      }];
    }
    case 'RecordBallotBoxExport': {
      if (state.phase !== 'closed') {
        throw new DomainError('NOT_CLOSED', 'La urna sólo se exporta después del cierre. / The ballot box is exported only after closing.');
      }
      if (!HEX32.test(command.sha256)) throw new DomainError('INVALID_HASH', 'sha256 must be 64 lowercase hex digits');
      return [{
        type: 'BallotBoxExported',
        data: { electionId: command.electionId, ballots: command.ballots, sha256: command.sha256, checkpoint: command.checkpoint, exportedAt: command.now },
      }];
    }
  }
}
