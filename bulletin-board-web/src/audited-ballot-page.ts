/**
 * "Verificar una boleta auditada" (verificar.html, issue 15 item 4): the voter, on another
 * device than the one that encrypted the ballot, types the audit code the booth showed; this
 * page fetches the published audited ballot (BallotSpoiled: ballot and disclosure) and the
 * election's public facts, re-encrypts every choice from the disclosure and shows the choices
 * in words, or names the check that failed. The check is src/domain/voting/audited-ballot-check.ts,
 * the same code `urna check-audited` runs.
 */
import { checkAuditedBallot, type AuditedElectionFacts, type PublishedAuditedBallot } from '../../src/domain/voting/audited-ballot-check';
import { boothMessages } from '../../src/messages/booth.messages';
import { ApiError, getJson } from './api';
import { byId, el } from './dom';
import { translator } from './i18n';
import { initLayout, instantText } from './layout';

const { t, translatePage } = translator(boothMessages);

let last: { code: string } | undefined;

async function check(code: string): Promise<void> {
  const out = byId('audited-result');
  out.hidden = false;
  out.dataset.state = 'checking';
  out.replaceChildren(el('p', { class: 'progress' }, t('audited.checking')));
  last = { code };
  let published: PublishedAuditedBallot & { logIndex: number; spoiledAt: string };
  let facts: AuditedElectionFacts;
  try {
    [published, facts] = await Promise.all([
      getJson<PublishedAuditedBallot & { logIndex: number; spoiledAt: string }>(`/api/board/audited/${encodeURIComponent(code)}`),
      getJson<AuditedElectionFacts>('/api/board/election'),
    ]);
  } catch (err) {
    out.dataset.state = err instanceof ApiError && err.status === 404 ? 'not-found' : 'failed';
    out.replaceChildren(el('p', { class: 'bad' }, out.dataset.state === 'not-found' ? t('audited.notFound') : err instanceof ApiError ? err.text() : t('booth.unexpected')));
    return;
  }
  // A moment for the progress text to paint: the re-encryption is synchronous.
  await new Promise((r) => setTimeout(r, 30));
  const result = checkAuditedBallot(facts, published);
  out.dataset.state = result.ok ? 'verified' : 'failed';
  if (!result.ok) {
    out.replaceChildren(
      el('p', { class: 'bad' }, `✘ ${t('audited.bad')}`),
      el('ul', { class: 'checks' }, ...result.failures.slice(0, 10).map((f) => el('li', {}, `${f.check}${f.contest ? ` (${f.contest})` : ''}`))),
    );
    return;
  }
  const list = el('dl', { class: 'review-choices' });
  for (const c of result.choices) {
    const option = c.optionId === 'NULO' ? t('booth.option.null') : c.option;
    list.append(el('div', { class: 'review-row', 'data-contest': c.contestId }, el('dt', {}, c.contest), el('dd', {}, c.candidate && c.candidate !== option ? `${option} — ${c.candidate}` : option)));
  }
  out.replaceChildren(
    el('p', { class: 'ok' }, `✔ ${t('audited.ok')}`),
    el('p', {}, t('audited.where', { position: String(published.logIndex), at: instantText(published.spoiledAt) })),
    list,
    el('p', { class: 'muted' }, t('audited.notCounted')),
  );
}

async function main(): Promise<void> {
  const layout = initLayout(() => {
    translatePage();
    document.title = `${t('audited.title')} — Urna`;
    if (last) void check(last.code);
  });
  translatePage();
  document.title = `${t('audited.title')} — Urna`;
  byId('audited-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const code = byId<HTMLInputElement>('audited-code').value.trim();
    if (code) void check(code);
  });
  await layout.catch(() => undefined);
  translatePage();
  const wanted = new URLSearchParams(location.hash.slice(1)).get('code');
  if (wanted) {
    byId<HTMLInputElement>('audited-code').value = wanted;
    await check(wanted);
  }
  document.body.dataset.ready = 'true';
}

void main();
