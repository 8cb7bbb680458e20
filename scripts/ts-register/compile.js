'use strict';
/**
 * How `node -r urna-ts-register` (index.js) compiles each TypeScript file of the repository:
 * with SWC and the settings tsconfig.json gives (CommonJS, ES2022, legacy decorators
 * with their metadata for Nest, esModuleInterop).
 *
 * Why not @swc-node/register, which did this before: it loads the whole `typescript` package to
 * read tsconfig.json, about 0.45 s of CPU in every process and worker thread, and the simulacro
 * and the tests start hundreds of them. The output is the same code, file for file: the test
 * test/tooling/ts-register.spec.ts compiles every source with both and compares.
 *
 * A compiled file is kept in the system's temporary folder under the SHA-256 of SWC's version,
 * these settings, the path and the source, so a file is compiled again only when it changes;
 * only in a folder that this user alone can write (cacheFolder).
 */
const { transformSync, version } = require('@swc/core');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');

/** What @swc-node/register derived from tsconfig.json (see the test above). */
const SETTINGS = {
  swcrc: false,
  configFile: false,
  sourceMaps: false,
  module: { type: 'commonjs', noInterop: false },
  jsc: {
    target: 'es2022',
    keepClassNames: true,
    parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
  },
};

const SALT = JSON.stringify([version, SETTINGS]);
/** URNA_TS_CACHE names another folder (tests). */
const CACHE = process.env.URNA_TS_CACHE || join(tmpdir(), `urna-ts-${typeof process.getuid === 'function' ? process.getuid() : 'user'}`);

/**
 * The cache folder, if it is this user's alone: compiled code from a folder another account could
 * write into would run as this process. Checked once per process; otherwise nothing is cached.
 */
let cacheUsable;
function cacheFolder() {
  if (cacheUsable === undefined) {
    try {
      fs.mkdirSync(CACHE, { recursive: true, mode: 0o700 });
      const stat = fs.lstatSync(CACHE);
      const mine = typeof process.getuid !== 'function' || stat.uid === process.getuid();
      cacheUsable = stat.isDirectory() && mine && (stat.mode & 0o022) === 0;
    } catch {
      cacheUsable = false;
    }
  }
  return cacheUsable;
}

/** Where the compiled code of this source at this path is kept. */
function cachedFile(source, filename) {
  const key = createHash('sha256').update(SALT).update('\0').update(filename).update('\0').update(source).digest('hex');
  return join(CACHE, `${key}.js`);
}

function compile(source, filename) {
  if (!cacheFolder()) return transformSync(source, { ...SETTINGS, filename }).code;
  const kept = cachedFile(source, filename);
  try {
    return fs.readFileSync(kept, 'utf8');
  } catch {
    // not compiled yet
  }
  const code = transformSync(source, { ...SETTINGS, filename }).code;
  try {
    // Written under another name, then renamed: a process reading it never sees half a file.
    const partial = `${kept}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    fs.writeFileSync(partial, code);
    fs.renameSync(partial, kept);
  } catch {
    // an unwritable temporary folder only costs compiling again next time
  }
  return code;
}

module.exports = { compile, cachedFile, SETTINGS };
