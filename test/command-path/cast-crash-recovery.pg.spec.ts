/**
 * A crash between the two appends of a cast. The voter's sealed ballot stream records the cast
 * (BallotCastByVoter), then the service dies before the ballot is published (BallotCast). The
 * voter got no receipt, and their next ballot is refused ALREADY_VOTED: unless closing
 * publishes the recorded cast, that vote is lost. These scenarios kill the service at exactly
 * that point (the publication command is never sent) and check that the exported ballot box
 * holds the vote anyway, published once, by `system:closing`.
 */
import { exportBallotBox } from '../../src/closing/export-ballot-box';
import { CAST_RECOVERY_ACTOR } from '../../src/closing/publish-recorded-casts';
import { encryptBallot } from '../../src/domain/crypto/ballot/encrypt-ballot';
import type { CastBallot, PublishCastBallot } from '../../src/domain/voting/commands';
import { lifecycleStream } from '../../src/domain/lifecycle/decider';
import type { LifecycleEvent } from '../../src/domain/lifecycle/events';
import { ballotStream, voterBallotsStream } from '../../src/domain/voting/decider';
import { DomainError } from '../../src/domain/shared/decider';
import { CastBallotCommand, PublishCastBallotCommand } from '../../src/voting/voting.commands';
import { context, styleSmall, tables } from '../domain/crypto/ballot/fixtures';
import { signingKey } from '../../src/domain/crypto/credential/credential-signature';
import { hashToScalar, utf8 } from '../../src/domain/crypto/hash';
import type { VotingEvent } from '../../src/domain/voting/events';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freshElectionId, given, openPgCommandPath, type PgCommandPath } from './pg-command-path';

jest.setTimeout(120_000);

const NOW = '2024-05-25T00:00:00.000Z';
const OPENS = '2024-05-21T02:00:00.000Z';
const CLOSES = '2024-06-03T00:00:00.000Z';
const h = (c: string) => c.repeat(64);
const A = 'a'.repeat(26);
const B = 'b'.repeat(26);

/** Each voter's credential key; its public credential is assigned on the voter's ballot stream (`credentialOf`). */
const keys = new Map([[A, signingKey(hashToScalar('urna/test/crash-credential', utf8(A)))], [B, signingKey(hashToScalar('urna/test/crash-credential', utf8(B)))]]);
const credentialOf = (electionId: string, pseudonym: string): VotingEvent[] =>
  [{ type: 'VoterCredentialAssigned', data: { electionId, pseudonym, credential: keys.get(pseudonym)!.publicKey, assignedAt: NOW } }];
const ballotOf = (pseudonym: string, option: string) => encryptBallot({ context, tables, style: styleSmall, pseudonym, credential: keys.get(pseudonym)!, selections: { consulta: option } });
const castCommand = (electionId: string, pseudonym: string, b: ReturnType<typeof ballotOf>): CastBallot => ({
  type: 'CastBallot', electionId, pseudonym, bindingNonce: b.secrets.bindingNonce, credential: keys.get(pseudonym)!.publicKey, signature: b.secrets.signature,
  credentialStatus: 'active', entitledStyleId: styleSmall.id, styleId: b.ballot.styleId,
  trackingCode: b.ballot.trackingCode, ballot: b.ballot, ballotVerified: true, reusesPublishedSpoiledCiphertext: false,
  votingPhase: 'voting', votingClosesAt: CLOSES, now: NOW,
});
const publishCommand = (electionId: string, pseudonym: string, b: ReturnType<typeof ballotOf>): PublishCastBallot => ({
  type: 'PublishCastBallot', electionId, pseudonym, bindingNonce: b.secrets.bindingNonce, credential: keys.get(pseudonym)!.publicKey, signature: b.secrets.signature,
  styleId: styleSmall.id,
  trackingCode: b.ballot.trackingCode, ballot: b.ballot, recordedTrackingCode: b.ballot.trackingCode, castAt: NOW,
});
const lifecycle = (electionId: string): LifecycleEvent[] => [
  {
    type: 'ElectionOpened',
    data: {
      electionId, manifestHash: h('a'), publicKey: h('b'), ceremonyTranscriptHash: h('c'), softwareVersion: h('d'), rollSize: 2,
      votingOpensAt: OPENS, votingClosesAt: CLOSES, openingReportHash: h('e'), openingReportPdfHash: h('f'), openedAt: '2024-05-20T00:00:00.000Z',
    },
  },
  { type: 'VotingStarted', data: { electionId, at: OPENS, scheduledFor: OPENS } },
];
const closed = (electionId: string): LifecycleEvent => ({ type: 'VotingClosed', data: { electionId, at: CLOSES, scheduledFor: CLOSES } });

describe('a crash between recording a cast and publishing it', () => {
  let path: PgCommandPath;
  beforeAll(async () => {
    path = await openPgCommandPath('cast_crash');
  });
  afterAll(async () => {
    await path.close();
  });

  const checkpoints = () => ({ latest: async () => ({ size: await path.store.head(), rootHash: new Uint8Array(32), note: 'test checkpoint' }) });
  const exportTo = (electionId: string) => exportBallotBox(path.store, electionId, {
    commands: path.commands, outputPath: join(mkdtempSync(join(tmpdir(), 'urna-crash-')), 'box.jsonl'), checkpoints: checkpoints(),
  });

  it('closing publishes the recorded cast, so the exported ballot box holds that vote', async () => {
    const id = freshElectionId('crash');
    await given(path, lifecycleStream(id), lifecycle(id));
    for (const p of [A, B]) await given(path, voterBallotsStream(id, p), credentialOf(id, p));
    const first = ballotOf(A, 'consulta-opt1');
    const other = ballotOf(B, 'consulta-opt0');
    // Voter A: the sealed stream records the cast; the service dies before the publication.
    await path.commands.execute(new CastBallotCommand(id, castCommand(id, A, first), { actor: `voter:${A}` }));
    // Voter B casts normally.
    await path.commands.execute(new CastBallotCommand(id, castCommand(id, B, other), { actor: `voter:${B}` }));
    await path.commands.execute(new PublishCastBallotCommand(id, publishCommand(id, B, other), { actor: `voter:${B}` }));
    expect(await path.store.readStream(ballotStream(id, A))).toEqual([]);
    // A tries again with another ballot: refused, since A's stream says A voted.
    const second = ballotOf(A, 'consulta-opt0');
    await expect(path.commands.execute(new CastBallotCommand(id, castCommand(id, A, second), { actor: `voter:${A}` })))
      .rejects.toMatchObject({ code: 'ALREADY_VOTED' });

    await given(path, lifecycleStream(id), [closed(id)]);
    const exported = await exportTo(id);
    expect(exported.recoveredCasts).toEqual({ published: [A], unpublishable: [] });
    expect(exported.ballots).toBe(2);
    // Only the box is left in its folder: no temporary file, no spill file of the box stream.
    expect(readdirSync(dirname(exported.path))).toEqual(['box.jsonl']);
    const lines = readFileSync(exported.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { trackingCode: string });
    expect(lines.map((l) => l.trackingCode).sort()).toEqual([first.ballot.trackingCode, other.ballot.trackingCode].sort());
    // Published once, from the recorded cast (the first ballot, not the refused second one), by the closing.
    const published = await path.store.readStream(ballotStream(id, A));
    expect(published.map((e) => [e.type, e.revision, e.metadata.actor])).toEqual([['BallotCast', 0, CAST_RECOVERY_ACTOR]]);
    expect(published[0].data).toMatchObject({
      pseudonym: A, bindingNonce: first.secrets.bindingNonce, credential: keys.get(A)!.publicKey, signature: first.secrets.signature, trackingCode: first.ballot.trackingCode, castAt: NOW,
    });
  });

  it('a late publication of the same cast after closing published it is refused, so the ballot is never public twice', async () => {
    const id = freshElectionId('crash-late');
    await given(path, lifecycleStream(id), lifecycle(id));
    await given(path, voterBallotsStream(id, A), credentialOf(id, A));
    const b = ballotOf(A, 'consulta-opt1');
    await path.commands.execute(new CastBallotCommand(id, castCommand(id, A, b), { actor: `voter:${A}` }));
    await given(path, lifecycleStream(id), [closed(id)]);
    await exportTo(id);
    const late = path.commands.execute(new PublishCastBallotCommand(id, publishCommand(id, A, b), { actor: `voter:${A}` }));
    await expect(late).rejects.toBeInstanceOf(DomainError);
    await expect(late).rejects.toMatchObject({ code: 'ALREADY_VOTED' });
    expect((await path.store.readStream(ballotStream(id, A))).length).toBe(1);
  });

  it('a version-1 or version-2 record (no ballot or no signature kept) is reported as unpublishable, never published with made-up data', async () => {
    const id = freshElectionId('crash-v1');
    await given(path, lifecycleStream(id), [...lifecycle(id), closed(id)]);
    await given(path, voterBallotsStream(id, A), [{ type: 'BallotCastByVoter', data: { electionId: id, pseudonym: A, trackingCode: h('9'), castAt: NOW } }]);
    const v2 = ballotOf(B, 'consulta-opt0');
    await given(path, voterBallotsStream(id, B), [{
      type: 'BallotCastByVoter',
      data: { electionId: id, pseudonym: B, trackingCode: v2.ballot.trackingCode, castAt: NOW, bindingNonce: v2.secrets.bindingNonce, styleId: styleSmall.id, ballot: v2.ballot },
    }]);
    const exported = await exportTo(id);
    expect(exported.recoveredCasts).toEqual({ published: [], unpublishable: [A, B] });
    expect(exported.ballots).toBe(0);
    expect(await path.store.readStream(ballotStream(id, A))).toEqual([]);
  });
});
