/**
 * Voting's commands through the real CommandBus on PostgreSQL. A voter's cast and spoiled
 * ballots are decided on ONE stream, the voter's sealed ballot stream
 * `voter-ballots-<id>-<pseudonym>` (CastBallotCommand, SpoilBallotCommand); then published:
 * the cast ballot on `ballot-<id>-<pseudonym>` (PublishCastBallotCommand), a spoiled ballot on
 * `spoiled-<id>-<trackingCode>` as `system:benaloh` (PublishSpoiledBallotCommand). The ballots
 * are really encrypted (test/domain/crypto/ballot/fixtures.ts); the facts the voting service
 * passes (proofs verified, disclosure audited) are computed here with verifyBallot and
 * auditSpoiledBallot.
 *
 * The races hold the requests at the append (GatedStore): every request has read the voter's
 * stream and decided before any writes, so the losers meet the revision conflict, are decided
 * again on the fresher stream and refused.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { Pool } from 'pg';
import { auditSpoiledBallot, spoilBallot } from '../../src/domain/crypto/ballot/benaloh';
import { encryptBallot } from '../../src/domain/crypto/ballot/encrypt-ballot';
import { verifyBallot } from '../../src/domain/crypto/ballot/verify-ballot';
import { fromHex } from '../../src/domain/crypto/hash';
import { decodeScalar, randomScalar } from '../../src/domain/crypto/scalar';
import type { CastBallot, PublishCastBallot, PublishSpoiledBallot, SpoilBallot } from '../../src/domain/voting/commands';
import { MAX_AUDITS_PER_VOTER } from '../../src/domain/voting/decide';
import { ballotStream, SPOILED_BALLOT_ACTOR, spoiledBallotStream, voterBallotsStream } from '../../src/domain/voting/decider';
import type { VotingEvent } from '../../src/domain/voting/events';
import { DomainError } from '../../src/domain/shared/decider';
import { openCommandPath, type CommandPath } from '../../src/command-path/open-command-path';
import type { EventStore, ExpectedRevision, NewEvent } from '../../src/ledger/event-store';
import { leafDataOf } from '../../src/ledger/merkle/leaf-encoding';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { CastBallotCommand, PublishCastBallotCommand, PublishSpoiledBallotCommand, SpoilBallotCommand } from '../../src/voting/voting.commands';
import { context, credential, styles, styleSmall, tables } from '../domain/crypto/ballot/fixtures';
import { toNewEvent } from '../../src/command-path/stream-state';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { freshElectionId, given, openPgCommandPath, refused, unchanged, when, type PgCommandPath } from './pg-command-path';

jest.setTimeout(120_000);

const PSEUDONYM = 'a'.repeat(26);
const NOW = '2024-05-25T00:00:00.000Z';
const CLOSES = '2024-06-03T00:00:00.000Z';
const byVoter = (pseudonym = PSEUDONYM) => ({ actor: `voter:${pseudonym}` });
const benaloh = { actor: SPOILED_BALLOT_ACTOR };

const encrypted = encryptBallot({ context, tables, style: styleSmall, pseudonym: PSEUDONYM, credential, selections: { consulta: 'consulta-opt1' } });
const verification = verifyBallot(encrypted.ballot, context, styles, {
  expectedVoter: { pseudonym: PSEUDONYM, credential: credential.publicKey, bindingNonce: encrypted.secrets.bindingNonce, signature: encrypted.secrets.signature },
});
const challenged = encryptBallot({ context, tables, style: styleSmall, pseudonym: PSEUDONYM, credential, selections: { consulta: 'consulta-opt0' } });
const disclosure = spoilBallot(challenged.ballot, challenged.secrets);
const audit = auditSpoiledBallot(disclosure, context, styles, challenged.ballot.trackingCode);

const castOf = (electionId: string, b = encrypted, pseudonym = PSEUDONYM, over: Partial<CastBallot> = {}): CastBallot => ({
  type: 'CastBallot', electionId, pseudonym, bindingNonce: b.secrets.bindingNonce, credential: credential.publicKey, signature: b.secrets.signature,
  credentialStatus: 'active', entitledStyleId: styleSmall.id, styleId: b.ballot.styleId,
  trackingCode: b.ballot.trackingCode, ballot: b.ballot, ballotVerified: true, reusesPublishedSpoiledCiphertext: false,
  votingPhase: 'voting', votingClosesAt: CLOSES, now: NOW, ...over,
});
const cast = (electionId: string, over: Partial<CastBallot> = {}) => castOf(electionId, encrypted, PSEUDONYM, { ballotVerified: verification.ok, ...over });
const spoilOf = (electionId: string, b = challenged, pseudonym = PSEUDONYM, over: Partial<SpoilBallot> = {}): SpoilBallot => ({
  type: 'SpoilBallot', electionId, pseudonym, bindingNonce: b.secrets.bindingNonce, styleId: b.ballot.styleId, trackingCode: b.ballot.trackingCode,
  ballot: b.ballot, disclosureVerified: true, now: NOW, ...over,
});
const spoil = (electionId: string, over: Partial<SpoilBallot> = {}) => spoilOf(electionId, challenged, PSEUDONYM, { disclosureVerified: audit.ok, ...over });
const publishCast = (electionId: string, over: Partial<PublishCastBallot> = {}): PublishCastBallot => ({
  type: 'PublishCastBallot', electionId, pseudonym: PSEUDONYM, bindingNonce: encrypted.secrets.bindingNonce, credential: credential.publicKey,
  signature: encrypted.secrets.signature, styleId: styleSmall.id,
  trackingCode: encrypted.ballot.trackingCode, ballot: encrypted.ballot, recordedTrackingCode: encrypted.ballot.trackingCode, castAt: NOW, ...over,
});
const publishSpoiled = (electionId: string, over: Partial<PublishSpoiledBallot> = {}): PublishSpoiledBallot => ({
  type: 'PublishSpoiledBallot', electionId, styleId: styleSmall.id, trackingCode: challenged.ballot.trackingCode, ballot: challenged.ballot,
  disclosure: { selections: disclosure.selections, nonces: disclosure.nonces }, recordedByVoter: true, now: NOW, ...over,
});
/** The voter's public credential, as the authority's sealed mapping put it on the voter's ballot stream. */
const assigned = (electionId: string, pseudonym = PSEUDONYM): VotingEvent => ({
  type: 'VoterCredentialAssigned', data: { electionId, pseudonym, credential: credential.publicKey, assignedAt: NOW },
});
const castFact = (electionId: string, trackingCode = 'cd'.repeat(32)): VotingEvent => ({
  type: 'BallotCastByVoter', data: { electionId, pseudonym: PSEUDONYM, trackingCode, castAt: NOW },
});

describe('voting commands through the CommandBus on PostgreSQL', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cmd_voting');
    expect(verification.ok).toBe(true);
    expect(audit.ok).toBe(true);
  });
  afterAll(async () => {
    await path.close();
  });

  describe('CastBallotCommand and PublishCastBallotCommand', () => {
    it("records the cast on the voter's sealed ballot stream, then publishes the ballot with pseudonym and binding nonce at revision 0", async () => {
      const id = freshElectionId('vote');
      await given(path, voterBallotsStream(id, PSEUDONYM), [assigned(id)]);
      const decided = await when(path, voterBallotsStream(id, PSEUDONYM), new CastBallotCommand(id, cast(id), byVoter()));
      expect(decided.types).toEqual(['BallotCastByVoter']);
      expect(decided.recorded[0].visibility).toBe('sealed');
      expect(decided.outcome.state).toMatchObject({ cast: true, trackingCode: encrypted.ballot.trackingCode });
      const published = await when(path, ballotStream(id, PSEUDONYM), new PublishCastBallotCommand(id, publishCast(id), byVoter()));
      expect(published.types).toEqual(['BallotCast']);
      expect(published.recorded[0]).toMatchObject({ revision: 0, version: 3, visibility: 'public' });
      expect(published.recorded[0].data).toEqual({
        electionId: id, pseudonym: PSEUDONYM, bindingNonce: encrypted.secrets.bindingNonce, credential: credential.publicKey, signature: encrypted.secrets.signature,
        styleId: styleSmall.id, trackingCode: encrypted.ballot.trackingCode, ballot: encrypted.ballot, castAt: NOW,
      });
      // Anyone re-checks the ballot from the public event alone: the binding opens to the pseudonym and credential, the signature is the credential's.
      const d = published.recorded[0].data as { ballot: unknown; pseudonym: string; credential: string; bindingNonce: string; signature: string };
      expect(verifyBallot(d.ballot, context, styles, { expectedVoter: d }).ok).toBe(true);
      // The same ballot again: the voter's stream decides nothing new; the publication is refused.
      await unchanged(path, new CastBallotCommand(id, cast(id), byVoter()));
      await refused(path, new PublishCastBallotCommand(id, publishCast(id), byVoter()), 'ALREADY_VOTED');
    });

    it('accepts one ballot per voter, ever (ALREADY_VOTED), appending nothing', async () => {
      const id = freshElectionId('vote');
      await given(path, voterBallotsStream(id, PSEUDONYM), [assigned(id)]);
      await given(path, voterBallotsStream(id, PSEUDONYM), [castFact(id)]);
      await refused(path, new CastBallotCommand(id, cast(id), byVoter()), 'ALREADY_VOTED');
    });

    it('is refused before voting starts, after it closes, for another style, unverified, or reusing a published spoiled ciphertext; appending nothing', async () => {
      const id = freshElectionId('vote');
      await given(path, voterBallotsStream(id, PSEUDONYM), [assigned(id)]);
      await refused(path, new CastBallotCommand(id, cast(id, { votingPhase: 'opened' }), byVoter()), 'VOTING_NOT_STARTED');
      await refused(path, new CastBallotCommand(id, cast(id, { now: CLOSES }), byVoter()), 'VOTING_CLOSED');
      await refused(path, new CastBallotCommand(id, cast(id, { entitledStyleId: 'style-A' }), byVoter()), 'WRONG_BALLOT_STYLE');
      await refused(path, new CastBallotCommand(id, cast(id, { ballotVerified: false }), byVoter()), 'INVALID_BALLOT');
      await refused(path, new CastBallotCommand(id, cast(id, { reusesPublishedSpoiledCiphertext: true }), byVoter()), 'SPOILED_CIPHERTEXT_REUSED');
      // The ballot's credential (issue 13): not listed, revoked, another voter's.
      await refused(path, new CastBallotCommand(id, cast(id, { credentialStatus: 'unlisted' }), byVoter()), 'CREDENTIAL_NOT_LISTED');
      await refused(path, new CastBallotCommand(id, cast(id, { credentialStatus: 'revoked' }), byVoter()), 'CREDENTIAL_REVOKED');
      await refused(path, new CastBallotCommand(id, cast(id, { credential: 'd8'.repeat(32) }), byVoter()), 'CREDENTIAL_NOT_YOURS');
      expect((await path.store.readStream(voterBallotsStream(id, PSEUDONYM))).map((e) => e.type)).toEqual(['VoterCredentialAssigned']);
    });

    it("a publication the voter's stream did not record is refused (NOT_RECORDED)", async () => {
      const id = freshElectionId('vote');
      await given(path, voterBallotsStream(id, PSEUDONYM), [assigned(id)]);
      await refused(path, new PublishCastBallotCommand(id, publishCast(id, { recordedTrackingCode: undefined }), byVoter()), 'NOT_RECORDED');
    });
  });

  describe('SpoilBallotCommand and PublishSpoiledBallotCommand', () => {
    it("records the audit sealed on the voter's stream; publishes the spoiled ballot on its own stream with nothing of the voter", async () => {
      const id = freshElectionId('vote');
      await given(path, voterBallotsStream(id, PSEUDONYM), [assigned(id)]);
      const decided = await when(path, voterBallotsStream(id, PSEUDONYM), new SpoilBallotCommand(id, spoil(id), byVoter()));
      expect(decided.types).toEqual(['BallotSpoiledByVoter']);
      expect(decided.recorded[0].visibility).toBe('sealed');
      const stream = spoiledBallotStream(id, challenged.ballot.trackingCode);
      const published = await when(path, stream, new PublishSpoiledBallotCommand(id, publishSpoiled(id), benaloh));
      expect(published.recorded[0]).toMatchObject({ revision: 0, version: 3, visibility: 'public', metadata: { actor: 'system:benaloh' } });
      expect(published.recorded[0].metadata.correlationId).toBeUndefined();
      expect(published.recorded[0].data).toEqual({
        electionId: id, styleId: styleSmall.id, trackingCode: challenged.ballot.trackingCode, ballot: challenged.ballot,
        disclosure: { selections: disclosure.selections, nonces: disclosure.nonces }, spoiledAt: NOW,
      });
      // The disclosure read back from the ledger still audits.
      const d = published.recorded[0].data as { ballot: unknown; disclosure: { selections: unknown; nonces: unknown } };
      expect(auditSpoiledBallot({ format: disclosure.format, ballot: d.ballot, ...d.disclosure }, context, styles).ok).toBe(true);
      // Its log leaves: the public one names neither pseudonym nor binding nonce; the sealed one is a commitment.
      const publicLeaf = new TextDecoder().decode(leafDataOf(published.recorded[0]));
      const sealedLeaf = new TextDecoder().decode(leafDataOf(decided.recorded[0]));
      for (const leaf of [publicLeaf, sealedLeaf]) {
        expect(leaf).not.toContain(PSEUDONYM);
        expect(leaf).not.toContain(challenged.secrets.bindingNonce);
      }
      expect(JSON.parse(sealedLeaf)).toMatchObject({ type: 'BallotSpoiledByVoter', visibility: 'sealed', data: { commitment: expect.any(String) } });
      // A spoiled ballot is not the vote: the voter still casts one.
      await when(path, voterBallotsStream(id, PSEUDONYM), new CastBallotCommand(id, cast(id), byVoter()));
    });

    it('the same disclosure twice: the second is refused (ALREADY_SPOILED), nothing appended', async () => {
      const id = freshElectionId('vote');
      await given(path, voterBallotsStream(id, PSEUDONYM), [assigned(id)]);
      await path.commands.execute(new SpoilBallotCommand(id, spoil(id), byVoter()));
      await path.commands.execute(new PublishSpoiledBallotCommand(id, publishSpoiled(id), benaloh));
      await unchanged(path, new SpoilBallotCommand(id, spoil(id), byVoter()));
      await refused(path, new PublishSpoiledBallotCommand(id, publishSpoiled(id), benaloh), 'ALREADY_SPOILED');
    });

    it(`at most ${MAX_AUDITS_PER_VOTER} audits per voter (AUDIT_LIMIT_REACHED)`, async () => {
      const id = freshElectionId('vote');
      await given(path, voterBallotsStream(id, PSEUDONYM), [assigned(id)]);
      for (let i = 0; i < MAX_AUDITS_PER_VOTER; i++) {
        const b = encryptBallot({ context, tables, style: styleSmall, pseudonym: PSEUDONYM, credential, selections: { consulta: 'consulta-opt0' } });
        await path.commands.execute(new SpoilBallotCommand(id, spoilOf(id, b), byVoter()));
      }
      await refused(path, new SpoilBallotCommand(id, spoil(id), byVoter()), 'AUDIT_LIMIT_REACHED');
      expect(await path.store.readStream(voterBallotsStream(id, PSEUDONYM))).toHaveLength(1 + MAX_AUDITS_PER_VOTER);
    });

    it('a cast reusing a ciphertext of a spoiled ballot is refused (SPOILED_CIPHERTEXT_REUSED); casting the spoiled ballot itself: BALLOT_SPOILED', async () => {
      const id = freshElectionId('vote');
      await given(path, voterBallotsStream(id, PSEUDONYM), [assigned(id)]);
      await path.commands.execute(new SpoilBallotCommand(id, spoil(id), byVoter()));
      await refused(path, new CastBallotCommand(id, castOf(id, challenged), byVoter()), 'BALLOT_SPOILED');
      // A fresh ballot (new binding, new proofs) that reuses the spoiled ballot's first nonce: same α and β.
      const nonce = decodeScalar(fromHex(challenged.secrets.nonces[0][0], 32));
      let draw = 0;
      const reusing = encryptBallot({
        context, tables, style: styleSmall, pseudonym: PSEUDONYM, credential, selections: { consulta: 'consulta-opt0' },
        random: () => (draw++ === 1 ? nonce : randomScalar()), // draw 0: binding nonce; draw 1: the first option's nonce
      });
      expect(reusing.ballot.contests[0].options[0].alpha).toBe(challenged.ballot.contests[0].options[0].alpha);
      expect(reusing.ballot.trackingCode).not.toBe(challenged.ballot.trackingCode);
      await refused(path, new CastBallotCommand(id, castOf(id, reusing), byVoter()), 'SPOILED_CIPHERTEXT_REUSED');
    });

    it('cast first, then the audit of any ballot is refused (ALREADY_VOTED)', async () => {
      const id = freshElectionId('vote');
      await given(path, voterBallotsStream(id, PSEUDONYM), [assigned(id)]);
      await path.commands.execute(new CastBallotCommand(id, castOf(id, challenged), byVoter()));
      await refused(path, new SpoilBallotCommand(id, spoil(id), byVoter()), 'ALREADY_VOTED');
      await refused(path, new SpoilBallotCommand(id, spoilOf(id, encrypted), byVoter()), 'ALREADY_VOTED');
    });

    it('is refused when the disclosure did not audit (INVALID_DISCLOSURE), appending nothing', async () => {
      const id = freshElectionId('vote');
      await given(path, voterBallotsStream(id, PSEUDONYM), [assigned(id)]);
      await refused(path, new SpoilBallotCommand(id, spoil(id, { disclosureVerified: false }), byVoter()), 'INVALID_DISCLOSURE');
      await refused(path, new PublishSpoiledBallotCommand(id, publishSpoiled(id, { recordedByVoter: false }), benaloh), 'NOT_RECORDED');
    });
  });
});

/**
 * A store that holds appends at a gate; each held append is released one by one, in the order
 * the test chooses, so that the race is decided by the ledger's expected revision.
 */
class GatedStore implements EventStore {
  gated = false;
  private held: { type: string; go: () => void }[] = [];
  constructor(readonly inner: PostgresEventStore) {}

  async append(stream: string, events: NewEvent[], expected: ExpectedRevision) {
    if (this.gated) await new Promise<void>((go) => this.held.push({ type: events[0]?.type ?? '', go }));
    return this.inner.append(stream, events, expected);
  }
  async waitForHeld(n: number): Promise<void> {
    while (this.held.length < n) await new Promise((r) => setTimeout(r, 2));
  }
  /** Releases the first held append of this event type. */
  releaseOne(type: string): void {
    const i = this.held.findIndex((h) => h.type === type);
    if (i < 0) throw new Error(`no held ${type}`);
    this.held.splice(i, 1)[0].go();
  }
  releaseAll(): void {
    this.gated = false;
    for (const h of this.held.splice(0)) h.go();
  }
  readStream: EventStore['readStream'] = (s, o) => this.inner.readStream(s, o);
  readAll: EventStore['readAll'] = (o) => this.inner.readAll(o);
  head: EventStore['head'] = () => this.inner.head();
  subscribeToAll: EventStore['subscribeToAll'] = (f, h, e) => this.inner.subscribeToAll(f, h, e);
  close: EventStore['close'] = () => this.inner.close();
}

describe('cast or spoiled, never both, under races held at the append', () => {
  let pool: Pool;
  let schema: string;
  let store: GatedStore;
  let commandPath: CommandPath;
  let commands: CommandBus;
  const electionId = 'race-2027';

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 60 });
    schema = freshSchemaName('cmd_voting_race');
    const inner = new PostgresEventStore(pool, { schema });
    await inner.migrate();
    store = new GatedStore(inner);
    commandPath = await openCommandPath(store);
    commands = commandPath.commands;
  });
  afterAll(async () => {
    await commandPath.close();
    await store.close();
    await dropSchema(pool, schema);
    await pool.end();
  });

  const outcome = (p: Promise<unknown>) => p.then(() => 'ok', (err: unknown) => (err instanceof DomainError ? err.code : String(err)));

  it.each([
    ['the cast is appended first', 'BallotCastByVoter', 'BallotSpoiledByVoter', { cast: 'ok', spoil: 'ALREADY_VOTED' }],
    ['the spoil is appended first', 'BallotSpoiledByVoter', 'BallotCastByVoter', { cast: 'BALLOT_SPOILED', spoil: 'ok' }],
  ])('cast and spoil of the same ballot, 50 times in parallel, %s: exactly one fact, the other refused', async (_, first, second, expected) => {
    for (let k = 0; k < 50; k++) {
      const pseudonym = `${first}-${k}`;
      const b = encryptBallot({ context, tables, style: styleSmall, pseudonym, credential, selections: { consulta: 'consulta-opt1' } });
      await store.inner.append(voterBallotsStream(electionId, pseudonym), [toNewEvent(assigned(electionId, pseudonym), { actor: 'test:given' })], 'no_stream');
      store.gated = true;
      const castP = outcome(commands.execute(new CastBallotCommand(electionId, castOf(electionId, b, pseudonym), byVoter(pseudonym))));
      const spoilP = outcome(commands.execute(new SpoilBallotCommand(electionId, spoilOf(electionId, b, pseudonym), byVoter(pseudonym))));
      await store.waitForHeld(2); // both read revision 0 (the credential) and decided before either wrote
      store.gated = false; // the loser's second attempt is decided on the fresh stream (and refused before any append)
      store.releaseOne(first);
      if (first === 'BallotCastByVoter') await castP;
      else await spoilP;
      store.releaseOne(second);
      expect({ cast: await castP, spoil: await spoilP }).toEqual(expected);
      const recorded = await store.readStream(voterBallotsStream(electionId, pseudonym));
      expect(recorded.map((e) => e.type)).toEqual(['VoterCredentialAssigned', first]);
    }
  });

  it('25 casts and 25 spoils of one ballot at once: one kind of fact, once; every request of the other kind refused', async () => {
    const pseudonym = 'burst';
    const b = encryptBallot({ context, tables, style: styleSmall, pseudonym, credential, selections: { consulta: 'consulta-opt0' } });
    await store.inner.append(voterBallotsStream(electionId, pseudonym), [toNewEvent(assigned(electionId, pseudonym), { actor: 'test:given' })], 'no_stream');
    store.gated = true;
    const all = Array.from({ length: 50 }, (_, i) => (i % 2 === 0
      ? outcome(commands.execute(new CastBallotCommand(electionId, castOf(electionId, b, pseudonym), byVoter(pseudonym)))).then((o) => ['cast', o])
      : outcome(commands.execute(new SpoilBallotCommand(electionId, spoilOf(electionId, b, pseudonym), byVoter(pseudonym)))).then((o) => ['spoil', o])));
    await store.waitForHeld(50);
    store.releaseAll();
    const results = await Promise.all(all);
    const recorded = (await store.readStream(voterBallotsStream(electionId, pseudonym))).slice(1);
    expect(recorded).toHaveLength(1);
    const won = recorded[0].type === 'BallotCastByVoter' ? 'cast' : 'spoil';
    const lost = won === 'cast' ? 'spoil' : 'cast';
    // The winner's kind: accepted (the repeats decide nothing new); the other kind: all refused.
    expect(results.filter(([kind]) => kind === won).every(([, o]) => o === 'ok')).toBe(true);
    expect(results.filter(([kind]) => kind === lost).map(([, o]) => o)).toEqual(Array(25).fill(won === 'cast' ? 'ALREADY_VOTED' : 'BALLOT_SPOILED'));
  });

  it('the same disclosure published 50 times at once: one BallotSpoiled, 49 ALREADY_SPOILED', async () => {
    const b = encryptBallot({ context, tables, style: styleSmall, pseudonym: 'publisher', credential, selections: { consulta: 'consulta-opt0' } });
    const s = spoilBallot(b.ballot, b.secrets);
    const command = () => new PublishSpoiledBallotCommand(electionId, {
      type: 'PublishSpoiledBallot', electionId, styleId: styleSmall.id, trackingCode: b.ballot.trackingCode, ballot: b.ballot,
      disclosure: { selections: s.selections, nonces: s.nonces }, recordedByVoter: true, now: NOW,
    }, benaloh);
    store.gated = true;
    const all = Array.from({ length: 50 }, () => outcome(commands.execute(command())));
    await store.waitForHeld(50);
    store.releaseAll();
    const results = await Promise.all(all);
    expect(results.filter((o) => o === 'ok')).toHaveLength(1);
    expect(results.filter((o) => o === 'ALREADY_SPOILED')).toHaveLength(49);
    expect(await store.readStream(spoiledBallotStream(electionId, b.ballot.trackingCode))).toHaveLength(1);
  });
});
