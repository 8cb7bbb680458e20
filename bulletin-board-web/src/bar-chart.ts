/**
 * A horizontal bar chart as inline SVG: labels, bars and values, readable when printed and by
 * screen readers (a <title> per bar). No chart library needed for this.
 */
export interface Bar {
  label: string;
  value: number;
}

const SVG = 'http://www.w3.org/2000/svg';

export function barChart(bars: Bar[], options: { width?: number; barHeight?: number; title?: string } = {}): SVGSVGElement {
  const width = options.width ?? 640;
  const barHeight = options.barHeight ?? 22;
  const labelWidth = 210;
  const valueWidth = 80;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${bars.length * (barHeight + 6) + 6}`);
  svg.setAttribute('role', 'img');
  svg.classList.add('bar-chart');
  if (options.title) {
    const title = document.createElementNS(SVG, 'title');
    title.textContent = options.title;
    svg.append(title);
  }
  bars.forEach((bar, i) => {
    const y = 6 + i * (barHeight + 6);
    const g = document.createElementNS(SVG, 'g');
    const tip = document.createElementNS(SVG, 'title');
    tip.textContent = `${bar.label}: ${bar.value.toLocaleString('es-MX')}`;
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', String(labelWidth - 8));
    label.setAttribute('y', String(y + barHeight * 0.72));
    label.setAttribute('text-anchor', 'end');
    label.textContent = bar.label;
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', String(labelWidth));
    rect.setAttribute('y', String(y));
    rect.setAttribute('height', String(barHeight));
    rect.setAttribute('width', String(Math.max(1, ((width - labelWidth - valueWidth) * bar.value) / max)));
    const value = document.createElementNS(SVG, 'text');
    value.setAttribute('x', String(width - valueWidth + 6));
    value.setAttribute('y', String(y + barHeight * 0.72));
    value.textContent = bar.value.toLocaleString('es-MX');
    g.append(tip, label, rect, value);
    svg.append(g);
  });
  return svg;
}
