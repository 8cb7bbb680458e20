/**
 * The public bulletin board. Everything a voter or observer must trust is checked here, in the
 * browser: the checkpoint's signature, a receipt's leaf, its inclusion proof and the
 * consistency of the log since the receipt. Turnout and monitoring come from the projections
 * and refresh every few seconds.
 */
import { boardMessages } from '../../src/messages/board.messages';
import type { MessageKey as CatalogKey } from '../../src/messages/catalog';
import { ApiError, getJson, getText } from './api';
import { barChart } from './bar-chart';
import { byId, el } from './dom';
import { language, setLanguage, translator } from './i18n';
import { checkReceipt, fetchVerifiedCheckpoint, ReceiptCheckError, type VerifiedCheckpoint } from './log-verifier';

type MessageKey = CatalogKey<typeof boardMessages>;

const { t, tKey, translatePage } = translator(boardMessages);
const REFRESH_MS = 4000;
const api = { getJson, getText };

interface ElectionSummary {
  electionId: string;
  name?: string;
  phase: string;
  votingOpensAt?: string;
  votingClosesAt?: string;
  publicKey?: string;
  manifestHash?: string;
  entities: { code: string; name: string }[];
  contests: { id: string; label: string; options: { id: string; label: string; candidate: string | null }[] }[];
}

interface Turnout {
  rollSize: number;
  ballots: number;
  spoiled: number;
  byEntity: Record<string, number>;
  rollByEntity: Record<string, number>;
}

interface Monitoring {
  at: string;
  ledgerHead: number;
  projections: { name: string; position: number; lag: number; error?: string }[];
  log: null | { size: number; lag: number; checkpoint: null | { size: number; ageSeconds: number } };
}

let election: ElectionSummary | undefined;
let latest: VerifiedCheckpoint | undefined;
let lastTurnout: Turnout | undefined;

const locale = () => (language() === 'es' ? 'es-MX' : 'en');
const fmt = (n: number) => n.toLocaleString(locale());
const entityName = (code: string) => election?.entities.find((e) => e.code === code)?.name ?? code;

function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.text();
  if (err instanceof ReceiptCheckError && err.code === 'bad_code') return t('receipt.badCode');
  if (err instanceof ReceiptCheckError && err.code === 'not_yet_checkpointed') return t('receipt.pending');
  return `${t('error.generic')}: ${err instanceof Error ? err.message : String(err)}`;
}

function row(cells: (string | Node)[], header = false, numeric: boolean[] = []): HTMLTableRowElement {
  return el('tr', {}, ...cells.map((c, i) => el(header ? 'th' : 'td', numeric[i] ? { class: 'num' } : {}, c)));
}

async function loadElection(): Promise<void> {
  try {
    election = await getJson<ElectionSummary>('/api/board/election');
  } catch {
    election = undefined;
  }
  const facts = byId('election-facts');
  facts.replaceChildren();
  if (!election) return;
  const add = (key: MessageKey, value: string, mono = false) => facts.append(el('dt', {}, t(key)), el('dd', mono ? { class: 'mono' } : {}, value));
  add('board.election', election.name ? `${election.name} (${election.electionId})` : election.electionId);
  add('board.phase', tKey(`phase.${election.phase}`));
  if (election.votingOpensAt && election.votingClosesAt) add('board.window', `${new Date(election.votingOpensAt).toLocaleString(locale())} — ${new Date(election.votingClosesAt).toLocaleString(locale())}`);
  if (election.manifestHash) add('board.manifestHash', election.manifestHash, true);
  if (election.publicKey) add('board.publicKey', election.publicKey, true);
}

async function loadCheckpoint(): Promise<void> {
  const status = byId('checkpoint-status');
  try {
    latest = await fetchVerifiedCheckpoint(api);
    status.className = 'ok';
    status.textContent = `✔ ${t('checkpoint.signature.ok')}`;
    status.dataset.state = 'verified';
    byId('checkpoint-size').textContent = fmt(latest.checkpoint.size);
    byId('checkpoint-root').textContent = Array.from(latest.checkpoint.rootHash, (b) => b.toString(16).padStart(2, '0')).join('');
    byId('checkpoint-key').textContent = `${latest.key.name} (${latest.keyId})`;
  } catch (err) {
    latest = undefined;
    const none = err instanceof ApiError && err.status === 404;
    status.className = none ? 'muted' : 'bad';
    status.textContent = none ? t('checkpoint.none') : `✘ ${t('checkpoint.signature.bad')}: ${errorText(err)}`;
    status.dataset.state = none ? 'none' : 'failed';
  }
}

async function onReceiptSubmit(ev: Event): Promise<void> {
  ev.preventDefault();
  const out = byId('receipt-result');
  out.hidden = false;
  out.dataset.state = 'checking';
  out.replaceChildren(el('p', { class: 'progress' }, t('receipt.checking')));
  try {
    await loadCheckpoint(); // the newest signed head, verified again
    if (!latest) throw new Error(t('checkpoint.none'));
    const code = byId<HTMLInputElement>('receipt-code').value;
    const note = byId<HTMLTextAreaElement>('receipt-checkpoint').value;
    const r = await checkReceipt(api, code, latest, note);
    const checks = el('ul', { class: 'checks' },
      el('li', { class: 'ok' }, `✔ ${t('receipt.found')} ${fmt(r.logIndex)}`),
      el('li', { class: 'ok' }, `✔ ${t('receipt.leaf.ok')}`),
      el('li', { class: 'ok' }, `✔ ${t('receipt.inclusion.ok')} (${t('receipt.treeSize')}: ${fmt(r.treeSize)})`),
    );
    if (r.consistentFrom !== undefined) checks.append(el('li', { class: 'ok' }, `✔ ${t('receipt.consistency.ok')} (${fmt(r.consistentFrom)} → ${fmt(r.treeSize)})`));
    out.replaceChildren(checks, el('p', { class: 'mono' }, r.trackingCode), ...(r.castAt ? [el('p', { class: 'muted' }, `${t('receipt.castAt')}: ${new Date(r.castAt).toLocaleString(locale())}`)] : []));
    out.dataset.state = 'verified';
  } catch (err) {
    const notFound = err instanceof ApiError && err.status === 404;
    out.replaceChildren(el('p', { class: 'bad' }, notFound ? t('receipt.notfound') : `✘ ${t('receipt.failed')}: ${errorText(err)}`));
    out.dataset.state = notFound ? 'not-found' : 'failed';
  }
}

function renderTurnout(tu: Turnout): void {
  lastTurnout = tu;
  byId('turnout-ballots').textContent = fmt(tu.ballots);
  byId('turnout-roll').textContent = fmt(tu.rollSize);
  byId('turnout-percent').textContent = tu.rollSize ? `${((100 * tu.ballots) / tu.rollSize).toFixed(2)} %` : '—';
  byId('turnout-spoiled').textContent = fmt(tu.spoiled);
  byId('turnout-updated').textContent = new Date().toLocaleTimeString(locale());
  const codes = Object.keys({ ...tu.rollByEntity, ...tu.byEntity }).sort();
  byId('turnout-chart').replaceChildren(barChart(codes.map((c) => ({ label: entityName(c), value: tu.byEntity[c] ?? 0 })), { title: t('turnout.byEntity') }));
  const table = byId<HTMLTableElement>('turnout-table');
  table.replaceChildren(row([t('turnout.entity'), t('turnout.ballots'), t('turnout.roll'), t('turnout.percent')], true, [false, true, true, true]));
  for (const c of codes) {
    const cast = tu.byEntity[c] ?? 0;
    const roll = tu.rollByEntity[c] ?? 0;
    table.append(row([entityName(c) === c ? c : `${c} ${entityName(c)}`, fmt(cast), fmt(roll), roll ? `${((100 * cast) / roll).toFixed(2)} %` : '—'], false, [false, true, true, true]));
  }
}

function renderMonitoring(m: Monitoring): void {
  const table = byId<HTMLTableElement>('monitoring-table');
  table.replaceChildren(row([t('monitoring.component'), t('monitoring.position'), t('monitoring.lag')], true, [false, true, true]));
  table.append(row([t('monitoring.ledger'), fmt(m.ledgerHead), '—'], false, [false, true, true]));
  for (const p of m.projections) {
    table.append(row([`${t('monitoring.projection')}: ${p.name}${p.error ? ` ✘ ${p.error}` : ''}`, fmt(p.position), fmt(p.lag)], false, [false, true, true]));
  }
  if (m.log) {
    table.append(row([t('monitoring.log'), fmt(m.log.size), fmt(m.log.lag)], false, [false, true, true]));
    if (m.log.checkpoint) table.append(row([t('monitoring.checkpointAge'), fmt(m.log.checkpoint.size), `${m.log.checkpoint.ageSeconds.toFixed(1)} s`], false, [false, true, true]));
  }
}

interface Results {
  complete: boolean;
  ballots: number | null;
  contests: { contestId: string; counts: { optionId: string; count: number }[] }[];
}

/** Published results: per contest, a chart and a table with the manifest's labels. */
function renderResults(r: Results): void {
  byId('results-pending').hidden = r.complete;
  const body = byId('results-body');
  body.replaceChildren();
  for (const c of r.contests) {
    const manifest = election?.contests.find((x) => x.id === c.contestId);
    const options = c.counts.map((o) => {
      const m = manifest?.options.find((x) => x.id === o.optionId);
      return { label: m ? (m.candidate ? `${m.label} — ${m.candidate}` : m.label) : o.optionId, value: o.count };
    });
    const table = el('table', {}, row([t('results.option'), t('results.votes')], true, [false, true]));
    for (const o of options) table.append(row([o.label, fmt(o.value)], false, [false, true]));
    const title = manifest?.label ?? c.contestId;
    body.append(el('h3', {}, title), barChart(options, { title }), table);
  }
}

async function refreshLive(): Promise<void> {
  await Promise.all([
    getJson<Turnout>('/api/board/turnout').then(renderTurnout, () => undefined),
    getJson<Monitoring>('/api/board/monitoring').then(renderMonitoring, () => undefined),
    getJson<Results>('/api/board/results').then(renderResults, () => undefined),
  ]);
}

/** Auditor downloads: the log itself always; the ballot box, record and acta once they exist. */
async function renderDownloads(): Promise<void> {
  const list = byId('downloads-list');
  const link = (href: string, key: MessageKey) => el('li', {}, el('a', { href, download: '' }, t(key)));
  list.replaceChildren(link('/log/checkpoint', 'downloads.checkpoint'), link('/log/key', 'downloads.key'));
  if (latest && latest.checkpoint.size > 0) {
    for (let start = 0; start < latest.checkpoint.size && start < 10_000; start += 1000) {
      const end = Math.min(latest.checkpoint.size, start + 1000);
      list.append(el('li', {}, el('a', { href: `/log/entries?start=${start}&end=${end}`, download: `log-entries-${start}-${end}.json` }, `${t('downloads.entries')} ${start}–${end - 1}`)));
    }
  }
  // Optional artefacts published by later phases: listed only when the server has them.
  const optional: [string, MessageKey][] = [
    ['/api/board/ballot-box.jsonl', 'downloads.ballotBox'],
    ['/api/board/record', 'downloads.record'],
    ['/api/board/acta.pdf', 'downloads.acta'],
  ];
  for (const [href, key] of optional) {
    try {
      const res = await fetch(href, { method: 'HEAD', cache: 'no-store' });
      if (res.ok) list.append(link(href, key));
    } catch {
      // not available
    }
  }
  list.append(el('li', {}, el('a', { href: '/docs' }, t('downloads.api'))));
}

function redraw(): void {
  translatePage();
  document.title = t('site.title');
  void loadElection();
  void loadCheckpoint();
  if (lastTurnout) renderTurnout(lastTurnout);
  void renderDownloads();
}

async function main(): Promise<void> {
  setLanguage(language());
  translatePage();
  byId('lang').addEventListener('click', () => {
    setLanguage(language() === 'es' ? 'en' : 'es');
    redraw();
  });
  byId('receipt-form').addEventListener('submit', (ev) => void onReceiptSubmit(ev));
  // A receipt link from the booth: board.html#code=XXXX-XXXX-XXXX-XXXX
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('code');
  if (fromHash) byId<HTMLInputElement>('receipt-code').value = fromHash;
  await loadElection();
  await loadCheckpoint();
  await refreshLive();
  await renderDownloads();
  document.body.dataset.ready = 'true';
  setInterval(() => void refreshLive(), REFRESH_MS);
  setInterval(() => void loadCheckpoint(), REFRESH_MS * 3);
}

void main();
