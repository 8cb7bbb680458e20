/**
 * Two refusals of the voting decider whose details the main voting spec does not pin:
 * casting before the election is opened (not only between opening and voting), and the
 * audit limit's message, which tells the voter how many audits they had.
 */
import { decideVoting, MAX_AUDITS_PER_VOTER } from '../../../src/domain/voting/decide';
import { votingDecider } from '../../../src/domain/voting/decider';
import type { CastBallot, SpoilBallot } from '../../../src/domain/voting/commands';
import type { VotingEvent } from '../../../src/domain/voting/events';
import { DomainError } from '../../../src/domain/shared/decider';
import { domainText } from '../../../src/domain/shared/domain-text';

const hex = (b: string) => b.repeat(32);
const ballot = (a: string) => ({ contests: [{ options: [{ alpha: hex(a), beta: hex('b0') }] }] });
const cast: CastBallot = {
  type: 'CastBallot', electionId: 'e1', pseudonym: 'P1', bindingNonce: hex('0b'), credential: hex('c7'), signature: hex('5a') + hex('5a'),
  credentialStatus: 'active', entitledStyleId: '09', styleId: '09',
  trackingCode: hex('ab'), ballot: ballot('a1'), ballotVerified: true, reusesPublishedSpoiledCiphertext: false,
  votingPhase: 'voting', votingClosesAt: '2024-06-03T00:00:00.000Z', now: '2024-05-25T00:00:00.000Z',
};
const spoil = (trackingCode: string, alpha: string): SpoilBallot => ({
  type: 'SpoilBallot', electionId: 'e1', pseudonym: 'P1', bindingNonce: hex('5b'), styleId: '09', trackingCode,
  ballot: ballot(alpha), disclosureVerified: true, now: cast.now,
});
const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a DomainError');
};
const fresh = votingDecider.initialState();

describe('casting before voting starts', () => {
  it.each(['not-opened', 'opened'] as const)('in phase %s: VOTING_NOT_STARTED, with its message', (votingPhase) => {
    const err = refusal(() => decideVoting({ ...cast, votingPhase }, fresh));
    expect(err.code).toBe('VOTING_NOT_STARTED');
    expect(err.text).toEqual(domainText.pair('voting.votingNotStarted'));
  });
  it('after it closes: VOTING_CLOSED, not VOTING_NOT_STARTED', () => {
    expect(refusal(() => decideVoting({ ...cast, votingPhase: 'closed' }, fresh)).code).toBe('VOTING_CLOSED');
  });
});

describe('the audit limit', () => {
  it(`says how many audits the voter had (${MAX_AUDITS_PER_VOTER}), in both languages`, () => {
    let state = fresh;
    for (let i = 0; i < MAX_AUDITS_PER_VOTER; i++) {
      for (const e of decideVoting(spoil(hex(`e${i}`), `c${i}`), state) as VotingEvent[]) state = votingDecider.evolve(state, e);
    }
    const err = refusal(() => decideVoting(spoil(hex('f0'), 'f1'), state));
    expect(err.code).toBe('AUDIT_LIMIT_REACHED');
    expect(err.text).toEqual(domainText.pair('voting.auditLimitReached', { max: MAX_AUDITS_PER_VOTER }));
    expect(err.text?.es).toContain(String(MAX_AUDITS_PER_VOTER));
    expect(err.text?.en).toContain(String(MAX_AUDITS_PER_VOTER));
  });
});
