/**
 * Finds inline bilingual text in TypeScript source (test/messages/inline-pairs.spec.ts runs it
 * over the folders whose texts live in catalogs): an object with a literal `es`/`en` (or
 * `…Es`/`…En`) text, a literal joining two languages with " / ", a Spanish-spelled literal.
 * Comments are not scanned (the TypeScript parser skips them).
 */
import ts from 'typescript';

const SPANISH_LETTER = /[áéíóúüñÁÉÍÓÚÜÑ¿¡]/;
/** Words on both sides of " / ": "sí / yes". */
const JOINED = /\p{L}[^\n]* \/ [^\n]*\p{L}/u;
const LANGUAGE_PROPERTY = /^(es|en)$|[a-z](Es|En)$/;

export interface Finding {
  file: string;
  line: number;
  rule: 'language-property' | 'joined-languages' | 'spanish-text';
  text: string;
}

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('${…}');
  return undefined;
}

/** Whether an initializer is (or picks between, or returns) literal text with letters in it. */
function holdsLiteralText(node: ts.Expression): boolean {
  const literal = literalText(node);
  if (literal !== undefined) return /\p{L}/u.test(literal);
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node)) return holdsLiteralText(node.expression);
  if (ts.isConditionalExpression(node)) return holdsLiteralText(node.whenTrue) || holdsLiteralText(node.whenFalse);
  if (ts.isBinaryExpression(node)) return holdsLiteralText(node.left) || holdsLiteralText(node.right);
  if (ts.isArrowFunction(node)) return ts.isBlock(node.body) ? false : holdsLiteralText(node.body);
  return false;
}

/** Inline bilingual text in one source file. */
export function findInlineText(file: string, source: string, options: { spanishIsData?: boolean } = {}): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const add = (node: ts.Node, rule: Finding['rule']) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    findings.push({ file, line, rule, text: node.getText(sf).slice(0, 120) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name))) {
      if (LANGUAGE_PROPERTY.test(node.name.text) && holdsLiteralText(node.initializer)) add(node, 'language-property');
    }
    const literal = literalText(node);
    if (literal !== undefined && !ts.isImportDeclaration(node.parent) && !ts.isExportDeclaration(node.parent)) {
      const joined = JOINED.test(literal) || (ts.isTemplateExpression(node) && node.templateSpans.some((s, i) => s.literal.text.includes(' / ') && i < node.templateSpans.length - 1));
      if (joined) add(node, 'joined-languages');
      else if (SPANISH_LETTER.test(literal) && !options.spanishIsData) add(node, 'spanish-text');
      if (ts.isTemplateExpression(node)) {
        node.templateSpans.forEach((s) => visit(s.expression));
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}
