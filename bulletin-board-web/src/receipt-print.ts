/**
 * The printable receipt (comprobante.html): the tracking code large and grouped, the QR code of
 * the lookup link (this board with #code=…), the election, the position and the checkpoint size,
 * from the receipt kept in this browser or, with only a code in the link, from the log's lookup.
 * The print stylesheet drops everything else.
 */
import { getJson } from './api';
import { fmt, t } from './board-text';
import { byId, el } from './dom';
import { currentElection, instantText } from './layout';
import { normalizeTrackingCode } from './log-verifier';
import { qrSvg } from './qr-code';
import { loadReceipts, type StoredReceipt } from './receipt-store';
import { readableTrackingCode } from '../../src/domain/crypto/ballot/tracking-code';

/** The link a QR code and a printed receipt carry: the board, checking that code. */
export function lookupUrl(readable: string): string {
  return new URL(`/#code=${encodeURIComponent(readable)}`, location.origin).toString();
}

export async function renderPrint(): Promise<void> {
  const box = byId('print-receipt');
  const wanted = new URLSearchParams(location.hash.slice(1)).get('code') ?? '';
  let receipt: StoredReceipt | undefined;
  let castAt: string | undefined;
  try {
    const { query, hexPrefix } = normalizeTrackingCode(wanted);
    receipt = loadReceipts().find((r) => r.trackingCode.startsWith(hexPrefix));
    if (!receipt) {
      const found = await getJson<{ trackingCode: string; logIndex: number; castAt?: string }>(`/api/board/receipts/${encodeURIComponent(query)}`);
      receipt = { trackingCode: found.trackingCode, logIndex: found.logIndex };
      castAt = found.castAt;
    }
  } catch {
    box.replaceChildren(el('p', { class: 'muted' }, t('receipt.noneToPrint')), el('p', {}, el('a', { href: 'index.html#receipt' }, t('nav.board'))));
    return;
  }
  const readable = receipt.readableTrackingCode ?? readableTrackingCode(receipt.trackingCode);
  const url = lookupUrl(readable);
  const e = currentElection();
  const facts = el('dl', { class: 'facts' });
  const add = (k: string, v: string, mono = false) => facts.append(el('dt', {}, k), el('dd', mono ? { class: 'mono' } : {}, v));
  if (e) add(t('board.election'), e.name ?? e.electionId);
  if (castAt) add(t('receipt.castAt'), instantText(castAt));
  if (receipt.logIndex !== undefined) add(t('receipt.position'), fmt(receipt.logIndex));
  if (receipt.checkpointSize !== undefined) add(t('receipt.checkpointSize'), fmt(receipt.checkpointSize));
  add(t('receipt.fullCode'), receipt.trackingCode, true);
  const print = el('button', { type: 'button', class: 'primary no-print', id: 'print' }, t('receipt.printButton'));
  print.addEventListener('click', () => window.print());
  box.replaceChildren(
    el('p', {}, t('receipt.printIntro')),
    el('p', { class: 'label' }, t('receipt.code')),
    el('p', { class: 'tracking-code big', id: 'print-code' }, readable),
    el('figure', { class: 'qr-figure' }, qrSvg(url, t('receipt.qrLabel', { url })), el('figcaption', {}, el('span', { class: 'label' }, `${t('receipt.lookupLink')}: `), el('a', { href: url, id: 'print-url' }, url))),
    facts,
    el('p', { class: 'actions' }, print),
  );
}
