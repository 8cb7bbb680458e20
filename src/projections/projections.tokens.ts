/** Injection tokens of the projections module. */
export const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');
/** The authority's contact details for the board's pages (board-contact.ts). */
export const BOARD_CONTACT = Symbol('BOARD_CONTACT');
