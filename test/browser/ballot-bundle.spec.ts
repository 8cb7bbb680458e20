import { build, Plugin } from 'esbuild';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, BrowserContext } from 'playwright-core';
import { group } from '../../src/domain/crypto/active-group';
import { electionContext } from '../../src/domain/crypto/election-context';
import { hash256, hashToScalar, toHex, utf8 } from '../../src/domain/crypto/hash';
import { ballotStyles, BallotStyle } from '../../src/domain/crypto/ballot/ballot-style';
import { verifyBallot } from '../../src/domain/crypto/ballot/verify-ballot';
import { auditSpoiledBallot } from '../../src/domain/crypto/ballot/benaloh';
import { deriveCredentialKey } from '../../src/domain/crypto/credential/credential-key';

/**
 * The booth encrypts in the voter's browser: the ballot entry must bundle for the browser with
 * no Node built-in, run in a real Chromium, and produce ballots the server verifies.
 */
const CHROMIUM = '/usr/bin/chromium';
const ENTRY = join(__dirname, '..', '..', 'src', 'domain', 'crypto', 'ballot', 'index.ts');

const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    b.onResolve({ filter: /.*/ }, (args) =>
      builtins.has(args.path) || args.path.startsWith('node:')
        ? { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}` }] }
        : undefined,
    );
  },
};

async function bundle(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [entry], bundle: true, write: false, platform: 'browser', format: 'iife', globalName: 'UrnaBallot',
    target: 'es2022', minify: true, plugins: [noNodeBuiltins], logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

const style: BallotStyle = {
  id: 'estilo-navegador',
  contests: [
    { id: 'presidencia', optionIds: ['pan', 'pri', 'morena', 'no-registrado', 'nulo'] },
    { id: 'senado', optionIds: ['a', 'b', 'c'] },
  ],
};
const secretKey = hashToScalar('urna/test/browser-key', utf8('k'));
const publicKey = group.mul(group.generator, secretKey);
const manifestHash = hash256('urna/test/manifest', utf8('browser'));
const context = electionContext(manifestHash, publicKey);

describe('ballot encryption bundled for the browser', () => {
  let dir: string;
  let browser: BrowserContext | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'urna-ballot-browser-'));
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the bundler check rejects a Node built-in (so the real bundle passing it means something)', async () => {
    const bad = join(dir, 'bad-entry.ts');
    writeFileSync(bad, `import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n`);
    await expect(bundle(bad)).rejects.toThrow(/Node built-in "node:fs"/);
  });

  it('encrypts a ballot in Chromium that verifies in Node, and its spoil audits', async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: run scripts/ensure-system-packages.sh (installs Debian's chromium) and retry`);
    }
    const code = await bundle(ENTRY);
    expect(code).not.toMatch(/require\(["']node:/);
    // A fresh profile folder per run (playwright passes it as --user-data-dir).
    browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.setContent('<!doctype html><title>urna ballot test</title>');
    await page.addScriptTag({ content: code });
    const out = await page.evaluate(
      ({ style, manifestHash, publicKey }) => {
        const U = (globalThis as unknown as { UrnaBallot: typeof import('../../src/domain/crypto/ballot/index') }).UrnaBallot;
        const key = U.group.decode(U.fromHex(publicKey, 32));
        const ctx = U.electionContext(U.fromHex(manifestHash, 32), key);
        const tables = U.encryptionTables(key);
        // The voter's credential key, derived in the browser from what the voter typed, signs the ballot.
        const credential = U.deriveCredentialKey('eleccion-navegador', 'v-aaaa-bbbb-cccc', '0123456789abcdef');
        const { ballot, secrets } = U.encryptBallot({ context: ctx, tables, style, pseudonym: 'seudonimo-navegador', credential, selections: { presidencia: 'morena', senado: 'c' } });
        const selfCheck = U.verifyBallot(ballot, ctx, U.ballotStyles([style])).ok;
        return {
          ballot, bindingNonce: secrets.bindingNonce, signature: secrets.signature, credential: credential.publicKey, spoiled: U.spoilBallot(ballot, secrets),
          readable: U.readableTrackingCode(ballot.trackingCode), selfCheck, userAgent: navigator.userAgent,
        };
      },
      { style, manifestHash: toHex(manifestHash), publicKey: toHex(group.encode(publicKey)) },
    );
    expect(pageErrors).toEqual([]);
    expect(out.userAgent).toMatch(/Chrome/);
    expect(out.selfCheck).toBe(true);
    const styles = ballotStyles([style]);
    const by = { pseudonym: 'seudonimo-navegador', credential: out.credential, bindingNonce: out.bindingNonce, signature: out.signature };
    expect(verifyBallot(out.ballot, context, styles, { expectedVoter: by })).toMatchObject({ ok: true });
    // The credential is the one Node derives from the same typed secret. (Signing time is a
    // bench figure, bench/credential-signature.bench.ts, never a timed test.)
    expect(out.credential).toBe(deriveCredentialKey('eleccion-navegador', 'v-aaaa-bbbb-cccc', '0123456789abcdef').publicKey);
    // The spoiled ballot carries no signature and no credential: nothing names its voter.
    expect(JSON.stringify(out.spoiled)).not.toContain(out.signature);
    expect(JSON.stringify(out.spoiled)).not.toContain(out.credential);
    expect(out.readable).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(auditSpoiledBallot(out.spoiled, context, styles, out.ballot.trackingCode)).toEqual({
      ok: true, trackingCode: out.ballot.trackingCode, selections: { presidencia: 'morena', senado: 'c' },
    });
  });
});
