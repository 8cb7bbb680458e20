/**
 * The tally as one trustee does it at their own station: the share is opened in this process
 * only, from the token, after the station has checked — itself, from the exported ballot box —
 * that the totals it is asked to decrypt are that box's (src/tally/trustee-totals-check.ts). The
 * service receives the partial decryptions, each contest's signed by the trustee's token key.
 * The check of the box can be made earlier, as soon as the closing exports it (`checkBox`,
 * `urna trustee check-box`), and kept sealed in the station folder (saved-box-check.ts): the
 * tally then compares the totals with it instead of verifying every ballot again.
 */
import type { TallySubmission } from '../domain/ceremony/trustee-submission';
import { SUBMISSION_FORMAT } from '../domain/ceremony/trustee-submission';
import { TALLY_SCOPE, partialDecryptionMessage } from '../domain/ceremony/trustee-signature';
import { group } from '../domain/crypto/active-group';
import { generatorBase } from '../domain/crypto/elgamal';
import { electionContext, type ElectionContext } from '../domain/crypto/election-context';
import { fromHex } from '../domain/crypto/hash';
import { decodeScalar } from '../domain/crypto/scalar';
import { decryptionScope } from '../domain/crypto/tally/decryption-scope';
import { partialDecrypt } from '../domain/crypto/tally/partial-decryption';
import { decodeTotal } from '../domain/tally/decide';
import { tallyOptionId } from '../domain/tally/events';
import type { BallotBoxBytes } from '../tally/ballot-box-bytes';
import type { TallyView } from '../tally/trustee-tally-view';
import { checkTrusteeTotals, recomputeExportedBox, requireTotalsOfBox, type RecomputedBallotBox } from '../tally/trustee-totals-check';
import { openBoxCheck, sealBoxCheck, type BoxCheckOwner } from './saved-box-check';
import { shareBinding } from './station-bindings';
import { ServiceRefusedError, StationError } from './station-errors';
import type { SealedShareFile, StationFolder } from './station-folder';
import type { StationToken } from './station-token';

/** How the station reaches the service for the tally: HTTP, files, or (tests) in process. */
export interface TallyPort {
  view(): Promise<TallyView>;
  /** The exported ballot box, as bytes: the board's download or the closing's file, as they
   * arrive (read once; never needed whole). */
  ballotBox(): Promise<BallotBoxBytes>;
  submit(submission: TallySubmission): Promise<void>;
}

export interface TallyStationOptions {
  /** Worker threads for the ballot proofs (0 or 1: this thread). */
  workers?: number;
  /** The box hash as the trustee read it elsewhere (the closing act, the notary): the log's
   * BallotBoxExported, as the service shows it, must be this one. */
  expectBallotBoxHash?: string;
  /** The sealed share, when it is not in the station folder (e.g. given from the preservation
   * package's confidential part). */
  sealedShare?: Partial<SealedShareFile>;
  onProgress?: (done: number, total: number) => void;
  /** Boxes already recomputed in this process (stations run side by side in one test process
   * share the proofs' work; the hash, count and totals are still checked each time). */
  cache?: Map<string, RecomputedBallotBox>;
  /** Told, before the totals are checked, whether the station's kept check of the box is used
   * (with when it was made and where it is) or the box is read and verified now. */
  onBoxCheck?: (source: { saved: true; checkedAt: string; file: string } | { saved: false }) => void;
}

export interface BoxCheckOutcome {
  trusteeIndex: number;
  sha256: string;
  ballots: number;
  /** Where the check is kept. */
  file: string;
}

export interface TallyStationOutcome {
  trusteeIndex: number;
  /** Contests whose partial decryptions this station posted now. */
  posted: string[];
}

/** The election context every ballot proof and partial decryption binds to, as the view shows it. */
const contextOf = (view: TallyView): ElectionContext => electionContext(fromHex(view.manifestHash, 32), group.decode(fromHex(view.publicKey, 32)));

/** How many times one contest's message is sent while it keeps crossing other trustees' messages. */
const CONCURRENT_CHANGE_ATTEMPTS = 12;

/** How many times one contest's message is sent while the connection keeps failing before any
 * answer, and the longest pause between two of them. */
const LOST_CONNECTION_ATTEMPTS = 5;
const LONGEST_LOST_CONNECTION_PAUSE_MS = 8_000;

export class TallyStation {
  constructor(
    private readonly folder: StationFolder,
    private readonly token: StationToken,
    private readonly port: TallyPort,
    private readonly options: TallyStationOptions = {},
  ) {}

  /** Who this station is in the view's election; refuses another election, a trustee not
   * enrolled, or a token in the reader that does not hold the enrolled key. */
  private identify(view: TallyView): BoxCheckOwner & { signingKey: string; verificationKey?: string } {
    const { electionId, signingKey } = this.folder.config();
    if (view.electionId !== electionId) throw new StationError('STATION_OTHER_ELECTION', 'station.error.otherElection', { electionId, other: view.electionId });
    const found = Object.entries(view.trustees).find(([, t]) => t.signingKey === signingKey);
    if (!found) throw new StationError('STATION_NOT_ENROLLED', 'station.error.notEnrolled', { electionId });
    if (this.token.signingKey(electionId).signingKey !== signingKey) throw new StationError('STATION_WRONG_TOKEN', 'station.error.wrongToken', { tokenLabel: this.token.tokenLabel });
    return { electionId, signingKey, trusteeIndex: Number(found[0]), trusteeId: found[1].trusteeId, verificationKey: found[1].verificationKey };
  }

  /** The box the log says the closing exported, and the one the trustee expects when given. */
  private exportedBox(view: TallyView): NonNullable<TallyView['exported']> {
    const exported = view.exported;
    if (!exported) throw new StationError('STATION_BOX_NOT_EXPORTED', 'station.error.boxNotExported');
    if (this.options.expectBallotBoxHash !== undefined && this.options.expectBallotBoxHash !== exported.sha256) {
      throw new StationError('STATION_OTHER_BALLOT_BOX', 'station.error.otherBallotBox', { expected: this.options.expectBallotBoxHash, shown: exported.sha256 });
    }
    return exported;
  }

  /**
   * Checks the exported box now (hash, count, the file's rule, every ballot's proofs) and keeps
   * what it recomputed in the station folder, its digest sealed by the token. Needs only the
   * export: the service's totals may not exist yet. A box that does not pass is refused here, as
   * the tally would refuse it, and nothing is kept.
   */
  async checkBox(): Promise<BoxCheckOutcome> {
    const view = await this.port.view();
    const me = this.identify(view);
    const exported = this.exportedBox(view);
    const box = await recomputeExportedBox({
      ballotBox: await this.port.ballotBox(),
      exported,
      context: contextOf(view),
      styles: view.styles,
      workers: this.options.workers,
      onProgress: this.options.onProgress,
      cache: this.options.cache,
    });
    const file = this.folder.saveBoxCheck(await sealBoxCheck(this.token, me, view, box, new Date().toISOString()));
    return { trusteeIndex: me.trusteeIndex, sha256: box.sha256, ballots: box.ballots, file };
  }

  async decrypt(): Promise<TallyStationOutcome> {
    const view = await this.port.view();
    const me = this.identify(view);
    const { electionId, signingKey, trusteeIndex } = me;
    const pending = view.contests.filter((c) => !c.published && !c.posted.includes(trusteeIndex));
    if (pending.length === 0) return { trusteeIndex, posted: [] };
    const exported = this.exportedBox(view);
    const context = contextOf(view);
    const totals = pending.map((c) => ({ contestId: c.contestId, ballots: c.ballots, options: c.options }));

    // Before the share is even opened: the totals must be the ones the exported box gives, as
    // this station recomputed it, earlier (its kept check of that very box) or now.
    const saved = this.folder.boxCheck(exported.sha256);
    if (saved) {
      const { check, file } = saved;
      const box = await openBoxCheck(this.token, me, view, check, file);
      this.options.onBoxCheck?.({ saved: true, checkedAt: check.checkedAt, file });
      requireTotalsOfBox(box, exported, totals);
    } else {
      this.options.onBoxCheck?.({ saved: false });
      await checkTrusteeTotals({
        ballotBox: await this.port.ballotBox(),
        exported,
        context,
        styles: view.styles,
        totals,
        workers: this.options.workers,
        onProgress: this.options.onProgress,
        cache: this.options.cache,
      });
    }

    const share = await this.openShare(electionId, trusteeIndex, me.trusteeId, me.verificationKey);
    const posted: string[] = [];
    for (const contest of pending) {
      const scope = decryptionScope(context, exported.sha256, contest.ballots);
      const partials = contest.options.map((t) => partialDecrypt(scope, tallyOptionId(contest.contestId, t.optionId), decodeTotal(t), trusteeIndex, share));
      const message = partialDecryptionMessage({ trusteeIndex, contestId: contest.contestId, ballotBoxHash: exported.sha256, ballots: contest.ballots, partials });
      const signature = this.token.sign({ electionId, scope: TALLY_SCOPE, kind: 'PartialDecryptionPosted', trusteeIndex, message }, signingKey);
      await this.submitPatiently({ format: SUBMISSION_FORMAT, electionId, kind: 'partial-decryption', trusteeIndex, contestId: contest.contestId, partials, signature });
      posted.push(contest.contestId);
    }
    return { trusteeIndex, posted };
  }

  /**
   * Sends one contest's partials. Other trustees post to the same tally stream at the same
   * time; when the service answers that another message was recorded while it decided this one
   * (409 CONCURRENT_CHANGE), nothing of this message was written, so the same signed message
   * is sent again after a short, growing, random pause.
   *
   * A connection that fails before any answer (the service restarted, a proxy or the service
   * closed an idle connection just as the message went out) leaves it unknown whether the
   * message was recorded. The station asks the service's view after a pause: a contest it shows
   * as posted by this trustee is done, and sending it again would only be refused as
   * ALREADY_POSTED; otherwise the same signed message is sent again. Any other refusal stops the
   * station.
   */
  private async submitPatiently(submission: TallySubmission): Promise<void> {
    let crossings = 0;
    let losses = 0;
    for (;;) {
      try {
        await this.port.submit(submission);
        return;
      } catch (err) {
        if (err instanceof StationError && err.code === 'STATION_SERVICE_UNREACHABLE' && ++losses < LOST_CONNECTION_ATTEMPTS) {
          await new Promise((r) => setTimeout(r, Math.min(LONGEST_LOST_CONNECTION_PAUSE_MS, 500 * 2 ** losses)));
          if (await this.recorded(submission)) return;
          continue;
        }
        const crossed = err instanceof ServiceRefusedError && err.code === 'CONCURRENT_CHANGE';
        if (!crossed || ++crossings >= CONCURRENT_CHANGE_ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(2000, 50 * 2 ** crossings)));
      }
    }
  }

  /** Whether the service shows this contest's partials as posted by this trustee. */
  private async recorded(submission: TallySubmission): Promise<boolean> {
    const contest = (await this.port.view()).contests.find((c) => c.contestId === submission.contestId);
    return contest?.posted.includes(submission.trusteeIndex) ?? false;
  }

  /** Opens xⱼ from the token and checks xⱼ·G = Xⱼ before anything is decrypted with it. */
  private async openShare(electionId: string, trusteeIndex: number, trusteeId: string, verificationKey: string | undefined): Promise<bigint> {
    // The folder's share.json, or one given: a share.json, or the data of the ledger's
    // TrusteeShareSealed (from the preservation package), which has no electionId member.
    const file: Partial<SealedShareFile> | undefined = this.options.sealedShare ?? this.folder.share();
    if (!file?.sealed || (file.electionId !== undefined && file.electionId !== electionId) || file.trusteeIndex !== trusteeIndex) {
      throw new StationError('STATION_NO_SHARE', 'station.error.noShare', { trusteeIndex });
    }
    const bytes = await this.token.unseal(file.sealed, shareBinding(electionId, trusteeId));
    let share: bigint;
    try {
      share = decodeScalar(bytes);
    } finally {
      bytes.fill(0);
    }
    if (!verificationKey || !group.equals(generatorBase().mul(share), group.decode(fromHex(verificationKey, 32)))) {
      throw new StationError('STATION_SHARE_MISMATCH', 'station.error.shareMismatch', { trusteeIndex });
    }
    return share;
  }
}
