/**
 * Message catalogs: every text a person reads, in Spanish (es-MX, the default) and English,
 * side by side. One catalog per surface, each in src/messages/<surface>.messages.ts and listed
 * in src/messages/all-catalogs.ts; code outside those files holds keys, never text pairs
 * (test/messages/catalogs.spec.ts checks both rules).
 *
 * A message is either two fixed texts or two templates over the same parameters, built with
 * template(example, {es, en}); the example documents the parameters and lets the test render
 * every template. A missing language is a type error here and a failure in the test.
 *
 * Pure TypeScript with no Node built-ins and no framework: the browser bundles import it.
 */

export const LANGUAGES = ['es', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The same text in both languages, rendered. */
export interface Bilingual {
  es: string;
  en: string;
}

/** A message whose text is built from parameters `P`. */
export interface TemplateMessage<P> {
  readonly es: (params: P) => string;
  readonly en: (params: P) => string;
  /** Sample parameters: what the template expects, and what the catalog test renders. */
  readonly example: P;
}

/** One entry of a catalog: two fixed texts, or a template in both languages. */
export type Message =
  | Readonly<Bilingual>
  // `never` as the parameter type accepts templates over any parameters.
  | { readonly es: (params: never) => string; readonly en: (params: never) => string; readonly example: unknown };

export type Catalog = Readonly<Record<string, Message>>;

/** Declares a catalog; the type checks every entry has both languages and keeps the keys. */
export function defineCatalog<const C extends Catalog>(catalog: C): C {
  return catalog;
}

/** A template message: `template({ n: 2 }, { es: ({ n }) => `${n} votos`, en: ({ n }) => `${n} votes` })`.
 * The parameters' type comes from the example (or an explicit type argument). */
export function template<P>(example: P, texts: { es: (params: P) => string; en: (params: P) => string }): TemplateMessage<P> {
  return { es: texts.es, en: texts.en, example };
}

export type MessageKey<C extends Catalog> = keyof C & string;

/** The arguments a key needs after its name: its parameters for a template, nothing otherwise. */
export type ParamArgs<M> = M extends { readonly es: (params: infer P) => string } ? [params: P] : [];

function render(message: Message, lang: Language, params: unknown): string {
  const value = message[lang] as string | ((p: unknown) => string);
  return typeof value === 'function' ? value(params) : value;
}

/** The text of `key` in `lang`. */
export function text<C extends Catalog, K extends MessageKey<C>>(catalog: C, key: K, lang: Language, ...params: ParamArgs<C[K]>): string {
  return render(catalog[key], lang, params[0]);
}

/** The text of `key` in both languages. */
export function pair<C extends Catalog, K extends MessageKey<C>>(catalog: C, key: K, ...params: ParamArgs<C[K]>): Bilingual {
  return { es: render(catalog[key], 'es', params[0]), en: render(catalog[key], 'en', params[0]) };
}

/** How a text printed in both languages is joined (Spanish first unless told otherwise). */
export const BOTH_SEPARATOR = ' / ';

/** "es / en" for a pair already rendered ("en / es" with first = 'en'). */
export function joinBoth(p: Bilingual, first: Language = 'es'): string {
  return first === 'es' ? `${p.es}${BOTH_SEPARATOR}${p.en}` : `${p.en}${BOTH_SEPARATOR}${p.es}`;
}

/** The text of `key` as "es / en", where one line serves readers of either language. */
export function both<C extends Catalog, K extends MessageKey<C>>(catalog: C, key: K, ...params: ParamArgs<C[K]>): string {
  return joinBoth(pair(catalog, key, ...params));
}

/** For keys known only at run time (e.g. data-i18n attributes): the text, or undefined. */
export function lookup(catalog: Catalog, key: string, lang: Language): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(catalog, key)) return undefined;
  const message = catalog[key];
  return typeof message[lang] === 'string' ? (message[lang] as string) : undefined;
}

/** A catalog's functions bound to it: `const m = messagesOf(cat); m.pair('key')`. */
export interface Messages<C extends Catalog> {
  readonly catalog: C;
  text<K extends MessageKey<C>>(key: K, lang: Language, ...params: ParamArgs<C[K]>): string;
  pair<K extends MessageKey<C>>(key: K, ...params: ParamArgs<C[K]>): Bilingual;
  both<K extends MessageKey<C>>(key: K, ...params: ParamArgs<C[K]>): string;
}

export function messagesOf<C extends Catalog>(catalog: C): Messages<C> {
  return {
    catalog,
    text: (key, lang, ...params) => text(catalog, key, lang, ...params),
    pair: (key, ...params) => pair(catalog, key, ...params),
    both: (key, ...params) => both(catalog, key, ...params),
  };
}
