import { judgeComplaint } from '../crypto/ceremony/complaint';
import { receiveRound1, verifyRound1Message } from '../crypto/ceremony/round1';
import { verifyRound2Message } from '../crypto/ceremony/round2';
import { evaluateCeremony } from '../crypto/ceremony/transcript';
import { refuse } from './ceremony-errors';
import type { CeremonyCommand } from './commands';
import type { CeremonyEvent } from './events';
import { ceremonyPhase, enrolledIndices, type CeremonyPhase, type CeremonyState } from './state';
import { transcriptHash, transcriptOf } from './transcript-hash';
import { sealedShareMessage, shareCheckMessage, signingKeyProblem, verifyTrusteeSignature, type SignedKind } from './trustee-signature';
import type { Bilingual } from '../../messages/catalog';
import { domainText } from '../shared/domain-text';

/** `what` is the step refused, a pair of the catalog (ceremony.step.*). */
function requirePhase(state: CeremonyState, wanted: CeremonyPhase, what: Bilingual): void {
  const phase = ceremonyPhase(state);
  if (phase !== wanted) {
    refuse('WRONG_CEREMONY_PHASE', domainText.pair('ceremony.wrongCeremonyPhase', { what, phase, phaseName: domainText.pair(`ceremony.phase.${phase}`) }), { phase, wanted });
  }
}

function requireEnrolled(state: CeremonyState, index: number): void {
  if (!state.trustees[index]) {
    refuse('TRUSTEE_NOT_ENROLLED', domainText.pair('ceremony.trusteeNotEnrolled', { trustee: index }));
  }
}

/**
 * Who sent a trustee's message: the signature by the key enrolled for the trustee the message
 * names, over its statement (trustee-signature.ts). Checked before the message's own (costlier)
 * cryptographic checks, so a message from anyone else is refused cheaply.
 */
function requireSigned(state: CeremonyState, electionId: string, kind: SignedKind, trusteeIndex: number, message: unknown, signature: unknown): void {
  const key = state.trustees[trusteeIndex].signingKey;
  if (key === undefined) refuse('TRUSTEE_HAS_NO_SIGNING_KEY', domainText.pair('ceremony.noSigningKey', { trustee: trusteeIndex }));
  if (signature === undefined || signature === null || signature === '') refuse('SIGNATURE_MISSING', domainText.pair('ceremony.signatureMissing', { trustee: trusteeIndex }));
  if (!verifyTrusteeSignature(key, signature, { electionId, scope: state.opened!.ceremonyId, kind, trusteeIndex, message })) {
    refuse('INVALID_SIGNATURE', domainText.pair('ceremony.signatureInvalid', { trustee: trusteeIndex }));
  }
}

const paramsOf = (s: CeremonyState) => ({ ceremonyId: s.opened!.ceremonyId, n: s.opened!.trustees, t: s.opened!.threshold });

export function decideCeremony(command: CeremonyCommand, state: CeremonyState): CeremonyEvent[] {
  switch (command.type) {
    case 'EnrolTrustee': {
      if (state.opened) refuse('CEREMONY_ALREADY_OPENED', domainText.pair('ceremony.alreadyStarted'));
      const { electionId, trusteeIndex, trusteeId, name, tokenSerial, signingKey } = command;
      if (!Number.isInteger(trusteeIndex) || trusteeIndex < 1 || trusteeIndex > 64) {
        refuse('INVALID_TRUSTEE_INDEX', domainText.pair('ceremony.invalidTrusteeIndex'));
      }
      for (const [field, value] of [['trusteeId', trusteeId], ['name', name], ['tokenSerial', tokenSerial]] as const) {
        if (typeof value !== 'string' || value.trim() === '') refuse('INVALID_TRUSTEE', domainText.pair('ceremony.trusteeFieldMissing', { field }));
      }
      const keyProblem = signingKeyProblem(signingKey);
      if (keyProblem !== undefined) refuse('INVALID_SIGNING_KEY', domainText.pair('ceremony.signingKeyInvalid', { reason: keyProblem }));
      for (const t of Object.values(state.trustees)) {
        if (t.trusteeIndex === trusteeIndex) refuse('DUPLICATE_TRUSTEE_INDEX', domainText.pair('ceremony.duplicateTrusteeIndex', { trusteeIndex }));
        if (t.tokenSerial === tokenSerial) refuse('DUPLICATE_TOKEN_SERIAL', domainText.pair('ceremony.duplicateTokenSerial', { tokenSerial, name: t.name }));
        if (t.trusteeId === trusteeId) refuse('DUPLICATE_TRUSTEE_ID', domainText.pair('ceremony.duplicateTrusteeId', { trusteeId }));
        // One key, one trustee: otherwise one person's token could speak for two trustees.
        if (t.signingKey === signingKey) refuse('DUPLICATE_SIGNING_KEY', domainText.pair('ceremony.duplicateSigningKey', { name: t.name }));
      }
      return [{ type: 'TrusteeEnrolled', data: { electionId, trusteeIndex, trusteeId, name, tokenSerial, signingKey } }];
    }
    case 'OpenCeremony': {
      if (state.opened) refuse('CEREMONY_ALREADY_OPENED', domainText.pair('ceremony.alreadyOpened'));
      if (!command.configurationPresent) refuse('ELECTION_NOT_CONFIGURED', domainText.pair('ceremony.electionNotConfigured'));
      const indices = enrolledIndices(state);
      const n = indices.length;
      if (!indices.every((k, i) => k === i + 1)) refuse('TRUSTEE_INDICES_NOT_CONSECUTIVE', domainText.pair('ceremony.trusteeIndicesNotConsecutive', { n }));
      if (!(Number.isInteger(command.threshold) && command.threshold >= 2 && command.threshold <= n)) {
        refuse('INVALID_THRESHOLD', domainText.pair('ceremony.invalidThreshold', { n, threshold: command.threshold }));
      }
      if (!command.notary?.trim()) refuse('NOTARY_MISSING', domainText.pair('ceremony.notaryMissing'));
      return [{ type: 'CeremonyOpened', data: { electionId: command.electionId, ceremonyId: command.ceremonyId, threshold: command.threshold, trustees: n, notary: command.notary } }];
    }
    case 'PublishRound1': {
      requirePhase(state, 'round1', domainText.pair('ceremony.step.publishRound1'));
      const i = command.message?.trustee;
      requireEnrolled(state, i);
      if (state.round1[i]) refuse('ROUND1_ALREADY_PUBLISHED', domainText.pair('ceremony.round1AlreadyPublished', { trustee: i }));
      requireSigned(state, command.electionId, 'CeremonyRound1Published', i, command.message, command.signature);
      const v = verifyRound1Message(paramsOf(state), command.message);
      if (!v.ok) refuse('INVALID_ROUND1', domainText.pair('ceremony.invalidRound1', { trustee: i }), v.failures);
      return [{ type: 'CeremonyRound1Published', data: { electionId: command.electionId, message: command.message, signature: command.signature } }];
    }
    case 'DealShares': {
      requirePhase(state, 'round2', domainText.pair('ceremony.step.dealShares'));
      const i = command.message?.dealer;
      requireEnrolled(state, i);
      if (state.round2[i]) refuse('SHARES_ALREADY_DEALT', domainText.pair('ceremony.sharesAlreadyDealt', { trustee: i }));
      requireSigned(state, command.electionId, 'CeremonySharesDealt', i, command.message, command.signature);
      const { participants } = receiveRound1(paramsOf(state), Object.values(state.round1));
      const v = verifyRound2Message(paramsOf(state), new Set(participants.keys()), command.message);
      if (!v.ok) refuse('INVALID_ROUND2', domainText.pair('ceremony.invalidRound2', { trustee: i }), v.failures);
      return [{ type: 'CeremonySharesDealt', data: { electionId: command.electionId, message: command.message, signature: command.signature } }];
    }
    case 'ReportShareCheck': {
      requirePhase(state, 'checking', domainText.pair('ceremony.step.reportShareCheck'));
      const j = command.trusteeIndex;
      requireEnrolled(state, j);
      if (state.checked[j]) refuse('SHARES_ALREADY_CHECKED', domainText.pair('ceremony.sharesAlreadyChecked', { trustee: j }));
      if (!Array.isArray(command.complaints)) refuse('INVALID_COMPLAINT', domainText.pair('ceremony.complaintsNotInOrder'));
      requireSigned(state, command.electionId, 'CeremonySharesChecked', j, shareCheckMessage(j, command.complaints), command.signature);
      // Ascending dealer, one complaint per dealer: the order the verifier rebuilds the signed report in.
      if (command.complaints.some((c, k) => k > 0 && !(command.complaints[k - 1].dealer < c.dealer))) {
        refuse('INVALID_COMPLAINT', domainText.pair('ceremony.complaintsNotInOrder'));
      }
      const params = paramsOf(state);
      const { participants } = receiveRound1(params, Object.values(state.round1));
      const events: CeremonyEvent[] = [];
      for (const complaint of command.complaints) {
        if (complaint.complainant !== j) refuse('INVALID_COMPLAINT', domainText.pair('ceremony.complaintNotOwn', { trustee: j }));
        const judged = judgeComplaint(params, complaint, participants, state.round2[complaint.dealer]);
        if (judged.kind === 'unjudgeable') refuse('INVALID_COMPLAINT', domainText.pair('ceremony.complaintUnjudgeable'), judged.failure);
        events.push({ type: 'CeremonyComplaintFiled', data: { electionId: command.electionId, complaint } });
      }
      events.push({ type: 'CeremonySharesChecked', data: { electionId: command.electionId, trusteeIndex: j, complaints: command.complaints.length, signature: command.signature } });
      return events;
    }
    case 'SealFinalShare': {
      requirePhase(state, 'sealing', domainText.pair('ceremony.step.sealFinalShare'));
      const j = command.trusteeIndex;
      requireEnrolled(state, j);
      if (state.shares[j]) refuse('SHARE_ALREADY_SEALED', domainText.pair('ceremony.shareAlreadySealed', { trustee: j }));
      const enrolled = state.trustees[j];
      requireSigned(state, command.electionId, 'TrusteeShareSealed', j, sealedShareMessage(command), command.signature);
      if (command.tokenSerial !== enrolled.tokenSerial) {
        refuse('WRONG_TOKEN', domainText.pair('ceremony.wrongTokenShare', { tokenSerial: command.tokenSerial, name: enrolled.name, enrolledTokenSerial: enrolled.tokenSerial }));
      }
      const outcome = evaluateCeremony(transcriptOf(state));
      if (!outcome.ok) refuse('CEREMONY_FAILED', domainText.pair('ceremony.failed'), outcome.failures);
      const expected = outcome.verificationKeys!.find((k) => k.trustee === j)?.key;
      if (expected !== command.verificationKey) {
        refuse('VERIFICATION_KEY_MISMATCH', domainText.pair('ceremony.verificationKeyMismatch', { trustee: j }));
      }
      return [{
        type: 'TrusteeShareSealed',
        data: { electionId: command.electionId, trusteeIndex: j, tokenSerial: command.tokenSerial, verificationKey: command.verificationKey, sealed: command.sealed, signature: command.signature },
      }];
    }
    case 'WitnessCeremony': {
      requirePhase(state, 'witnessing', domainText.pair('ceremony.step.witness'));
      if (command.notary !== state.opened!.notary) {
        refuse('WRONG_NOTARY', domainText.pair('ceremony.wrongNotary', { notary: state.opened!.notary }));
      }
      const hash = transcriptHash(transcriptOf(state));
      if (command.transcriptHash !== hash) {
        refuse('TRANSCRIPT_HASH_MISMATCH', domainText.pair('ceremony.transcriptHashMismatch', { transcriptHash: command.transcriptHash, hash }));
      }
      return [{ type: 'CeremonyWitnessed', data: { electionId: command.electionId, notary: command.notary, transcriptHash: hash, at: command.now } }];
    }
    case 'CompleteCeremony': {
      if (state.completed) return []; // idempotent: a retry after a crash changes nothing
      requirePhase(state, 'completing', domainText.pair('ceremony.step.complete'));
      const transcript = transcriptOf(state);
      const outcome = evaluateCeremony(transcript);
      if (!outcome.ok) refuse('CEREMONY_FAILED', domainText.pair('ceremony.failedRepeat'), outcome.failures);
      return [{
        type: 'CeremonyCompleted',
        data: {
          electionId: command.electionId,
          ceremonyId: state.opened!.ceremonyId,
          threshold: state.opened!.threshold,
          trustees: state.opened!.trustees,
          qualified: [...outcome.qualified],
          publicKey: outcome.publicKey!,
          verificationKeys: Object.fromEntries(outcome.verificationKeys!.map((k) => [String(k.trustee), k.key])),
          transcriptHash: transcriptHash(transcript),
        },
      }];
    }
  }
}
