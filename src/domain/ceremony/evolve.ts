import type { CeremonyEvent } from './events';
import type { CeremonyState } from './state';

/** Keeps a version-2 signature beside the message it signs (version 1 carries none). */
function withSignature(state: CeremonyState, kind: keyof CeremonyState['signatures'], index: number, signature: string | undefined): CeremonyState['signatures'] {
  if (signature === undefined) return state.signatures;
  return { ...state.signatures, [kind]: { ...state.signatures[kind], [index]: signature } };
}

export function evolveCeremony(state: CeremonyState, event: CeremonyEvent): CeremonyState {
  switch (event.type) {
    case 'TrusteeEnrolled': {
      const { trusteeIndex, trusteeId, name, tokenSerial, signingKey } = event.data;
      const trustee = { trusteeIndex, trusteeId, name, tokenSerial, ...(signingKey !== undefined ? { signingKey } : {}) };
      return { ...state, electionId: event.data.electionId, trustees: { ...state.trustees, [trusteeIndex]: trustee } };
    }
    case 'CeremonyOpened': {
      const { ceremonyId, threshold, trustees, notary } = event.data;
      return { ...state, opened: { ceremonyId, threshold, trustees, notary } };
    }
    case 'TrusteeSecretsSealed':
      return { ...state, sealedSecrets: { ...state.sealedSecrets, [event.data.trusteeIndex]: event.data.sealed } };
    case 'CeremonyRound1Published': {
      const i = event.data.message.trustee;
      return { ...state, round1: { ...state.round1, [i]: event.data.message }, signatures: withSignature(state, 'round1', i, event.data.signature) };
    }
    case 'CeremonySharesDealt': {
      const i = event.data.message.dealer;
      return { ...state, round2: { ...state.round2, [i]: event.data.message }, signatures: withSignature(state, 'round2', i, event.data.signature) };
    }
    case 'CeremonyComplaintFiled':
      return { ...state, complaints: [...state.complaints, event.data.complaint] };
    case 'CeremonySharesChecked': {
      const j = event.data.trusteeIndex;
      return { ...state, checked: { ...state.checked, [j]: true }, signatures: withSignature(state, 'checked', j, event.data.signature) };
    }
    case 'TrusteeShareSealed': {
      const { trusteeIndex, verificationKey, tokenSerial, sealed } = event.data;
      return { ...state, shares: { ...state.shares, [trusteeIndex]: { verificationKey, tokenSerial, sealed } } };
    }
    case 'CeremonyWitnessed':
      return { ...state, witnessed: { notary: event.data.notary, transcriptHash: event.data.transcriptHash, at: event.data.at } };
    case 'CeremonyCompleted':
      return { ...state, completed: event.data };
    default:
      return state;
  }
}
