/**
 * The voter's path over HTTP, as one application service: login by proof of holding the
 * credential (the password never leaves the browser) and an SMS code, the ballot of the voter's
 * style, a fresh SMS code before casting, the cast itself and the receipt. Authentication decisions are the voter-access decider's (VoterAccessService);
 * "one ballot per voter, ever" is the ballot stream's own rule, enforced by the ledger's
 * expected-revision check (CastBallotCommand, judged by the voting decider), never by a
 * check-then-write here.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Pool } from 'pg';
import { CommandBus } from '@nestjs/cqrs';
import { loadState, newStreamRead, type StreamRead } from '../command-path/stream-state';
import { loadElectionSnapshot } from '../application/election-snapshot';
import { activeSession } from '../domain/authentication/decide';
import { voterAccessDecider } from '../domain/authentication/decider';
import { addMinutes, AuthenticationPolicy, isBefore } from '../domain/authentication/policy';
import { constantTimeEqual, oneTimeCodeHash, pseudonymOfHandle } from '../domain/authentication/secrets';
import type { VoterAccessState } from '../domain/authentication/state';
import type { ElectionManifest } from '../domain/configuration/election-manifest';
import { ballotAlphas, opensVoterBinding, readableTrackingCode, type BallotStyles, type ElectionContext } from '../domain/crypto/ballot';
import { toHex } from '../domain/crypto/hash';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import type { LifecycleState } from '../domain/lifecycle/state';
import { voterStream } from '../domain/roll/decider';
import { DomainError } from '../domain/shared/decider';
import { domainText } from '../domain/shared/domain-text';
import type { CastBallot } from '../domain/voting/commands';
import { ballotStream, SPOILED_BALLOT_ACTOR, spoiledBallotStream, voterBallotsStream, votingDecider } from '../domain/voting/decider';
import { initialVoterBallotState, type VoterBallotState } from '../domain/voting/state';
import { PublishedCredentials } from './published-credentials';
import { CheckpointService } from '../ledger/checkpoint/checkpoint-service';
import { WrongExpectedRevisionError, type EventStore } from '../ledger/event-store';
import { EVENT_STORE, PG_POOL } from '../ledger/ledger.tokens';
import { eventLeafHashHex } from '../ledger/merkle/event-leaf-hash';
import { CryptoWorkers } from '../parallel/crypto-workers';
import { OneTimeCodeRejectedError, VoterAccessService, type PossessionProof } from '../authentication/voter-access-service';
import { LoginChallenges } from '../authentication/login-challenges';
import { PostgresChallengeStore } from '../authentication/postgres-challenge-store';
import { addressKey, BALLOT_CHECK_WORK, SIGN_IN_WORK, WorkBudget } from '../http/work-budget';
import { OPAQUE_ID } from '../domain/authentication/login-attempt';
import { ballotView, cryptoBallotStyles, styleIdForEntity } from './ballot-styles';
import type { Challenge, LoginChallenge, Receipt, Session, VoterBallot, VoterStatus } from './voter-api-types';
import { CheckpointTimeoutError, CheckpointWaiter } from './checkpoint-waiter';
import { WitnessedCheckpoints } from '../ledger/checkpoint/witnessed-checkpoints';
import { ProjectedUsernameDirectory } from './projected-username-directory';
import { VOTING_API_OPTIONS, type VotingApiOptions } from './voting-api.options';
import { badRequest, voterApi, VotingHttpError } from './voting-errors';
import { VotingProjection } from './voting-projection';
import { DatabaseUnavailableException } from '../faults/database-unavailable';
import { PublishedSpoiledCiphertexts } from './published-spoiled-ciphertexts';
import { CastBallotCommand, PublishCastBallotCommand, PublishSpoiledBallotCommand, SpoilBallotCommand } from './voting.commands';

export type { Challenge, LoginChallenge, Receipt, Session, VoterBallot, VoterStatus } from './voter-api-types';

/** What does not change once the election is open: manifest, key, styles. */
interface OpenElectionFacts {
  manifest: ElectionManifest;
  manifestHash: string;
  publicKey: string;
  context: ElectionContext;
  styles: BallotStyles;
  /** Ballot proofs on worker threads, so one voter's check does not hold up the others. */
  proofs: CryptoWorkers;
}

const sessionInvalid = () => new VotingHttpError(401, 'SESSION_INVALID', 'error.sessionInvalid');
const notOpen = () => new VotingHttpError(409, 'VOTING_NOT_STARTED', 'error.votingNotStarted');

@Injectable()
export class VotingService {
  private facts: OpenElectionFacts | undefined;
  /** The voting period once the election is opened (votingPeriod). */
  private openedPeriod: { opensAt: string; closesAt: string } | undefined;
  private readonly waiter: CheckpointWaiter;
  private readonly directory: ProjectedUsernameDirectory;
  /** Every α and β of the spoiled ballots published so far: a cast ballot may reuse none. */
  private readonly spoiledCiphertexts: PublishedSpoiledCiphertexts;
  /** The sign-in challenges: a voter proves possession of their credential by signing one. Their
   * key and used-set are in PostgreSQL, shared by every instance behind the proxy. */
  private readonly challenges: LoginChallenges;
  /** The credential authority's public list: a ballot is signed by a listed, unrevoked credential. */
  private readonly credentials: PublishedCredentials;
  /** Costly work a request can trigger, bounded (src/http/work-budget.ts): sign-ins and cast codes, ballot checks. */
  private readonly signInWork: WorkBudget;
  private readonly ballotChecks: WorkBudget;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(VOTING_API_OPTIONS) private readonly options: VotingApiOptions,
    private readonly projection: VotingProjection,
    checkpoints: CheckpointService,
    private readonly commands: CommandBus,
    witnessed: WitnessedCheckpoints,
    @Optional() @Inject(PG_POOL) pool?: Pool,
  ) {
    this.challenges = new LoginChallenges(pool ? new PostgresChallengeStore(pool, options.projectionSchema ?? 'voting') : undefined);
    // Receipts wait for a checkpoint the witness quorum cosigned, or say they are waiting (log.md §8.5).
    this.waiter = new CheckpointWaiter(checkpoints, { witnessed });
    this.spoiledCiphertexts = new PublishedSpoiledCiphertexts(store, options.electionId);
    this.directory = new ProjectedUsernameDirectory(projection, store, options.electionId);
    this.credentials = new PublishedCredentials(store, options.electionId);
    this.signInWork = new WorkBudget(options.work?.signIn ?? SIGN_IN_WORK);
    this.ballotChecks = new WorkBudget(options.work?.ballotChecks ?? BALLOT_CHECK_WORK);
  }

  get electionId(): string {
    return this.options.electionId;
  }

  now(): string {
    return (this.options.clock?.() ?? new Date()).toISOString();
  }

  async close(): Promise<void> {
    this.waiter.close();
    void this.facts?.proofs.close();
    await this.spoiledCiphertexts.close();
  }

  async lifecycle(): Promise<LifecycleState> {
    return (await loadState(this.store, lifecycleStream(this.electionId), lifecycleDecider)).state;
  }

  /** Manifest, key and styles, read once the ceremony and the opening are recorded. */
  async openFacts(): Promise<OpenElectionFacts | undefined> {
    if (this.facts) return this.facts;
    const snapshot = await loadElectionSnapshot(this.store, this.electionId);
    if (snapshot.lifecycle.phase === 'not-opened' || !snapshot.manifest || !snapshot.context || !snapshot.ceremony || !snapshot.manifestHashHex) return undefined;
    if (this.facts) return this.facts; // another request got here first: keep one worker pool
    this.facts = {
      manifest: snapshot.manifest,
      manifestHash: snapshot.manifestHashHex,
      publicKey: snapshot.ceremony.publicKey,
      context: snapshot.context,
      styles: cryptoBallotStyles(snapshot.manifest),
      proofs: new CryptoWorkers({
        manifestHash: snapshot.manifestHashHex, publicKey: snapshot.ceremony.publicKey, styles: [...cryptoBallotStyles(snapshot.manifest).values()],
      }),
    };
    return this.facts;
  }

  /**
   * The voting period, kept once the election is opened. Only ElectionOpened sets it, and the
   * lifecycle decider records that event once (ALREADY_OPENED), so once seen it never changes:
   * the sign-in, its code and the ballot need not read the lifecycle again for it (three reads
   * of the stream per voter). Whether casting is open now (the phase) is still read afresh by
   * every request that needs it. `known`: the lifecycle the request already read, if it did.
   */
  private async votingPeriod(known?: LifecycleState): Promise<{ opensAt: string; closesAt: string }> {
    if (this.openedPeriod) return this.openedPeriod;
    const lifecycle = known ?? await this.lifecycle();
    if (!lifecycle.votingOpensAt || !lifecycle.votingClosesAt) throw notOpen();
    this.openedPeriod = { opensAt: lifecycle.votingOpensAt, closesAt: lifecycle.votingClosesAt };
    return this.openedPeriod;
  }

  /** `lifecycle`: the one the request already read, if it did (one read of the stream less). */
  private async access(known?: LifecycleState): Promise<VoterAccessService> {
    const votingPeriod = await this.votingPeriod(known);
    const o = this.options;
    return new VoterAccessService({
      store: this.store, commands: this.commands, electionId: this.electionId, random: o.random, sms: o.sms, challenges: this.challenges,
      directory: this.directory, votingPeriod, work: this.signInWork,
    });
  }

  /**
   * A fresh sign-in challenge, for anyone who asks: the browser signs it with the credential key
   * it derives from the password (credentials.md §3). Nothing is appended: the log must not show
   * who asks to sign in.
   */
  async loginChallenge(): Promise<LoginChallenge> {
    return { ...(await this.challenges.issue(this.now())), electionId: this.electionId };
  }

  /** `address`: the client's (req.ip), whose budget the attempt's work spends. */
  async login(username: string, proof: PossessionProof, address?: string): Promise<Challenge> {
    const now = this.now();
    // The opaque id only: the proof alone must not reveal the pseudonym.
    const { challengeId, sentTo } = await (await this.access()).login(username, proof, now, address);
    return { challengeId, expiresAt: addMinutes(now, AuthenticationPolicy.codeTtlMinutes), sentTo };
  }

  async confirmLogin(challengeId: string, code: string): Promise<Session> {
    const now = this.now();
    const { sessionToken } = await (await this.access()).confirmLoginChallenge(challengeId, code, now);
    return { sessionToken, expiresAt: addMinutes(now, AuthenticationPolicy.sessionTtlMinutes) };
  }

  async logout(token: string): Promise<void> {
    await this.requireSession(token, this.now());
    await (await this.access()).logout(token, this.now());
  }

  /** A cast code by SMS, within the sign-in work budget of the client's `address` (req.ip). */
  async requestCastCode(token: string, address?: string): Promise<Challenge> {
    return this.signInWork.run({ key: addressKey(address) }, () => this.issueCastCode(token));
  }

  private async issueCastCode(token: string): Promise<Challenge> {
    const now = this.now();
    const { pseudonym, read } = await this.requireSession(token, now);
    const lifecycle = await this.lifecycle();
    const castingOpen = lifecycle.phase === 'voting' && isBefore(now, lifecycle.votingClosesAt!);
    const ballots = await this.ballotRead(pseudonym);
    const { challengeId, sentTo } = await (await this.access(lifecycle)).requestCastCode(token, now, { castingOpen, alreadyVoted: ballots.state.cast }, read);
    return { challengeId, expiresAt: addMinutes(now, AuthenticationPolicy.codeTtlMinutes), sentTo };
  }

  /**
   * What the booth asks right after sign-in (and after a reload): may this voter still cast?
   * A read only: nothing is recorded, the decider still refuses a cast on its own facts.
   */
  async status(token: string): Promise<VoterStatus> {
    const now = this.now();
    const { pseudonym, sessionId, state } = await this.requireSession(token, now);
    const lifecycle = await this.lifecycle();
    const ballots = await this.ballotState(pseudonym);
    return {
      alreadyVoted: ballots.cast,
      credential: ballots.credential,
      castingOpen: lifecycle.phase === 'voting' && isBefore(now, lifecycle.votingClosesAt!),
      votingClosesAt: lifecycle.votingClosesAt!,
      sessionExpiresAt: state.sessions.get(sessionId)?.expiresAt,
    };
  }

  async ballot(token: string): Promise<VoterBallot> {
    const now = this.now();
    const { pseudonym, state } = await this.requireSession(token, now);
    const facts = await this.openFacts();
    if (!facts) throw notOpen();
    const styleId = this.styleOf(facts, state);
    return {
      electionId: this.electionId, styleId, pseudonym, publicKey: facts.publicKey, manifestHash: facts.manifestHash,
      baseHash: toHex(facts.context.baseHash), contests: ballotView(facts.manifest, styleId), parties: facts.manifest.parties, votingClosesAt: (await this.votingPeriod()).closesAt,
    };
  }

  /**
   * Casts a ballot. Order: session → window → style → proofs, voter binding and the voter's
   * signature → no ciphertext of a published spoiled ballot → the credential is listed,
   * unrevoked and the voter's own (decided once before the cast code, so that a refusal
   * appends nothing) → cast code → the voter's sealed ballot stream decides (cast or spoiled,
   * never both; one ballot per voter and so per credential) → the ballot is published on the
   * pseudonym's public stream → wait for a checkpoint that includes it. Every refusal before the
   * cast code records nothing; if the publication fails after the voter's stream recorded the
   * cast, sending the same ballot again publishes it (the voter's stream decides nothing new for
   * the same ballot).
   */
  async cast(token: string, ballot: unknown, cast: { bindingNonce: string; credential: string; signature: string }, challengeId: string, code: string): Promise<Receipt> {
    const now = this.now();
    const { pseudonym, sessionId, state, read } = await this.requireSession(token, now);
    const facts = await this.openFacts();
    if (!facts) throw notOpen();
    const lifecycle = await this.lifecycle();
    const { bindingNonce, credential, signature } = cast;
    if (lifecycle.phase !== 'voting' || !isBefore(now, lifecycle.votingClosesAt!)) {
      // The decider refuses too; refusing early spares the cast code and the proof check.
      votingDecider.decide(this.castCommand(pseudonym, cast, '', '', ballot, true, false, 'active', lifecycle, now), initialVoterBallotState());
    }
    const entitledStyleId = this.styleOf(facts, state);
    const styleId = (ballot as { styleId?: unknown })?.styleId;
    if (typeof styleId !== 'string') throw badRequest('error.ballotWithoutStyle');
    if (styleId !== entitledStyleId) throw new DomainError('WRONG_BALLOT_STYLE', domainText.pair('voting.wrongBallotStyle'));
    const verification = await this.ballotChecks.run({ key: `voter:${pseudonym}` }, () => facts.proofs.verifyBallot(ballot, { expectedVoter: { pseudonym, credential, bindingNonce, signature } }));
    if (!verification.ok) {
      throw new VotingHttpError(422, 'INVALID_BALLOT', 'error.invalidBallot', { failures: verification.failures.slice(0, 20) });
    }
    const reusesSpoiled = await this.spoiledCiphertexts.reusedBy(ballot);
    const command = this.castCommand(pseudonym, cast, entitledStyleId, verification.trackingCode, ballot, true, reusesSpoiled,
      await this.credentials.statusOf(credential), lifecycle, now);
    // Decided once on what the voter's stream says now: a refusal (a credential not listed,
    // revoked or another voter's; already voted) spends no cast code and appends nothing.
    const ballots = await this.ballotRead(pseudonym);
    votingDecider.decide(command, ballots.state);
    await this.authorizeCast(token, { sessionId, read, lifecycle }, challengeId, code, now);
    // The commands decide on the reads above (a stream that moved since is read again).
    const decided = await this.commands.execute(new CastBallotCommand(this.electionId, command, { actor: `voter:${pseudonym}`, read: ballots }));
    const { recorded } = await this.commands.execute(new PublishCastBallotCommand(this.electionId, {
      type: 'PublishCastBallot', electionId: this.electionId, pseudonym, bindingNonce, credential, signature, styleId: entitledStyleId,
      trackingCode: verification.trackingCode, ballot, recordedTrackingCode: decided.state.trackingCode, castAt: decided.state.castAt ?? now,
    }, { actor: `voter:${pseudonym}`, read: newStreamRead(ballotStream(this.electionId, pseudonym), votingDecider) }));
    const event = recorded[0];
    const leafHash = eventLeafHashHex(event);
    let checkpoint;
    try {
      checkpoint = await this.waiter.waitFor(event.position, this.options.receiptTimeoutMs ?? 30_000);
    } catch (err) {
      if (!(err instanceof CheckpointTimeoutError)) throw err;
      throw new VotingHttpError(503, 'RECEIPT_DELAYED', 'error.receiptDelayed', { trackingCode: verification.trackingCode, logIndex: event.position, leafHash });
    }
    return {
      trackingCode: verification.trackingCode,
      readableTrackingCode: readableTrackingCode(verification.trackingCode),
      logIndex: event.position,
      leafHash,
      checkpoint: checkpoint.cosignedNote,
      checkpointSize: checkpoint.size,
      witnesses: checkpoint.witnessing,
    };
  }

  /** The voter's sealed ballot stream: cast or spoiled, their current public credential. */
  async ballotState(pseudonym: string): Promise<VoterBallotState> {
    return (await this.ballotRead(pseudonym)).state;
  }

  private ballotRead(pseudonym: string): Promise<StreamRead<VoterBallotState>> {
    return loadState(this.store, voterBallotsStream(this.electionId, pseudonym), votingDecider);
  }

  /**
   * Benaloh challenge. The voter's sealed ballot stream records the audit (never a ballot
   * that is cast, at most MAX_AUDITS_PER_VOTER); then the spoiled ballot and its disclosure
   * are published on a stream of their own, as `system:benaloh`, with nothing that names the
   * voter: the ballot carries a voter binding whose nonce is checked here and kept sealed.
   * The same disclosure twice is refused (ALREADY_SPOILED); a retry after a failed
   * publication publishes it.
   */
  async spoil(token: string, spoiled: unknown, bindingNonce: string): Promise<{ trackingCode: string }> {
    const now = this.now();
    const { pseudonym } = await this.requireSession(token, now);
    const facts = await this.openFacts();
    if (!facts) throw notOpen();
    // On the proof workers, as a cast's proofs are, under the voter's share of them: checked
    // here, a 61-option disclosure held this thread (and every other voter's request) for
    // ~7 ms with the native backends and ~45 ms with noble.
    const [audit] = await this.ballotChecks.run({ key: `voter:${pseudonym}` }, () => facts.proofs.auditSpoiledBallots([spoiled]));
    const s = spoiled as { ballot?: { voterBinding?: unknown; styleId?: string; trackingCode?: string }; selections?: unknown; nonces?: unknown } | null;
    // The binding opens to the voter's pseudonym and current credential: the booth encrypted it for them.
    const ballots = await this.ballotRead(pseudonym);
    const credential = ballots.state.credential;
    if (!audit.ok || !opensVoterBinding(s?.ballot?.voterBinding, pseudonym, credential, bindingNonce)) {
      throw new VotingHttpError(422, 'INVALID_DISCLOSURE', 'error.invalidDisclosure',
        audit.ok ? { failures: [{ check: 'voter-binding', reason: 'the ballot was not encrypted for you with this binding nonce' }] } : { failures: audit.failures.slice(0, 20) });
    }
    const ballot = s!.ballot!;
    const disclosesCastCiphertext = await this.disclosesCastCiphertext(ballot);
    const decided = await this.commands.execute(new SpoilBallotCommand(this.electionId, {
      type: 'SpoilBallot', electionId: this.electionId, pseudonym, bindingNonce, styleId: ballot.styleId!, trackingCode: audit.trackingCode,
      ballot, disclosureVerified: true, disclosesCastCiphertext, now,
    }, { actor: `voter:${pseudonym}`, read: ballots }));
    // No correlation id: it would link the public event to the voter's sealed one.
    await this.commands.execute(new PublishSpoiledBallotCommand(this.electionId, {
      type: 'PublishSpoiledBallot', electionId: this.electionId, styleId: ballot.styleId!, trackingCode: audit.trackingCode,
      ballot, disclosure: { selections: s!.selections, nonces: s!.nonces },
      recordedByVoter: decided.state.spoiledTrackingCodes.includes(audit.trackingCode), now,
    }, { actor: SPOILED_BALLOT_ACTOR, read: newStreamRead(spoiledBallotStream(this.electionId, audit.trackingCode), votingDecider) }));
    return { trackingCode: audit.trackingCode };
  }

  /**
   * Whether the spoiled ballot holds the α of a ballot cast in the election before this check
   * began: the voting projection is first brought up to the ledger's head as read now (503 if
   * it cannot be within 5 s), so every BallotCast committed before is in its table.
   */
  private async disclosesCastCiphertext(ballot: unknown): Promise<boolean> {
    const head = await this.store.head();
    if (!(await this.projection.caughtUpTo(head))) {
      throw new DatabaseUnavailableException(new Error(`the cast ballots were not followed up to position ${head} in time`));
    }
    return this.projection.holdsCastAlpha(ballotAlphas(ballot));
  }

  private castCommand(
    pseudonym: string, cast: { bindingNonce: string; credential: string; signature: string }, styleId: string, trackingCode: string, ballot: unknown,
    verified: boolean, reusesSpoiled: boolean, credentialStatus: CastBallot['credentialStatus'], lifecycle: LifecycleState, now: string,
  ): CastBallot {
    return {
      type: 'CastBallot' as const, electionId: this.electionId, pseudonym, bindingNonce: cast.bindingNonce, credential: cast.credential, signature: cast.signature,
      credentialStatus, entitledStyleId: styleId, styleId, trackingCode, ballot, ballotVerified: verified, reusesPublishedSpoiledCiphertext: reusesSpoiled,
      votingPhase: lifecycle.phase, votingClosesAt: lifecycle.votingClosesAt, now,
    };
  }

  private styleOf(facts: OpenElectionFacts, state: VoterAccessState): string {
    const styleId = state.voter && styleIdForEntity(facts.manifest, state.voter.entityOfOrigin);
    if (!styleId) throw new VotingHttpError(403, 'NOT_ON_ROLL', 'error.notOnRoll');
    return styleId;
  }

  private async voterState(pseudonym: string): Promise<VoterAccessState> {
    return (await this.voterRead(pseudonym)).state;
  }

  private voterRead(pseudonym: string): Promise<StreamRead<VoterAccessState>> {
    return loadState(this.store, voterStream(this.electionId, pseudonym), voterAccessDecider);
  }

  /** `read`: the voter's stream as read for the session, which a command of this request may decide on. */
  private async requireSession(token: string, now: string): Promise<{ pseudonym: string; sessionId: string; state: VoterAccessState; read: StreamRead<VoterAccessState> }> {
    const pseudonym = typeof token === 'string' ? pseudonymOfHandle(token) : undefined;
    if (!pseudonym) throw sessionInvalid();
    const read = await this.voterRead(pseudonym);
    const { state } = read;
    const sessionId = state.onRoll ? activeSession(state, token, now) : undefined;
    if (!sessionId) throw sessionInvalid();
    return { pseudonym, sessionId, state, read };
  }

  /**
   * The cast code: confirmed now, or already confirmed by this very session with this very
   * code within the cast window (a retried or concurrent request of the same voter must reach
   * the ballot stream, whose revision decides; the code itself is still checked by its hash).
   */
  private async authorizeCast(
    token: string, session: { sessionId: string; read: StreamRead<VoterAccessState>; lifecycle: LifecycleState }, challengeId: string, code: string, now: string,
  ): Promise<void> {
    const { sessionId } = session;
    // The cast challenge id is the code's opaque id; the session token names the voter.
    const codeId = typeof challengeId === 'string' && OPAQUE_ID.test(challengeId) ? challengeId : undefined;
    const pseudonym = codeId === undefined ? undefined : pseudonymOfHandle(token);
    // First on the voter's state this request read for its session (a code verified stays
    // verified, so an older state can only say "not yet"), then read afresh after a race.
    const authorizedIn = (state: VoterAccessState) => {
      const c = state.codes.get(codeId!);
      return !!c && c.purpose === 'cast' && c.status === 'verified' && c.sessionId === sessionId && !!c.verifiedAt
        && isBefore(now, addMinutes(c.verifiedAt, AuthenticationPolicy.castAuthorizationMinutes))
        && constantTimeEqual(oneTimeCodeHash(codeId!, 'cast', code.trim()), c.codeHash);
    };
    const authorizedBefore = async () => authorizedIn(await this.voterState(pseudonym!));
    if (!pseudonym || !codeId) {
      throw new OneTimeCodeRejectedError('unknown_code');
    }
    if (authorizedIn(session.read.state)) return;
    const access = await this.access(session.lifecycle);
    for (let attempt = 1; ; attempt++) {
      try {
        // The first time on the request's read of the voter's stream (the handler reads it again if it moved).
        await access.confirmCastCode(`${pseudonym}.${codeId}`, code, now, attempt === 1 ? session.read : undefined);
        return;
      } catch (err) {
        // A concurrent request of this voter confirmed the same code first: look again.
        const raced = err instanceof WrongExpectedRevisionError || (err instanceof OneTimeCodeRejectedError && err.reason === 'already_used');
        if (!raced || attempt >= 8) throw err;
        if (await authorizedBefore()) return;
        if (err instanceof OneTimeCodeRejectedError) throw err;
      }
    }
  }
}
