/**
 * Every message catalog (src/messages/all-catalogs.ts): each key has non-empty Spanish and
 * English, both fixed texts or both templates; templates render their examples; Spanish and
 * English differ except for the few words spelled alike (listed below); each web page's
 * data-i18n keys exist in its catalog.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CATALOGS } from '../../src/messages/all-catalogs';
import { LANGUAGES, both, defineCatalog, joinBoth, pair, template, text, type Catalog } from '../../src/messages/catalog';

/** Keys whose text is the same in both languages on purpose, as "surface:key". */
const SAME_IN_BOTH = new Set([
  'documents:scope.federal',
  'documents:scope.local',
  'documents:acta.copy.original',
  'documents:acta.column.total',
  'documents:manifest.column.bytes',
  'documents:manifest.column.sha256',
]);

/** What is wrong with a catalog (checked at run time; the types reject most of it too). */
function catalogProblems(catalog: Catalog, allowSame: (key: string) => boolean = () => false): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(catalog)) {
    const message = catalog[key] as unknown as Record<string, unknown>;
    const extra = Object.keys(message).filter((k) => !['es', 'en', 'example'].includes(k));
    if (extra.length > 0) problems.push(`${key}: unexpected fields ${extra.join(', ')}`);
    const kinds = LANGUAGES.map((lang) => typeof message[lang]);
    if (kinds.some((k) => k !== 'string' && k !== 'function')) {
      problems.push(`${key}: needs a text in ${LANGUAGES.join(' and ')}, has ${LANGUAGES.map((l, i) => `${l}: ${kinds[i]}`).join(', ')}`);
      continue;
    }
    if (kinds[0] !== kinds[1]) {
      problems.push(`${key}: one language is a template and the other a fixed text`);
      continue;
    }
    if (kinds[0] === 'function' && !('example' in message)) {
      problems.push(`${key}: a template needs example parameters`);
      continue;
    }
    if (kinds[0] === 'string' && 'example' in message) problems.push(`${key}: a fixed text has example parameters`);
    const rendered = LANGUAGES.map((lang) => {
      const value = message[lang];
      try {
        return typeof value === 'function' ? String((value as (p: unknown) => unknown)(message.example)) : String(value);
      } catch (err) {
        problems.push(`${key} (${lang}): the template throws on its example: ${(err as Error).message}`);
        return '';
      }
    });
    rendered.forEach((r, i) => {
      if (r.trim() === '') problems.push(`${key} (${LANGUAGES[i]}): empty text`);
      if (/\bundefined\b|\bNaN\b|\[object Object\]/.test(r)) problems.push(`${key} (${LANGUAGES[i]}): renders "${r}"`);
      if (r !== r.trim()) problems.push(`${key} (${LANGUAGES[i]}): leading or trailing blank`);
    });
    if (rendered[0] === rendered[1] && !allowSame(key)) problems.push(`${key}: Spanish and English are the same ("${rendered[0]}")`);
  }
  return problems;
}

describe('message catalogs', () => {
  const surfaces = Object.entries(ALL_CATALOGS);

  it('lists the surfaces', () => {
    expect(Object.keys(ALL_CATALOGS)).toEqual(expect.arrayContaining(['booth', 'board', 'documents', 'cli', 'voterMessages', 'voterApi', 'domain']));
  });

  it.each(surfaces)('%s: every key has Spanish and English, templates render their examples', (surface, catalog) => {
    expect(Object.keys(catalog).length).toBeGreaterThan(0);
    expect(catalogProblems(catalog, (key) => SAME_IN_BOTH.has(`${surface}:${key}`))).toEqual([]);
  });

  it('lists as alike in both languages only keys that exist and are alike', () => {
    for (const entry of SAME_IN_BOTH) {
      const [surface, key] = entry.split(':') as [keyof typeof ALL_CATALOGS, string];
      const message = (ALL_CATALOGS[surface] as Catalog)[key];
      expect({ entry, exists: message !== undefined }).toEqual({ entry, exists: true });
      expect(message.es).toBe(message.en);
    }
  });

  it('rejects a missing language, a mixed entry and a template without example: in the types and at run time', () => {
    // @ts-expect-error: a message needs both languages
    defineCatalog({ onlySpanish: { es: 'Hola' } });
    // @ts-expect-error: both languages are templates or both are fixed texts
    defineCatalog({ mixed: { es: 'Hola', en: (p: { n: number }) => `Hi ${p.n}` } });
    // @ts-expect-error: a template needs its example parameters
    defineCatalog({ noExample: { es: (p: { n: number }) => `${p.n} votos`, en: (p: { n: number }) => `${p.n} votes` } });
    const broken: Record<string, unknown> = {
      onlySpanish: { es: 'Hola' },
      mixed: { es: 'Hola', en: (p: { n: number }) => `Hi ${p.n}` },
      noExample: { es: (p: { n: number }) => `${p.n} votos`, en: (p: { n: number }) => `${p.n} votes` },
      emptyEnglish: { es: 'Hola', en: '' },
      same: { es: 'Total', en: 'Total' },
      badTemplate: template({ n: 1 }, { es: ({ n }) => `${n} votos`, en: () => String(undefined) }),
    };
    expect(catalogProblems(broken as Catalog)).toEqual([
      'onlySpanish: needs a text in es and en, has es: string, en: undefined',
      'mixed: one language is a template and the other a fixed text',
      'noExample: a template needs example parameters',
      'emptyEnglish (en): empty text',
      'same: Spanish and English are the same ("Total")',
      'badTemplate (en): renders "undefined"',
    ]);
  });

  it('renders a key in one language, both, or "es / en"', () => {
    const catalog = defineCatalog({
      hello: { es: 'Hola', en: 'Hello' },
      votes: template({ n: 2 }, { es: ({ n }) => `${n} votos`, en: ({ n }) => `${n} votes` }),
    });
    expect(text(catalog, 'hello', 'en')).toBe('Hello');
    expect(text(catalog, 'votes', 'es', { n: 3 })).toBe('3 votos');
    expect(pair(catalog, 'votes', { n: 1 })).toEqual({ es: '1 votos', en: '1 votes' });
    expect(both(catalog, 'hello')).toBe('Hola / Hello');
    expect(joinBoth({ es: 'Hola', en: 'Hello' }, 'en')).toBe('Hello / Hola');
    // @ts-expect-error: an unknown key
    expect(() => text(catalog, 'bye', 'es')).toThrow();
    // @ts-expect-error: a template needs its parameters
    expect(() => text(catalog, 'votes', 'es')).toThrow();
    // @ts-expect-error: a fixed text takes none
    expect(text(catalog, 'hello', 'es', { n: 1 })).toBe('Hola');
  });

  const pages: [string, keyof typeof ALL_CATALOGS][] = [
    ['index.html', 'board'],
    ['booth.html', 'booth'],
    // The audited-ballot page translates with the booth's catalog (which holds the board's).
    ['verificar.html', 'booth'],
  ];
  it.each(pages)('bulletin-board-web/public/%s: every data-i18n key is in the %s catalog', (page, surface) => {
    const html = readFileSync(join(__dirname, '../../bulletin-board-web/public', page), 'utf8');
    const keys = [...html.matchAll(/data-i18n="([^"]+)"/g)].map((m) => m[1]);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => !(k in ALL_CATALOGS[surface]))).toEqual([]);
  });
});
