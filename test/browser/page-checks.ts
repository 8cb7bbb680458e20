/**
 * What every page of the site must do for its readers, checked in the browser by the board's
 * and the booth's end-to-end tests: nothing wider than the screen, no text stacked one letter
 * per line, no chart text under 12 px, tap targets of 44 px, and no axe-core violation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

const AXE = readFileSync(join(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** What the page must never do to a reader: findings as readable strings (empty = fine). */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    document.querySelectorAll('details').forEach((d) => ((d as HTMLDetailsElement).open = true));
    const problems: string[] = [];
    const name = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}${e.classList.length ? `.${Array.from(e.classList).join('.')}` : ''}`;
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
    for (const e of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const r = e.getBoundingClientRect();
      // Screen-reader-only text is clipped to nothing on purpose.
      if (r.width === 0 || r.height === 0 || e.closest('.visually-hidden')) continue;
      if (r.right > vw + 1) problems.push(`${name(e)} reaches x=${Math.round(r.right)} beyond ${vw}`);
      if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && !(e instanceof HTMLInputElement)) problems.push(`${name(e)} overflows: ${e.scrollWidth} > ${e.clientWidth}`);
    }
    // Text that wraps one character per line ("15.00 %" stacked): lines whose share of the text is under 2 characters.
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      if (text.length < 3) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const tops = new Set(Array.from(range.getClientRects()).filter((q) => q.width > 0).map((q) => Math.round(q.top)));
      if (tops.size >= 3 && text.length / tops.size < 2) problems.push(`"${text.slice(0, 30)}" wraps into ${tops.size} lines`);
    }
    for (const tnode of Array.from(document.querySelectorAll('svg text'))) {
      const h = tnode.getBoundingClientRect().height;
      if (h > 0 && h < 12) problems.push(`chart text "${tnode.textContent}" is ${h.toFixed(1)} px high`);
    }
    const targets = 'button, input, select, textarea, summary, nav a, a.button, ul.links a, ul.files a, ol.slices a, .site-name a';
    for (const e of Array.from(document.querySelectorAll<HTMLElement>(targets))) {
      // A box inside its label is tapped through the whole label: the label is the target.
      const label = e instanceof HTMLInputElement && e.closest('label');
      const r = (label || e).getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.height < 44 || r.width < 44) problems.push(`tap target ${name(e)} "${(e.textContent ?? '').trim().slice(0, 20)}" is ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return problems;
  });
}

export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

