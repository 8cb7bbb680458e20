/**
 * A horizontal bar chart as plain HTML: one row per bar with its label, a bar whose length is the
 * value's share of the largest, and the value. Real text, so it wraps by words on a phone, keeps
 * the page's font size (no shrunken SVG text), prints, and reads as a list to screen readers.
 * Bar lengths are set through the CSSOM (element.style), which the page's content security
 * policy allows, unlike style attributes.
 */
export interface Bar {
  label: string;
  value: number;
  /** Shown instead of the plain number (e.g. "1,234 · 15.00 %"). */
  valueText?: string;
}

export function barChart(bars: Bar[], options: { title?: string; format?: (n: number) => string } = {}): HTMLElement {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const list = document.createElement('ul');
  list.className = 'bars';
  if (options.title) list.setAttribute('aria-label', options.title);
  for (const bar of bars) {
    const item = document.createElement('li');
    const label = document.createElement('span');
    label.className = 'bar-label';
    label.textContent = bar.label;
    const track = document.createElement('span');
    track.className = 'bar-track';
    track.setAttribute('aria-hidden', 'true');
    const fill = document.createElement('span');
    fill.className = 'bar-fill';
    fill.style.width = `${bar.value > 0 ? Math.max(0.5, (100 * bar.value) / max) : 0}%`;
    track.append(fill);
    const value = document.createElement('span');
    value.className = 'bar-value';
    value.textContent = bar.valueText ?? (options.format ? options.format(bar.value) : String(bar.value));
    item.append(label, track, value);
    list.append(item);
  }
  return list;
}
