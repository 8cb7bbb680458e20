/**
 * The security documents of the guidelines (numerals 42–44) under docs/operations/ name the
 * tests that show each control works. This keeps them from rotting: every test path a document
 * names must exist, and each document must name some. A test renamed or removed fails here
 * until the document is brought up to date.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const DOCUMENTS = ['analisis-de-riesgos.md', 'plan-de-seguridad.md', 'plan-de-continuidad.md', 'scaling.md'];
/** A test file as the documents write it: test/…/name.spec.ts, .test.ts or a support .ts. */
const TEST_PATH = /\btest\/[A-Za-z0-9_./-]+?\.ts\b/g;
/** Bench results and other repository files the documents cite as evidence. */
const CITED_FILE = /\b(?:bench\/results\/[A-Za-z0-9_.-]+\.json|bench\/[A-Za-z0-9_.-]+\.ts|src\/[A-Za-z0-9_./-]+\.ts|docs\/[A-Za-z0-9_./-]+\.md)\b/g;

describe.each(DOCUMENTS)('docs/operations/%s', (name) => {
  const path = join(ROOT, 'docs', 'operations', name);
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '';

  it('exists', () => {
    expect(existsSync(path)).toBe(true);
  });

  it('names tests, and every test it names exists', () => {
    const named = [...new Set(text.match(TEST_PATH) ?? [])];
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it('cites only repository files that exist', () => {
    const cited = [...new Set(text.match(CITED_FILE) ?? [])];
    expect(cited.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });
});

it('the risk analysis maps every threat to a test', () => {
  const text = readFileSync(join(ROOT, 'docs', 'operations', 'analisis-de-riesgos.md'), 'utf8');
  // Rows of the threat table: "| A-01 | …" — each must name at least one test file.
  const rows = text.split('\n').filter((l) => /^\|\s*[A-Z]-\d{2}\s*\|/.test(l));
  expect(rows.length).toBeGreaterThanOrEqual(15);
  const namesATest = new RegExp(TEST_PATH.source);
  expect(rows.filter((r) => !namesATest.test(r) && !/\bno hay prueba\b/i.test(r))).toEqual([]);
});
