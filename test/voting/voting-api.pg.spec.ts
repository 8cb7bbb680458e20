/**
 * Voting through HTTP on the real stack: PostgreSQL ledger, Merkle log with its checkpoint
 * loop, the voting API. A real configured election from the simulacro fixture (openElection).
 */
import type { INestApplication } from '@nestjs/common';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import type { App } from 'supertest/types';
import { CloseVotingCommand } from '../../src/closing/closing.commands';
import { commandsFor } from '../support/command-path';
import { exportBallotBox } from '../../src/closing/export-ballot-box';
import { electronicVoters } from '../../src/closing/electronic-voters-export';
import { lifecycleDecider, lifecycleStream } from '../../src/domain/lifecycle/decider';
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { openCheckpoint } from '../../src/ledger/checkpoint/checkpoint-format';
import { parseVerifierKey, formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import type { NoteSigner } from '../../src/ledger/checkpoint/note-signer';
import { LOG_NOTE_SIGNER } from '../../src/bulletin-board/bulletin-board.tokens';
import { fromHex } from '../../src/ledger/merkle/encoding';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { verifyInclusion } from '../../src/ledger/merkle/verify';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import type { EventStore } from '../../src/ledger/event-store';
import { EVENT_STORE } from '../../src/ledger/ledger.tokens';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { openElection, type OpenElection, type TestVoter } from '../support/open-election';
import { BOOTH_ORIGIN, createVotingApp } from './support/voting-app';
import { BoardDownloads, DownloadUnavailable } from '../../src/projections/board-downloads';
import { DownloadSlots } from '../../src/http/download-slots';
import { castCode, encryptFor, lastSmsCode, loginBody, reuseFirstNonce, signedCast, signIn, smsCount } from './support/voter-client';
import { spoilBallot } from '../../src/domain/crypto/ballot';
import { voterBallotsStream } from '../../src/domain/voting/decider';
import { SpoilBallotCommand } from '../../src/voting/voting.commands';
import { sealBallot } from '../../src/domain/crypto/ballot/tracking-code';
import { group } from '../../src/domain/crypto/active-group';
import { fromHex as scalarHexToBytes, toHex } from '../../src/domain/crypto/hash';
import { encodeScalar, mod, randomScalar } from '../../src/domain/crypto/scalar';
import { signLogin } from '../../src/domain/crypto/credential/login-signature';

jest.setTimeout(120_000);

describe('voting over HTTP', () => {
  const databaseUrl = requireDatabaseUrl();
  const pool = new Pool({ connectionString: databaseUrl, max: 8 });
  const schema = freshSchemaName('voting_api');
  const store = new PostgresEventStore(pool, { schema });
  let dir: string;
  let app: INestApplication;
  let server: App;
  let election: OpenElection;
  let offsetMs = 0;
  const latencies: number[] = [];
  let next = 0;
  const voter = (): TestVoter => election.voters[next++];
  /** The next two voters of one ballot style (the roll is reordered so that they come next). */
  const twoVotersOfOneStyle = (): [TestVoter, TestVoter] => {
    const i = election.voters.findIndex((o, k) => k >= next && election.voters.some((p, l) => l > k && p.styleId === o.styleId));
    expect(i).toBeGreaterThanOrEqual(next);
    [election.voters[next], election.voters[i]] = [election.voters[i], election.voters[next]];
    const first = voter();
    const j = election.voters.findIndex((o, k) => k >= next && o.styleId === first.styleId);
    [election.voters[next], election.voters[j]] = [election.voters[j], election.voters[next]];
    return [first, voter()];
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'urna-voting-api-'));
    await store.migrate();
    // Enough voters that two of one style are still unused when the cast-or-spoil test needs them.
    election = await openElection(store, { voters: 21, outboxDir: join(dir, 'outbox'), entities: ['09', '14', '01'] });
    app = await createVotingApp({
      databaseUrl, ledgerSchema: schema, electionId: election.electionId, outboxDir: election.outboxDir, keyFile: join(dir, 'log.key'),
      clock: () => new Date(Date.now() + offsetMs),
      // Board downloads from several addresses (X-Forwarded-For from loopback is believed).
      trustedProxies: ['loopback'],
      ballotBoxDownloads: { cacheDir: join(dir, 'board-cache'), slots: { perAddress: 2, total: 8 } },
    });
    server = app.getHttpServer();
  });

  afterAll(async () => {
    if (latencies.length) {
      const sorted = [...latencies].sort((a, b) => a - b);
      console.log(`cast latency (HTTP, incl. checkpoint wait, interval 100 ms): n=${sorted.length} p50=${sorted[Math.floor(sorted.length / 2)]} ms max=${sorted[sorted.length - 1]} ms`);
    }
    await app?.close();
    await store.close();
    for (const s of [schema, `${schema}_log`, `${schema}_voting`]) await dropSchema(pool, s);
    await pool.end();
    await rm(dir, { recursive: true, force: true });
  });

  const ballotOf = async (token: string) => (await request(server).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`).expect(200)).body;
  const ballotCasts = async () => (await store.readAll()).filter((e) => e.type === 'BallotCast');
  const expectError = (res: request.Response, status: number, error: string) => {
    expect({ status: res.status, error: res.body.error }).toEqual({ status, error });
    expect(typeof res.body.message).toBe('string');
    expect(typeof res.body.mensaje).toBe('string');
  };

  it("walks a voter's whole path and the receipt verifies against the signed checkpoint", async () => {
    const v = voter();
    // Reads of the election's lifecycle by the service: the voting period is kept once the
    // election is opened (it never changes after ElectionOpened); whether casting is open now is
    // read afresh by every request that needs it.
    const ledger = app.get<EventStore>(EVENT_STORE);
    const lifecycleReads = jest.spyOn(ledger, 'readStream');
    const readsOfLifecycle = () => lifecycleReads.mock.calls.filter(([stream]) => stream === lifecycleStream(election.electionId)).length;
    const firstToken = await signIn(server, election.outboxDir, v);
    expect(readsOfLifecycle()).toBeLessThanOrEqual(1); // the first sign-in of the service's life, at most
    const afterSignIn = readsOfLifecycle();
    // Right after sign-in, before the ballot: may this voter still cast?
    const status = await request(server).get('/api/voter/status').set('Authorization', `Bearer ${firstToken}`).expect(200);
    expect(status.body).toMatchObject({ alreadyVoted: false, castingOpen: true });
    expect(Date.parse(status.body.sessionExpiresAt)).toBeGreaterThan(Date.now());
    expect(readsOfLifecycle()).toBe(afterSignIn + 1);
    await ballotOf(firstToken); // the service's first ballot: it reads the opened election's facts once
    // From here on, a whole sign-in and the ballot read the lifecycle no more.
    const settled = readsOfLifecycle();
    const token = await signIn(server, election.outboxDir, v);
    const ballotResponse = await ballotOf(token);
    expect(readsOfLifecycle()).toBe(settled);
    lifecycleReads.mockRestore();
    expect(ballotResponse.votingClosesAt).toBe(election.votingClosesAt);
    expect(ballotResponse.contests[0].options[0].kind).toBe('party');
    expect(ballotResponse).toMatchObject({ electionId: election.electionId, styleId: v.styleId, pseudonym: v.pseudonym, publicKey: election.publicKeyHex, manifestHash: election.manifestHash });
    const { ballot, cast, secrets: { bindingNonce } } = encryptFor(ballotResponse);
    const { challengeId, code } = await castCode(server, election.outboxDir, v, token);
    const t0 = Date.now();
    const res = await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot, ...cast, challengeId, code });
    latencies.push(Date.now() - t0);
    expect(res.status).toBe(201);
    const receipt = res.body;
    expect(receipt.trackingCode).toBe(ballot.trackingCode);
    expect(receipt.checkpointSize).toBeGreaterThan(receipt.logIndex);

    // The voter's check: signature of the checkpoint, then the inclusion proof against it.
    const signer = app.get<NoteSigner>(LOG_NOTE_SIGNER);
    const checkpoint = openCheckpoint(receipt.checkpoint, parseVerifierKey(formatVerifierKey(signer.name, signer.publicKey)));
    const proof = await app.get(MerkleLog).inclusionProof(receipt.logIndex, checkpoint.size);
    expect(() => verifyInclusion(receipt.logIndex, checkpoint.size, fromHex(receipt.leafHash), proof, checkpoint.rootHash)).not.toThrow();
    const [leaf] = await app.get(MerkleLog).entries(receipt.logIndex, receipt.logIndex + 1);
    const entry = JSON.parse(new TextDecoder().decode(leaf.data));
    // BallotCast v3: the credential and the voter's signature travel with the ballot (issue 13).
    expect(entry).toMatchObject({ type: 'BallotCast', version: 3, revision: 0, data: { trackingCode: ballot.trackingCode, pseudonym: v.pseudonym, bindingNonce, credential: cast.credential, signature: cast.signature } });
    expect(JSON.stringify(entry)).not.toContain(v.username);

    // Public board: found by full and readable tracking code.
    let board = await request(server).get(`/api/board/receipts/${receipt.trackingCode}`);
    for (let i = 0; board.status === 404 && i < 50; i++) {
      await new Promise((r) => setTimeout(r, 20));
      board = await request(server).get(`/api/board/receipts/${receipt.trackingCode}`);
    }
    expect(board.body).toMatchObject({ trackingCode: receipt.trackingCode, logIndex: receipt.logIndex, leafHash: receipt.leafHash });
    await request(server).get(`/api/board/receipts/${receipt.readableTrackingCode}`).expect(200);
    expectError(await request(server).get(`/api/board/receipts/${'0'.repeat(64)}`), 404, 'RECEIPT_NOT_FOUND');

    // Replaying the accepted request: the code is spent; a fresh code: already voted.
    expectError(await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot, ...cast, challengeId, code }), 409, 'ALREADY_VOTED');
    // No new cast code after the vote: no SMS is sent, nothing is appended.
    const smsBefore = await smsCount(election.outboxDir, v.record.mobilePhone);
    const headBefore = await store.head();
    expectError(await request(server).post('/api/voter/cast/code').set('Authorization', `Bearer ${token}`).send({}), 409, 'ALREADY_VOTED');
    expect(await smsCount(election.outboxDir, v.record.mobilePhone)).toBe(smsBefore);
    expect(await store.head()).toBe(headBefore);
    expect(await ballotCasts()).toHaveLength(1);
    // Signing in again after the vote: told at once, before any ballot.
    expect((await request(server).get('/api/voter/status').set('Authorization', `Bearer ${token}`).expect(200)).body.alreadyVoted).toBe(true);
    await request(server).post('/api/voter/logout').set('Authorization', `Bearer ${token}`).expect(204);
    expectError(await request(server).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`), 401, 'SESSION_INVALID');
  });

  it('refuses bad logins alike, whether or not the username exists', async () => {
    const v = election.voters[election.voters.length - 1];
    const wrong = await request(server).post('/api/voter/login').send(await loginBody(server, v.username, 'aaaa-bbbb-cccc-dddd'));
    const unknown = await request(server).post('/api/voter/login').send(await loginBody(server, 'v-zzzz-zzzz-zzzz', 'aaaa-bbbb-cccc-dddd'));
    expectError(wrong, 401, 'AUTHENTICATION_FAILED');
    expect(unknown.body).toEqual(wrong.body);
    expectError(await request(server).post('/api/voter/login').send({ username: 42 }), 400, 'INVALID_REQUEST');
    expectError(await request(server).post('/api/voter/login').set('Content-Type', 'application/json').send('{"username":'), 400, 'MALFORMED_BODY');
  });

  it('sign-in proves possession of the credential: the password never travels; a replayed, made-up or foreign-keyed proof is refused like a wrong password', async () => {
    const v = election.voters[election.voters.length - 2];
    const other = election.voters[election.voters.length - 3];
    // The old request (username and password) is refused outright: no challenge, no signature.
    expectError(await request(server).post('/api/voter/login').send({ username: v.username, password: v.password }), 400, 'INVALID_REQUEST');
    const good = await loginBody(server, v.username, v.password);
    expect(JSON.stringify(good)).not.toContain(v.password.replace(/-/g, ''));
    // Signed with another voter's credential key: that key is not v's public credential.
    const { challenge, electionId } = (await request(server).post('/api/voter/login/challenge').send({}).expect(200)).body;
    expect(electionId).toBe(election.electionId);
    const foreign = { username: v.username, challenge, signature: signLogin(other.credential, election.electionId, v.username, challenge) };
    expectError(await request(server).post('/api/voter/login').send(foreign), 401, 'AUTHENTICATION_FAILED');
    // A challenge the service never issued, signed correctly.
    const madeUp = 'ab'.repeat(32);
    expectError(await request(server).post('/api/voter/login').send({ username: v.username, challenge: madeUp, signature: signLogin(v.credential, election.electionId, v.username, madeUp) }), 401, 'AUTHENTICATION_FAILED');
    // The good proof works once; replayed, it is refused.
    await request(server).post('/api/voter/login').send(good).expect(200);
    expectError(await request(server).post('/api/voter/login').send(good), 401, 'AUTHENTICATION_FAILED');
  });

  it('refuses wrong, expired and reused codes', async () => {
    const v = voter();
    const before = await smsCount(election.outboxDir, v.record.mobilePhone);
    const login = await request(server).post('/api/voter/login').send(await loginBody(server, v.username, v.password)).expect(200);
    const code = await lastSmsCode(election.outboxDir, v.record.mobilePhone, before);
    const wrongCode = code === '000000' ? '111111' : '000000';
    expect(login.body.sentTo).toBe(`•••• ${v.record.mobilePhone.replace(/[^0-9]/g, '').slice(-2)}`);
    const wrong = await request(server).post('/api/voter/login/confirm').send({ challengeId: login.body.challengeId, code: wrongCode });
    expectError(wrong, 401, 'ONE_TIME_CODE_REJECTED');
    // Told plainly, with the tries left; never the reason's code (issue 15).
    expect(wrong.body.details).toEqual({ reason: 'wrong_code', attemptsLeft: 2 });
    expect(wrong.body.mensaje).toBe('El código no coincide. Puede intentarlo 2 veces más con este código.');
    expect(`${wrong.body.message} ${wrong.body.mensaje}`).not.toMatch(/wrong_code|too_many|expired\)/);
    await request(server).post('/api/voter/login/confirm').send({ challengeId: login.body.challengeId, code }).expect(200);
    const reused = await request(server).post('/api/voter/login/confirm').send({ challengeId: login.body.challengeId, code });
    expectError(reused, 401, 'ONE_TIME_CODE_REJECTED');
    expect(reused.body.details).toEqual({ reason: 'already_used' });

    const before2 = await smsCount(election.outboxDir, v.record.mobilePhone);
    const login2 = await request(server).post('/api/voter/login').send(await loginBody(server, v.username, v.password)).expect(200);
    const code2 = await lastSmsCode(election.outboxDir, v.record.mobilePhone, before2);
    offsetMs = 6 * 60_000; // past the 5-minute code lifetime
    try {
      const expired = await request(server).post('/api/voter/login/confirm').send({ challengeId: login2.body.challengeId, code: code2 });
      expectError(expired, 401, 'ONE_TIME_CODE_REJECTED');
      expect(expired.body.details).toEqual({ reason: 'expired' });
      expect(expired.body.mensaje).toContain('venció');
    } finally {
      offsetMs = 0;
    }
  });

  it('refuses ballots of another style, tampered proofs, invalid points, another pseudonym, and oversized bodies; nothing is cast', async () => {
    const v = voter();
    const other = election.voters.find((o) => o.styleId !== v.styleId)!;
    const token = await signIn(server, election.outboxDir, v);
    const mine = await ballotOf(token);
    const { challengeId, code } = await castCode(server, election.outboxDir, v, token);
    // Signed by v's credential over the ballot as sent, so that only what each line breaks is in question.
    const cast = (ballot: { baseHash: string; trackingCode: string }, bindingNonce = nonce) =>
      request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot, ...signedCast(ballot, v.credential, bindingNonce), challengeId, code });

    const otherStyle = election.manifest.ballotStyles.find((s) => s.id === other.styleId)!;
    const foreign = encryptFor({ ...mine, styleId: otherStyle.id, contests: otherStyle.contests.map((id) => ({ id, options: election.manifest.contests.find((c) => c.id === id)!.options })) });
    expectError(await cast(foreign.ballot, foreign.secrets.bindingNonce), 422, 'WRONG_BALLOT_STYLE');

    const { ballot, secrets: { bindingNonce: nonce } } = encryptFor(mine);
    const tampered = JSON.parse(JSON.stringify(ballot));
    const proof = tampered.contests[0].options[0].proof;
    const field = Object.keys(proof).find((k) => typeof proof[k] === 'string' && /^[0-9a-f]{64}$/.test(proof[k]) && k.startsWith('v'))!;
    proof[field] = (proof[field][0] === '0' ? '1' : '0') + proof[field].slice(1);
    const t = await cast(tampered);
    expectError(t, 422, 'INVALID_BALLOT');

    const badPoint = JSON.parse(JSON.stringify(ballot));
    badPoint.contests[0].options[0].alpha = 'ff'.repeat(32);
    expectError(await cast(badPoint), 422, 'INVALID_BALLOT');

    const notMine = encryptFor({ ...mine, pseudonym: other.pseudonym }, 0, v.credential);
    expectError(await cast(notMine.ballot, notMine.secrets.bindingNonce), 422, 'INVALID_BALLOT');
    // My ballot with another binding nonce: its voter binding does not open to me.
    expectError(await cast(ballot, 'ee'.repeat(32)), 422, 'INVALID_BALLOT');
    expect(() => signedCast(ballot, v.credential, 'not hex')).not.toThrow();
    expectError(await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`)
      .send({ ballot, ...signedCast(ballot, v.credential, nonce), bindingNonce: 'not hex', challengeId, code }), 400, 'INVALID_REQUEST');
    // α = identity (nonce 0) is refused by name.
    const degenerate = JSON.parse(JSON.stringify(ballot));
    degenerate.contests[0].options[0].alpha = '00'.repeat(32);
    const d = await cast(degenerate);
    expectError(d, 422, 'INVALID_BALLOT');
    expect(d.body.details.failures).toContainEqual(expect.objectContaining({ check: 'degenerate-ciphertext' }));

    const huge = await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot: { padding: 'x'.repeat(200 * 1024) }, challengeId, code });
    expectError(huge, 413, 'PAYLOAD_TOO_LARGE');

    expect((await ballotCasts()).filter((e) => (e.data as { pseudonym: string }).pseudonym === v.pseudonym)).toHaveLength(0);
    // The code was not spent by the refusals: the good ballot still goes in.
    await cast(ballot).expect(201);
  });

  it('refuses a forged 0/1 proof with both branches simulated (c0 + c1 ≠ H) on an otherwise valid ballot: 422 INVALID_BALLOT, nothing appended', async () => {
    const v = voter();
    const token = await signIn(server, election.outboxDir, v);
    const { ballot, secrets: { bindingNonce } } = encryptFor(await ballotOf(token));
    // Simulate both branches: every verification equation holds, only c0 + c1 = H fails.
    const forged = JSON.parse(JSON.stringify(ballot));
    const o = forged.contests[0].options[0];
    const point = (hex: string) => group.decode(scalarHexToBytes(hex, 32));
    const enc = (p: ReturnType<typeof group.decode>) => toHex(group.encode(p));
    const sc = (k: bigint) => toHex(encodeScalar(mod(k)));
    const [alpha, beta, K, G] = [point(o.alpha), point(o.beta), point(election.publicKeyHex), group.generator];
    const [c0, c1, v0, v1] = [randomScalar(), randomScalar(), randomScalar(), randomScalar()];
    o.proof = {
      a0: enc(group.sub(group.mul(G, v0), group.mul(alpha, c0))), b0: enc(group.sub(group.mul(K, v0), group.mul(beta, c0))),
      a1: enc(group.sub(group.mul(G, v1), group.mul(alpha, c1))), b1: enc(group.sub(group.mul(K, v1), group.mul(group.sub(beta, G), c1))),
      c0: sc(c0), c1: sc(c1), v0: sc(v0), v1: sc(v1),
    };
    const { trackingCode: _old, ...unsealed } = forged;
    const sealed = sealBallot(unsealed);
    const { challengeId, code } = await castCode(server, election.outboxDir, v, token);
    const before = (await store.readAll()).length;
    // The voter's own booth signs what it sends: only the proof is wrong.
    const res = await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot: sealed, ...signedCast(sealed, v.credential, bindingNonce), challengeId, code });
    expectError(res, 422, 'INVALID_BALLOT');
    // Refused for the challenge sum alone: structure, binding, equations and tracking code all hold.
    expect(res.body.details.failures).toEqual([expect.objectContaining({ check: 'option-proof', option: 0, reason: expect.stringMatching(/c0 \+ c1 are not the Fiat-Shamir challenge/) })]);
    expect((await store.readAll()).length).toBe(before);
    expect((await ballotCasts()).filter((e) => (e.data as { pseudonym: string }).pseudonym === v.pseudonym)).toHaveLength(0);
    // The honest ballot still goes in with the same code.
    await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot, ...signedCast(ballot, v.credential, bindingNonce), challengeId, code }).expect(201);
  });

  it('refuses a cast without a confirmed cast code, and a voter taken off the roll', async () => {
    const v = voter();
    const token = await signIn(server, election.outboxDir, v);
    const { ballot, cast } = encryptFor(await ballotOf(token));
    const { challengeId } = await castCode(server, election.outboxDir, v, token);
    expectError(await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot, ...cast, challengeId, code: '12345' }), 401, 'ONE_TIME_CODE_REJECTED');
    const stranger = voter();
    const strangerToken = await signIn(server, election.outboxDir, stranger);
    const theirs = await castCode(server, election.outboxDir, stranger, strangerToken);
    expectError(await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot, ...cast, ...theirs }), 401, 'ONE_TIME_CODE_REJECTED');
  });

  it('accepts exactly one of 50 simultaneous casts by one voter', async () => {
    const v = voter();
    const token = await signIn(server, election.outboxDir, v);
    const ballotResponse = await ballotOf(token);
    // Two different ballots (a double vote with different choices), 25 requests each.
    const ballots = [encryptFor(ballotResponse, 0), encryptFor(ballotResponse, 1)];
    const { challengeId, code } = await castCode(server, election.outboxDir, v, token);
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => ballots[i % 2]).map(({ ballot, cast }) => request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot, ...cast, challengeId, code })));
    const accepted = responses.filter((r) => r.status === 201);
    const refused = responses.filter((r) => r.status !== 201);
    expect(accepted).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) {
      expect([409]).toContain(r.status);
      expect(['ALREADY_VOTED', 'CONCURRENT_REQUEST']).toContain(r.body.error);
      expect(r.body.mensaje).toBeTruthy();
    }
    const mine = (await ballotCasts()).filter((e) => (e.data as { pseudonym: string }).pseudonym === v.pseudonym);
    expect(mine).toHaveLength(1);
    expect((mine[0].data as { trackingCode: string }).trackingCode).toBe(accepted[0].body.trackingCode);
  });

  it('sends CORS and security headers for the booth origin only', async () => {
    const pre = await request(server).options('/api/voter/login').set('Origin', BOOTH_ORIGIN).set('Access-Control-Request-Method', 'POST');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(BOOTH_ORIGIN);
    const res = await request(server).get(`/api/board/receipts/${'1'.repeat(64)}`).set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('a ballot is cast or spoiled, never both; a disclosure once; at most 5 audits; no reuse of a spoiled ciphertext; spoiled ballots name nobody in the log', async () => {
    // Two voters of one style among those not handed out yet (entities are drawn at random, so
    // look for a pair): v is handed out; w only signs in here and never casts.
    const i = election.voters.findIndex((o, k) => k >= next && election.voters.some((p, l) => l > k && p.styleId === o.styleId));
    expect(i).toBeGreaterThanOrEqual(next);
    [election.voters[next], election.voters[i]] = [election.voters[i], election.voters[next]];
    const v = voter();
    const w = election.voters.slice(next).find((o) => o.styleId === v.styleId)!;
    expect(w).toBeDefined();
    const token = await signIn(server, election.outboxDir, v);
    const resp = await ballotOf(token);
    const spoil = (b: ReturnType<typeof encryptFor>, bindingNonce = b.secrets.bindingNonce) =>
      request(server).post('/api/voter/spoil').set('Authorization', `Bearer ${token}`).send({ spoiled: spoilBallot(b.ballot, b.secrets), bindingNonce });

    // Spoil B, then the same disclosure again: refused.
    const b = encryptFor(resp);
    expect((await spoil(b)).status).toBe(201);
    expectError(await spoil(b), 409, 'ALREADY_SPOILED');
    // A ballot that is not this voter's (its binding nonce does not open to the session's pseudonym).
    expectError(await spoil(encryptFor(resp, 1), 'ee'.repeat(32)), 422, 'INVALID_DISCLOSURE');

    // Cast B after spoiling it: refused; a new ballot reusing one of B's ciphertexts (its nonce is public): refused.
    const { challengeId, code } = await castCode(server, election.outboxDir, v, token);
    const cast = (x: { ballot: unknown; cast: object }) => request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot: x.ballot, ...x.cast, challengeId, code });
    expectError(await cast(b), 409, 'BALLOT_SPOILED');
    const reusing = reuseFirstNonce(b, resp);
    expect(reusing.ballot.contests[0].options[0].alpha).toBe(b.ballot.contests[0].options[0].alpha);
    expect(reusing.ballot.trackingCode).not.toBe(b.ballot.trackingCode);
    expectError(await cast(reusing), 409, 'SPOILED_CIPHERTEXT_REUSED');
    // Another voter reusing v's published spoiled ciphertext: refused too.
    const wToken = await signIn(server, election.outboxDir, w);
    const wResp = await ballotOf(wToken);
    const theirs = reuseFirstNonce(b, wResp);
    const wCode = await castCode(server, election.outboxDir, w, wToken);
    expectError(await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${wToken}`)
      .send({ ballot: theirs.ballot, ...theirs.cast, ...wCode }), 409, 'SPOILED_CIPHERTEXT_REUSED');

    // Four more audits make five; the sixth is refused.
    for (let i = 0; i < 4; i++) expect((await spoil(encryptFor(resp, i))).status).toBe(201);
    expectError(await spoil(encryptFor(resp, 2)), 409, 'AUDIT_LIMIT_REACHED');

    // A fresh ballot is cast; afterwards nothing can be audited.
    const fresh = encryptFor(resp, 1);
    const receipt = (await cast(fresh).expect(201)).body;
    expectError(await spoil(encryptFor(resp, 3)), 409, 'ALREADY_VOTED');

    // The exported log entries: every spoiled ballot of v is public with nothing of v.
    const entries = (await app.get(MerkleLog).entries(0, receipt.checkpointSize)).map((l) => new TextDecoder().decode(l.data));
    const spoiledLeaves = entries.filter((t) => (JSON.parse(t) as { type: string }).type === 'BallotSpoiled');
    expect(spoiledLeaves.length).toBeGreaterThanOrEqual(5);
    const bLeaf = spoiledLeaves.map((t) => JSON.parse(t)).find((e) => e.data.trackingCode === b.ballot.trackingCode);
    expect(bLeaf).toMatchObject({ version: 3, revision: 0, actor: 'system:benaloh', stream: `spoiled-${election.electionId}-${b.ballot.trackingCode}` });
    expect(bLeaf.correlationId).toBeUndefined();
    for (const t of spoiledLeaves) {
      expect(t).not.toContain(v.pseudonym);
      expect(t).not.toContain(v.username);
      expect(t).not.toContain(b.secrets.bindingNonce);
      // Nor the voter's credential or any signature: either would name the voter's credential.
      expect(t).not.toContain(v.credential.publicKey);
      expect(t).not.toContain(b.secrets.signature);
    }
    // The voter's audits are sealed leaves: a commitment, no stream, actor or pseudonym.
    const sealed = entries.map((t) => JSON.parse(t)).filter((e) => e.type === 'BallotSpoiledByVoter' || e.type === 'BallotCastByVoter');
    expect(sealed.length).toBeGreaterThanOrEqual(6);
    for (const e of sealed) {
      expect(e).toMatchObject({ visibility: 'sealed', data: { commitment: expect.stringMatching(/^[0-9a-f]{64}$/) } });
      expect(JSON.stringify(e)).not.toContain(v.pseudonym);
    }
    // Only the roll and v's own cast ballot (revision 0: nothing about the audits) name v.
    const naming = entries.filter((t) => t.includes(v.pseudonym)).map((t) => JSON.parse(t) as { type: string; revision?: number });
    expect(naming.map((e) => e.type).filter((t) => t !== 'RollEntriesPublished')).toEqual(['BallotCast']);
    expect(naming.find((e) => e.type === 'BallotCast')?.revision).toBe(0);
  });

  it('a spoiled ballot may disclose no ciphertext of a cast ballot: two voters sharing a nonce cannot get a counted vote opened (record V18)', async () => {
    // Two voters of one style: x casts; y, given x's nonces, makes a valid ballot of its own that
    // holds x's first α (and β), and asks to audit it, which would publish that nonce.
    const [x, y] = twoVotersOfOneStyle();

    const xToken = await signIn(server, election.outboxDir, x);
    const a = encryptFor(await ballotOf(xToken));
    const xCode = await castCode(server, election.outboxDir, x, xToken);
    await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${xToken}`).send({ ballot: a.ballot, ...a.cast, ...xCode }).expect(201);

    const yToken = await signIn(server, election.outboxDir, y);
    const yResp = await ballotOf(yToken);
    const spoilAsY = (b: ReturnType<typeof encryptFor>) =>
      request(server).post('/api/voter/spoil').set('Authorization', `Bearer ${yToken}`).send({ spoiled: spoilBallot(b.ballot, b.secrets), bindingNonce: b.secrets.bindingNonce });
    const disclosing = reuseFirstNonce(a, yResp);
    expect(disclosing.ballot.contests[0].options[0].alpha).toBe(a.ballot.contests[0].options[0].alpha);
    const refused = await spoilAsY(disclosing);
    expectError(refused, 409, 'CAST_CIPHERTEXT_DISCLOSED');
    expect(refused.body.mensaje).toMatch(/ya emitida/);
    // Nothing was recorded: no audit on y's sealed stream, no published spoiled ballot.
    const yBallots = await store.readStream(voterBallotsStream(election.electionId, y.pseudonym));
    expect(yBallots.map((e) => e.type)).not.toContain('BallotSpoiledByVoter');
    expect((await store.readStream(`spoiled-${election.electionId}-${disclosing.ballot.trackingCode}`)).length).toBe(0);
    // y's own fresh ballot is audited as usual, and y may still cast.
    expect((await spoilAsY(encryptFor(yResp, 1))).status).toBe(201);
    const fresh = encryptFor(yResp, 0);
    const yCode = await castCode(server, election.outboxDir, y, yToken);
    await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${yToken}`).send({ ballot: fresh.ballot, ...fresh.cast, ...yCode }).expect(201);
  });

  it('a retried audit whose first publication failed is refused once a cast ballot holds its α: the disclosure is never published', async () => {
    // y's audit is recorded on y's sealed stream, then its publication fails (the state a crash
    // between the two commands leaves). x, given y's nonces, casts a ballot holding that α: the
    // cast check sees only published spoiled ballots, so it passes. y's retry must not publish.
    const [y, x] = twoVotersOfOneStyle();

    const yToken = await signIn(server, election.outboxDir, y);
    const b = encryptFor(await ballotOf(yToken), 1);
    const disclosure = spoilBallot(b.ballot, b.secrets);
    await (await commandsFor(store)).execute(new SpoilBallotCommand(election.electionId, {
      type: 'SpoilBallot', electionId: election.electionId, pseudonym: y.pseudonym, bindingNonce: b.secrets.bindingNonce, styleId: b.ballot.styleId,
      trackingCode: b.ballot.trackingCode, ballot: b.ballot, disclosureVerified: true, now: new Date(Date.now() + offsetMs).toISOString(),
    }, { actor: `voter:${y.pseudonym}` }));

    const xToken = await signIn(server, election.outboxDir, x);
    const holding = reuseFirstNonce(b, await ballotOf(xToken));
    expect(holding.ballot.contests[0].options[0].alpha).toBe(b.ballot.contests[0].options[0].alpha);
    const xCode = await castCode(server, election.outboxDir, x, xToken);
    await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${xToken}`).send({ ballot: holding.ballot, ...holding.cast, ...xCode }).expect(201);

    const retried = await request(server).post('/api/voter/spoil').set('Authorization', `Bearer ${yToken}`).send({ spoiled: disclosure, bindingNonce: b.secrets.bindingNonce });
    expectError(retried, 409, 'CAST_CIPHERTEXT_DISCLOSED');
    expect((await store.readStream(`spoiled-${election.electionId}-${b.ballot.trackingCode}`)).length).toBe(0);
    // y still votes.
    const fresh = encryptFor(await ballotOf(yToken), 0);
    const yCode = await castCode(server, election.outboxDir, y, yToken);
    await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${yToken}`).send({ ballot: fresh.ballot, ...fresh.cast, ...yCode }).expect(201);
  });

    it('after closing: casting stops with a clear message, and the export hashes what it wrote', async () => {
    const v = voter();
    const token = await signIn(server, election.outboxDir, v);
    const { ballot, cast } = encryptFor(await ballotOf(token));
    const { challengeId, code } = await castCode(server, election.outboxDir, v, token);
    expectError(await request(server).get('/api/board/ballot-box.jsonl'), 404, 'NOT_EXPORTED');
    await (await commandsFor(store)).execute(new CloseVotingCommand(election.electionId, { type: 'CloseVoting', electionId: election.electionId, now: election.votingClosesAt }, { actor: 'system:scheduler' }));
    const closed = await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot, ...cast, challengeId, code });
    expectError(closed, 409, 'VOTING_CLOSED');
    expect(closed.body.mensaje).toMatch(/cerr/);
    // The live session asks for a cast code after closing: refused, no SMS.
    const smsBefore = await smsCount(election.outboxDir, v.record.mobilePhone);
    expectError(await request(server).post('/api/voter/cast/code').set('Authorization', `Bearer ${token}`).send({}), 409, 'VOTING_CLOSED');
    expect(await smsCount(election.outboxDir, v.record.mobilePhone)).toBe(smsBefore);

    const castCount = (await ballotCasts()).length;
    const out = join(dir, 'export', 'ballot-box.jsonl');
    const exported = await exportBallotBox(store, election.electionId, { commands: await commandsFor(store), outputPath: out, checkpoints: app.get(CheckpointService) });
    const text = await readFile(out, 'utf8');
    expect(exported.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    expect(exported.ballots).toBe(castCount);
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l));
    const codes = lines.map((l) => l.trackingCode);
    expect(codes).toEqual([...codes].sort());
    expect(text).not.toMatch(/castAt|username|electorKey/);
    // Six first downloads at once, from six addresses: one build from the ledger, six copies of its bytes.
    const board = app.get(BoardDownloads);
    expect(board.builds).toBe(0);
    const served = await Promise.all(Array.from({ length: 6 }, (_, k) => request(server).get('/api/board/ballot-box.jsonl').set('X-Forwarded-For', `203.0.113.${k + 1}`)));
    for (const r of served) {
      expect(r.status).toBe(200);
      expect(createHash('sha256').update(r.text).digest('hex')).toBe(exported.sha256);
      expect(r.headers.etag).toBe(`"${exported.sha256}"`);
      expect(r.headers['x-content-sha256']).toBe(exported.sha256);
      expect(r.headers['repr-digest']).toBe(`sha-256=:${Buffer.from(exported.sha256, 'hex').toString('base64')}:`);
      expect(r.headers['content-length']).toBe(String(Buffer.byteLength(text)));
    }
    expect(board.builds).toBe(1);
    const exclusion = await electronicVoters(store, election.electionId);
    expect(exclusion.electorKeys).toHaveLength(castCount);
    expect(exclusion.unmatchedPseudonyms).toEqual([]);
  });

  it('the board serves the exported box from one build, answers 304 to a client that holds it, and bounds downloads per address and in all', async () => {
    const board = app.get(BoardDownloads);
    const slots = app.get(DownloadSlots);
    const lifecycle = (await store.readStream(lifecycleStream(election.electionId))).find((e) => e.type === 'BallotBoxExported')!;
    const sha256 = (lifecycle.data as { sha256: string }).sha256;
    const get = (address: string) => request(server).get('/api/board/ballot-box.jsonl').set('X-Forwarded-For', address);

    // Holding the box already: 304, no body, no slot, no build.
    const notModified = await get('198.51.100.1').set('If-None-Match', `"${sha256}"`);
    expect(notModified.status).toBe(304);
    expect(notModified.text ?? '').toBe('');
    expect((await get('198.51.100.1').set('If-None-Match', `"${'0'.repeat(64)}"`)).status).toBe(200);

    // Two downloads running from one address: the third is refused in both languages, with Retry-After and nothing a cache may keep.
    const held = [slots.take('198.51.100.2'), slots.take('198.51.100.2')];
    const third = await get('198.51.100.2');
    expectError(third, 429, 'TOO_MANY_DOWNLOADS');
    expect(third.body.mensaje).toMatch(/desde esta dirección/);
    expect(third.headers['retry-after']).toBe('5');
    expect(third.headers.etag).not.toBe(`"${sha256}"`); // Express may tag the JSON refusal itself
    expect(third.headers['cache-control']).toBeUndefined();
    expect((await get('198.51.100.3')).status).toBe(200); // another address is not held back
    for (const slot of held) if (slot.ok) slot.release();
    expect((await get('198.51.100.2')).status).toBe(200);

    // The instance's slots all taken (by other addresses): 503 with Retry-After. A finished
    // download gives its slot back when its socket closes, a moment after the client has read
    // the end: wait for that, or a slot still held here makes one of the eight takes fail and
    // frees itself before the request below.
    for (const end = Date.now() + 5000; slots.inUse > 0 && Date.now() < end;) await new Promise((r) => setTimeout(r, 10));
    expect(slots.inUse).toBe(0);
    const all = Array.from({ length: 8 }, (_, k) => slots.take(`192.0.2.${k}`));
    expect(all.every((slot) => slot.ok)).toBe(true);
    const busy = await get('198.51.100.4');
    expectError(busy, 503, 'DOWNLOADS_BUSY');
    expect(busy.headers['retry-after']).toBe('10');
    for (const slot of all) if (slot.ok) slot.release();

    // The ledger's ballots not hashing to BallotBoxExported: 500 in both languages, nothing a cache may keep, the slot given back.
    const refused = jest.spyOn(board, 'ballotBox').mockRejectedValueOnce(new DownloadUnavailable('mismatch'));
    const mismatch = await get('198.51.100.5');
    refused.mockRestore();
    expectError(mismatch, 500, 'BALLOT_BOX_MISMATCH');
    expect(mismatch.body.mensaje).toMatch(/no coinciden/);
    expect(mismatch.headers['cache-control']).toBeUndefined();

    // Every finished download gave its slot back, and none rebuilt the box.
    for (let i = 0; i < 50 && slots.inUse > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(slots.inUse).toBe(0);
    expect(board.builds).toBe(1);
  });

  it("the box's file: built once for callers at once, the closing's own file when it hashes right, a mismatch kept, a passing failure retried", async () => {
    const lifecycle = (await store.readStream(lifecycleStream(election.electionId))).find((e) => e.type === 'BallotBoxExported')!;
    const sha256 = (lifecycle.data as { sha256: string }).sha256;
    const closingFile = join(dir, 'export', 'ballot-box.jsonl');
    const hashOf = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

    const fresh = new BoardDownloads(store, { cacheDir: join(dir, 'cache-a') });
    const files = await Promise.all(Array.from({ length: 10 }, () => fresh.ballotBox(election.electionId, sha256)));
    expect(fresh.builds).toBe(1);
    expect(new Set(files.map((f) => f.path)).size).toBe(1);
    expect(files[0].source).toBe('ledger');
    expect(await hashOf(files[0].path)).toBe(sha256);
    expect(files[0].bytes).toBe((await readFile(closingFile)).length);
    await fresh.ballotBox(election.electionId, sha256);
    expect(fresh.builds).toBe(1);

    // The closing's file on this instance, hashing right: served as it is, nothing rebuilt.
    const withClosing = new BoardDownloads(store, { cacheDir: join(dir, 'cache-b'), closingExport: () => closingFile });
    expect(await withClosing.ballotBox(election.electionId, sha256)).toMatchObject({ path: closingFile, source: 'closing-export' });
    expect(withClosing.builds).toBe(0);

    // A closing file changed on disk is not served: the box is rebuilt from the ledger.
    const altered = join(dir, 'export', 'altered.jsonl');
    const original = await readFile(closingFile);
    await writeFile(altered, Buffer.concat([original.subarray(0, original.length - 2), Buffer.from('0\n')]));
    const withAltered = new BoardDownloads(store, { cacheDir: join(dir, 'cache-c'), closingExport: () => altered });
    expect(await withAltered.ballotBox(election.electionId, sha256)).toMatchObject({ source: 'ledger' });
    expect(withAltered.builds).toBe(1);

    // A hash the ledger's ballots do not give: refused, and remembered (no rebuild per request).
    const wrong = 'f'.repeat(64);
    await expect(fresh.ballotBox(election.electionId, wrong)).rejects.toEqual(new DownloadUnavailable('mismatch'));
    await expect(fresh.ballotBox(election.electionId, wrong)).rejects.toEqual(new DownloadUnavailable('mismatch'));
    expect(fresh.builds).toBe(2);
    // In the election's cache folder, named by a hash of its id; no temp file left.
    const folder = createHash('sha256').update(election.electionId).digest('hex').slice(0, 32);
    expect(await readdir(join(dir, 'cache-a', 'ballot-boxes'))).toEqual([folder]);
    expect(await readdir(join(dir, 'cache-a', 'ballot-boxes', folder))).toEqual([`${sha256}.jsonl`]);

    // The database away for one read: that request fails, the next builds.
    let failOnce = true;
    const flaky = Object.create(store, {
      head: { value: async () => { if (failOnce) { failOnce = false; throw new Error('connection lost'); } return store.head(); } },
    }) as typeof store;
    const retried = new BoardDownloads(flaky, { cacheDir: join(dir, 'cache-d') });
    await expect(retried.ballotBox(election.electionId, sha256)).rejects.toThrow('connection lost');
    expect(await retried.ballotBox(election.electionId, sha256)).toMatchObject({ source: 'ledger', sha256 });
    expect(retried.builds).toBe(2);
  });
});
