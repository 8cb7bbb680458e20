/**
 * The order of contests in the acta (lineamientos numeral 37: "ordenando los datos por ámbito
 * y tipo de elección, y por entidad federativa"): scope (federal, then local), then the type
 * of election in the fixed office order below, then entity code (a national contest comes
 * before "01"), then contest id so that the order is total.
 */
import type { ContestEntity, Scope } from './document-types';

/** Types of election in acta order; each entry lists the normalized names (lowercase, no
 * accents) of one office. An office matches the longest name its normalized form equals or
 * starts with, so "Diputación Migrante" is not taken for "Diputación" and "Presidencia
 * Municipal" is not taken for "Presidencia". */
export const OFFICE_ORDER: readonly (readonly string[])[] = [
  ['presidencia de la republica', 'presidencia'],
  ['senaduria'],
  ['diputacion federal', 'diputacion'],
  ['gubernatura'],
  ['jefatura de gobierno'],
  ['diputacion migrante'],
  ['diputacion local'],
  ['presidencia municipal', 'ayuntamiento'],
  ['alcaldia'],
  ['regiduria'],
  ['sindicatura'],
];

const SCOPE_ORDER: Record<Scope, number> = { federal: 0, local: 1 };

export function normalizeOffice(office: string): string {
  return office.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Position of an office in OFFICE_ORDER; offices not listed come after all listed ones. */
export function officeRank(office: string): number {
  const name = normalizeOffice(office);
  let best = -1;
  let bestLength = -1;
  OFFICE_ORDER.forEach((names, index) => {
    for (const entry of names) {
      const matches = name === entry || name.startsWith(`${entry} `);
      if (matches && entry.length > bestLength) {
        best = index;
        bestLength = entry.length;
      }
    }
  });
  return best === -1 ? OFFICE_ORDER.length : best;
}

export interface OrderableContest {
  contestId: string;
  scope: Scope;
  office: string;
  entity: ContestEntity;
}

function entityKey(entity: ContestEntity): string {
  return entity === 'national' ? '' : entity.code;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareContests(a: OrderableContest, b: OrderableContest): number {
  return (
    SCOPE_ORDER[a.scope] - SCOPE_ORDER[b.scope] ||
    officeRank(a.office) - officeRank(b.office) ||
    compareText(normalizeOffice(a.office), normalizeOffice(b.office)) ||
    compareText(entityKey(a.entity), entityKey(b.entity)) ||
    compareText(a.contestId, b.contestId)
  );
}

export function sortContests<T extends OrderableContest>(contests: readonly T[]): T[] {
  return [...contests].sort(compareContests);
}
