/** The verifier side must run in a browser: bundling it for the browser platform must succeed
 * (esbuild fails on any `node:` import) and the bundle must verify a real proof. */
import { build } from 'esbuild';
import path from 'node:path';

const SRC = path.resolve(__dirname, '../../src/ledger');
const BROWSER_FILES = [
  'merkle/hash.ts',
  'merkle/verify.ts',
  'merkle/tree-math.ts',
  'merkle/proof-builder.ts',
  'merkle/compact-range.ts',
  'merkle/memory-tree.ts',
  'merkle/encoding.ts',
  '../domain/shared/canonical-json.ts',
  'merkle/leaf-encoding.ts',
  'checkpoint/signed-note.ts',
  'checkpoint/checkpoint-format.ts',
];

describe('browser-safe verifier', () => {
  it('bundles for the browser with no node: imports', async () => {
    const contents = BROWSER_FILES.map((f) => `export * from ${JSON.stringify(path.join(SRC, f))};`).join('\n');
    const result = await build({
      stdin: { contents, resolveDir: SRC, loader: 'ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0].text;
    expect(code).not.toMatch(/["']node:/);
    expect(code.length).toBeGreaterThan(1000);
  });
});
