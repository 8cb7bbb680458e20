import { DomainError } from '../shared/decider';
import type { LifecycleCommand } from './commands';
import type { LifecycleEvent } from './events';
import type { LifecycleState } from './state';
import { domainText } from '../shared/domain-text';
import { credentialText } from '../credentials/credential-text';

const HEX32 = /^[0-9a-f]{64}$/;

export function decideLifecycle(command: LifecycleCommand, state: LifecycleState): LifecycleEvent[] {
  switch (command.type) {
    case 'OpenElection': {
      if (state.phase !== 'not-opened') {
        throw new DomainError('ALREADY_OPENED', domainText.pair('lifecycle.alreadyOpened'));
      }
      const problems: string[] = [];
      if (!command.ceremonyCompleted) problems.push(domainText.both('lifecycle.keyCeremonyHasNotCompleted'));
      if (!command.configurationLocked) problems.push(domainText.both('lifecycle.configurationNotLockedForOpening'));
      if (!command.credentialListPublished) problems.push(credentialText.both('lifecycle.noCredentialList'));
      if (command.missingRatifications.length > 0) {
        problems.push(domainText.both('lifecycle.missingRatifications', { missing: command.missingRatifications.join(', ') }));
      }
      if (!(command.rollSize > 0)) problems.push(domainText.both('lifecycle.voterRollEmpty'));
      for (const [name, value] of [['manifestHash', command.manifestHash], ['openingReportHash', command.openingReportHash], ['ceremonyTranscriptHash', command.ceremonyTranscriptHash]] as const) {
        if (!HEX32.test(value)) problems.push(domainText.both('lifecycle.notHex', { name }));
      }
      if (!(Date.parse(command.votingOpensAt) < Date.parse(command.votingClosesAt))) {
        problems.push(domainText.both('lifecycle.votingWindowInvalid'));
      }
      if (Date.parse(command.now) >= Date.parse(command.votingClosesAt)) {
        problems.push(domainText.both('lifecycle.votingWindowAlreadyOver'));
      }
      if (problems.length > 0) {
        throw new DomainError('CANNOT_OPEN', domainText.pair('lifecycle.cannotOpen', { problems: problems.join('; ') }), problems);
      }
      const { type: _type, missingRatifications: _m, ceremonyCompleted: _c, configurationLocked: _l, credentialListPublished: _cl, now, ...rest } = command;
      return [{ type: 'ElectionOpened', data: { ...rest, openedAt: now } }];
    }
    case 'StartVoting': {
      if (state.phase === 'voting' || state.phase === 'closed' || state.phase === 'exported') return []; // idempotent for the scheduler
      if (state.phase !== 'opened') {
        throw new DomainError('NOT_OPENED', domainText.pair('lifecycle.notOpened'));
      }
      if (Date.parse(command.now) < Date.parse(state.votingOpensAt!)) {
        throw new DomainError('TOO_EARLY', domainText.pair('lifecycle.votingStartsAt', { votingOpensAt: state.votingOpensAt }));
      }
      return [{ type: 'VotingStarted', data: { electionId: command.electionId, at: command.now, scheduledFor: state.votingOpensAt! } }];
    }
    case 'CloseVoting': {
      if (state.phase === 'closed' || state.phase === 'exported') return []; // idempotent for the scheduler
      if (state.phase !== 'voting' && state.phase !== 'opened') {
        throw new DomainError('NOT_OPENED', domainText.pair('lifecycle.notOpened'));
      }
      const early = command.simulacroEarlyClose;
      if (early) {
        if (!early.isSimulacro) {
          throw new DomainError('NOT_A_SIMULACRO', domainText.pair('lifecycle.notASimulacro'));
        }
        if (state.phase !== 'voting') throw new DomainError('NOT_VOTING', domainText.pair('lifecycle.notVoting'));
        return [{
          type: 'VotingClosed',
          data: { electionId: command.electionId, at: command.now, scheduledFor: state.votingClosesAt!, earlyCloseReason: early.reason },
        }];
      }
      if (Date.parse(command.now) < Date.parse(state.votingClosesAt!)) {
        throw new DomainError('TOO_EARLY', domainText.pair('lifecycle.votingClosesAt', { votingClosesAt: state.votingClosesAt }));
      }
      const lateBy = Date.parse(command.now) - Date.parse(state.votingClosesAt!);
      return [{
        type: 'VotingClosed',
        data: { electionId: command.electionId, at: command.now, scheduledFor: state.votingClosesAt!, ...(lateBy > 60_000 ? { lateBy } : {}) },
      }];
    }
    case 'RecordBallotBoxExport': {
      if (state.phase !== 'closed') {
        throw new DomainError('NOT_CLOSED', domainText.pair('lifecycle.notClosed'));
      }
      if (!HEX32.test(command.sha256)) throw new DomainError('INVALID_HASH', 'sha256 must be 64 lowercase hex digits');
      return [{
        type: 'BallotBoxExported',
        data: { electionId: command.electionId, ballots: command.ballots, sha256: command.sha256, checkpoint: command.checkpoint, exportedAt: command.now },
      }];
    }
  }
}
