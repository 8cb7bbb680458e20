/**
 * The key ceremony as one trustee runs it on their own machine, with their own token: every
 * polynomial, share and secret exists only in this process (and, between rounds, sealed by the
 * token in the station folder); the service receives signed public messages and nothing else.
 *
 * The station trusts nothing the service shows it without checking: it finds itself in the
 * roster by its own signing key, and refuses to act on a round-1 or round-2 message that is not
 * signed by the key enrolled for its trustee (a service that forged another trustee's message
 * would be caught here, before any share is dealt or accepted).
 */
import { ceremonyProgress, type CeremonyProgress, type TrusteeStep } from '../domain/ceremony/progress';
import type { CeremonyView } from '../domain/ceremony/ceremony-view';
import type { CeremonyState, EnrolledTrustee } from '../domain/ceremony/state';
import { transcriptOf } from '../domain/ceremony/transcript-hash';
import { sealedShareMessage, shareCheckMessage, verifyTrusteeSignature, type SignedKind, type TrusteeStatement } from '../domain/ceremony/trustee-signature';
import { SUBMISSION_FORMAT, type CeremonySubmission, type SubmissionBody } from '../domain/ceremony/trustee-submission';
import { createRound1, createRound2, finalizeTrustee, receiveRound1, receiveShare, type CeremonyParams, type Complaint, type TrusteeSecrets } from '../domain/crypto/ceremony';
import { elementHex } from '../domain/crypto/ceremony/wire';
import { encodeScalar } from '../domain/crypto/scalar';
import { StationError } from './station-errors';
import type { StationFolder } from './station-folder';
import type { StationToken } from './station-token';
import { secretsBinding, shareBinding } from './station-bindings';

/** How the station reaches the service: HTTP, a file carried by hand, or (tests) in process. */
export interface CeremonyPort {
  view(): Promise<CeremonyView>;
  submit(submission: CeremonySubmission): Promise<void>;
}

export interface StationStanding {
  state: CeremonyState;
  me: EnrolledTrustee;
  progress: CeremonyProgress;
}

export class CeremonyStation {
  constructor(
    private readonly folder: StationFolder,
    private readonly token: StationToken,
    private readonly port: CeremonyPort,
  ) {}

  private get config() {
    return this.folder.config();
  }

  /** Where the ceremony stands for this trustee, after checking the view is of its election
   * and names it (by its signing key). */
  async standing(): Promise<StationStanding> {
    const view = await this.port.view();
    const { electionId, signingKey } = this.config;
    if (view.electionId !== electionId || (view.state.electionId !== null && view.state.electionId !== electionId)) {
      throw new StationError('STATION_OTHER_ELECTION', 'station.error.otherElection', { electionId, other: view.electionId });
    }
    const me = Object.values(view.state.trustees).find((t) => t.signingKey === signingKey);
    if (!me) throw new StationError('STATION_NOT_ENROLLED', 'station.error.notEnrolled', { electionId });
    return { state: view.state, me, progress: ceremonyProgress(view.state, me.trusteeIndex) };
  }

  /** Before anything is created or sealed: the token in the reader holds this station's key
   * (the PIN is checked here too), so nothing is ever sealed by another trustee's token. */
  private requireOwnToken(): void {
    const { electionId, signingKey } = this.config;
    if (this.token.signingKey(electionId).signingKey !== signingKey) throw new StationError('STATION_WRONG_TOKEN', 'station.error.wrongToken', { tokenLabel: this.token.tokenLabel });
  }

  /** Does this trustee's next step when it is its turn; returns the step done, or 'wait'/'done'. */
  async next(): Promise<TrusteeStep> {
    const { state, me, progress } = await this.standing();
    const step = progress.next?.step ?? 'wait';
    switch (step) {
      case 'round1': await this.round1(state, me); break;
      case 'deal': await this.deal(state, me); break;
      case 'check': await this.check(state, me); break;
      case 'seal': await this.seal(state, me); break;
      default: break;
    }
    return step;
  }

  private params(state: CeremonyState): CeremonyParams {
    if (!state.opened) throw new StationError('STATION_CEREMONY_NOT_OPENED', 'station.error.notOpened');
    return { ceremonyId: state.opened.ceremonyId, n: state.opened.trustees, t: state.opened.threshold };
  }

  private sign(state: CeremonyState, kind: SignedKind, me: EnrolledTrustee, message: unknown): string {
    const statement: TrusteeStatement = { electionId: this.config.electionId, scope: state.opened!.ceremonyId, kind, trusteeIndex: me.trusteeIndex, message };
    return this.token.sign(statement, this.config.signingKey);
  }

  /** Every message this trustee relies on must be signed by the trustee it names. */
  private requireSignedBy(state: CeremonyState, rounds: ('round1' | 'round2')[]): void {
    for (const round of rounds) {
      const kind: SignedKind = round === 'round1' ? 'CeremonyRound1Published' : 'CeremonySharesDealt';
      for (const [index, message] of Object.entries(state[round])) {
        const trustee = Number(index);
        const key = state.trustees[index]?.signingKey;
        const signature = state.signatures[round][index];
        const statement = { electionId: this.config.electionId, scope: state.opened!.ceremonyId, kind, trusteeIndex: trustee, message };
        if (!verifyTrusteeSignature(key, signature, statement)) {
          throw new StationError('STATION_UNSIGNED_MESSAGE', 'station.error.unsignedMessage', { round: round === 'round1' ? 1 : 2, trustee });
        }
      }
    }
  }

  private async openSecrets(state: CeremonyState, me: EnrolledTrustee): Promise<TrusteeSecrets> {
    const work = this.folder.ceremonyWork(state.opened!.ceremonyId);
    if (!work || work.trusteeIndex !== me.trusteeIndex) throw new StationError('STATION_NO_SECRETS', 'station.error.noSecrets', { ceremonyId: state.opened!.ceremonyId });
    const bytes = await this.token.unseal(work.sealedSecrets, secretsBinding(this.config.electionId, me.trusteeId));
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as TrusteeSecrets;
    } finally {
      bytes.fill(0);
    }
  }

  private submit(body: SubmissionBody<CeremonySubmission>): Promise<void> {
    return this.port.submit({ format: SUBMISSION_FORMAT, electionId: this.config.electionId, ...body } as CeremonySubmission);
  }

  /** Round 1: a fresh polynomial and transport key; the secrets are sealed by the token into
   * the station folder before the public message is sent (sent again as is after a crash). */
  async round1(state: CeremonyState, me: EnrolledTrustee): Promise<void> {
    this.requireOwnToken();
    const params = this.params(state);
    let work = this.folder.ceremonyWork(params.ceremonyId);
    if (!work || work.trusteeIndex !== me.trusteeIndex) {
      const { message, secrets } = createRound1(params, me.trusteeIndex);
      const plain = new TextEncoder().encode(JSON.stringify(secrets));
      try {
        work = { ceremonyId: params.ceremonyId, trusteeIndex: me.trusteeIndex, round1: message, sealedSecrets: await this.token.seal(plain, secretsBinding(this.config.electionId, me.trusteeId)) };
      } finally {
        plain.fill(0);
      }
      this.folder.saveCeremonyWork(work);
    }
    await this.submit({ kind: 'round1', message: work.round1, signature: this.sign(state, 'CeremonyRound1Published', me, work.round1) });
  }

  /** Round 2: an envelope for every other participant, after checking every round 1. */
  async deal(state: CeremonyState, me: EnrolledTrustee): Promise<void> {
    this.requireOwnToken();
    const params = this.params(state);
    this.requireSignedBy(state, ['round1']);
    const secrets = await this.openSecrets(state, me);
    const { participants } = receiveRound1(params, Object.values(state.round1));
    const message = createRound2(params, secrets, participants);
    await this.submit({ kind: 'deal', message, signature: this.sign(state, 'CeremonySharesDealt', me, message) });
  }

  /** Opens every envelope addressed to this trustee; a bad one becomes a complaint. */
  async check(state: CeremonyState, me: EnrolledTrustee): Promise<{ complaints: number }> {
    this.requireOwnToken();
    const params = this.params(state);
    this.requireSignedBy(state, ['round1', 'round2']);
    const secrets = await this.openSecrets(state, me);
    const { participants } = receiveRound1(params, Object.values(state.round1));
    const complaints: Complaint[] = [];
    for (const dealer of Object.keys(state.round2).map(Number).sort((a, b) => a - b)) {
      if (dealer === me.trusteeIndex) continue;
      const receipt = receiveShare(params, secrets, participants, state.round2[dealer]);
      if (receipt.kind === 'complaint') complaints.push(receipt.complaint);
    }
    const signature = this.sign(state, 'CeremonySharesChecked', me, shareCheckMessage(me.trusteeIndex, complaints));
    await this.submit({ kind: 'check', trusteeIndex: me.trusteeIndex, complaints, signature });
    return { complaints: complaints.length };
  }

  /** Computes the final share xⱼ, seals it by the token (a copy in the station folder, one to
   * the ledger, sealed), and drops the ceremony secrets. */
  async seal(state: CeremonyState, me: EnrolledTrustee): Promise<void> {
    this.requireOwnToken();
    const params = this.params(state);
    this.requireSignedBy(state, ['round1', 'round2']);
    const secrets = await this.openSecrets(state, me);
    const { participants } = receiveRound1(params, Object.values(state.round1));
    const accepted = new Map<number, bigint>();
    for (const [dealer, message] of Object.entries(state.round2)) {
      if (Number(dealer) === me.trusteeIndex) continue;
      const receipt = receiveShare(params, secrets, participants, message);
      if (receipt.kind === 'accepted') accepted.set(receipt.dealer, receipt.share);
    }
    const material = finalizeTrustee(transcriptOf(state), secrets, accepted);
    const shareBytes = encodeScalar(material.share);
    let sealed;
    try {
      sealed = await this.token.seal(shareBytes, shareBinding(this.config.electionId, me.trusteeId));
    } finally {
      shareBytes.fill(0);
    }
    const verificationKey = elementHex(material.verificationKeys.get(me.trusteeIndex)!);
    const tokenSerial = this.token.serial();
    this.folder.saveShare({ electionId: this.config.electionId, trusteeIndex: me.trusteeIndex, trusteeId: me.trusteeId, verificationKey, sealed });
    const message = sealedShareMessage({ trusteeIndex: me.trusteeIndex, tokenSerial, verificationKey, sealed });
    await this.submit({ kind: 'seal', ...message, signature: this.sign(state, 'TrusteeShareSealed', me, message) });
    this.folder.dropCeremonyWork(params.ceremonyId);
  }
}
