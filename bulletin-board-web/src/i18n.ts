/**
 * The page's language (Spanish es-MX by default, or English) and the translator each page
 * builds over its catalog. The texts themselves live in the catalogs: the board's in
 * src/messages/board.messages.ts, the booth's in src/messages/booth.messages.ts, the ones
 * both pages share in src/messages/web.messages.ts.
 */
import { lookup, text, type Catalog, type Language, type MessageKey, type ParamArgs } from '../../src/messages/catalog';

export type { Language };

let current: Language = detect();

function detect(): Language {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem('urna.lang') : null;
  return saved === 'en' ? 'en' : 'es';
}

export function language(): Language {
  return current;
}

export function setLanguage(lang: Language): void {
  current = lang;
  if (typeof localStorage !== 'undefined') localStorage.setItem('urna.lang', lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang === 'es' ? 'es-MX' : 'en';
}

export interface Translator<C extends Catalog> {
  /** The text of `key` in the page's current language. */
  t<K extends MessageKey<C>>(key: K, ...params: ParamArgs<C[K]>): string;
  /** For a key built at run time: its text, Spanish when the language lacks it, else the key itself. */
  tKey(key: string): string;
  /** Fills every element carrying data-i18n="key" with the current language's text. */
  translatePage(root?: ParentNode): void;
}

export function translator<C extends Catalog>(catalog: C): Translator<C> {
  const tKey = (key: string) => lookup(catalog, key, current) ?? lookup(catalog, key, 'es') ?? key;
  return {
    t: (key, ...params) => text(catalog, key, current, ...params),
    tKey,
    translatePage(root: ParentNode = document) {
      root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
        el.textContent = tKey(el.dataset.i18n ?? '');
      });
    },
  };
}
