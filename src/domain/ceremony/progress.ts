import { ceremonyPhase, type CeremonyPhase, type CeremonyState } from './state';

/**
 * What the ceremony screen shows a trustee: where the ceremony stands and what that trustee
 * must do next, es-MX first, then English. Pure: computed from the folded state only.
 */
export type TrusteeStep = 'wait' | 'round1' | 'deal' | 'check' | 'seal' | 'done';

export interface CeremonyProgress {
  phase: CeremonyPhase;
  /** e.g. "Ronda 1: 3 de 5 fideicomisarios" */
  standing: { es: string; en: string };
  /** Trustees the current round still waits for. */
  waitingFor: number[];
  /** For one trustee: the next step, and the sentence telling them. */
  next?: { step: TrusteeStep; es: string; en: string };
}

const ROUND: Partial<Record<CeremonyPhase, { es: string; en: string; done: (s: CeremonyState) => Record<string, unknown>; step: TrusteeStep }>> = {
  round1: { es: 'Ronda 1 (compromisos)', en: 'Round 1 (commitments)', done: (s) => s.round1, step: 'round1' },
  round2: { es: 'Ronda 2 (reparto de partes cifradas)', en: 'Round 2 (encrypted shares dealt)', done: (s) => s.round2, step: 'deal' },
  checking: { es: 'Revisión de las partes recibidas', en: 'Checking received shares', done: (s) => s.checked, step: 'check' },
  sealing: { es: 'Sellado de la parte final en cada token', en: 'Final share sealed in each token', done: (s) => s.shares, step: 'seal' },
};

const STEP_TEXT: Record<TrusteeStep, { es: string; en: string }> = {
  wait: { es: 'Espere: no hay nada que hacer por ahora.', en: 'Wait: nothing to do for now.' },
  round1: { es: 'Inserte su token e ingrese su PIN para generar y sellar sus secretos (ronda 1).', en: 'Insert your token and enter your PIN to generate and seal your secrets (round 1).' },
  deal: { es: 'Inserte su token e ingrese su PIN para repartir sus partes cifradas (ronda 2).', en: 'Insert your token and enter your PIN to deal your encrypted shares (round 2).' },
  check: { es: 'Inserte su token e ingrese su PIN para revisar las partes que recibió.', en: 'Insert your token and enter your PIN to check the shares you received.' },
  seal: { es: 'Inserte su token e ingrese su PIN para sellar su parte final de la llave.', en: 'Insert your token and enter your PIN to seal your final key share.' },
  done: { es: 'Listo: su parte está sellada en su token. Consérvelo hasta el cómputo.', en: 'Done: your share is sealed in your token. Keep it until the tally.' },
};

export function ceremonyProgress(state: CeremonyState, trusteeIndex?: number): CeremonyProgress {
  const phase = ceremonyPhase(state);
  const n = state.opened?.trustees ?? Object.keys(state.trustees).length;
  const all = Array.from({ length: n }, (_, i) => i + 1);
  const round = ROUND[phase];
  let standing: { es: string; en: string };
  let waitingFor: number[] = [];
  if (round) {
    const done = round.done(state);
    waitingFor = all.filter((i) => !done[i]);
    const k = n - waitingFor.length;
    standing = { es: `${round.es}: ${k} de ${n} fideicomisarios`, en: `${round.en}: ${k} of ${n} trustees` };
  } else if (phase === 'enrolling') {
    standing = { es: `Registro: ${n} fideicomisarios inscritos; la ceremonia no ha iniciado`, en: `Enrolment: ${n} trustees enrolled; the ceremony has not started` };
  } else if (phase === 'witnessing') {
    standing = { es: `Esperando el testimonio del notario (${state.opened!.notary})`, en: `Waiting for the notary's witness (${state.opened!.notary})` };
  } else if (phase === 'completing') {
    standing = { es: 'Atestiguada; falta publicar la llave de la elección', en: 'Witnessed; the election key is yet to be published' };
  } else {
    standing = { es: `Concluida: llave de la elección ${state.completed!.publicKey.slice(0, 16)}…`, en: `Completed: election key ${state.completed!.publicKey.slice(0, 16)}…` };
  }
  const progress: CeremonyProgress = { phase, standing, waitingFor };
  if (trusteeIndex !== undefined) {
    let step: TrusteeStep = 'wait';
    if (state.shares[trusteeIndex]) step = 'done';
    else if (round && waitingFor.includes(trusteeIndex)) step = round.step;
    progress.next = { step, ...STEP_TEXT[step] };
  }
  return progress;
}
