/**
 * Cardinal numbers in Spanish words, as an acta writes vote counts "con letra"
 * (e.g. 123 → "ciento veintitrés"). Rules (RAE, Mexican usage):
 *  - 100 alone is "cien"; 101–199 start with "ciento".
 *  - 16–29 are one word ("dieciséis", "veintitrés"); 31–99 are "treinta y uno", ….
 *  - "uno" shortens to "un" before "mil" and "millón/millones"
 *    ("veintiún mil", "ciento un mil", "un millón"); 1000 is "mil", never "un mil".
 * Range: 0 to 999 999 999 999 (below one "billón", 10^12), far above any vote count.
 */

export const MAX_SPANISH_NUMBER = 999_999_999_999;

const UNITS = ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'];
const TEENS = ['diez', 'once', 'doce', 'trece', 'catorce', 'quince', 'dieciséis', 'diecisiete', 'dieciocho', 'diecinueve'];
const TWENTIES = ['veinte', 'veintiuno', 'veintidós', 'veintitrés', 'veinticuatro', 'veinticinco', 'veintiséis', 'veintisiete', 'veintiocho', 'veintinueve'];
const TENS = ['', '', '', 'treinta', 'cuarenta', 'cincuenta', 'sesenta', 'setenta', 'ochenta', 'noventa'];
const HUNDREDS = ['', 'ciento', 'doscientos', 'trescientos', 'cuatrocientos', 'quinientos', 'seiscientos', 'setecientos', 'ochocientos', 'novecientos'];

/** Words for 1..99. */
function belowHundred(n: number): string {
  if (n < 10) return UNITS[n];
  if (n < 20) return TEENS[n - 10];
  if (n < 30) return TWENTIES[n - 20];
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  return unit === 0 ? TENS[tens] : `${TENS[tens]} y ${UNITS[unit]}`;
}

/** Words for 1..999. */
function belowThousand(n: number): string {
  if (n === 100) return 'cien';
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(HUNDREDS[hundreds]);
  if (rest > 0) parts.push(belowHundred(rest));
  return parts.join(' ');
}

/** A group that multiplies "mil" or "millones": a final "uno" becomes "un" ("veintiuno" → "veintiún"). */
function apocopated(n: number): string {
  const words = belowThousand(n);
  if (words.endsWith('veintiuno')) return `${words.slice(0, -'veintiuno'.length)}veintiún`;
  if (words.endsWith('uno')) return `${words.slice(0, -1)}`;
  return words;
}

/** Words for 0..999 999 (the part below one million). */
function belowMillion(n: number): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (thousands === 1) parts.push('mil');
  else if (thousands > 1) parts.push(`${apocopated(thousands)} mil`);
  if (rest > 0) parts.push(belowThousand(rest));
  return parts.join(' ');
}

export function spanishNumberWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n > MAX_SPANISH_NUMBER) {
    throw new RangeError(`spanishNumberWords: expected an integer from 0 to ${MAX_SPANISH_NUMBER}, got ${String(n)}`);
  }
  if (n === 0) return 'cero';
  const millions = Math.floor(n / 1_000_000);
  const rest = n % 1_000_000;
  const parts: string[] = [];
  if (millions === 1) parts.push('un millón');
  else if (millions > 1) {
    // Up to 999 999 millions: "mil millones", "veintiún millones", "dos mil trescientos un millones".
    parts.push(`${apocopatedBelowMillion(millions)} millones`);
  }
  if (rest > 0) parts.push(belowMillion(rest));
  return parts.join(' ');
}

/** Like belowMillion, but the last group multiplies "millones", so its final "uno" shortens. */
function apocopatedBelowMillion(n: number): string {
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (thousands === 1) parts.push('mil');
  else if (thousands > 1) parts.push(`${apocopated(thousands)} mil`);
  if (rest > 0) parts.push(apocopated(rest));
  return parts.join(' ');
}
