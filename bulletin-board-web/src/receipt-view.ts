/**
 * The receipt check on the board: a tracking code typed or a receipt file loaded (the JSON the
 * booth downloads, or a bare checkpoint note), checked in this browser (log-verifier.ts); the
 * receipts kept in this browser (receipt-store.ts) are checked by themselves when the page opens.
 * The result says in plain words what was shown; hashes and signed notes sit behind a details
 * disclosure; a failure says what happened and what to do (verification-errors.ts).
 */
import { getJson, getText } from './api';
import { fmt, t } from './board-text';
import { byId, el } from './dom';
import { instantText } from './layout';
import { checkReceipt, fetchVerifiedCheckpoint, type ReceiptCheck, type VerifiedCheckpoint } from './log-verifier';
import { forgetReceipt, loadReceipts, parseReceiptText, ReceiptFormatError, saveReceipt, type StoredReceipt } from './receipt-store';
import { readableTrackingCode } from '../../src/domain/crypto/ballot/tracking-code';
import { explanationBlock } from './verification-errors';

const api = { getJson, getText };

/** The receipt file loaded in the form (kept until another code is typed). */
let loaded: StoredReceipt | undefined;

export function printLink(code: string): string {
  return `comprobante.html#code=${encodeURIComponent(code)}`;
}

function detailsBlock(r: ReceiptCheck, latest: VerifiedCheckpoint, receiptNote?: string): HTMLElement {
  const dl = el('dl', { class: 'facts' },
    el('dt', {}, t('receipt.fullCode')), el('dd', { class: 'mono' }, r.trackingCode),
    el('dt', {}, t('receipt.position')), el('dd', { class: 'mono' }, String(r.logIndex)),
    el('dt', {}, t('receipt.leafHash')), el('dd', { class: 'mono' }, r.leafHashHex),
    el('dt', {}, t('receipt.treeSize')), el('dd', { class: 'mono' }, String(r.treeSize)),
    el('dt', {}, t('receipt.rootHash')), el('dd', { class: 'mono' }, r.rootHex),
  );
  return el('details', { class: 'tech' },
    el('summary', {}, t('receipt.details')),
    dl,
    el('p', { class: 'label' }, t('receipt.latestNote')), el('pre', { class: 'note' }, latest.note),
    ...(receiptNote ? [el('p', { class: 'label' }, t('receipt.receiptNote')), el('pre', { class: 'note' }, receiptNote)] : []),
  );
}

/** Checks one receipt and renders the outcome into `out`; returns whether it passed. */
async function runCheck(out: HTMLElement, code: string, note: string | undefined, receipt?: StoredReceipt, offerSave = false): Promise<boolean> {
  out.hidden = false;
  out.dataset.state = 'checking';
  out.replaceChildren(el('p', { class: 'progress' }, t('receipt.checking')));
  try {
    const latest = await fetchVerifiedCheckpoint(api);
    // A known receipt goes in whole, so its position and code are held against the log's too.
    const given = receipt ? JSON.stringify({ ...receipt, checkpoint: note && note.trim() ? note : receipt.checkpoint }) : note;
    const r = await checkReceipt(api, code, latest, given);
    const readable = readableTrackingCode(r.trackingCode);
    const heading = el('p', { class: 'result-title ok', tabindex: '-1' }, `✔ ${t('receipt.ok.title')}`);
    const lines = el('ul', { class: 'checks' },
      el('li', { class: 'ok' }, `✔ ${t('receipt.found')} ${fmt(r.logIndex)}`),
      el('li', { class: 'ok' }, `✔ ${t('receipt.leaf.ok')}`),
      el('li', { class: 'ok' }, `✔ ${t('receipt.inclusion.ok')} (${t('receipt.treeSize')}: ${fmt(r.treeSize)})`),
    );
    if (r.consistentFrom !== undefined) lines.append(el('li', { class: 'ok' }, `✔ ${t('receipt.consistency.ok')} (${fmt(r.consistentFrom)} → ${fmt(r.treeSize)})`));
    const children: (Node | string)[] = [
      heading,
      el('p', {}, r.consistentFrom !== undefined ? t('receipt.ok.consistent') : t('receipt.ok.noConsistency')),
      el('p', { class: 'code-line' }, el('span', { class: 'tracking-code' }, readable)),
      lines,
    ];
    if (r.castAt) children.push(el('p', { class: 'muted' }, `${t('receipt.castAt')}: ${instantText(r.castAt)}`));
    const actions = el('p', { class: 'actions' }, el('a', { class: 'button secondary', href: printLink(readable) }, t('receipt.print')));
    if (offerSave && receipt) {
      const save = el('button', { type: 'button', class: 'secondary' }, t('receipt.save'));
      save.addEventListener('click', () => {
        if (saveReceipt(receipt)) {
          save.replaceWith(el('span', { class: 'ok', role: 'status' }, t('receipt.savedOk')));
          renderSaved(false);
        }
      });
      actions.append(save);
    }
    children.push(actions, detailsBlock(r, latest, note && note.trim() ? (parseReceiptText(note).note ?? undefined) : undefined));
    out.replaceChildren(...children);
    out.dataset.state = 'verified';
    return true;
  } catch (err) {
    out.replaceChildren(explanationBlock(err));
    out.dataset.state = (out.querySelector('[data-failure]') as HTMLElement | null)?.dataset.failure === 'not_found' ? 'not-found' : 'failed';
    return false;
  }
}

async function onSubmit(ev: Event): Promise<void> {
  ev.preventDefault();
  const out = byId('receipt-result');
  const code = byId<HTMLInputElement>('receipt-code').value;
  const note = byId<HTMLTextAreaElement>('receipt-checkpoint').value;
  const receipt = loaded && code.trim() && (loaded.readableTrackingCode === code.trim().toUpperCase() || loaded.trackingCode === code.trim().toLowerCase()) ? loaded : undefined;
  await runCheck(out, code, note, receipt, receipt !== undefined);
  // Focus goes to the outcome, so a screen reader reads it and a phone scrolls to it.
  (out.querySelector('.result-title, .failure-title') as HTMLElement | null)?.setAttribute('tabindex', '-1');
  (out.querySelector('.result-title, .failure-title') as HTMLElement | null)?.focus();
}

async function onFile(input: HTMLInputElement): Promise<void> {
  const file = input.files?.[0];
  const status = byId('receipt-file-status');
  if (!file) return;
  try {
    const text = await file.text();
    const { receipt, note } = parseReceiptText(text);
    if (receipt) {
      loaded = receipt;
      byId<HTMLInputElement>('receipt-code').value = receipt.readableTrackingCode ?? receipt.trackingCode;
      status.textContent = t('receipt.fileLoaded', { code: receipt.readableTrackingCode ?? readableTrackingCode(receipt.trackingCode) });
    }
    byId<HTMLTextAreaElement>('receipt-checkpoint').value = note ?? '';
    if (!receipt && !note) throw new Error('empty file');
    byId<HTMLFormElement>('receipt-form').requestSubmit();
  } catch (err) {
    status.textContent = '';
    const out = byId('receipt-result');
    out.hidden = false;
    out.dataset.state = 'failed';
    out.replaceChildren(explanationBlock(err instanceof ReceiptFormatError ? err : new ReceiptFormatError('not_json', err instanceof Error ? err.message : String(err))));
  }
}

/** The receipts kept in this browser, each checked by itself (inclusion and consistency). */
function renderSaved(check = true): void {
  const box = byId('saved-receipts');
  const receipts = loadReceipts();
  box.hidden = receipts.length === 0;
  if (!receipts.length) return;
  const list = el('ul', { class: 'saved-list' });
  box.replaceChildren(el('h3', {}, t('receipt.saved.title')), list);
  for (const r of receipts.slice(0, 5)) {
    const readable = r.readableTrackingCode ?? readableTrackingCode(r.trackingCode);
    const out = el('div', { class: 'status', 'data-code': r.trackingCode, 'aria-live': 'polite' }, el('p', { class: 'progress' }, t('receipt.saved.checking')));
    const forget = el('button', { type: 'button', class: 'secondary' }, t('receipt.forget'));
    forget.addEventListener('click', () => {
      forgetReceipt(r.trackingCode);
      renderSaved(false);
      byId('receipt-code').focus();
    });
    list.append(el('li', {}, el('p', { class: 'code-line' }, el('span', { class: 'tracking-code' }, readable)), out, el('p', { class: 'actions' }, forget)));
    if (check) void runCheck(out, r.trackingCode, r.checkpoint, r);
    else out.replaceChildren();
  }
}

export function initReceipts(): void {
  byId('receipt-form').addEventListener('submit', (ev) => void onSubmit(ev));
  const file = byId<HTMLInputElement>('receipt-file');
  file.addEventListener('change', () => void onFile(file));
  byId('receipt-code').addEventListener('input', () => {
    loaded = undefined;
    byId('receipt-file-status').textContent = '';
  });
  renderSaved(true);
  // A lookup link (from the booth, a QR code): #code=XXXX-XXXX-XXXX-XXXX is checked at once.
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('code');
  if (fromHash) {
    byId<HTMLInputElement>('receipt-code').value = fromHash;
    // Coming from the booth, the voter has the receipt's checkpoint at hand: the field is open.
    (document.querySelector('#receipt-form details.advanced') as HTMLDetailsElement | null)?.setAttribute('open', '');
    byId<HTMLFormElement>('receipt-form').requestSubmit();
  }
}

export function redrawReceipts(): void {
  renderSaved(true);
}
