/**
 * Every surface's message catalog, by surface name. test/messages/catalogs.spec.ts checks each
 * one (both languages for every key, templates render their examples). A new surface's
 * catalog (e.g. the voter API) is src/messages/<surface>.messages.ts, added here.
 */
import { boardMessages } from './board.messages';
import { boothMessages } from './booth.messages';
import type { Catalog } from './catalog';
import { cliMessages } from './cli.messages';
import { documentMessages } from './documents.messages';
import { voterMessages } from './voter-messages.messages';

export const ALL_CATALOGS = {
  /** The voter's booth: bulletin-board-web/public/booth.html and src/booth.ts. */
  booth: boothMessages,
  /** The public bulletin board: bulletin-board-web/public/index.html and src/board.ts. */
  board: boardMessages,
  /** The official documents and their PDFs: src/documents. */
  documents: documentMessages,
  /** The officials' console (urna, simulacro) and the typed errors of set-up, ceremony, roll,
   * tokens, closing, tally and preservation: src/cli, src/setup, src/ceremony, src/roll, src/hsm,
   * src/closing, src/tally, src/preservation, src/simulacro. */
  cli: cliMessages,
  /** What voters receive (credential e-mail, one-time-code SMS) and the senders' errors: src/messaging. */
  voterMessages: voterMessages,
} satisfies Record<string, Catalog>;

export type Surface = keyof typeof ALL_CATALOGS;
