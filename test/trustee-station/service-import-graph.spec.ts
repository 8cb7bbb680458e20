/**
 * The service never sees a polynomial, a share, an unsealed secret or a PIN (issue 12 §2): the
 * code that opens a trustee's token, deals, opens shares or decrypts lives in the trustee station
 * (src/trustee-station), and nothing the service's NestJS modules reach imports it. Checked on the
 * import graph, statically: every module reachable from src/app.module.ts (static imports,
 * re-exports and dynamic import()), and every name each of them imports.
 */
import ts from 'typescript';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const rel = (file: string) => relative(ROOT, file).split('\\').join('/');

/** What only a trustee's own process may call. */
const FORBIDDEN_NAMES = new Set([
  'createRound1', 'createRound2', 'receiveShare', 'finalizeTrustee', 'partialDecrypt',
  'sealShare', 'unsealShare', 'openTokenSession', 'withTokenSession', 'signEd25519', 'openTrusteeSigningKey', 'signWithTrusteeKey',
]);
/** The cryptographic library defines those functions beside the checks the deciders use (a
 * round-2 message is verified in round2.ts, where createRound2 lives): its own imports are how it
 * is built, not a use. What must not happen is that code outside it takes them. */
const LIBRARY = /^src\/domain\/crypto\//;
/** Modules only a trustee's own process may load: the station, and every token module. */
const FORBIDDEN_MODULES = [/^src\/trustee-station\//, /^src\/hsm\//];

interface Edge { from: string; to: string; names: string[] | '*' }

function resolveModule(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((c) => existsSync(c));
}

/** Every relative import of a file, with the names it takes ('*' for a namespace or export *). */
function edgesOf(file: string): Edge[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const edges: Edge[] = [];
  const add = (spec: string, names: string[] | '*') => {
    const to = resolveModule(file, spec);
    if (to) edges.push({ from: file, to, names });
  };
  const visit = (n: ts.Node) => {
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const c = n.importClause;
      const bindings = c?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) add(n.moduleSpecifier.text, '*');
      else add(n.moduleSpecifier.text, [...(bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => (e.propertyName ?? e.name).text) : []), ...(c?.name ? ['default'] : [])]);
    } else if (ts.isExportDeclaration(n) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      add(n.moduleSpecifier.text, n.exportClause && ts.isNamedExports(n.exportClause) ? n.exportClause.elements.map((e) => (e.propertyName ?? e.name).text) : '*');
    } else if (ts.isCallExpression(n) && n.expression.kind === ts.SyntaxKind.ImportKeyword && n.arguments[0] && ts.isStringLiteral(n.arguments[0])) {
      add((n.arguments[0] as ts.StringLiteral).text, '*');
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return edges;
}

/** Names a module defines or re-exports, through `export *` chains. */
function exportedNames(file: string, seen = new Set<string>()): Set<string> {
  const names = new Set<string>();
  if (seen.has(file)) return names;
  seen.add(file);
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  for (const s of sf.statements) {
    const exported = ts.canHaveModifiers(s) && ts.getModifiers(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && (ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) names.add(s.name.text);
    if (exported && ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
  }
  for (const e of edgesOf(file)) {
    if (e.names === '*' && ts.createSourceFile(file, '', ts.ScriptTarget.ES2022) && readFileSync(file, 'utf8').includes('export *')) for (const n of exportedNames(e.to, seen)) names.add(n);
    else if (e.names !== '*' && readFileSync(file, 'utf8').includes('export {')) for (const n of e.names) names.add(n);
  }
  return names;
}

/** What `entry` reaches, and every import of a forbidden name or module on the way. */
function audit(entry: string): { reached: Set<string>; findings: string[] } {
  const reached = new Set<string>();
  const findings: string[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    if (FORBIDDEN_MODULES.some((r) => r.test(rel(file)))) findings.push(`${rel(file)} is reachable`);
    for (const e of edgesOf(file)) {
      const taken = e.names === '*' ? [...exportedNames(e.to)] : e.names;
      if (!LIBRARY.test(rel(e.from))) for (const name of taken.filter((n) => FORBIDDEN_NAMES.has(n))) findings.push(`${rel(e.from)} imports ${name} from ${rel(e.to)}`);
      queue.push(e.to);
    }
  }
  return { reached, findings };
}

describe("the service's import graph", () => {
  const service = audit(join(ROOT, 'src/app.module.ts'));

  it('reaches the trustee API, the ceremony and tally services and their deciders (the check covers them)', () => {
    for (const file of ['src/ceremony/trustee-ceremony.controller.ts', 'src/tally/trustee-tally.controller.ts', 'src/ceremony/ceremony-service.ts', 'src/tally/tally-service.ts', 'src/domain/ceremony/decide.ts', 'src/domain/tally/decide.ts']) {
      expect([file, service.reached.has(join(ROOT, file))]).toEqual([file, true]);
    }
  });

  it('imports no token-opening, dealing, share-opening or decrypting code, and no trustee-station or token module', () => {
    expect(service.findings).toEqual([]);
  });

  it('would see such an import: the station reaches all of it', () => {
    const station = audit(join(ROOT, 'src/trustee-station/station-cli.ts'));
    const found = station.findings.join('\n');
    for (const name of ['createRound1', 'createRound2', 'receiveShare', 'finalizeTrustee', 'partialDecrypt', 'sealShare', 'unsealShare', 'signWithTrusteeKey']) expect(found).toContain(`imports ${name}`);
    expect(found).toContain('src/hsm/share-sealing.ts is reachable');
  });
});
