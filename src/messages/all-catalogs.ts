/**
 * Every surface's message catalog, by surface name. test/messages/catalogs.spec.ts checks each
 * one (both languages for every key, templates render their examples). A new surface's
 * catalog (voter API, CLI) is src/messages/<surface>.messages.ts, added here.
 */
import { boardMessages } from './board.messages';
import { boothMessages } from './booth.messages';
import type { Catalog } from './catalog';
import { documentMessages } from './documents.messages';

export const ALL_CATALOGS = {
  /** The voter's booth: bulletin-board-web/public/booth.html and src/booth.ts. */
  booth: boothMessages,
  /** The public bulletin board: bulletin-board-web/public/index.html and src/board.ts. */
  board: boardMessages,
  /** The official documents and their PDFs: src/documents. */
  documents: documentMessages,
} satisfies Record<string, Catalog>;

export type Surface = keyof typeof ALL_CATALOGS;
