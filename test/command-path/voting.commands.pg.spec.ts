/**
 * Voting's commands through the real CommandBus on PostgreSQL: CastBallotCommand on the
 * voter's ballot stream `ballot-<id>-<pseudonym>` (one ballot per voter, ever, enforced by the
 * stream's revision) and SpoilBallotCommand on the election's `spoiled-<id>` stream. The
 * ballots are really encrypted (encryptBallot, with the fixtures of
 * test/domain/crypto/ballot/fixtures.ts); the facts the voting service passes (proofs verified,
 * disclosure audited) are computed here with verifyBallot and auditSpoiledBallot.
 */
import { auditSpoiledBallot, spoilBallot } from '../../src/domain/crypto/ballot/benaloh';
import { encryptBallot } from '../../src/domain/crypto/ballot/encrypt-ballot';
import { verifyBallot } from '../../src/domain/crypto/ballot/verify-ballot';
import type { CastBallot, SpoilBallot } from '../../src/domain/voting/commands';
import { ballotStream, spoiledStream } from '../../src/domain/voting/decider';
import type { VotingEvent } from '../../src/domain/voting/events';
import { DomainError } from '../../src/domain/shared/decider';
import { CastBallotCommand, SpoilBallotCommand } from '../../src/voting/voting.commands';
import { context, styles, styleSmall, tables } from '../domain/crypto/ballot/fixtures';
import { concurrentWriteAfterNextRead, freshElectionId, given, openPgCommandPath, refused, when, type PgCommandPath } from './pg-command-path';

const PSEUDONYM = 'a'.repeat(26);
const NOW = '2024-05-25T00:00:00.000Z';
const CLOSES = '2024-06-03T00:00:00.000Z';
const byVoter = { actor: `voter:${PSEUDONYM}` };

const encrypted = encryptBallot({ context, tables, style: styleSmall, pseudonym: PSEUDONYM, selections: { consulta: 'consulta-opt1' } });
const verification = verifyBallot(encrypted.ballot, context, styles, { expectedPseudonym: PSEUDONYM });
const challenged = encryptBallot({ context, tables, style: styleSmall, pseudonym: PSEUDONYM, selections: { consulta: 'consulta-opt0' } });
const disclosure = spoilBallot(challenged.ballot, challenged.secrets);
const audit = auditSpoiledBallot(disclosure, context, styles, challenged.ballot.trackingCode);

const cast = (electionId: string, over: Partial<CastBallot> = {}): CastBallot => ({
  type: 'CastBallot', electionId, pseudonym: PSEUDONYM, entitledStyleId: styleSmall.id, styleId: encrypted.ballot.styleId,
  trackingCode: encrypted.ballot.trackingCode, ballot: encrypted.ballot, ballotVerified: verification.ok,
  votingPhase: 'voting', votingClosesAt: CLOSES, now: NOW, ...over,
});
const spoil = (electionId: string, over: Partial<SpoilBallot> = {}): SpoilBallot => ({
  type: 'SpoilBallot', electionId, styleId: challenged.ballot.styleId, trackingCode: challenged.ballot.trackingCode,
  ballot: challenged.ballot, disclosure, disclosureVerified: audit.ok, now: NOW, ...over,
});
const castEvent = (electionId: string, trackingCode = 'cd'.repeat(32)): VotingEvent => ({
  type: 'BallotCast', data: { electionId, pseudonym: PSEUDONYM, styleId: styleSmall.id, trackingCode, ballot: { other: 'ballot' }, castAt: NOW },
});
const spoiledEvent = (electionId: string): VotingEvent => ({
  type: 'BallotSpoiled', data: { electionId, styleId: styleSmall.id, trackingCode: 'ef'.repeat(32), ballot: {}, disclosure: {}, spoiledAt: NOW },
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

  describe('CastBallotCommand', () => {
    it("records the encrypted ballot under the voter's pseudonym, as the voter", async () => {
      const id = freshElectionId('vote');
      const stream = ballotStream(id, PSEUDONYM);
      const { recorded, types, outcome } = await when(path, stream, new CastBallotCommand(id, cast(id), byVoter));
      expect(types).toEqual(['BallotCast']);
      expect(recorded[0].revision).toBe(0);
      expect(recorded[0].visibility).toBe('public');
      expect(recorded[0].metadata.actor).toBe(`voter:${PSEUDONYM}`);
      expect(recorded[0].data).toEqual({
        electionId: id, pseudonym: PSEUDONYM, styleId: styleSmall.id, trackingCode: encrypted.ballot.trackingCode, ballot: encrypted.ballot, castAt: NOW,
      });
      // The ballot read back from the ledger still verifies.
      expect(verifyBallot((recorded[0].data as { ballot: unknown }).ballot, context, styles, { expectedPseudonym: PSEUDONYM }).ok).toBe(true);
      expect(outcome.state).toMatchObject({ cast: true, trackingCode: encrypted.ballot.trackingCode });
    });

    it('accepts one ballot per voter, ever (ALREADY_VOTED), appending nothing', async () => {
      const id = freshElectionId('vote');
      await given(path, ballotStream(id, PSEUDONYM), [castEvent(id)]);
      await refused(path, new CastBallotCommand(id, cast(id), byVoter), 'ALREADY_VOTED');
    });

    it('is refused before voting starts, after it closes, for another style and unverified, appending nothing', async () => {
      const id = freshElectionId('vote');
      await refused(path, new CastBallotCommand(id, cast(id, { votingPhase: 'opened' }), byVoter), 'VOTING_NOT_STARTED');
      await refused(path, new CastBallotCommand(id, cast(id, { now: CLOSES }), byVoter), 'VOTING_CLOSED');
      await refused(path, new CastBallotCommand(id, cast(id, { entitledStyleId: 'style-A' }), byVoter), 'WRONG_BALLOT_STYLE');
      await refused(path, new CastBallotCommand(id, cast(id, { ballotVerified: false }), byVoter), 'INVALID_BALLOT');
      expect(await path.store.readStream(ballotStream(id, PSEUDONYM))).toEqual([]);
    });

    it('a ballot cast concurrently wins: the command is decided again on the fresher stream and refused (ALREADY_VOTED)', async () => {
      const id = freshElectionId('vote');
      const stream = ballotStream(id, PSEUDONYM);
      concurrentWriteAfterNextRead(path, stream, [castEvent(id)]);
      const head = await path.store.head();
      const caught = await path.commands.execute(new CastBallotCommand(id, cast(id), byVoter)).catch((e: unknown) => e);
      expect(caught).toBeInstanceOf(DomainError);
      expect((caught as DomainError).code).toBe('ALREADY_VOTED');
      expect(await path.store.head()).toBe(head + 1);
      expect((await path.store.readStream(stream)).map((e) => e.metadata.actor)).toEqual(['test:concurrent']);
    });

    it('two casts at the same time: exactly one ballot is recorded, the other is refused', async () => {
      const id = freshElectionId('vote');
      const stream = ballotStream(id, PSEUDONYM);
      const results = await Promise.allSettled([
        path.commands.execute(new CastBallotCommand(id, cast(id), byVoter)),
        path.commands.execute(new CastBallotCommand(id, cast(id), byVoter)),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0].reason).toBeInstanceOf(DomainError);
      expect((rejected[0].reason as DomainError).code).toBe('ALREADY_VOTED');
      expect((await path.store.readStream(stream)).map((e) => e.type)).toEqual(['BallotCast']);
    });
  });

  describe('SpoilBallotCommand', () => {
    it("records the challenged ballot and its disclosure on the spoiled stream, never on the voter's", async () => {
      const id = freshElectionId('vote');
      const stream = spoiledStream(id);
      const { recorded, types } = await when(path, stream, new SpoilBallotCommand(id, spoil(id), byVoter));
      expect(types).toEqual(['BallotSpoiled']);
      expect(recorded[0].data).toEqual({
        electionId: id, styleId: styleSmall.id, trackingCode: challenged.ballot.trackingCode, ballot: challenged.ballot, disclosure, spoiledAt: NOW,
      });
      // The disclosure read back from the ledger still audits.
      expect(auditSpoiledBallot((recorded[0].data as { disclosure: unknown }).disclosure, context, styles).ok).toBe(true);
      expect(await path.store.readStream(ballotStream(id, PSEUDONYM))).toEqual([]);
      // A spoiled ballot is not the vote: the voter still casts one.
      await when(path, ballotStream(id, PSEUDONYM), new CastBallotCommand(id, cast(id), byVoter));
    });

    it("many voters spoil at once: on a conflict the spoil is decided again and recorded after the other voter's", async () => {
      const id = freshElectionId('vote');
      const stream = spoiledStream(id);
      concurrentWriteAfterNextRead(path, stream, [spoiledEvent(id)]);
      const outcome = await path.commands.execute(new SpoilBallotCommand(id, spoil(id), byVoter));
      expect(outcome.recorded.map((e) => e.revision)).toEqual([1]);
      expect((await path.store.readStream(stream)).map((e) => [e.type, e.metadata.actor])).toEqual([
        ['BallotSpoiled', 'test:concurrent'], ['BallotSpoiled', `voter:${PSEUDONYM}`],
      ]);
    });

    it('is refused when the disclosure did not audit (INVALID_DISCLOSURE), appending nothing', async () => {
      const id = freshElectionId('vote');
      await refused(path, new SpoilBallotCommand(id, spoil(id, { disclosureVerified: false }), byVoter), 'INVALID_DISCLOSURE');
      expect(await path.store.readStream(spoiledStream(id))).toEqual([]);
    });
  });
});
