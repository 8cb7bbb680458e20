/**
 * What every board page shows around its content: the authority and the election (name, phase,
 * voting period and deadline in the election's time zone with the zone written out; the actual
 * closing time after an early close), the language switch, and the footer with help, contact and
 * the privacy notice. Contact details come from the deployment (/api/board/about); what the
 * authority has not set shows as a visible placeholder, never as invented details.
 */
import { getJson } from './api';
import { t, tKey, translatePage } from './board-text';
import type { Contact, ElectionSummary } from './board-types';
import { byId, el } from './dom';
import { language, setLanguage } from './i18n';
import { ELECTION_TIME_ZONE, formatDateTime, utcOffset } from './time-format';

let contact: Contact = {};
let election: ElectionSummary | undefined;

export const currentElection = () => election;
export const zoneOf = (e = election) => e?.timezone || ELECTION_TIME_ZONE;

/** An instant as "3 jun 2024, 18:00 (hora de la Ciudad de México, UTC−06:00)". */
export function instantText(iso: string, e = election): string {
  const zone = zoneOf(e);
  return `${formatDateTime(iso, language(), zone)} (${t('banner.zone', { offset: utcOffset(new Date(iso), zone) })})`;
}

export async function loadElection(): Promise<ElectionSummary | undefined> {
  try {
    election = await getJson<ElectionSummary>('/api/board/election');
  } catch {
    election = undefined;
  }
  renderBanner();
  return election;
}

function renderBanner(): void {
  const banner = document.getElementById('election-banner');
  if (!banner) return;
  if (!election) {
    banner.replaceChildren(el('p', { class: 'muted' }, t('banner.noElection')));
    return;
  }
  const e = election;
  const facts = el('dl', { class: 'banner-facts' });
  const add = (label: string, value: string, id?: string) => facts.append(el('div', {}, el('dt', {}, label), el('dd', id ? { id } : {}, value)));
  if (e.votingOpensAt && e.votingClosesAt) {
    add(t('banner.period'), `${formatDateTime(e.votingOpensAt, language(), zoneOf())} — ${formatDateTime(e.votingClosesAt, language(), zoneOf())}`);
  }
  if (e.closedAt) add(t('banner.closedAt'), instantText(e.closedAt), 'banner-deadline');
  else if (e.votingClosesAt) add(t('banner.deadline'), instantText(e.votingClosesAt), 'banner-deadline');
  banner.replaceChildren(
    el('p', { class: 'election-name', id: 'election-name' }, e.name ?? e.electionId),
    el('p', {}, el('span', { class: `phase phase-${e.phase}`, id: 'election-phase' }, tKey(`phase.${e.phase}`))),
    facts,
  );
}

function renderFooter(): void {
  const footer = document.getElementById('site-footer');
  if (!footer) return;
  const contactItems: (Node | string)[] = [];
  if (contact.email) contactItems.push(el('li', {}, el('a', { href: `mailto:${contact.email}` }, contact.email)));
  if (contact.phone) contactItems.push(el('li', {}, el('a', { href: `tel:${contact.phone.replace(/[^+0-9]/g, '')}` }, contact.phone)));
  if (contact.url) contactItems.push(el('li', {}, el('a', { href: contact.url, rel: 'noopener' }, contact.url)));
  footer.replaceChildren(
    el('section', { 'aria-labelledby': 'footer-help' }, el('h2', { id: 'footer-help' }, t('footer.help')), el('p', {}, t('footer.helpText'))),
    el('section', { 'aria-labelledby': 'footer-contact' },
      el('h2', { id: 'footer-contact' }, t('footer.contact')),
      el('p', {}, contact.authority ?? t('authority.placeholder')),
      contactItems.length ? el('ul', { class: 'links' }, ...contactItems) : el('p', { class: 'placeholder' }, t('footer.contactPlaceholder'))),
    el('section', { 'aria-labelledby': 'footer-privacy' },
      el('h2', { id: 'footer-privacy' }, t('footer.privacy')),
      el('p', {}, t('footer.privacyText')),
      ...(contact.privacyUrl ? [el('p', {}, el('a', { href: contact.privacyUrl, rel: 'noopener' }, t('footer.privacyLink')))] : [])),
  );
  const authority = document.getElementById('authority-name');
  if (authority) authority.textContent = contact.authority ?? t('authority.placeholder');
}

function pageTitle(): string {
  const key = document.body.dataset.titleKey;
  return key ? `${tKey(key)} — Urna` : t('site.title');
}

/** Sets up the page's frame; `onLanguage` redraws the page's own content after a switch. */
function translateLabels(): void {
  document.querySelectorAll<HTMLElement>('[data-i18n-aria]').forEach((node) => node.setAttribute('aria-label', tKey(node.dataset.i18nAria ?? '')));
  // The switch is written in the other language: say so, for screen readers' pronunciation.
  byId('lang').setAttribute('lang', language() === 'es' ? 'en' : 'es-MX');
}

export async function initLayout(onLanguage: () => void): Promise<void> {
  setLanguage(language());
  translatePage();
  translateLabels();
  const langButton = byId<HTMLButtonElement>('lang');
  langButton.addEventListener('click', () => {
    setLanguage(language() === 'es' ? 'en' : 'es');
    translatePage();
    translateLabels();
    document.title = pageTitle();
    renderBanner();
    renderFooter();
    onLanguage();
    langButton.focus(); // focus stays where the person was
  });
  document.title = pageTitle();
  try {
    contact = await getJson<Contact>('/api/board/about');
  } catch {
    contact = {};
  }
  renderFooter();
  await loadElection();
}
