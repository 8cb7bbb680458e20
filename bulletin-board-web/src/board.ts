/**
 * The public bulletin board's pages (one bundle, the page named by <body data-page>):
 *   board       index.html: receipts, turnout, results and the acta, the log's integrity,
 *               component health and downloads, kept current by Server-Sent Events (live.ts);
 *   audit       auditoria.html: every public file, what it is, how to verify it;
 *   receipt     comprobante.html: a receipt to print, with the QR code of its lookup link.
 * Everything a voter or observer must trust is checked here, in the browser: checkpoint
 * signatures, a receipt's leaf, its inclusion proof and the consistency of the log since the
 * receipt, the acta's hash.
 */
import { getJson } from './api';
import { fmt, t, tKey } from './board-text';
import type { ElectionSummary, Monitoring, Turnout } from './board-types';
import { loadCheckpoint, loadHistory, renderHistory } from './checkpoint-view';
import { renderAudit } from './audit-page';
import { byId } from './dom';
import { downloadsList, fetchDownloads } from './downloads-view';
import { currentElection, initLayout, loadElection } from './layout';
import { startLive, type BoardNotice, type LiveMode } from './live';
import { renderMonitoring } from './monitoring-view';
import { renderPrint } from './receipt-print';
import { initReceipts } from './receipt-view';
import { loadResults, renderActa, renderResults } from './results-view';
import { lastTurnout, renderTurnout } from './turnout-view';

/** Monitoring and the checkpoint history change constantly: fetched at most this often. */
const MONITORING_EVERY_MS = 5000;
const HISTORY_EVERY_MS = 15_000;

let seen: BoardNotice | undefined;
let monitoringAt = 0;
let historyAt = 0;
let announcedBallots = 0;
let announcedAt = 0;

/** Says a change aloud to screen readers (a polite live region), at most once a minute for counts. */
function announce(text: string, force = false): void {
  if (!force && Date.now() - announcedAt < 60_000) return;
  announcedAt = Date.now();
  byId('announcer').textContent = text;
}

async function loadTurnout(expectAtLeast?: number): Promise<void> {
  try {
    let tu = await getJson<Turnout>('/api/board/turnout');
    // A notice names a position; a cached or lagging answer older than it is fetched once more.
    if (expectAtLeast !== undefined && tu.asOfPosition <= expectAtLeast) {
      await new Promise((r) => setTimeout(r, 1000));
      tu = await getJson<Turnout>('/api/board/turnout');
    }
    renderTurnout(tu);
    if (tu.ballots !== announcedBallots) {
      announcedBallots = tu.ballots;
      announce(t('announce.ballots', { ballots: fmt(tu.ballots) }));
    }
  } catch {
    // the figures stay as they were; the live status line says whether the page is connected
  }
}

async function loadMonitoring(force = false): Promise<void> {
  if (!force && Date.now() - monitoringAt < MONITORING_EVERY_MS) return;
  monitoringAt = Date.now();
  try {
    renderMonitoring(await getJson<Monitoring>('/api/board/monitoring'));
  } catch {
    // idem
  }
}

async function refreshCheckpoint(force = false): Promise<void> {
  await loadCheckpoint();
  if (force || Date.now() - historyAt > HISTORY_EVERY_MS) {
    historyAt = Date.now();
    await loadHistory();
  }
}

async function refreshElectionParts(before: ElectionSummary | undefined): Promise<void> {
  const e = await loadElection();
  if (before && e && before.phase !== e.phase) announce(t('announce.phase', { phase: tKey(`phase.${e.phase}`) }), true);
  if (e?.resultsPublished && !before?.resultsPublished) announce(t('announce.results'), true);
  await Promise.all([loadResults(), renderActa(e), renderDownloads()]);
}

async function renderDownloads(): Promise<void> {
  byId('downloads-list').replaceChildren(downloadsList(await fetchDownloads(), currentElection()));
}

/** One notice: fetch again what moved since the last one. */
async function onNotice(n: BoardNotice): Promise<void> {
  const prev = seen;
  seen = n;
  const tasks: Promise<void>[] = [];
  if (!prev || prev.turnout !== n.turnout) tasks.push(loadTurnout(n.turnout ?? undefined));
  if (!prev || prev.election !== n.election || prev.results !== n.results) tasks.push(refreshElectionParts(currentElection()));
  if (!prev || prev.checkpoint !== n.checkpoint) tasks.push(refreshCheckpoint());
  tasks.push(loadMonitoring());
  await Promise.all(tasks);
}

/** Without the stream: everything cheap, every few seconds; results only once the summary says they exist. */
async function poll(): Promise<void> {
  const before = currentElection();
  await Promise.all([loadTurnout(), refreshCheckpoint(), loadMonitoring(true), refreshElectionParts(before)]);
}

function setLiveMode(mode: LiveMode): void {
  const status = byId('live-status');
  status.dataset.mode = mode;
  status.textContent = t(mode === 'live' ? 'live.live' : mode === 'polling' ? 'live.polling' : mode === 'offline' ? 'live.offline' : 'live.connecting');
}

/** Charts are drawn at the container's width: again when it changes (a phone turned sideways). */
function redrawCharts(): void {
  if (lastTurnout()) renderTurnout();
  renderHistory();
}

async function boardPage(): Promise<void> {
  initReceipts();
  if (!currentElection()) {
    // Nothing published yet: no figure to fetch (each would be a 404); look again now and then.
    await Promise.all([refreshCheckpoint(true), loadMonitoring(true)]);
    setLiveMode('polling');
    const wait = setInterval(() => {
      void loadElection().then((e) => {
        if (e) {
          clearInterval(wait);
          location.reload();
        }
      });
    }, 30_000);
    document.body.dataset.ready = 'true';
    return;
  }
  await Promise.all([loadTurnout(), refreshCheckpoint(true), loadMonitoring(true), refreshElectionParts(undefined)]);
  let width = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === width) return;
    width = window.innerWidth;
    redrawCharts();
  });
  startLive({
    electionId: currentElection()?.electionId,
    onNotice: (n) => void onNotice(n),
    onHeartbeat: () => void loadMonitoring(),
    poll,
    onMode: setLiveMode,
  });
  document.body.dataset.ready = 'true';
}

function redrawBoard(): void {
  if (lastTurnout()) renderTurnout();
  renderResults();
  renderMonitoring();
  renderHistory();
  void renderActa();
  void renderDownloads();
  void loadCheckpoint();
  setLiveMode((byId('live-status').dataset.mode as LiveMode | undefined) ?? 'connecting');
}

async function main(): Promise<void> {
  const page = document.body.dataset.page ?? 'board';
  if (page === 'audit') {
    await initLayout(() => void renderAudit());
    await renderAudit();
  } else if (page === 'receipt') {
    await initLayout(() => void renderPrint());
    await renderPrint();
  } else {
    await initLayout(redrawBoard);
    await boardPage();
    return;
  }
  document.body.dataset.ready = 'true';
}

void main();
