/**
 * The password re-send command through the real CommandBus on PostgreSQL: an ask and its
 * outcome on `credential-resends-<id>` with the sender as actor, and a refusal appends nothing.
 * The rules are tried one by one in test/domain/credentials/resend-decider.spec.ts.
 */
import { DecideCredentialResendCommand } from '../../src/credentials/credential-resend.commands';
import { credentialResendsStream } from '../../src/domain/credentials/resend-events';
import { freshElectionId, openPgCommandPath, refused, when, type PgCommandPath } from './pg-command-path';

const NOW = '2026-06-01T12:00:00.000Z';
const P = 'a'.repeat(26);

describe('the password re-send command through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_resend');
  });
  afterAll(async () => {
    await path.close();
  });

  it('records an ask, then its outcome; a second ask while one is pending, or after closing, is refused', async () => {
    const id = freshElectionId('rs');
    const ask = (closed = false) => new DecideCredentialResendCommand(id, {
      type: 'AskCredentialResend', pseudonym: P, by: 'voter', now: NOW, facts: { onRoll: true, voted: false, closed },
    }, { actor: `voter:${P}` });
    expect((await when(path, credentialResendsStream(id), ask())).types).toEqual(['CredentialResendAsked']);
    await refused(path, ask(), 'RESEND_PENDING');
    const done = new DecideCredentialResendCommand(id, { type: 'RecordCredentialResent', pseudonym: P, replacement: 1, now: NOW }, { actor: 'system:credential-resend' });
    expect((await when(path, credentialResendsStream(id), done)).types).toEqual(['CredentialResent']);
    await refused(path, ask(true), 'VOTING_CLOSED');
  });
});
