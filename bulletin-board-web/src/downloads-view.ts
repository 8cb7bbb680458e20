/**
 * The files auditors download, listed from what the service says exists (/api/board/downloads:
 * no probing of routes that answer 404), each with its SHA-256 when known; and every slice of the
 * log's entries up to the newest signed checkpoint, however long the log.
 */
import { getJson } from './api';
import { fmt, t, type BoardKey } from './board-text';
import type { Availability, Downloads, ElectionSummary } from './board-types';
import { el } from './dom';

export const SLICE = 1000;

export async function fetchDownloads(): Promise<Downloads | undefined> {
  try {
    return await getJson<Downloads>('/api/board/downloads');
  } catch {
    return undefined;
  }
}

/** One file: a link when it exists, its hash and size, and a line saying what it is. */
export function fileItem(href: string, titleKey: BoardKey, what: string | undefined, a: Availability | undefined, unavailableKey: BoardKey = 'downloads.none'): HTMLElement {
  const item = el('li', { class: 'file' });
  if (!a || a.available) item.append(el('a', { href, download: '', class: 'file-link' }, t(titleKey)));
  else item.append(el('span', { class: 'file-title' }, t(titleKey)), el('span', { class: 'muted' }, ` — ${t(unavailableKey)}`));
  if (what) item.append(el('p', { class: 'muted' }, what));
  if (a?.available && a.sha256) {
    item.append(el('p', { class: 'hash' }, el('span', { class: 'label' }, `${t('downloads.sha256')}: `), el('span', { class: 'mono' }, a.sha256),
      ...(a.bytes !== undefined ? [el('span', { class: 'muted' }, ` (${t('downloads.bytes', { bytes: fmt(a.bytes) })})`)] : [])));
  } else if (a?.available && a.built === 'on-request') {
    item.append(el('p', { class: 'muted' }, t('downloads.recordOnRequest')));
  }
  return item;
}

/** The board's short list; the auditors' page has the long one. */
export function downloadsList(d: Downloads | undefined, e: ElectionSummary | undefined): HTMLElement {
  const list = el('ul', { class: 'files' });
  list.append(fileItem('/api/board/record', 'audit.file.record', undefined, d?.record, 'downloads.recordNotYet'));
  if (e?.acta) list.append(fileItem('/api/board/acta.pdf', 'downloads.acta', undefined, d?.actaPdf, 'results.actaNotHere'));
  if (e?.phase === 'exported') list.append(fileItem('/api/board/ballot-box.jsonl', 'downloads.ballotBox', undefined, undefined));
  list.append(fileItem('/log/checkpoint', 'downloads.checkpoint', undefined, undefined), fileItem('/log/key', 'downloads.key', undefined, undefined));
  return list;
}

/** Every slice [start, end) of a log of `size` entries, SLICE at a time, the last one short: no cap on how many. */
export function sliceRanges(size: number): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = [];
  for (let start = 0; start < size; start += SLICE) ranges.push({ start, end: Math.min(size, start + SLICE) });
  return ranges;
}

/** Links to every slice [start, start + 1000) of the log up to `size`. */
export function sliceLinks(size: number): HTMLElement {
  const list = el('ol', { class: 'slices' });
  for (const { start, end } of sliceRanges(size)) {
    list.append(el('li', {}, el('a', { href: `/log/entries?start=${start}&end=${end}`, download: `log-entries-${start}-${end - 1}.json` },
      t('audit.slice', { from: fmt(start), to: fmt(end - 1) }))));
  }
  return list;
}
