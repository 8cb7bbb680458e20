/** The rules every password re-send obeys (src/domain/credentials/resend-decider.ts), each tried by breaking it. */
import { credentialResendDecider, MAX_CREDENTIAL_RESENDS, type AskCredentialResend, type CredentialResendCommand, type CredentialResendState } from '../../../src/domain/credentials/resend-decider';
import { DomainError } from '../../../src/domain/shared/decider';

const P = 'abcdefghijklmnopqrstuvwxyz'.slice(0, 26);
const NOW = '2024-05-01T12:00:00.000Z';
const fine = { onRoll: true, voted: false, closed: false };
const ask = (over: Partial<AskCredentialResend> = {}): AskCredentialResend => ({ type: 'AskCredentialResend', pseudonym: P, by: 'voter', now: NOW, facts: fine, ...over });

function run(commands: CredentialResendCommand[]): CredentialResendState {
  let s = credentialResendDecider.initialState();
  for (const c of commands) for (const e of credentialResendDecider.decide(c, s)) s = credentialResendDecider.evolve(s, e);
  return s;
}
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  return 'ACCEPTED';
};
const decide = (c: CredentialResendCommand, s = credentialResendDecider.initialState()) => codeOf(() => credentialResendDecider.decide(c, s));
const sent = (n: number): CredentialResendCommand[] => Array.from({ length: n }, (_, i) => [ask(), { type: 'RecordCredentialResent' as const, pseudonym: P, replacement: i + 1, now: NOW }]).flat();

describe('the password re-send decider', () => {
  it('accepts a voter on the roll who has not voted while voting is not closed', () => {
    expect(credentialResendDecider.decide(ask(), credentialResendDecider.initialState())).toEqual([{ type: 'CredentialResendAsked', data: { pseudonym: P, by: 'voter', at: NOW } }]);
  });

  it('refuses a voter who voted, after closing, or off the roll', () => {
    expect(decide(ask({ facts: { ...fine, voted: true } }))).toBe('ALREADY_VOTED');
    expect(decide(ask({ facts: { ...fine, closed: true } }))).toBe('VOTING_CLOSED');
    expect(decide(ask({ facts: { ...fine, onRoll: false } }))).toBe('NOT_ON_ROLL');
  });

  it(`stops at ${MAX_CREDENTIAL_RESENDS} re-sends per voter, voters' and officials' asks together`, () => {
    expect(decide(ask(), run(sent(MAX_CREDENTIAL_RESENDS - 1)))).toBe('ACCEPTED');
    expect(decide(ask({ by: 'account:acct1', request: 7 }), run(sent(MAX_CREDENTIAL_RESENDS)))).toBe('RESEND_LIMIT');
    expect(decide(ask(), run(sent(MAX_CREDENTIAL_RESENDS)))).toBe('RESEND_LIMIT');
  });

  it('one re-send at a time per voter; a failure frees the voter without counting', () => {
    expect(decide(ask(), run([ask()]))).toBe('RESEND_PENDING');
    const failed = run([ask(), { type: 'RecordCredentialResendFailed', pseudonym: P, reason: 'AUTHORITY_FAILED', now: NOW }]);
    expect(failed.voters[P]).toEqual({ pending: false, sent: 0 });
    expect(decide({ type: 'RecordCredentialResent', pseudonym: P, replacement: 1, now: NOW })).toBe('NO_RESEND_PENDING');
  });

  it('an official\'s request is taken up once; malformed asks are refused', () => {
    expect(decide(ask({ by: 'account:acct1', request: 5 }), run([ask({ by: 'account:acct1', request: 5 }), { type: 'RecordCredentialResendFailed', pseudonym: P, reason: 'X', now: NOW }]))).toBe('DUPLICATE_REQUEST');
    expect(decide(ask({ by: 'someone' }))).toBe('INVALID_RESEND');
    expect(decide(ask({ pseudonym: 'ABC' }))).toBe('INVALID_RESEND');
    expect(decide(ask({ now: 'yesterday' }))).toBe('INVALID_TIME');
    expect(decide({ type: 'RecordCredentialResendFailed', pseudonym: P, reason: 'a password: hunter2', now: NOW }, run([ask()]))).toBe('INVALID_RESEND');
  });
});
