/**
 * Catalog of the texts both web pages share (bulletin board and booth): the language switch,
 * generic and network errors, the tracking code's name. Not a surface of its own: the board
 * and booth catalogs (board.messages.ts, booth.messages.ts) include it whole, so each page's
 * catalog holds every key that page shows.
 */
import { defineCatalog } from './catalog';

export const webMessages = defineCatalog({
  'lang.switch': { es: 'English', en: 'Español' },
  'error.generic': { es: 'Ocurrió un error', en: 'An error occurred' },
  'receipt.code': { es: 'Código de seguimiento', en: 'Tracking code' },
  'error.network': { es: 'No se pudo contactar al servidor. Revise su conexión e intente de nuevo.', en: 'The server could not be reached. Check your connection and try again.' },
});
