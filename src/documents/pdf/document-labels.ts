/**
 * Printed wording shared by the PDFs: the documents' catalog bound for use
 * (src/messages/documents.messages.ts holds every text), scopes, entities, and table cells
 * made from catalog texts (Spanish, English beneath).
 */
import { messagesOf, type Bilingual } from '../../messages/catalog';
import { documentMessages } from '../../messages/documents.messages';
import { entityLabel, type ContestEntity, type Scope } from '../document-types';
import type { Cell } from './pdf-frame';

/** The documents' catalog: msg.pair('heading.general'), msg.text('acta.basis', 'es'), … */
export const msg = messagesOf(documentMessages);

export function scopeLabel(scope: Scope): Bilingual {
  return msg.pair(`scope.${scope}`);
}

/** A contest's entity as printed: "Nacional" (English "Nationwide"), or "14 Jalisco" (a name, in Spanish only). */
export function entityText(entity: ContestEntity): { es: string; en?: string } {
  return entity === 'national' ? msg.pair('entity.national') : { es: entityLabel(entity) };
}

/** Keys of the fixed (parameterless) texts of the documents' catalog. */
export type FixedKey = { [K in keyof typeof documentMessages]: (typeof documentMessages)[K] extends { es: string } ? K : never }[keyof typeof documentMessages];

/** A table cell holding a catalog text: Spanish, English beneath. */
export function labelCell(key: FixedKey, style: Omit<Cell, 'text' | 'en'> = {}): Cell {
  const text = msg.pair(key);
  return { text: text.es, en: text.en, ...style };
}
