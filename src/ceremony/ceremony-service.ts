import type { CommandBus } from '@nestjs/cqrs';
import { loadState } from '../command-path/stream-state';
import { ceremonyDecider } from '../domain/ceremony/decider';
import { ceremonyStream } from '../domain/ceremony/events';
import type { CeremonyCommand } from '../domain/ceremony/commands';
import { ceremonyProgress, type CeremonyProgress } from '../domain/ceremony/progress';
import type { CeremonyState } from '../domain/ceremony/state';
import { transcriptHash, transcriptOf } from '../domain/ceremony/transcript-hash';
import { createRound1, createRound2, finalizeTrustee, receiveRound1, receiveShare, type Complaint, type TrusteeSecrets } from '../domain/crypto/ceremony';
import { elementHex } from '../domain/crypto/ceremony/wire';
import { encodeScalar } from '../domain/crypto/scalar';
import { pair } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { readTokenSerial, sealShare, sealedShareFromJson, sealedShareToJson, unsealShare, type ShareBinding } from '../hsm';
import type { EventStore } from '../ledger/event-store';
import { NotEnrolledTokenError, SetupError } from '../setup/setup-errors';
import { ceremonyCommandFor } from './ceremony.commands';

/**
 * The key ceremony, one trustee step at a time. Each step is done when that trustee presents
 * their token (by label) and PIN. Nothing lives in this object: every step reads the ceremony
 * stream, and whatever a trustee must carry from one step to the next is sealed in their token
 * (the TrusteeSecretsSealed event holds the record, the token holds the key). A new instance
 * after a restart — or another machine — continues where the ledger says the ceremony is.
 *
 * Two sealing keys per trustee in the token: one for the in-progress DKG secrets (binding
 * trusteeId + "/dkg-secrets"), one for the final share (binding trusteeId, what the tally opens).
 */
export interface TokenPresentation {
  tokenLabel: string;
  pin: string;
}

export const secretsBinding = (electionId: string, trusteeId: string): ShareBinding => ({ electionId, trusteeId: `${trusteeId}/dkg-secrets` });
export const shareBinding = (electionId: string, trusteeId: string): ShareBinding => ({ electionId, trusteeId });

export class CeremonyService {
  constructor(
    private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly electionId: string,
    private readonly actor = 'system:ceremony',
  ) {}

  private get stream(): string {
    return ceremonyStream(this.electionId);
  }

  async state(): Promise<CeremonyState> {
    return (await loadState(this.store, this.stream, ceremonyDecider)).state;
  }

  async progress(trusteeIndex?: number): Promise<CeremonyProgress> {
    return ceremonyProgress(await this.state(), trusteeIndex);
  }

  run(command: CeremonyCommand, actor = this.actor) {
    return this.commands.execute(ceremonyCommandFor(this.electionId, command, { actor, correlationId: `ceremony-${this.electionId}` }));
  }

  /** Checks, before the PIN is used, that the token presented is the one enrolled. */
  private async presentedBy(trusteeIndex: number, token: TokenPresentation): Promise<{ state: CeremonyState; trusteeId: string; serial: string }> {
    const state = await this.state();
    const enrolled = state.trustees[trusteeIndex];
    if (!enrolled) throw new SetupError('TRUSTEE_NOT_ENROLLED', pair(cliMessages, 'ceremony.error.trusteeNotEnrolled', { trusteeIndex }));
    const serial = readTokenSerial(token.tokenLabel);
    if (serial !== enrolled.tokenSerial) throw new NotEnrolledTokenError(enrolled.name, enrolled.tokenSerial, serial);
    return { state, trusteeId: enrolled.trusteeId, serial };
  }

  private params(state: CeremonyState) {
    if (!state.opened) throw new SetupError('CEREMONY_NOT_OPENED', pair(cliMessages, 'ceremony.error.notOpened'));
    return { ceremonyId: state.opened.ceremonyId, n: state.opened.trustees, t: state.opened.threshold };
  }

  private async openSecrets(state: CeremonyState, trusteeIndex: number, trusteeId: string, token: TokenPresentation): Promise<TrusteeSecrets> {
    const record = state.sealedSecrets[trusteeIndex];
    if (!record) throw new SetupError('NO_SEALED_SECRETS', pair(cliMessages, 'ceremony.error.noSealedSecrets', { trusteeIndex }));
    const bytes = await unsealShare(token.tokenLabel, token.pin, sealedShareFromJson(record), secretsBinding(this.electionId, trusteeId));
    try {
      return JSON.parse(new TextDecoder().decode(bytes)) as TrusteeSecrets;
    } finally {
      bytes.fill(0);
    }
  }

  /** Round 1: fresh polynomial and transport key; the secrets are sealed into the token before
   * the public message is appended (a crash in between only leaves an unused sealed record). */
  async publishRound1(trusteeIndex: number, token: TokenPresentation): Promise<void> {
    const { state, trusteeId, serial } = await this.presentedBy(trusteeIndex, token);
    const params = this.params(state);
    const { message, secrets } = createRound1(params, trusteeIndex);
    const plain = new TextEncoder().encode(JSON.stringify(secrets));
    let sealed;
    try {
      sealed = await sealShare(token.tokenLabel, token.pin, plain, secretsBinding(this.electionId, trusteeId));
    } finally {
      plain.fill(0);
    }
    await this.run({ type: 'PublishRound1', electionId: this.electionId, message, sealedSecrets: sealedShareToJson(sealed) as unknown as Record<string, unknown>, tokenSerial: serial }, `trustee:${trusteeId}`);
  }

  /** Round 2: open the sealed secrets, deal an envelope to every other participant. */
  async dealShares(trusteeIndex: number, token: TokenPresentation): Promise<void> {
    const { state, trusteeId } = await this.presentedBy(trusteeIndex, token);
    const params = this.params(state);
    const secrets = await this.openSecrets(state, trusteeIndex, trusteeId, token);
    const { participants } = receiveRound1(params, Object.values(state.round1));
    const message = createRound2(params, secrets, participants);
    await this.run({ type: 'DealShares', electionId: this.electionId, message }, `trustee:${trusteeId}`);
  }

  /** Opens every envelope addressed to this trustee; a bad one becomes a complaint. */
  async checkShares(trusteeIndex: number, token: TokenPresentation): Promise<{ complaints: number }> {
    const { state, trusteeId } = await this.presentedBy(trusteeIndex, token);
    const params = this.params(state);
    const secrets = await this.openSecrets(state, trusteeIndex, trusteeId, token);
    const { participants } = receiveRound1(params, Object.values(state.round1));
    const complaints: Complaint[] = [];
    for (const [dealer, message] of Object.entries(state.round2)) {
      if (Number(dealer) === trusteeIndex) continue;
      const receipt = receiveShare(params, secrets, participants, message);
      if (receipt.kind === 'complaint') complaints.push(receipt.complaint);
    }
    await this.run({ type: 'ReportShareCheck', electionId: this.electionId, trusteeIndex, complaints }, `trustee:${trusteeId}`);
    return { complaints: complaints.length };
  }

  /** Computes this trustee's share xⱼ from the transcript and its envelopes, seals it in the token. */
  async sealFinalShare(trusteeIndex: number, token: TokenPresentation): Promise<void> {
    const { state, trusteeId, serial } = await this.presentedBy(trusteeIndex, token);
    const params = this.params(state);
    const secrets = await this.openSecrets(state, trusteeIndex, trusteeId, token);
    const { participants } = receiveRound1(params, Object.values(state.round1));
    const accepted = new Map<number, bigint>();
    for (const [dealer, message] of Object.entries(state.round2)) {
      if (Number(dealer) === trusteeIndex) continue;
      const receipt = receiveShare(params, secrets, participants, message);
      if (receipt.kind === 'accepted') accepted.set(receipt.dealer, receipt.share);
    }
    const material = finalizeTrustee(transcriptOf(state), secrets, accepted);
    const shareBytes = encodeScalar(material.share);
    let sealed;
    try {
      sealed = await sealShare(token.tokenLabel, token.pin, shareBytes, shareBinding(this.electionId, trusteeId));
    } finally {
      shareBytes.fill(0);
    }
    await this.run({
      type: 'SealFinalShare',
      electionId: this.electionId,
      trusteeIndex,
      tokenSerial: serial,
      verificationKey: elementHex(material.verificationKeys.get(trusteeIndex)!),
      sealed: sealedShareToJson(sealed) as unknown as Record<string, unknown>,
    }, `trustee:${trusteeId}`);
  }

  /** The transcript hash the notary is shown before witnessing. */
  async currentTranscriptHash(): Promise<string> {
    return transcriptHash(transcriptOf(await this.state()));
  }

  async witness(notary: string, transcriptHashSeen: string, now: string): Promise<void> {
    await this.run({ type: 'WitnessCeremony', electionId: this.electionId, notary, transcriptHash: transcriptHashSeen, now }, `notary:${notary}`);
  }

  async complete(): Promise<CeremonyState['completed']> {
    await this.run({ type: 'CompleteCeremony', electionId: this.electionId });
    return (await this.state()).completed;
  }
}
