import { ceremonyPhase, type CeremonyPhase, type CeremonyState } from './state';
import { domainText } from '../shared/domain-text';

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
  round1: { ...domainText.pair('ceremony.progress.round1'), done: (s) => s.round1, step: 'round1' },
  round2: { ...domainText.pair('ceremony.progress.round2'), done: (s) => s.round2, step: 'deal' },
  checking: { ...domainText.pair('ceremony.progress.checking'), done: (s) => s.checked, step: 'check' },
  sealing: { ...domainText.pair('ceremony.progress.sealing'), done: (s) => s.shares, step: 'seal' },
};

const STEP_TEXT: Record<TrusteeStep, { es: string; en: string }> = {
  wait: domainText.pair('ceremony.next.wait'),
  round1: domainText.pair('ceremony.next.round1'),
  deal: domainText.pair('ceremony.next.deal'),
  check: domainText.pair('ceremony.next.check'),
  seal: domainText.pair('ceremony.next.seal'),
  done: domainText.pair('ceremony.next.done'),
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
    standing = domainText.pair('ceremony.standing.round', { round, k, n });
  } else if (phase === 'enrolling') {
    standing = domainText.pair('ceremony.standing.enrolling', { n });
  } else if (phase === 'witnessing') {
    standing = domainText.pair('ceremony.standing.witnessing', { notary: state.opened!.notary });
  } else if (phase === 'completing') {
    standing = domainText.pair('ceremony.standing.completing');
  } else {
    standing = domainText.pair('ceremony.standing.completed', { keyPrefix: state.completed!.publicKey.slice(0, 16) });
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
