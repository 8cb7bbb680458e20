import { randomBelow, type RandomSource } from '../domain/roll/random-source';
import { ELECTRONIC_MODALITY, ROLL_CSV_COLUMNS, type Sex, type VoterRecord } from '../domain/roll/voter-record';

/**
 * A synthetic voter roll for simulacros: deterministic for a seeded RandomSource, and
 * obviously fake (names "Votante Simulado N", e-mails at simulacro.example.invalid — the
 * .invalid TLD never resolves — and +1 555 phone numbers, elector keys starting with SIM).
 *
 * Shares are met exactly, not just on average: each country's and each entity's count is its
 * share of the size rounded by largest remainder, then the assignment is shuffled.
 */
export const DEFAULT_COUNTRY_SHARES: Record<string, number> = {
  USA: 0.86, CAN: 0.04, ESP: 0.025, DEU: 0.015, FRA: 0.012, GBR: 0.012, CHL: 0.006, ARG: 0.005, AUS: 0.005, other: 0.02,
};

/** Where "other" residents live (drawn uniformly). */
export const OTHER_COUNTRIES = ['ITA', 'NLD', 'CHE', 'BRA', 'COL', 'JPN', 'SWE', 'BEL', 'IRL', 'NZL'];

/** Entity of origin weighted towards the states with the largest diaspora; the other 24
 * entities share the remaining 28 % equally. */
export const HEAVY_ENTITY_SHARES: Record<string, number> = {
  '14': 0.15, // Jalisco
  '16': 0.12, // Michoacán
  '11': 0.11, // Guanajuato
  '09': 0.1, // Ciudad de México
  '32': 0.06, // Zacatecas
  '12': 0.06, // Guerrero
  '21': 0.06, // Puebla
  '20': 0.06, // Oaxaca
};

export function defaultEntityShares(entityCodes: readonly string[]): Record<string, number> {
  const heavyTotal = Object.values(HEAVY_ENTITY_SHARES).reduce((a, b) => a + b, 0);
  const rest = entityCodes.filter((c) => !(c in HEAVY_ENTITY_SHARES));
  const shares: Record<string, number> = {};
  for (const c of entityCodes) shares[c] = HEAVY_ENTITY_SHARES[c] ?? (1 - heavyTotal) / rest.length;
  return shares;
}

export interface SyntheticRollOptions {
  size: number;
  random: RandomSource;
  entityCodes: readonly string[];
  countryShares?: Record<string, number>;
  entityShares?: Record<string, number>;
  /** Voters are 18 to 80 years old in this year. Default 2024. */
  referenceYear?: number;
}

/** Counts per key whose sum is exactly `size` (largest remainder; ties by key order). */
export function apportion(size: number, shares: Record<string, number>): Map<string, number> {
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  const keys = Object.keys(shares).sort();
  const exact = keys.map((k) => ({ k, q: (shares[k] / total) * size }));
  const counts = new Map(exact.map(({ k, q }) => [k, Math.floor(q)]));
  let left = size - [...counts.values()].reduce((a, b) => a + b, 0);
  const byRemainder = [...exact].sort((a, b) => b.q - Math.floor(b.q) - (a.q - Math.floor(a.q)) || (a.k < b.k ? -1 : 1));
  for (const { k } of byRemainder) {
    if (left-- <= 0) break;
    counts.set(k, counts.get(k)! + 1);
  }
  return counts;
}

function shuffledAssignment(size: number, shares: Record<string, number>, random: RandomSource): string[] {
  const out: string[] = [];
  for (const [k, n] of apportion(size, shares)) for (let i = 0; i < n; i++) out.push(k);
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomBelow(random, i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function generateSyntheticRoll(options: SyntheticRollOptions): VoterRecord[] {
  const { size, random } = options;
  if (!Number.isInteger(size) || size < 0 || size > 17_576_000) throw new RangeError(`size out of range: ${size}`);
  const referenceYear = options.referenceYear ?? 2024;
  const countries = shuffledAssignment(size, options.countryShares ?? DEFAULT_COUNTRY_SHARES, random);
  const entities = shuffledAssignment(size, options.entityShares ?? defaultEntityShares(options.entityCodes), random);
  const voters: VoterRecord[] = [];
  for (let i = 0; i < size; i++) {
    const n = i + 1;
    const country = countries[i] === 'other' ? OTHER_COUNTRIES[randomBelow(random, OTHER_COUNTRIES.length)] : countries[i];
    const entity = entities[i];
    const sexDraw = randomBelow(random, 1000);
    const sex: Sex = sexDraw < 5 ? 'X' : sexDraw < 505 ? 'M' : 'H';
    const birthYear = referenceYear - 18 - randomBelow(random, 63);
    const month = 1 + randomBelow(random, 12);
    const day = 1 + randomBelow(random, 28);
    // SIM + three letters and three digits from the index: unique for every voter.
    const block = Math.floor(i / 1000);
    const letters = LETTERS[Math.floor(block / 676) % 26] + LETTERS[Math.floor(block / 26) % 26] + LETTERS[block % 26];
    const electorKey = `SIM${letters}${pad(birthYear % 100, 2)}${pad(month, 2)}${pad(day, 2)}${entity}${sex}${pad(i % 1000, 3)}`;
    voters.push({
      electorKey,
      name: `Votante Simulado ${pad(n, 6)}`,
      entityOfOrigin: entity,
      countryOfResidence: country,
      email: `votante${pad(n, 6)}@simulacro.example.invalid`,
      mobilePhone: `+1555${pad(n, 7)}`,
      sex,
      birthYear,
    });
  }
  return voters;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The roll in the documented CSV format (header, CRLF line ends). */
export function rollToCsv(voters: readonly VoterRecord[]): string {
  const lines = [ROLL_CSV_COLUMNS.join(',')];
  for (const v of voters) {
    lines.push(
      [v.electorKey, v.name, v.entityOfOrigin, v.countryOfResidence, v.email, v.mobilePhone, v.sex, String(v.birthYear), ELECTRONIC_MODALITY]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
