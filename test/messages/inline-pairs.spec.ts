/**
 * Texts people read live in the catalogs (src/messages/<surface>.messages.ts), not in code.
 * This scans the folders already migrated for what would bring them back (inline-text-scan.ts).
 * Add a surface's folders to SCANNED when its catalog lands.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findInlineText } from './inline-text-scan';

const ROOT = join(__dirname, '../..');
const SCANNED = [
  'bulletin-board-web/src',
  'src/documents',
  'src/messages',
  // The officials' console and the layers it drives (catalog: src/messages/cli.messages.ts).
  'src/cli',
  'src/setup',
  'src/ceremony',
  'src/tally',
  'src/hsm',
  'src/roll',
  'src/preservation',
  'src/closing',
  'src/simulacro',
  // What voters receive (catalog: src/messages/voter-messages.messages.ts).
  'src/messaging',
  // The voter API (catalog: src/messages/voter-api.messages.ts).
  'src/voting',
  'src/authentication',
  // The transparency log's read API (catalog: src/messages/log-api.messages.ts).
  'src/bulletin-board',
  // The pure domain: refusals, manual and roll-file issues, ceremony progress (catalog:
  // src/messages/domain.messages.ts).
  'src/domain',
  // What auditors read from `urna verify` (catalog: src/messages/verifier.messages.ts).
  'src/verifier',
  // Voters' credentials and the credential authority (catalog: src/messages/credentials.messages.ts).
  'src/credentials',
  // What a trustee reads at their own station (catalog: src/messages/trustee-station.messages.ts).
  'src/trustee-station',
  // Monitoring (catalog: src/messages/monitoring.messages.ts).
  'src/monitoring-accounts',
  'src/monitoring',
];
/** The catalogs themselves. */
const CATALOG_FILE = /^src\/messages\/[^/]+\.messages\.ts$/;
/** Files whose Spanish words are data, not messages. */
const SPANISH_DATA_FILES = new Set([
  'src/documents/spanish-number-words.ts', // vote counts written "con letra": the Spanish number words themselves
  'src/domain/tally/events.ts', // an English event description naming the document by its legal name, "acta de cómputo"
]);

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

describe('no inline bilingual text outside the catalogs', () => {
  it('finds each kind of inline text it looks for', () => {
    const sample = [
      "heading(doc, { es: 'Firmas', en: 'Signatures' });",
      "const cell = { text: l.label, en: l.kind === 'null' ? 'Null votes' : undefined };",
      "const signer = { name, role: 'Persona custodia', roleEn: 'Trustee' };",
      "throw new Error('la firma no corresponde / the signature does not match');",
      'const title = `${o.titleEs} / ${o.titleEn}`;',
      "el.textContent = 'Página';",
      // Not findings: keys, data, code.
      "const m = msg.pair('heading.general'); const e = { es: entity.es, en: entity.en ?? entity.es };",
      "const path = `${dir}/${name}`; const ratio = a / b;",
    ].join('\n');
    expect(findInlineText('sample.ts', sample).map((f) => [f.line, f.rule])).toEqual([
      [1, 'language-property'],
      [1, 'language-property'],
      [2, 'language-property'],
      [3, 'language-property'],
      [4, 'joined-languages'],
      [5, 'joined-languages'],
      [6, 'spanish-text'],
    ]);
  });

  it.each(SCANNED)('%s holds keys, not texts', (folder) => {
    const files = sourceFiles(folder).filter((f) => !CATALOG_FILE.test(f));
    expect(files.length).toBeGreaterThan(0);
    const findings = files.flatMap((f) => findInlineText(f, readFileSync(join(ROOT, f), 'utf8'), { spanishIsData: SPANISH_DATA_FILES.has(f) }));
    expect(findings.map((f) => `${f.file}:${f.line} ${f.rule}: ${f.text}`)).toEqual([]);
  });
});
