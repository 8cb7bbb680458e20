/**
 * The monitoring page (monitoreo.html; docs/spec/monitoring.md): sign-in with password then the
 * SMS code, then every component's state, deliveries by entity and country, incidents (officials
 * record them here) and the operation reports, refreshed every 30 s. The session token stays in
 * this tab only (sessionStorage). Texts: src/messages/monitoring.messages.ts.
 */
import { monitoringMessages } from '../../src/messages/monitoring.messages';
import type { ComponentsSnapshot } from '../../src/monitoring/component-state';
import { ApiError, getJson, postJson } from './api';
import { byId, el, show } from './dom';
import { language, setLanguage, translator } from './i18n';

const { t, tKey, translatePage } = translator(monitoringMessages);
const TOKEN = 'urna.monitoring.token';
const ROLE = 'urna.monitoring.role';
let challengeId = '';
let timer: ReturnType<typeof setInterval> | undefined;

const token = () => sessionStorage.getItem(TOKEN) ?? undefined;

function fail(err: unknown): void {
  const box = byId('error');
  box.textContent = err instanceof ApiError ? err.text() : t('error.generic');
  box.hidden = false;
  if (err instanceof ApiError && err.status === 401) signedOut();
}

function signedOut(): void {
  sessionStorage.removeItem(TOKEN);
  sessionStorage.removeItem(ROLE);
  if (timer) clearInterval(timer);
  show('dashboard', false);
  show('sign-out', false);
  show('code-form', false);
  show('login-form', true);
}

function cell(text: string, header = false): HTMLElement {
  return header ? el('th', { scope: 'col' }, text) : el('td', {}, text);
}

function measures(reading: Record<string, unknown>): string {
  return Object.entries(reading)
    .filter(([k, v]) => k !== 'status' && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

async function refresh(): Promise<void> {
  const auth = token();
  if (!auth) return;
  try {
    const snapshot = await getJson<ComponentsSnapshot & { role: string }>('/api/monitoring/components', auth);
    const table = byId('components');
    table.replaceChildren(
      el('caption', { class: 'visually-hidden' }, t('page.components')),
      el('thead', {}, el('tr', {}, cell(t('page.component'), true), cell(t('page.status'), true), cell(t('page.measures'), true))),
      el('tbody', {}, ...Object.entries(snapshot.components).map(([name, reading]) =>
        el('tr', { class: `status-${reading.status}` }, el('th', { scope: 'row' }, name), cell(tKey(`page.status.${reading.status}`)), cell(measures(reading))))),
    );
    byId('updated').textContent = t('page.updated', { at: snapshot.takenAt });
    const deliveries = await getJson<{ credentials: Counts; codes: Counts }>('/api/monitoring/deliveries', auth);
    const rows = (label: string, counts: Counts) => [
      ...Object.entries(counts.byEntity).map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, `${label} · ${t('page.byEntity')} ${k}`), cell(String(v.sent)), cell(String(v.failed)))),
      ...Object.entries(counts.byCountry).map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, `${label} · ${t('page.byCountry')} ${k}`), cell(String(v.sent)), cell(String(v.failed)))),
    ];
    byId('deliveries').replaceChildren(
      el('thead', {}, el('tr', {}, cell(t('page.delivery'), true), cell(t('page.sent'), true), cell(t('page.failed'), true))),
      el('tbody', {}, ...rows(t('page.credentials'), deliveries.credentials), ...rows(t('page.codes'), deliveries.codes)),
    );
    const { incidents } = await getJson<{ incidents: { at: string; severity: string; component: string; summary: string }[] }>('/api/monitoring/incidents', auth);
    byId('incidents').replaceChildren(...(incidents.length === 0
      ? [el('li', {}, t('page.noIncidents'))]
      : incidents.map((i) => el('li', {}, `${i.at} · ${i.severity} · ${i.component}: ${i.summary}`))));
    const { reports } = await getJson<{ reports: { kind: string; periodStart: string; jsonSha256: string }[] }>('/api/monitoring/reports', auth);
    byId('reports').replaceChildren(...(reports.length === 0
      ? [el('li', {}, t('page.noReports'))]
      : reports.map((r) => el('li', {}, `${r.kind} ${r.periodStart.slice(0, 10)} · sha256 `, el('code', {}, r.jsonSha256)))));
    byId('error').hidden = true;
  } catch (err) {
    fail(err);
  }
}

interface Counts {
  byEntity: Record<string, { sent: number; failed: number }>;
  byCountry: Record<string, { sent: number; failed: number }>;
}

function signedIn(): void {
  show('login-form', false);
  show('code-form', false);
  show('dashboard', true);
  show('sign-out', true);
  show('incident-form', sessionStorage.getItem(ROLE) === 'official');
  void refresh();
  timer = setInterval(() => void refresh(), 30_000);
}

function init(): void {
  setLanguage(language());
  translatePage();
  byId('lang').addEventListener('click', () => {
    setLanguage(language() === 'es' ? 'en' : 'es');
    translatePage();
    void refresh();
  });
  byId<HTMLFormElement>('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await postJson<{ challengeId: string }>('/api/monitoring/login', {
        username: byId<HTMLInputElement>('username').value, password: byId<HTMLInputElement>('password').value,
      });
      challengeId = r.challengeId;
      byId<HTMLInputElement>('password').value = '';
      show('login-form', false);
      show('code-form', true);
      byId('code').focus();
    } catch (err) {
      fail(err);
    }
  });
  byId<HTMLFormElement>('code-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const r = await postJson<{ sessionToken: string; role: string }>('/api/monitoring/login/confirm', { challengeId, code: byId<HTMLInputElement>('code').value });
      sessionStorage.setItem(TOKEN, r.sessionToken);
      sessionStorage.setItem(ROLE, r.role);
      signedIn();
    } catch (err) {
      fail(err);
    }
  });
  byId<HTMLFormElement>('incident-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await postJson('/api/monitoring/incidents', {
        severity: byId<HTMLSelectElement>('severity').value, component: byId<HTMLInputElement>('component').value, summary: byId<HTMLTextAreaElement>('summary').value,
      }, token());
      byId<HTMLTextAreaElement>('summary').value = '';
      await refresh();
    } catch (err) {
      fail(err);
    }
  });
  byId('sign-out').addEventListener('click', async () => {
    await postJson('/api/monitoring/logout', {}, token()).catch(() => undefined);
    signedOut();
  });
  if (token()) signedIn();
}

if (typeof document !== 'undefined') init();
