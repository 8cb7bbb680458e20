/**
 * The tally ceremony (issue 6 §1) as the service runs it, after closing, against the ledger:
 *   1. recompute the ballot box hash from the ledger and compare it with BallotBoxExported;
 *      a difference is recorded (TallyStarted.matchesClosing = false) and the tally stops;
 *   2. verify every ballot's proofs while adding it to the homomorphic totals, record them;
 *   3. each present trustee decrypts at their own station (src/trustee-station, `urna trustee
 *      tally`): it recomputes the totals from the exported ballot box, refuses any others, opens
 *      its share from its token and sends its partial decryptions, signed (`submit`); the service
 *      never sees a share, a PIN or a token: the decider checks the signature and every proof (a
 *      bad proof is recorded as rejected, naming its trustee);
 *   4. with at least t valid trustees, combine, solve the small discrete logs and publish.
 * Fewer than t: NotEnoughTrusteesForTallyError, and no results are published.
 */
import { createHash } from 'node:crypto';
import type { CommandBus } from '@nestjs/cqrs';
import { loadState, toDomainEvent } from '../command-path/stream-state';
import { loadElectionSnapshot } from '../application/election-snapshot';
import { ceremonyDecider } from '../domain/ceremony/decider';
import { ceremonyStream } from '../domain/ceremony/events';
import type { TallySubmission } from '../domain/ceremony/trustee-submission';
import { group } from '../domain/crypto/active-group';
import { ballotStyles } from '../domain/crypto/ballot/ballot-style';
import type { ElectionContext } from '../domain/crypto/election-context';
import { fromHex, toHex } from '../domain/crypto/hash';
import { ciphertextHex } from '../domain/crypto/tally/tally-wire';
import { combinePartialDecryptions } from '../domain/crypto/tally/combine';
import { DiscreteLogTable } from '../domain/crypto/tally/discrete-log';
import { rollDecider, rollStream } from '../domain/roll/decider';
import { lifecycleStream } from '../domain/lifecycle/decider';
import type { BallotBoxExported } from '../domain/lifecycle/events';
import { DomainError } from '../domain/shared/decider';
import { tallyDecider } from '../domain/tally/decider';
import { decodeTotal } from '../domain/tally/decide';
import { tallyOptionId, tallyStream, type TallyEvent } from '../domain/tally/events';
import { manifestBallotStyles, talliedContests } from '../domain/tally/manifest-styles';
import type { TallyState } from '../domain/tally/state';
import { chunkSize, CryptoWorkers, type LineChunk } from '../parallel/crypto-workers';
import { EncryptedSums } from '../parallel/encrypted-sums';
import { both } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import type { EventStore } from '../ledger/event-store';
import { ballotBoxStream, castBy, type BoxLine } from '../closing/ballot-box';
import { ChunkWindow, chunksInFlight } from '../parallel/chunk-window';
import {
  CompleteTallyCommand, PostPartialDecryptionCommand, PublishResultsCommand, RecordEncryptedTallyCommand, StartTallyCommand,
} from './tally.commands';
import { BallotBoxMismatchError, InvalidCastBallotError, NotEnoughTrusteesForTallyError, TallyError, type TrusteeFailure } from './tally-errors';
import { trusteeTallyView, type TallyView } from './trustee-tally-view';

/** The trustees present at the tally, each at their own station: `decrypt` resolves once each
 * has posted its partial decryptions or failed (src/setup/trustee-processes.ts runs one
 * `urna trustee tally` process per trustee), with the failures to report. */
export interface TallyTrustees {
  decrypt(say: (line: string) => void): Promise<TrusteeFailure[]>;
}

export type TallyProgress =
  | { step: 'reading'; done: number; total: number }
  | { step: 'verifying'; done: number; total: number }
  | { step: 'trustee'; line: string }
  | { step: 'publishing'; done: number; total: number };

export interface TallyOutcome {
  ballots: number;
  ballotBoxHash: string;
  trusteesUsed: number[];
  trusteeFailures: TrusteeFailure[];
  results: { contestId: string; counts: { optionId: string; count: number }[] }[];
}

export class TallyService {
  /** Per election, the end of the last post queued (submit). */
  private readonly posting = new Map<string, Promise<void>>();
  private readonly keysByElection = new Map<string, { context: ElectionContext; verificationKeys: Record<string, string>; signingKeys: Record<string, string> }>();

  constructor(
    private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly options: {
      actor?: string;
      now?: () => string;
      onProgress?: (p: TallyProgress) => void;
      /** Worker threads for the ballot proofs (default: URNA_WORKERS, else one per core; 0 or 1: this thread). */
      workers?: number;
      /** Ballots per worker task and tasks in flight (default: chunkSize of the exported count,
       * and chunksInFlight of the workers); tests set them small. */
      chunks?: { lines: number; inFlight: number };
      /** Called with the chunk window once every chunk is back (tests and benches read its peak). */
      onWindow?: (window: ChunkWindow<unknown>) => void;
    } = {},
  ) {}

  private get by() {
    return { actor: this.options.actor ?? 'system:tally' };
  }
  private now(): string {
    return this.options.now?.() ?? new Date().toISOString();
  }
  private progress(p: TallyProgress): void {
    this.options.onProgress?.(p);
  }

  private async tallyState(electionId: string): Promise<TallyState> {
    return (await loadState(this.store, tallyStream(electionId), tallyDecider)).state;
  }

  /** The whole ceremony: steps 1–4. Resumes after step 2 if a previous run recorded the totals. */
  async tally(electionId: string, trustees: TallyTrustees): Promise<TallyOutcome> {
    let state = await this.tallyState(electionId);
    if (state.phase === 'not-started') {
      await this.computeEncryptedTally(electionId);
      state = await this.tallyState(electionId);
    }
    if (state.phase === 'halted') throw new TallyError('TALLY_HALTED', both(cliMessages, 'tally.error.halted'));
    const failures = await trustees.decrypt((line) => this.progress({ step: 'trustee', line }));
    return this.publishResults(electionId, failures);
  }

  /** What a trustee station is shown (GET /api/trustee/tally). */
  trusteeView(electionId: string): Promise<TallyView> {
    return trusteeTallyView(this.store, electionId);
  }

  /** A trustee station's signed partial decryptions of one contest (POST /api/trustee/tally, or a
   * file carried from an air-gapped station). */
  submit(submission: TallySubmission): Promise<TrusteeFailure | undefined> {
    // One post per election at a time in this process: the stations post side by side, and two
    // posts decided at once cross on the tally stream. The loser was decided again (every proof
    // checked again) and, after a few crossings, refused with CONCURRENT_CHANGE, which the
    // station answers by waiting up to 2 s: in a simulacro most of each station's time went
    // there. Across instances the crossing and its retry remain the rule.
    const previous = this.posting.get(submission.electionId) ?? Promise.resolve();
    const mine = previous.then(() => this.postPartialDecryption(submission.electionId, submission.trusteeIndex, submission.contestId, submission.partials, submission.signature));
    const settled = mine.then(() => undefined, () => undefined);
    this.posting.set(submission.electionId, settled);
    void settled.then(() => {
      if (this.posting.get(submission.electionId) === settled) this.posting.delete(submission.electionId);
    });
    return mine;
  }

  /** Steps 1 and 2. Throws BallotBoxMismatchError (after recording it) when the hashes differ. */
  async computeEncryptedTally(electionId: string): Promise<void> {
    const snapshot = await loadElectionSnapshot(this.store, electionId);
    if (!snapshot.manifest || !snapshot.context || !snapshot.ceremony) {
      throw new TallyError('ELECTION_NOT_READY', both(cliMessages, 'tally.error.electionNotReady'));
    }
    const styleList = manifestBallotStyles(snapshot.manifest);
    const contests = talliedContests(snapshot.manifest).map((c) => c.id);
    // Proofs on every core (URNA_WORKERS; 0 or 1 keeps them in this thread). The threads start
    // (load their modules and the group backend) while this one reads and hashes the box.
    const crypto = new CryptoWorkers({ manifestHash: toHex(snapshot.context.manifestHash), publicKey: toHex(group.encode(snapshot.context.publicKey)), styles: styleList }, this.options.workers);
    let totals: EncryptedSums;
    try {
      const lifecycle = await this.store.readStream(lifecycleStream(electionId));
      const exported = lifecycle.map((e) => toDomainEvent<BallotBoxExported>(e)).find((e) => e.type === 'BallotBoxExported');
      const roll = (await loadState(this.store, rollStream(electionId), rollDecider)).state.entries;
      const styleOfEntity = new Map(snapshot.manifest.ballotStyles.map((s) => [s.entity, s.id]));
      // The box in export order, a line at a time (ballotBoxStream: never the whole box, which
      // at 10^5 ballots of ~34 kB is past V8's string cap). Each line is hashed and handed to
      // the workers as it comes, at most `inFlight` chunks at a time, so memory holds a few
      // chunks whatever the box's size and the workers verify while this thread reads on.
      // The totals are added as chunks come back but only speculatively: nothing of them is
      // used before StartTally records the recomputed hash, and none is recorded unless that
      // hash is the closing's and every ballot verified for the voter the log says cast it.
      const expected = exported?.data.ballots ?? 0;
      const size = this.options.chunks?.lines ?? chunkSize(expected, Math.max(1, crypto.workers));
      const window = new ChunkWindow<{ chunk: LineChunk; casts: BoxLine['cast'][] }>(this.options.chunks?.inFlight ?? chunksInFlight(crypto.workers));
      const hash = createHash('sha256');
      totals = new EncryptedSums(styleList);
      /** The refusal of the ballot first in ledger order (as when ballots were read in that order). */
      let refused: InvalidCastBallotError | undefined;
      const refuse = (position: number, failures: string[]) => {
        if (!refused || position < refused.position) refused = new InvalidCastBallotError(position, failures);
      };
      let ballots = 0;
      const take = ({ chunk, casts }: { chunk: LineChunk; casts: BoxLine['cast'][] }) => {
        chunk.lines.forEach((line, k) => {
          const b = casts[k];
          // Not JSON: cannot happen to a text the ledger's reader made; refused all the same.
          if (!line.ok) return refuse(b.position, [`ballot: ${line.problem}`]);
          const check = line.verdict;
          if (!check.ok) return refuse(b.position, check.failures.map((f) => `${f.check}: ${f.reason}`));
          if (styleOfEntity.get(roll.get(b.pseudonym) ?? '') !== check.styleId) return refuse(b.position, [`pseudonym ${b.pseudonym} is not on the roll with style ${check.styleId}`]);
          totals.countBallot(check.contestIds);
        });
        totals.addSums(chunk.sums);
        this.progress({ step: 'verifying', done: chunk.start + chunk.lines.length, total: Math.max(ballots, expected) });
      };
      let lines: string[] = [];
      let casts: BoxLine['cast'][] = [];
      const send = async () => {
        if (lines.length === 0) return;
        while (window.full) take(await window.next());
        const sent = casts;
        window.add(crypto.queueBallotLines(ballots - lines.length, lines, sent.map((c) => ({ expectedVoter: castBy(c) })), false).then((chunk) => ({ chunk, casts: sent })));
        lines = [];
        casts = [];
      };
      for await (const box of ballotBoxStream(this.store, electionId, (done, total) => this.progress({ step: 'reading', done, total }))) {
        hash.update(box.line, 'utf8');
        ballots++;
        lines.push(box.line.slice(0, -1));
        casts.push(box.cast);
        if (lines.length >= size) await send();
      }
      await send();
      const recomputed = hash.digest('hex');
      await this.commands.execute(new StartTallyCommand(electionId, {
        type: 'StartTally',
        electionId,
        ballotBoxExported: exported !== undefined,
        closingBallotBoxHash: exported?.data.sha256 ?? recomputed,
        recomputedBallotBoxHash: recomputed,
        ballots,
        threshold: snapshot.ceremony.threshold,
        contests,
        now: this.now(),
      }, this.by));
      if (exported && exported.data.sha256 !== recomputed) throw new BallotBoxMismatchError(recomputed, exported.data.sha256);

      ballotStyles(styleList); // checked here, so a bad style fails with its own error rather than in a worker
      while (window.size > 0) take(await window.next());
      this.options.onWindow?.(window);
      if (refused) throw refused;
    } finally {
      await crypto.close();
    }
    const manifestContests = new Map(snapshot.manifest.contests.map((c) => [c.id, c]));
    for (const contestId of contests) {
      const optionIds = manifestContests.get(contestId)!.options.map((o) => o.id);
      const sums = totals.contest(contestId);
      await this.commands.execute(new RecordEncryptedTallyCommand(electionId, {
        type: 'RecordEncryptedTally',
        electionId,
        contestId,
        ballots: totals.ballotsIn(contestId),
        options: optionIds.map((optionId, k) => ({ optionId, ...ciphertextHex(sums[k]) })),
      }, this.by));
    }
  }

  /**
   * What a trustee's post is checked against: the election's crypto context, the verification
   * keys and each trustee's enrolled signing key. Kept per election once the ceremony is
   * complete, when none of it can change (enrolment is refused after it, and CeremonyCompleted
   * fixes the keys): each trustee posts once per contest, and every post refolded the
   * configuration and recomputed the manifest hash. Before that, read on every call.
   */
  private async postKeys(electionId: string): Promise<{ context: ElectionContext; verificationKeys: Record<string, string>; signingKeys: Record<string, string> }> {
    const kept = this.keysByElection.get(electionId);
    if (kept) return kept;
    const snapshot = await loadElectionSnapshot(this.store, electionId);
    const ceremony = (await loadState(this.store, ceremonyStream(electionId), ceremonyDecider)).state;
    const signingKeys = Object.fromEntries(Object.values(ceremony.trustees).filter((t) => t.signingKey !== undefined).map((t) => [String(t.trusteeIndex), t.signingKey!]));
    const keys = { context: snapshot.context!, verificationKeys: snapshot.ceremony?.verificationKeys ?? {}, signingKeys };
    if (snapshot.context && snapshot.ceremony && ceremony.completed) this.keysByElection.set(electionId, keys);
    return keys;
  }

  /** Posts one trustee's partial decryptions of one contest, signed by the trustee (what a trustee
   * station sends). The decider checks the signature by the trustee's enrolled key (a message that
   * is not the trustee's is refused, recording nothing), then every proof; a bad proof is recorded
   * as PartialDecryptionRejected. */
  async postPartialDecryption(
    electionId: string,
    trusteeIndex: number,
    contestId: string,
    partials: unknown[],
    signature: string,
    context?: ElectionContext,
    verificationKeys?: Record<string, string>,
  ): Promise<TrusteeFailure | undefined> {
    const keys = await this.postKeys(electionId);
    context ??= keys.context;
    verificationKeys ??= keys.verificationKeys;
    const signingKeys = keys.signingKeys;
    const { events } = await this.commands.execute(new PostPartialDecryptionCommand(electionId,
      { type: 'PostPartialDecryption', electionId, trusteeIndex, contestId, partials, context, verificationKeys, signingKeys, signature }, this.by));
    const rejected = (events as TallyEvent[]).find((e) => e.type === 'PartialDecryptionRejected');
    if (rejected && rejected.type === 'PartialDecryptionRejected') return { trusteeIndex, code: rejected.data.check, message: rejected.data.reason };
    return undefined;
  }

  /** Step 4: combine the first t trustees that posted every contest validly, and publish. */
  async publishResults(electionId: string, failures: TrusteeFailure[] = []): Promise<TallyOutcome> {
    const state = await this.tallyState(electionId);
    const complete = new Set<number>();
    const first = state.partials.get(state.contests[0]);
    for (const j of first?.keys() ?? []) {
      if (!state.rejectedTrustees.has(j) && state.contests.every((c) => state.results.has(c) || state.partials.get(c)?.has(j))) complete.add(j);
    }
    const valid = [...complete].sort((a, b) => a - b);
    if (valid.length < state.threshold) throw new NotEnoughTrusteesForTallyError(valid, state.threshold, failures);
    const used = valid.slice(0, state.threshold);
    const table = new DiscreteLogTable(state.ballots);
    const results: TallyOutcome['results'] = [];
    let done = 0;
    for (const contestId of state.contests) {
      const totals = state.totals.get(contestId)!;
      const published = state.results.get(contestId);
      if (published) {
        results.push({ contestId, counts: published });
        continue;
      }
      const posted = state.partials.get(contestId)!;
      const counts = totals.map((t, k) => {
        const shares = used.map((j) => ({ trustee: j, share: group.decode(fromHex(posted.get(j)![k].share, 32)) }));
        const m = combinePartialDecryptions(decodeTotal(t), shares, state.threshold, tallyOptionId(contestId, t.optionId));
        const count = table.solve(m);
        if (count === undefined) throw new TallyError('COUNT_OUT_OF_RANGE', `${contestId}/${t.optionId} does not decrypt to a count in [0, ${state.ballots}]`);
        return { optionId: t.optionId, count };
      });
      await this.commands.execute(new PublishResultsCommand(electionId, { type: 'PublishResults', electionId, contestId, counts, trustees: used }, this.by));
      results.push({ contestId, counts });
      this.progress({ step: 'publishing', done: ++done, total: state.contests.length });
    }
    try {
      await this.commands.execute(new CompleteTallyCommand(electionId, { type: 'CompleteTally', electionId, now: this.now() }, this.by));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
    const started = (await this.store.readStream(tallyStream(electionId))).find((e) => e.type === 'TallyStarted');
    return {
      ballots: state.ballots,
      ballotBoxHash: (started?.data as { ballotBoxHash: string } | undefined)?.ballotBoxHash ?? '',
      trusteesUsed: used,
      trusteeFailures: failures,
      results,
    };
  }
}
