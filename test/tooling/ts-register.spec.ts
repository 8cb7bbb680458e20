import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * urna-ts-register (scripts/ts-register/) runs every TypeScript source in scripts, child
 * processes and worker threads. It must compile exactly as @swc-node/register did with our
 * tsconfig.json (decorator metadata is what Nest's injection reads), and its disk cache must
 * never run code that another account could have put there.
 */
const REPO = resolve(__dirname, '..', '..');
const ours = require(join(REPO, 'scripts', 'ts-register', 'compile.js')) as {
  compile(source: string, filename: string): string;
  cachedFile(source: string, filename: string): string;
};

describe('urna-ts-register', () => {
  it('compiles every TypeScript source of the repository to the same code as @swc-node/register with tsconfig.json', () => {
    process.env.SWC_NODE_CACHE = '0';
    const reference = require(join(REPO, 'node_modules', '@swc-node', 'register', 'lib', 'register.js')) as {
      compile(source: string, filename: string, options: object): string;
    };
    const { readDefaultTsConfig } = require(join(REPO, 'node_modules', '@swc-node', 'register', 'lib', 'read-default-tsconfig.js')) as { readDefaultTsConfig(path?: string): { module?: number } };
    const ts = require('typescript') as { ModuleKind: { CommonJS: number } };
    const options = { ...readDefaultTsConfig(join(REPO, 'tsconfig.json')), module: ts.ModuleKind.CommonJS };
    const files = execFileSync('git', ['ls-files', '*.ts'], { cwd: REPO, encoding: 'utf8' }).trim().split('\n');
    expect(files.length).toBeGreaterThan(500);
    const differing: string[] = [];
    for (const file of files) {
      const filename = join(REPO, file);
      const source = readFileSync(filename, 'utf8');
      const expected = reference.compile(source, filename, { ...options }).replace(/\n\/\/# sourceMappingURL=\S*$/, '');
      if (ours.compile(source, filename) !== expected) differing.push(file);
    }
    expect(differing).toEqual([]);
  });

  describe('its cache', () => {
    let work: string;
    beforeEach(() => {
      work = mkdtempSync(join(tmpdir(), 'urna-ts-register-'));
    });
    afterEach(() => rmSync(work, { recursive: true, force: true }));

    /** Runs a small TypeScript file with the runner and the cache in `cache`. */
    function run(cache: string, file: string): string {
      const r = spawnSync(process.execPath, ['-r', 'urna-ts-register', file], { cwd: REPO, env: { ...process.env, URNA_TS_CACHE: cache }, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.trim();
    }

    const program = 'const answer: number = 6 * 7;\nconsole.log(`answer ${answer}`);\n';

    it('keeps compiled files in a folder of this user alone, and uses them', () => {
      const file = join(work, 'answer.ts');
      writeFileSync(file, program);
      const cache = join(work, 'cache');
      expect(run(cache, file)).toBe('answer 42');
      const kept = readdirSync(cache);
      expect(kept).toHaveLength(1);
      // A kept file is what runs: the same source at the same path is not compiled again.
      writeFileSync(join(cache, kept[0]), 'console.log("from the cache");\n');
      expect(run(cache, file)).toBe('from the cache');
      // Another source is another entry.
      writeFileSync(file, program.replace('6 * 7', '6 * 8'));
      expect(run(cache, file)).toBe('answer 48');
      expect(readdirSync(cache)).toHaveLength(2);
    });

    it('never runs a kept file from a folder that others can write into; it compiles instead', () => {
      const file = join(work, 'answer.ts');
      writeFileSync(file, program);
      for (const mode of [0o777, 0o720, 0o702]) {
        const cache = join(work, `open-${mode.toString(8)}`);
        mkdirSync(cache);
        chmodSync(cache, mode);
        // Planted by someone else under the exact name the runner would look for.
        const planted = ours.cachedFile(program, file).replace(/^.*\//, '');
        writeFileSync(join(cache, planted), 'console.log("planted");\n');
        expect(run(cache, file)).toBe('answer 42');
        expect(readdirSync(cache)).toEqual([planted]);
      }
    });
  });
});
