/**
 * Charts over time as inline SVG drawn at the container's real width in CSS pixels, so their text
 * is the size written here (14 px) on a phone and a desktop alike; the board draws them again
 * when the width changes. Each chart is an image with a one-line summary for screen readers; the
 * numbers themselves are in the tables beside it.
 */
const SVG = 'http://www.w3.org/2000/svg';
const FONT = 14;

function svgEl<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function frame(width: number, height: number, summary: string): SVGSVGElement {
  const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': summary, class: 'chart' });
  svg.append(svgEl('title', {}, summary));
  return svg;
}

export interface Point {
  label: string;
  value: number;
}

/** Columns (e.g. ballots per hour), with the largest value marked and every few labels shown. */
export function columnChart(points: Point[], options: { width: number; summary: string; format: (n: number) => string; maxLabel: (max: string) => string; height?: number }): SVGSVGElement {
  const width = Math.max(200, Math.floor(options.width));
  const height = options.height ?? 200;
  const top = FONT + 8;
  const bottom = FONT * 2 + 8;
  const svg = frame(width, height, options.summary);
  const max = Math.max(1, ...points.map((p) => p.value));
  const plotH = height - top - bottom;
  const step = points.length ? width / points.length : width;
  const barW = Math.max(1, step * 0.8);
  // Labels need about 7 characters of room each.
  const every = Math.max(1, Math.ceil((FONT * 0.6 * 9) / step));
  svg.append(svgEl('line', { x1: 0, x2: width, y1: top + plotH, y2: top + plotH, class: 'axis' }));
  svg.append(svgEl('text', { x: 2, y: FONT, class: 'chart-text' }, options.maxLabel(options.format(max))));
  points.forEach((p, i) => {
    const h = (plotH * p.value) / max;
    const x = i * step + (step - barW) / 2;
    const rect = svgEl('rect', { x, y: top + plotH - h, width: barW, height: Math.max(h, p.value > 0 ? 1 : 0), class: 'column' });
    rect.append(svgEl('title', {}, `${p.label}: ${options.format(p.value)}`));
    svg.append(rect);
    // Every few labels, none cut at the edges: the first starts at the left, one near the right ends there.
    if (i % every === 0) {
      const centre = i * step + step / 2;
      const room = FONT * 0.6 * p.label.length / 2;
      const [anchor, at] = i === 0 ? ['start', Math.max(0, x)] : centre + room > width ? ['end', width] : ['middle', centre];
      svg.append(svgEl('text', { x: at, y: height - FONT, 'text-anchor': anchor, class: 'chart-text' }, p.label));
    }
  });
  return svg;
}

/** A line (e.g. cumulative ballots, or the log's size) with its first and last values labelled. */
export function lineChart(points: Point[], options: { width: number; summary: string; format: (n: number) => string; height?: number }): SVGSVGElement {
  const width = Math.max(200, Math.floor(options.width));
  const height = options.height ?? 180;
  const top = FONT + 8;
  const bottom = FONT * 2 + 8;
  const left = 4;
  const right = 4;
  const svg = frame(width, height, options.summary);
  const plotH = height - top - bottom;
  const plotW = width - left - right;
  const max = Math.max(1, ...points.map((p) => p.value));
  const min = Math.min(0, ...points.map((p) => p.value));
  const x = (i: number) => left + (points.length > 1 ? (plotW * i) / (points.length - 1) : plotW / 2);
  const y = (v: number) => top + plotH - (plotH * (v - min)) / (max - min || 1);
  svg.append(svgEl('line', { x1: 0, x2: width, y1: top + plotH, y2: top + plotH, class: 'axis' }));
  if (points.length) {
    svg.append(svgEl('polyline', { points: points.map((p, i) => `${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' '), class: 'line' }));
    const last = points[points.length - 1];
    svg.append(svgEl('circle', { cx: x(points.length - 1), cy: y(last.value), r: 4, class: 'dot' }));
    svg.append(svgEl('text', { x: width - right, y: FONT, 'text-anchor': 'end', class: 'chart-text' }, options.format(last.value)));
    svg.append(svgEl('text', { x: left, y: height - FONT, class: 'chart-text' }, points[0].label));
    if (points.length > 1) svg.append(svgEl('text', { x: width - right, y: height - FONT, 'text-anchor': 'end', class: 'chart-text' }, last.label));
  }
  return svg;
}

/** A tiny line for a table row (an entity's turnout over the hours); decorative, the row has the numbers. */
export function sparkline(values: number[], width = 96, height = 28): SVGSVGElement {
  const svg = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'aria-hidden': 'true', focusable: 'false', class: 'sparkline' });
  const max = Math.max(1, ...values);
  const pts = values.length > 1 ? values : [0, ...values];
  svg.append(svgEl('polyline', {
    points: pts.map((v, i) => `${((width - 2) * i) / Math.max(1, pts.length - 1) + 1},${(height - 2 - ((height - 4) * v) / max).toFixed(1)}`).join(' '),
    class: 'line',
  }));
  return svg;
}
