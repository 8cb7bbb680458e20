/**
 * Component health for observers: one line per component (ledger, each projection, the
 * transparency log and its newest checkpoint) as working, lagging or failing, with an overall
 * summary on top; the raw figures in a table behind a disclosure.
 */
import { fmt, t, tKey } from './board-text';
import type { Monitoring } from './board-types';
import { byId, el } from './dom';

/** A projection or the log this many events behind is "lagging"; a checkpoint this old too. */
const LAG_EVENTS = 100;
const CHECKPOINT_AGE_S = 30;

type Health = 'ok' | 'lagging' | 'failed';
let last: Monitoring | undefined;

export function renderMonitoring(m: Monitoring | undefined = last): void {
  if (!m) return;
  last = m;
  const items: { name: string; health: Health; detail: string }[] = [];
  items.push({ name: t('monitoring.ledger'), health: 'ok', detail: fmt(m.ledgerHead) });
  for (const p of m.projections) {
    const health: Health = p.error ? 'failed' : p.lag > LAG_EVENTS ? 'lagging' : 'ok';
    const named = tKey(`monitoring.projection.${p.name}`);
    items.push({ name: named === `monitoring.projection.${p.name}` ? p.name : named, health, detail: p.error ? `✘ ${p.error}` : p.lag ? t('health.behind', { events: fmt(p.lag) }) : t('health.upToDate') });
  }
  if (m.log) {
    items.push({ name: t('monitoring.log'), health: m.log.lag > LAG_EVENTS ? 'lagging' : 'ok', detail: m.log.lag ? t('health.behind', { events: fmt(m.log.lag) }) : t('health.upToDate') });
    if (m.log.checkpoint) {
      const age = m.log.checkpoint.ageSeconds;
      items.push({ name: t('checkpoint.title'), health: age > CHECKPOINT_AGE_S ? 'lagging' : 'ok', detail: t('health.checkpointAge', { seconds: age.toFixed(1) }) });
    }
  }
  const overall: Health = items.some((i) => i.health === 'failed') ? 'failed' : items.some((i) => i.health === 'lagging') ? 'lagging' : 'ok';
  const mark = (h: Health) => (h === 'ok' ? '✔' : h === 'lagging' ? '◐' : '✘');
  byId('health-summary').replaceChildren(el('p', { class: `health health-${overall}`, id: 'health-overall', 'data-health': overall }, `${mark(overall)} ${t(`health.${overall}`)}`));
  byId('health-list').replaceChildren(...items.map((i) => el('li', { class: `health-${i.health}`, 'data-health': i.health },
    el('span', { class: 'health-name' }, `${mark(i.health)} ${i.name}`), el('span', { class: 'health-detail' }, i.detail))));
  const table = byId<HTMLTableElement>('monitoring-table');
  table.replaceChildren(
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t('monitoring.component')), el('th', { scope: 'col', class: 'num' }, t('monitoring.position')), el('th', { scope: 'col', class: 'num' }, t('monitoring.lag')))),
    el('tbody', {},
      el('tr', {}, el('th', { scope: 'row' }, t('monitoring.ledger')), el('td', { class: 'num' }, fmt(m.ledgerHead)), el('td', { class: 'num' }, '—')),
      ...m.projections.map((p) => el('tr', {}, el('th', { scope: 'row' }, `${t('monitoring.projection')}: ${p.name}`), el('td', { class: 'num' }, fmt(p.position)), el('td', { class: 'num' }, fmt(p.lag)))),
      ...(m.log ? [el('tr', {}, el('th', { scope: 'row' }, t('monitoring.log')), el('td', { class: 'num' }, fmt(m.log.size)), el('td', { class: 'num' }, fmt(m.log.lag)))] : []),
      ...(m.log?.checkpoint ? [el('tr', {}, el('th', { scope: 'row' }, t('monitoring.checkpointAge')), el('td', { class: 'num' }, fmt(m.log.checkpoint.size)), el('td', { class: 'num' }, `${m.log.checkpoint.ageSeconds.toFixed(1)}\u00a0s`))] : [])),
  );
}
