/** Printed wording shared by the PDFs: scopes, entities, contest titles, in Spanish with English. */
import { entityLabel, type ContestEntity, type Scope } from '../document-types';

export const SCOPE_LABEL: Record<Scope, { es: string; en: string }> = {
  federal: { es: 'Federal', en: 'Federal' },
  local: { es: 'Local', en: 'Local' },
};

export function entityText(entity: ContestEntity): { es: string; en?: string } {
  return entity === 'national' ? { es: 'Nacional', en: 'Nationwide' } : { es: entityLabel(entity) };
}

/** e.g. "Federal · Senaduría · 14 Jalisco". */
export function contestTitle(c: { scope: Scope; office: string; entity: ContestEntity }): string {
  return `${SCOPE_LABEL[c.scope].es} · ${c.office} · ${entityText(c.entity).es}`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
