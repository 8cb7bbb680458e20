import { judgeComplaint } from '../crypto/ceremony/complaint';
import { receiveRound1, verifyRound1Message } from '../crypto/ceremony/round1';
import { verifyRound2Message } from '../crypto/ceremony/round2';
import { evaluateCeremony } from '../crypto/ceremony/transcript';
import { refuse } from './ceremony-errors';
import type { CeremonyCommand } from './commands';
import type { CeremonyEvent } from './events';
import { ceremonyPhase, enrolledIndices, type CeremonyPhase, type CeremonyState } from './state';
import { transcriptHash, transcriptOf } from './transcript-hash';

const PHASE_ES: Record<CeremonyPhase, string> = {
  enrolling: 'registro de fideicomisarios',
  round1: 'ronda 1 (compromisos)',
  round2: 'ronda 2 (reparto de partes)',
  checking: 'revisión de partes',
  sealing: 'sellado de partes',
  witnessing: 'testimonio del notario',
  completing: 'conclusión',
  completed: 'concluida',
};

function requirePhase(state: CeremonyState, wanted: CeremonyPhase, whatEs: string, whatEn: string): void {
  const phase = ceremonyPhase(state);
  if (phase !== wanted) {
    refuse('WRONG_CEREMONY_PHASE',
      `${whatEs} no procede ahora: la ceremonia está en la fase «${PHASE_ES[phase]}»`,
      `${whatEn} is not possible now: the ceremony is in phase "${phase}"`, { phase, wanted });
  }
}

function requireEnrolled(state: CeremonyState, index: number): void {
  if (!state.trustees[index]) {
    refuse('TRUSTEE_NOT_ENROLLED', `el fideicomisario ${index} no está registrado en esta ceremonia`, `trustee ${index} is not enrolled in this ceremony`);
  }
}

const paramsOf = (s: CeremonyState) => ({ ceremonyId: s.opened!.ceremonyId, n: s.opened!.trustees, t: s.opened!.threshold });

export function decideCeremony(command: CeremonyCommand, state: CeremonyState): CeremonyEvent[] {
  switch (command.type) {
    case 'EnrolTrustee': {
      if (state.opened) refuse('CEREMONY_ALREADY_OPENED', 'la ceremonia ya inició: no se registran más fideicomisarios', 'the ceremony has started: no more trustees can be enrolled');
      const { electionId, trusteeIndex, trusteeId, name, tokenSerial } = command;
      if (!Number.isInteger(trusteeIndex) || trusteeIndex < 1 || trusteeIndex > 64) {
        refuse('INVALID_TRUSTEE_INDEX', 'el número de fideicomisario debe estar entre 1 y 64', 'the trustee index must be between 1 and 64');
      }
      for (const [field, value] of [['trusteeId', trusteeId], ['name', name], ['tokenSerial', tokenSerial]] as const) {
        if (typeof value !== 'string' || value.trim() === '') refuse('INVALID_TRUSTEE', `falta ${field}`, `${field} is missing`);
      }
      for (const t of Object.values(state.trustees)) {
        if (t.trusteeIndex === trusteeIndex) refuse('DUPLICATE_TRUSTEE_INDEX', `ya hay un fideicomisario con el número ${trusteeIndex}`, `a trustee with index ${trusteeIndex} is already enrolled`);
        if (t.tokenSerial === tokenSerial) refuse('DUPLICATE_TOKEN_SERIAL', `el token ${tokenSerial} ya está asignado a ${t.name}`, `token ${tokenSerial} is already assigned to ${t.name}`);
        if (t.trusteeId === trusteeId) refuse('DUPLICATE_TRUSTEE_ID', `ya hay un fideicomisario «${trusteeId}»`, `trustee "${trusteeId}" is already enrolled`);
      }
      return [{ type: 'TrusteeEnrolled', data: { electionId, trusteeIndex, trusteeId, name, tokenSerial } }];
    }
    case 'OpenCeremony': {
      if (state.opened) refuse('CEREMONY_ALREADY_OPENED', 'la ceremonia ya fue abierta', 'the ceremony has already been opened');
      if (!command.configurationPresent) refuse('ELECTION_NOT_CONFIGURED', 'la elección aún no está configurada: la ceremonia va después de la configuración', 'the election is not configured yet: the ceremony comes after configuration');
      const indices = enrolledIndices(state);
      const n = indices.length;
      if (!indices.every((k, i) => k === i + 1)) refuse('TRUSTEE_INDICES_NOT_CONSECUTIVE', `los fideicomisarios deben numerarse 1…${n}`, `trustees must be numbered 1…${n}`);
      if (!(Number.isInteger(command.threshold) && command.threshold >= 2 && command.threshold <= n)) {
        refuse('INVALID_THRESHOLD', `se requiere n ≥ t ≥ 2 (n = ${n}, t = ${command.threshold})`, `n ≥ t ≥ 2 is required (n = ${n}, t = ${command.threshold})`);
      }
      if (!command.notary?.trim()) refuse('NOTARY_MISSING', 'falta el nombre del notario', 'the notary is missing');
      return [{ type: 'CeremonyOpened', data: { electionId: command.electionId, ceremonyId: command.ceremonyId, threshold: command.threshold, trustees: n, notary: command.notary } }];
    }
    case 'PublishRound1': {
      requirePhase(state, 'round1', 'publicar la ronda 1', 'publishing round 1');
      const i = command.message?.trustee;
      requireEnrolled(state, i);
      if (state.round1[i]) refuse('ROUND1_ALREADY_PUBLISHED', `el fideicomisario ${i} ya publicó su ronda 1`, `trustee ${i} already published round 1`);
      const enrolled = state.trustees[i];
      if (command.tokenSerial !== enrolled.tokenSerial) {
        refuse('WRONG_TOKEN', `los secretos se sellaron en el token ${command.tokenSerial}, pero ${enrolled.name} tiene registrado el ${enrolled.tokenSerial}`,
          `the secrets were sealed in token ${command.tokenSerial}, but ${enrolled.name} is enrolled with ${enrolled.tokenSerial}`);
      }
      const v = verifyRound1Message(paramsOf(state), command.message);
      if (!v.ok) refuse('INVALID_ROUND1', `el mensaje de ronda 1 del fideicomisario ${i} no es válido`, `trustee ${i}'s round-1 message is invalid`, v.failures);
      return [
        { type: 'TrusteeSecretsSealed', data: { electionId: command.electionId, trusteeIndex: i, tokenSerial: command.tokenSerial, sealed: command.sealedSecrets } },
        { type: 'CeremonyRound1Published', data: { electionId: command.electionId, message: command.message } },
      ];
    }
    case 'DealShares': {
      requirePhase(state, 'round2', 'repartir partes', 'dealing shares');
      const i = command.message?.dealer;
      requireEnrolled(state, i);
      if (state.round2[i]) refuse('SHARES_ALREADY_DEALT', `el fideicomisario ${i} ya repartió sus partes`, `trustee ${i} already dealt its shares`);
      const { participants } = receiveRound1(paramsOf(state), Object.values(state.round1));
      const v = verifyRound2Message(paramsOf(state), new Set(participants.keys()), command.message);
      if (!v.ok) refuse('INVALID_ROUND2', `el reparto del fideicomisario ${i} no es válido`, `trustee ${i}'s dealing is invalid`, v.failures);
      return [{ type: 'CeremonySharesDealt', data: { electionId: command.electionId, message: command.message } }];
    }
    case 'ReportShareCheck': {
      requirePhase(state, 'checking', 'informar la revisión de partes', 'reporting the share check');
      const j = command.trusteeIndex;
      requireEnrolled(state, j);
      if (state.checked[j]) refuse('SHARES_ALREADY_CHECKED', `el fideicomisario ${j} ya informó su revisión`, `trustee ${j} already reported its check`);
      const params = paramsOf(state);
      const { participants } = receiveRound1(params, Object.values(state.round1));
      const events: CeremonyEvent[] = [];
      for (const complaint of command.complaints) {
        if (complaint.complainant !== j) refuse('INVALID_COMPLAINT', `la queja debe ser del fideicomisario ${j}`, `the complaint must be trustee ${j}'s`);
        const judged = judgeComplaint(params, complaint, participants, state.round2[complaint.dealer]);
        if (judged.kind === 'unjudgeable') refuse('INVALID_COMPLAINT', 'la queja no puede juzgarse', 'the complaint cannot be judged', judged.failure);
        events.push({ type: 'CeremonyComplaintFiled', data: { electionId: command.electionId, complaint } });
      }
      events.push({ type: 'CeremonySharesChecked', data: { electionId: command.electionId, trusteeIndex: j, complaints: command.complaints.length } });
      return events;
    }
    case 'SealFinalShare': {
      requirePhase(state, 'sealing', 'sellar la parte final', 'sealing the final share');
      const j = command.trusteeIndex;
      requireEnrolled(state, j);
      if (state.shares[j]) refuse('SHARE_ALREADY_SEALED', `la parte del fideicomisario ${j} ya fue sellada`, `trustee ${j}'s share is already sealed`);
      const enrolled = state.trustees[j];
      if (command.tokenSerial !== enrolled.tokenSerial) {
        refuse('WRONG_TOKEN', `la parte se selló en el token ${command.tokenSerial}, pero ${enrolled.name} tiene registrado el ${enrolled.tokenSerial}`,
          `the share was sealed in token ${command.tokenSerial}, but ${enrolled.name} is enrolled with ${enrolled.tokenSerial}`);
      }
      const outcome = evaluateCeremony(transcriptOf(state));
      if (!outcome.ok) refuse('CEREMONY_FAILED', 'la transcripción no produce una llave', 'the transcript produces no key', outcome.failures);
      const expected = outcome.verificationKeys!.find((k) => k.trustee === j)?.key;
      if (expected !== command.verificationKey) {
        refuse('VERIFICATION_KEY_MISMATCH', `la llave de verificación del fideicomisario ${j} no coincide con la transcripción`, `trustee ${j}'s verification key does not match the transcript`);
      }
      return [{ type: 'TrusteeShareSealed', data: { electionId: command.electionId, trusteeIndex: j, tokenSerial: command.tokenSerial, verificationKey: command.verificationKey, sealed: command.sealed } }];
    }
    case 'WitnessCeremony': {
      requirePhase(state, 'witnessing', 'el testimonio del notario', "the notary's witness");
      if (command.notary !== state.opened!.notary) {
        refuse('WRONG_NOTARY', `el notario de esta ceremonia es ${state.opened!.notary}`, `this ceremony's notary is ${state.opened!.notary}`);
      }
      const hash = transcriptHash(transcriptOf(state));
      if (command.transcriptHash !== hash) {
        refuse('TRANSCRIPT_HASH_MISMATCH', `el notario atestiguó ${command.transcriptHash}, pero la transcripción registrada da ${hash}`, `the notary witnessed ${command.transcriptHash}, but the recorded transcript hashes to ${hash}`);
      }
      return [{ type: 'CeremonyWitnessed', data: { electionId: command.electionId, notary: command.notary, transcriptHash: hash, at: command.now } }];
    }
    case 'CompleteCeremony': {
      if (state.completed) return []; // idempotent: a retry after a crash changes nothing
      requirePhase(state, 'completing', 'concluir la ceremonia', 'completing the ceremony');
      const transcript = transcriptOf(state);
      const outcome = evaluateCeremony(transcript);
      if (!outcome.ok) refuse('CEREMONY_FAILED', 'la transcripción no produce una llave: repita la ceremonia', 'the transcript produces no key: run a new ceremony', outcome.failures);
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
