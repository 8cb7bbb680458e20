/**
 * The voting window's instants and time zone. The manual writes each instant with its UTC
 * offset ("2024-05-20T20:00:00-06:00") so that it means one moment whatever the reader's
 * zone; the named time zone is how officials and voters see it. Uses only `Intl` and `Date`,
 * which the browser and Node both have.
 */

const RFC3339_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export interface ParsedInstant {
  /** Milliseconds since the epoch. */
  epochMs: number;
  /** The written offset in minutes east of UTC (Z = 0). */
  offsetMinutes: number;
}

/** Parses an RFC 3339 date-time that carries an explicit offset; undefined if it is not one. */
export function parseInstant(text: string): ParsedInstant | undefined {
  const m = RFC3339_WITH_OFFSET.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, , off] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const epochMs = Date.parse(text);
  if (Number.isNaN(epochMs)) return undefined;
  // Date.parse rolls "2024-02-30" over to March; reject dates that do not exist.
  const local = new Date(Date.UTC(Number(y), month - 1, day));
  if (local.getUTCDate() !== day) return undefined;
  const offsetMinutes = off === 'Z' ? 0 : (off.startsWith('-') ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
  return { epochMs, offsetMinutes };
}

/** The same instant in UTC, second precision: "2024-05-21T02:00:00Z". */
export function toUtcText(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** True if `Intl` knows the IANA zone name. */
export function isKnownTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's UTC offset, in minutes east, at that instant (daylight saving included). */
export function zoneOffsetMinutes(zone: string, epochMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(new Date(epochMs));
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /^GMT(?:([+-])(\d{2}):?(\d{2})?)?$/.exec(name);
  if (!m || !m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0'));
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
