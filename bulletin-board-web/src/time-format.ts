/**
 * Instants as people in the election read them: in the election's time zone (Mexico City unless
 * the manifest says otherwise), with the zone and its UTC offset written out, because voters
 * abroad live in other zones and "18:00" alone would mislead them.
 */
import type { Language } from './i18n';

export const ELECTION_TIME_ZONE = 'America/Mexico_City';

const locale = (lang: Language) => (lang === 'es' ? 'es-MX' : 'en-US');

/** "UTC−06:00" for the zone at that instant. */
export function utcOffset(at: Date, timeZone = ELECTION_TIME_ZONE): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const offset = part.replace(/^GMT/, '');
  return `UTC${offset ? offset.replace('-', '\u2212') : '+00:00'}`;
}

/** Date and time in the zone, without the zone's name (the caller adds zoneLabel once). */
export function formatDateTime(iso: string | Date, lang: Language, timeZone = ELECTION_TIME_ZONE): string {
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short', timeZone, hourCycle: 'h23' }).format(at);
}

export function formatTime(iso: string | Date, lang: Language, timeZone = ELECTION_TIME_ZONE, seconds = false): string {
  const at = typeof iso === 'string' ? new Date(iso) : iso;
  return new Intl.DateTimeFormat(locale(lang), { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), timeZone, hourCycle: 'h23' }).format(at);
}

/** A short axis label for an hour: "3 jun 14h". */
export function formatHourLabel(iso: string, lang: Language, timeZone = ELECTION_TIME_ZONE): string {
  const at = new Date(iso);
  const day = new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', timeZone }).format(at);
  const hour = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone }).format(at);
  return `${day} ${hour}h`;
}

export function formatNumber(n: number, lang: Language): string {
  return n.toLocaleString(locale(lang));
}

export function formatPercent(part: number, whole: number, lang: Language): string {
  if (!whole) return '—';
  // A no-break space keeps "15.00 %" on one line.
  return `${((100 * part) / whole).toLocaleString(locale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0%`;
}
