/**
 * Builds the public site and the voter's booth (bulletin-board-web/) into
 * bulletin-board-web/dist/: one browser bundle per page (esbuild), no Node built-ins
 * allowed, plus the static files. The service serves that folder at / (src/web/web.module.ts
 * builds it on start when missing); scripts/build-web.ts runs this from the command line.
 */
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

const web = join(__dirname, '..', '..', 'bulletin-board-web');
const defaultOut = join(web, 'dist');

/** `outDir`: another folder than bulletin-board-web/dist (tests build their own copy). */
export async function buildWeb(options: { minify?: boolean; outDir?: string } = {}): Promise<string> {
  const out = options.outDir ?? defaultOut;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  cpSync(join(web, 'public'), out, { recursive: true });
  await build({
    entryPoints: { board: join(web, 'src', 'board.ts'), booth: join(web, 'src', 'booth.ts'), 'audited-ballot': join(web, 'src', 'audited-ballot-page.ts'), monitoring: join(web, 'src', 'monitoring-page.ts') },
    outdir: out,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    minify: options.minify ?? true,
    sourcemap: true,
    // The booth must run the same crypto as the server with nothing from Node.
    external: [],
    plugins: [
      {
        name: 'no-node-builtins',
        setup(b) {
          const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
          b.onResolve({ filter: /.*/ }, (args) => {
            if (builtins.has(args.path) || args.path.startsWith('node:')) {
              return { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}: the browser bundle must not use Node` }] };
            }
            return undefined;
          });
        },
      },
    ],
    logLevel: 'warning',
  });
  return out;
}
