/**
 * Every way a check can fail, said in the page's language as what happened and what to do next,
 * with the technical message kept for a details disclosure (never as the main text: "signature
 * by … does not verify" tells a voter nothing). Failures that mean the log or the server cannot
 * be trusted say so plainly and ask the person to tell the authority and the observers.
 */
import { ApiError } from './api';
import { t, tKey, type BoardKey } from './board-text';
import { el } from './dom';
import { ReceiptCheckError, type ReceiptCheckCode } from './log-verifier';
import { ReceiptFormatError } from './receipt-store';

export type FailureCode = ReceiptCheckCode | 'not_found' | 'receipt_file' | 'network' | 'server' | 'unknown';

/** Failures no honest server produces: the person is asked to report them. */
const SERIOUS: ReadonlySet<FailureCode> = new Set(['not_a_ballot', 'code_mismatch', 'leaf_mismatch', 'inclusion_failed', 'consistency_failed']);

export interface Explanation {
  code: FailureCode;
  what: string;
  next: string;
  technical: string;
  serious: boolean;
}

export function failureCode(err: unknown): FailureCode {
  if (err instanceof ReceiptCheckError) return err.code;
  if (err instanceof ReceiptFormatError) return 'receipt_file';
  if (err instanceof ApiError) return err.status === 0 ? 'network' : err.status === 404 ? 'not_found' : 'server';
  return 'unknown';
}

export function explain(err: unknown): Explanation {
  const code = failureCode(err);
  const serious = SERIOUS.has(code);
  const what = tKey(`why.${code}.what`);
  const next = serious ? t('why.serious.next') : tKey(`why.${code}.next`);
  const technical = err instanceof ApiError ? err.text() : err instanceof Error ? err.message : String(err);
  return { code, what, next, technical, serious };
}

/** The explanation as a block: what happened, what to do, and the technical detail folded. */
export function explanationBlock(err: unknown, titleKey: BoardKey = 'why.title'): HTMLElement {
  const e = explain(err);
  return el('div', { class: `failure${e.serious ? ' serious' : ''}`, 'data-failure': e.code },
    el('p', { class: 'failure-title' }, `✘ ${t(titleKey)}`),
    el('p', {}, e.what),
    el('p', {}, el('strong', {}, `${t('why.next')}: `), e.next),
    el('details', {}, el('summary', {}, t('why.technical')), el('p', { class: 'mono' }, e.technical)),
  );
}
