/**
 * Issue 13 over HTTP, on the real stack: the server side tries to vote for a voter who
 * abstains. It holds the database, the command path and every service key: it opens a session
 * in the abstainer's name by telling its own decider the password matched (it never saw the
 * password, so it cannot sign the challenge), reads the SMS codes from its own gateway, and
 * casts. What it lacks is the voter's credential secret, and every ballot it can make is
 * refused, nothing appended. Then a credential the authority replaced: the new one votes, the
 * old one cannot.
 */
import request from 'supertest';
import type { App } from 'supertest/types';
import { SubmitPasswordCommand, VerifyOneTimeCodeCommand } from '../../src/authentication/authentication.commands';
import { importCredentialReplacement } from '../../src/credentials/credential-list-import';
import { exportCredentialRequest } from '../../src/credentials/credential-request-export';
import { loadState } from '../../src/command-path/stream-state';
import { newOneTimeCode, newOpaqueId, newSessionToken, canonicalPassword } from '../../src/domain/authentication/secrets';
import { replaceCredential } from '../../src/domain/credentials/credential-authority';
import { credentialsDecider, credentialsStream } from '../../src/domain/credentials/decider';
import { deriveCredentialKey } from '../../src/domain/crypto/credential/credential-key';
import type { SigningKey } from '../../src/domain/crypto/credential/credential-signature';
import { voterBallotsStream } from '../../src/domain/voting/decider';
import { nodeRandomSource } from '../../src/roll/node-random-source';
import { commandsFor } from '../support/command-path';
import { randomSigningKey } from '../support/credential-authority';
import { type OpenElection, type TestVoter } from '../support/open-election';
import { useOpenElectionApp, type OpenElectionApp } from './support/open-election-app';
import { castCode, encryptFor, signedCast, signIn } from './support/voter-client';

jest.setTimeout(120_000);

describe('the server side cannot vote for anyone (issue 13)', () => {
  const env = useOpenElectionApp('server_forgery', { voters: 4, entities: ['09'] });
  let store: OpenElectionApp['store'];
  let app: OpenElectionApp['app'];
  let server: App;
  let election: OpenElection;
  beforeAll(() => {
    ({ store, app, server, election } = env);
  });

  const expectError = (res: request.Response, status: number, error: string) => expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
  const ballotOf = async (token: string) => (await request(server).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`).expect(200)).body;
  const ballotCasts = async () => (await store.readAll()).filter((e) => e.type === 'BallotCast');
  const ballotStream = async (v: TestVoter) => (await store.readStream(voterBallotsStream(election.electionId, v.pseudonym))).map((e) => e.type);

  /** A session in the voter's name, minted the way only the server can: its decider told the password matched. */
  async function serverSession(v: TestVoter): Promise<string> {
    const commands = await commandsFor(store);
    const now = new Date().toISOString();
    const votingPeriod = { opensAt: election.votingOpensAt, closesAt: election.votingClosesAt };
    const newCode = { codeId: newOpaqueId(nodeRandomSource), code: newOneTimeCode(nodeRandomSource) };
    const by = { actor: 'system:forger' };
    await commands.execute(new SubmitPasswordCommand(election.electionId, v.pseudonym,
      { type: 'SubmitPassword', passwordMatches: true, credentialAssigned: true, newCode, votingPeriod, now }, by));
    const token = newSessionToken(nodeRandomSource, v.pseudonym);
    await commands.execute(new VerifyOneTimeCodeCommand(election.electionId, v.pseudonym,
      { type: 'VerifyOneTimeCode', codeId: newCode.codeId, code: newCode.code, newSession: { sessionId: newOpaqueId(nodeRandomSource), token }, now }, by));
    return token;
  }

  it('a ballot forged for an abstaining voter is refused whatever key signs it, and the voter still votes', async () => {
    const abstainer = election.voters[0];
    const token = await serverSession(abstainer);
    const ballotResponse = await ballotOf(token);
    // The session works: it reads the abstainer's ballot and gets a cast code (the server's own gateway).
    expect(ballotResponse.pseudonym).toBe(abstainer.pseudonym);
    const { challengeId, code } = await castCode(server, election.outboxDir, abstainer, token);
    const cast = (body: object) => request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ...body, challengeId, code });
    const serverKey = randomSigningKey();
    const casts = (await ballotCasts()).length;

    // 1. Signed with a key of its own: a valid signature by a credential the authority never listed.
    const own = encryptFor(ballotResponse, 0, serverKey);
    expectError(await cast({ ballot: own.ballot, ...own.cast }), 422, 'CREDENTIAL_NOT_LISTED');

    // 2. Claiming the abstainer's listed credential (public, and sealed on the server's own ledger), signed with its key.
    const listed = abstainer.credential.publicKey;
    const claimed = encryptFor(ballotResponse, 0, { ...serverKey, publicKey: listed } as SigningKey);
    const r2 = await cast({ ballot: claimed.ballot, ...claimed.cast });
    expectError(r2, 422, 'INVALID_BALLOT');
    expect(r2.body.details.failures).toContainEqual(expect.objectContaining({ check: 'signature' }));

    // 3. Another listed credential, signed by its holder (the server has a voter of its own who
    //    lends a ballot): the signature holds, the credential is not the abstainer's.
    const lender = election.voters[1];
    const lent = encryptFor(ballotResponse, 0, lender.credential);
    expectError(await cast({ ballot: lent.ballot, ...lent.cast }), 422, 'CREDENTIAL_NOT_YOURS');

    // 4. No signature at all, or one over another ballot.
    const bare = encryptFor(ballotResponse, 0, serverKey);
    expectError(await cast({ ballot: bare.ballot, bindingNonce: bare.secrets.bindingNonce, credential: listed }), 400, 'INVALID_REQUEST');
    const other = encryptFor(ballotResponse, 1, serverKey);
    expectError(await cast({ ballot: bare.ballot, ...signedCast(other.ballot, serverKey, bare.secrets.bindingNonce), credential: listed }), 422, 'INVALID_BALLOT');

    expect((await ballotCasts()).length).toBe(casts);
    expect(await ballotStream(abstainer)).toEqual(['VoterCredentialAssigned']);

    // The abstainer, with the password the authority e-mailed, still votes.
    const mine = await signIn(server, election.outboxDir, abstainer);
    const ballot = encryptFor(await ballotOf(mine));
    const c = await castCode(server, election.outboxDir, abstainer, mine);
    await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${mine}`).send({ ballot: ballot.ballot, ...ballot.cast, ...c }).expect(201);
    expect(await ballotStream(abstainer)).toEqual(['VoterCredentialAssigned', 'BallotCastByVoter']);
  });

  it('a credential replaced by the authority: its old key neither signs in nor signs a ballot; the new one votes', async () => {
    const v = election.voters[2];
    const { state } = await loadState(store, credentialsStream(election.electionId), credentialsDecider);
    const entry = (await exportCredentialRequest(store, election.electionId)).voters.find((x) => x.pseudonym === v.pseudonym)!;
    const { file, issued } = replaceCredential(
      { electionId: election.electionId, listHash: state.list!.listHash, number: state.replacements + 1, voter: entry, revoked: v.credential.publicKey, listed: state.listed },
      election.authority!, nodeRandomSource,
    );
    await importCredentialReplacement({ store, commands: await commandsFor(store), electionId: election.electionId, actor: 'official:credentials' }, file, new Date().toISOString());

    // The old password no longer signs in.
    await expect(signIn(server, election.outboxDir, v)).rejects.toThrow();
    const renewed: TestVoter = { ...v, password: issued.password, credential: deriveCredentialKey(election.electionId, v.username, canonicalPassword(issued.password)) };
    expect(renewed.credential.publicKey).toBe(file.replacement);
    const token = await signIn(server, election.outboxDir, renewed);
    const ballotResponse = await ballotOf(token);
    const c = await castCode(server, election.outboxDir, renewed, token);
    const cast = (body: object) => request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ...body, ...c });

    // Whoever still holds the old secret (the voter, or a thief of the first e-mail) cannot sign a ballot with it.
    const old = encryptFor(ballotResponse, 0, v.credential);
    expectError(await cast({ ballot: old.ballot, ...old.cast }), 409, 'CREDENTIAL_REVOKED');
    expect(await ballotStream(v)).toEqual(['VoterCredentialAssigned', 'VoterCredentialReplaced']);

    const fresh = encryptFor(ballotResponse, 0, renewed.credential);
    await cast({ ballot: fresh.ballot, ...fresh.cast }).expect(201);
    const published = (await ballotCasts()).find((e) => (e.data as { pseudonym: string }).pseudonym === v.pseudonym)!;
    expect(published.data).toMatchObject({ credential: file.replacement });
  });
});
