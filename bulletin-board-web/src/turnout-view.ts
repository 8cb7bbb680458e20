/**
 * Turnout: the figures, ballots per hour (columns), the running total (a line), and each entity of
 * origin as bars with its table and hour-by-hour history behind a disclosure. Times are in the
 * election's zone. The country of residence is not in the public roll: the page says why.
 */
import { fmt, t } from './board-text';
import type { Turnout } from './board-types';
import { barChart } from './bar-chart';
import { columnChart, lineChart, sparkline } from './charts';
import { byId, el } from './dom';
import { language } from './i18n';
import { currentElection, zoneOf } from './layout';
import { formatHourLabel, formatPercent, formatTime } from './time-format';

let last: Turnout | undefined;
export const lastTurnout = () => last;

const entityName = (code: string) => currentElection()?.entities.find((e) => e.code === code)?.name ?? code;

/** Every hour from the first ballot to the last, with zeros where none came. */
function hourSeries(byHour: { hour: string; ballots: number }[]): { hour: string; ballots: number }[] {
  if (!byHour.length) return [];
  const counts = new Map(byHour.map((h) => [Date.parse(h.hour), h.ballots]));
  const first = Date.parse(byHour[0].hour);
  const lastHour = Date.parse(byHour[byHour.length - 1].hour);
  const out: { hour: string; ballots: number }[] = [];
  for (let h = first; h <= lastHour && out.length < 24 * 40; h += 3_600_000) out.push({ hour: new Date(h).toISOString(), ballots: counts.get(h) ?? 0 });
  return out;
}

function width(id: string): number {
  return byId(id).clientWidth || 320;
}

export function renderTurnout(tu: Turnout = last!): void {
  if (!tu) return;
  last = tu;
  const lang = language();
  byId('turnout-ballots').textContent = fmt(tu.ballots);
  byId('turnout-roll').textContent = fmt(tu.rollSize);
  byId('turnout-percent').textContent = formatPercent(tu.ballots, tu.rollSize, lang);
  byId('turnout-spoiled').textContent = fmt(tu.spoiled);
  byId('turnout-updated').textContent = `${formatTime(new Date(), lang, zoneOf(), true)}`;

  const hours = hourSeries(tu.byHour);
  const points = hours.map((h) => ({ label: formatHourLabel(h.hour, lang, zoneOf()), value: h.ballots }));
  if (points.length) {
    const max = Math.max(...points.map((p) => p.value));
    byId('turnout-hourly').replaceChildren(columnChart(points, { width: width('turnout-hourly'), summary: t('turnout.byHourSummary', { hours: points.length, max: fmt(max) }), format: fmt, maxLabel: (m) => t('chart.max', { max: m }) }));
    let running = 0;
    const cumulative = points.map((p) => ({ label: p.label, value: (running += p.value) }));
    byId('turnout-cumulative').replaceChildren(lineChart(cumulative, { width: width('turnout-cumulative'), summary: t('turnout.cumulativeSummary', { ballots: fmt(running) }), format: fmt }));
  } else {
    byId('turnout-hourly').replaceChildren(el('p', { class: 'muted' }, t('turnout.noBallots')));
    byId('turnout-cumulative').replaceChildren();
  }

  const codes = Object.keys({ ...tu.rollByEntity, ...tu.byEntity }).sort();
  byId('turnout-chart').replaceChildren(barChart(codes.map((c) => {
    const cast = tu.byEntity[c] ?? 0;
    return { label: entityName(c), value: cast, valueText: `${fmt(cast)} · ${formatPercent(cast, tu.rollByEntity[c] ?? 0, lang)}` };
  }), { title: t('turnout.byEntity') }));

  // The table, with each entity's hours as a small line (its numbers are in the row).
  const perEntity = new Map<string, Map<number, number>>();
  for (const r of tu.byEntityHour ?? []) {
    const m = perEntity.get(r.entity) ?? new Map<number, number>();
    m.set(Date.parse(r.hour), r.ballots);
    perEntity.set(r.entity, m);
  }
  const table = byId<HTMLTableElement>('turnout-table');
  const head = el('tr', {}, el('th', { scope: 'col' }, t('turnout.entity')), el('th', { scope: 'col', class: 'num' }, t('turnout.ballots')),
    el('th', { scope: 'col', class: 'num' }, t('turnout.percent')), el('th', { scope: 'col', class: 'spark' }, t('turnout.history')));
  const rows = codes.map((c) => {
    const cast = tu.byEntity[c] ?? 0;
    const roll = tu.rollByEntity[c] ?? 0;
    const m = perEntity.get(c);
    let running = 0;
    const series = hours.map((h) => (running += m?.get(Date.parse(h.hour)) ?? 0));
    // On a phone the history column is dropped; the same line sits under the entity's name.
    const inline = sparkline(series);
    inline.classList.add('spark-inline');
    return el('tr', {},
      el('th', { scope: 'row' }, entityName(c) === c ? c : `${entityName(c)} (${c})`, inline),
      el('td', { class: 'num' }, t('turnout.ofRoll', { cast: fmt(cast), roll: fmt(roll) })),
      el('td', { class: 'num' }, formatPercent(cast, roll, lang)),
      el('td', { class: 'spark' }, sparkline(series)));
  });
  table.replaceChildren(el('thead', {}, head), el('tbody', {}, ...rows));
}
