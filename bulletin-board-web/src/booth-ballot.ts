/**
 * The ballot as the voter sees it on paper (issue 15, item 2): one card per contest with its
 * progress ("2 de 4"), each party's emblem (its acronym on a colour) with the candidate's name,
 * the independent candidacies, the box for a candidacy not registered and the null box. The voter
 * marks boxes; booth-marks.ts derives the option, and the card says at once what the marks
 * count for, or why they make the vote null (the voter may keep a null vote).
 */
import type { BallotContestView, BallotOptionView, VoterBallot } from '../../src/voting/voter-api-types';
import { boothMessages } from '../../src/messages/booth.messages';
import { el } from './dom';
import { language, translator } from './i18n';
import { markableOptions, optionForMarks, type MarkOutcome } from './booth-marks';

const { t } = translator(boothMessages);

type PartyView = NonNullable<VoterBallot['parties']>[number];
/** The parties of the ballot on screen, by id (their emblem and English name, when the manual gives them). */
let parties = new Map<string, PartyView>();

/** The option's own words: server labels are Spanish; the kinds with a fixed name, and parties with an English name, are translated here. */
export function optionName(o: BallotOptionView): string {
  if (o.kind === 'null') return t('booth.option.null');
  if (o.kind === 'non-registered') return t('booth.option.nonRegistered');
  const party = o.kind === 'party' ? parties.get(o.emblems[0] ?? o.id) : undefined;
  if (party && language() === 'en' && party.nameEn) return party.nameEn;
  return o.label;
}

/** The contest's name: in English mode its English label when the manual gives one. */
export function contestName(c: BallotContestView): string {
  return language() === 'en' && c.labelEn ? c.labelEn : c.label;
}

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
function inkOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? '#000000' : '#ffffff';
}

/** One of eight colours, always the same for an emblem id: for a party whose manual gives no emblem colour. */
function colourClass(id: string): string {
  let h = 0;
  for (const ch of id) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `emblem-c${h % 8}`;
}

export function emblem(id: string): HTMLElement {
  const party = parties.get(id);
  const acronym = party?.acronym ?? (id.length > 6 ? id.slice(0, 6) : id);
  const color = party?.color && /^#[0-9a-f]{6}$/i.test(party.color) ? party.color : undefined;
  const node = el('span', { class: `emblem ${color ? 'emblem-manual' : colourClass(id)}`, 'aria-hidden': 'true' }, acronym);
  // Set through the CSSOM, which the page's Content-Security-Policy allows (no style attribute in markup).
  if (color) {
    node.style.backgroundColor = color;
    node.style.color = inkOn(color);
  }
  return node;
}

const domId = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

/** What the marks of one contest count for, in words. */
export function outcomeText(contest: BallotContestView, outcome: MarkOutcome): string {
  const option = (id: string) => contest.options.find((o) => o.id === id);
  if (outcome.kind === 'none') return t('booth.mark.none');
  if (outcome.kind === 'null') return t(outcome.why === 'mixed' ? 'booth.mark.nullMixed' : 'booth.mark.nullMarked');
  const o = option(outcome.optionId)!;
  const who = o.candidate ?? optionName(o);
  if (outcome.kind === 'combination') return t('booth.mark.combination', { who, parties: outcome.emblems.join(', ') });
  return o.kind === 'party' ? t('booth.mark.party', { who, party: optionName(o) }) : t('booth.mark.single', { who });
}

export interface RenderedBallot {
  /** Marked box ids per contest. */
  marks(contestId: string): string[];
}

export function renderBallot(box: HTMLElement, d: VoterBallot, kept: Map<string, string[]>, onChange: () => void): RenderedBallot {
  parties = new Map((d.parties ?? []).map((p) => [p.id, p]));
  box.replaceChildren();
  d.contests.forEach((contest, i) => {
    const cid = domId(contest.id);
    const note = el('p', { class: 'mark-note', id: `note-${cid}`, 'aria-live': 'polite' });
    const error = el('p', { class: 'field-error', id: `missing-${cid}`, hidden: '' });
    const fs = el('fieldset', { class: 'contest-card', 'data-contest': contest.id, 'aria-describedby': `missing-${cid} note-${cid}` },
      el('legend', {}, el('span', { class: 'contest-progress' }, t('booth.contestProgress', { n: i + 1, of: d.contests.length })), el('span', { class: 'contest-name' }, contestName(contest))));
    const grid = el('div', { class: 'mark-grid' });
    for (const o of markableOptions(contest)) {
      const id = `mark-${cid}-${domId(o.id)}`;
      const input = el('input', { type: 'checkbox', id, name: `contest-${contest.id}`, value: o.id });
      if (kept.get(contest.id)?.includes(o.id)) input.checked = true;
      const face = o.kind === 'party' ? emblem(o.emblems[0] ?? o.id) : el('span', { class: `emblem emblem-plain ${o.kind === 'null' ? 'emblem-null' : ''}`, 'aria-hidden': 'true' }, o.kind === 'independent' ? 'IND' : '—');
      const words = el('span', { class: 'mark-words' },
        el('span', { class: 'mark-name' }, optionName(o)),
        ...(o.candidate && o.kind !== 'independent' ? [el('span', { class: 'mark-candidate' }, o.candidate)] : []));
      grid.append(el('label', { for: id, class: `mark-box mark-${o.kind}` }, input, face, words));
    }
    // The missing-choice error comes first in its card, so that it is on screen with the first box.
    fs.append(error, grid, note);
    const update = () => {
      const outcome = optionForMarks(contest, marksOf(fs));
      note.textContent = outcomeText(contest, outcome);
      note.dataset.outcome = outcome.kind;
      if (outcome.kind !== 'none') error.hidden = true;
    };
    fs.addEventListener('change', () => {
      update();
      onChange();
    });
    update();
    box.append(fs);
  });
  return { marks: (contestId) => marksOf(box.querySelector<HTMLElement>(`fieldset[data-contest="${CSS.escape(contestId)}"]`)!) };
}

function marksOf(fs: HTMLElement): string[] {
  return Array.from(fs.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked'), (i) => i.value);
}
