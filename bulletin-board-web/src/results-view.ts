/**
 * Results after the tally: per contest, a table (votes and share) and bars, in acta order; and the
 * acta itself — its PDF and JSON, the PDF's SHA-256 as the public log recorded it (ActaIssued),
 * and a button that hashes the served PDF in this browser and compares.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { getJson } from './api';
import { fmt, t } from './board-text';
import type { Downloads, ElectionSummary, Results } from './board-types';
import { barChart } from './bar-chart';
import { byId, el } from './dom';
import { language } from './i18n';
import { currentElection, instantText } from './layout';
import { formatPercent } from './time-format';

let last: Results | undefined;

type SummaryOption = ElectionSummary['contests'][number]['options'][number];

/** A party's option in the page's language: its English name when the manual gives one; other labels as the manifest has them. */
function partyName(o: SummaryOption, lang: string): string {
  if (lang !== 'en' || o.kind !== 'party') return o.label;
  return currentElection()?.parties.find((p) => p.id === o.emblems[0])?.nameEn ?? o.label;
}

export async function loadResults(): Promise<void> {
  const e = currentElection();
  // Only once the summary says results exist: no 404 every few seconds during voting.
  if (!e?.resultsPublished) {
    renderResults(undefined);
    return;
  }
  try {
    last = await getJson<Results>('/api/board/results');
  } catch {
    last = undefined;
  }
  renderResults(last);
}

export function renderResults(r: Results | undefined = last): void {
  const e = currentElection();
  byId('results-pending').hidden = !!r;
  const body = byId('results-body');
  body.replaceChildren();
  if (!r) return;
  const lang = language();
  body.append(el('p', { class: r.complete ? 'ok' : 'muted', id: 'results-state' },
    r.complete ? `✔ ${t('results.complete')}${r.completedAt ? ` — ${instantText(r.completedAt)}` : ''}` : t('results.partial')));
  for (const c of r.contests) {
    const manifest = e?.contests.find((x) => x.id === c.contestId);
    const entity = manifest?.entity ? e?.entities.find((x) => x.code === manifest.entity)?.name ?? manifest.entity : t('results.national');
    const total = c.counts.reduce((a, o) => a + o.count, 0);
    const options = c.counts.map((o) => {
      const m = manifest?.options.find((x) => x.id === o.optionId);
      const name = !m ? o.optionId : m.kind === 'null' ? t('results.option.null') : m.kind === 'non-registered' ? t('results.option.nonRegistered') : partyName(m, lang);
      return { label: m?.candidate ? `${name} — ${m.candidate}` : name, value: o.count };
    });
    const title = (lang === 'en' && manifest?.labelEn) || manifest?.label || c.contestId;
    const table = el('table', { class: 'results-table' },
      el('caption', {}, `${title} · ${entity}`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('results.option')), el('th', { scope: 'col', class: 'num' }, t('results.votes')), el('th', { scope: 'col', class: 'num' }, t('results.percent')))),
      el('tbody', {}, ...options.map((o) => el('tr', {}, el('th', { scope: 'row' }, o.label), el('td', { class: 'num' }, fmt(o.value)), el('td', { class: 'num' }, formatPercent(o.value, total, lang))))),
      el('tfoot', {}, el('tr', {}, el('th', { scope: 'row' }, t('results.total')), el('td', { class: 'num' }, fmt(total)), el('td', { class: 'num' }, total ? formatPercent(total, total, lang) : '—'))));
    body.append(el('article', { class: 'contest', 'data-contest': c.contestId },
      el('h3', {}, title),
      el('p', { class: 'muted' }, entity),
      barChart(options.map((o) => ({ ...o, valueText: `${fmt(o.value)} · ${formatPercent(o.value, total, lang)}` })), { title }),
      table));
  }
}

/** The acta block: links, the recorded hash, and the in-browser comparison. */
export async function renderActa(e: ElectionSummary | undefined = currentElection()): Promise<void> {
  const box = byId('acta');
  if (!e?.acta) {
    box.replaceChildren(el('h3', {}, t('results.acta')), el('p', { class: 'muted' }, t('results.actaNotYet')));
    return;
  }
  let downloads: Downloads | undefined;
  try {
    downloads = await getJson<Downloads>('/api/board/downloads');
  } catch {
    downloads = undefined;
  }
  const links = el('ul', { class: 'links' });
  if (downloads?.actaPdf.available) links.append(el('li', {}, el('a', { href: '/api/board/acta.pdf', download: '', id: 'acta-pdf-link' }, t('results.actaPdf'))));
  if (downloads?.actaJson.available) links.append(el('li', {}, el('a', { href: '/api/board/acta.json', download: '' }, t('results.actaJson'))));
  const children: Node[] = [
    el('h3', {}, t('results.acta')),
    el('p', { class: 'muted' }, instantText(e.acta.issuedAt)),
    links,
  ];
  if (e.acta.pdfSha256) {
    children.push(el('dl', { class: 'facts' }, el('dt', {}, t('results.actaHash')), el('dd', { class: 'mono', id: 'acta-sha256' }, e.acta.pdfSha256)));
  }
  if (downloads?.actaPdf.available && e.acta.pdfSha256) {
    const out = el('p', { id: 'acta-check-result', 'aria-live': 'polite' });
    const button = el('button', { type: 'button', class: 'secondary', id: 'acta-check' }, t('results.actaCheck'));
    const expected = e.acta.pdfSha256;
    button.addEventListener('click', () => {
      out.textContent = t('receipt.checking');
      void fetch('/api/board/acta.pdf', { cache: 'no-store' })
        .then((res) => res.arrayBuffer())
        .then((buf) => {
          const ok = bytesToHex(sha256(new Uint8Array(buf))) === expected;
          out.className = ok ? 'ok' : 'bad';
          out.dataset.state = ok ? 'verified' : 'failed';
          out.textContent = ok ? `✔ ${t('results.actaCheckOk')}` : `✘ ${t('results.actaCheckBad')}`;
        })
        .catch(() => {
          out.className = 'bad';
          out.dataset.state = 'failed';
          out.textContent = `✘ ${t('why.network.what')}`;
        });
    });
    children.push(el('p', { class: 'actions' }, button), out);
  } else if (downloads && !downloads.actaPdf.available) {
    children.push(el('p', { class: 'muted' }, t('results.actaNotHere')));
  }
  box.replaceChildren(...children);
}
