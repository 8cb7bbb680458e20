import type { CeremonyEvent } from './events';
import type { CeremonyState } from './state';

export function evolveCeremony(state: CeremonyState, event: CeremonyEvent): CeremonyState {
  switch (event.type) {
    case 'TrusteeEnrolled': {
      const { trusteeIndex, trusteeId, name, tokenSerial } = event.data;
      return { ...state, electionId: event.data.electionId, trustees: { ...state.trustees, [trusteeIndex]: { trusteeIndex, trusteeId, name, tokenSerial } } };
    }
    case 'CeremonyOpened': {
      const { ceremonyId, threshold, trustees, notary } = event.data;
      return { ...state, opened: { ceremonyId, threshold, trustees, notary } };
    }
    case 'TrusteeSecretsSealed':
      return { ...state, sealedSecrets: { ...state.sealedSecrets, [event.data.trusteeIndex]: event.data.sealed } };
    case 'CeremonyRound1Published':
      return { ...state, round1: { ...state.round1, [event.data.message.trustee]: event.data.message } };
    case 'CeremonySharesDealt':
      return { ...state, round2: { ...state.round2, [event.data.message.dealer]: event.data.message } };
    case 'CeremonyComplaintFiled':
      return { ...state, complaints: [...state.complaints, event.data.complaint] };
    case 'CeremonySharesChecked':
      return { ...state, checked: { ...state.checked, [event.data.trusteeIndex]: true } };
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
