/**
 * Every start-up failure prints what failed and what to do, in Spanish then English, and exits
 * with a non-zero code (issue 16 §3). Each case starts the real service (`npm start`'s
 * src/main.ts) in a child process with one thing wrong; before this, a failure inside Nest's
 * start logged only {"level":"error","context":"ExceptionHandler"} and exited 1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStartupFailure, startupFailureLines } from '../../src/faults/startup-failure';
import { pair } from '../../src/messages/catalog';
import { startupMessages } from '../../src/messages/startup.messages';
import { startService } from './support/service-process';

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), 'urna-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = { URNA_ELECTION_ID: 'startup-test', URNA_DATA_DIR: join(dir, 'data'), LOG_FORMAT: 'json' };

const cases: { name: string; env: Record<string, string>; key: keyof typeof startupMessages; code: number; mentions: string }[] = [
  { name: 'a bad configuration value', env: { PORT: 'not-a-port' }, key: 'startup.configuration', code: 78, mentions: 'PORT' },
  { name: 'a data folder that cannot be written', env: { URNA_DATA_DIR: '/etc/hostname/urna' }, key: 'startup.dataDirNotWritable', code: 73, mentions: '/etc/hostname/urna' },
  { name: 'a database that does not answer', env: { DATABASE_URL: 'postgres://urna:secret-pw@127.0.0.1:9/urna' }, key: 'startup.databaseUnreachable', code: 69, mentions: '127.0.0.1:9' },
  {
    name: 'a missing PKCS#11 module',
    env: { URNA_LOG_PKCS11_TOKEN: 'urna-log', URNA_LOG_PKCS11_PIN: '1234', PKCS11_MODULE: '/nonexistent/libpkcs11.so' },
    key: 'startup.hsmModule', code: 69, mentions: '/nonexistent/libpkcs11.so',
  },
];

describe('start-up failures', () => {
  // Two at a time: each child loads the whole service; the machine may have two cores.
  const results = (async () => {
    const out: Awaited<ReturnType<typeof startService>>[] = [];
    for (let i = 0; i < cases.length; i += 2) {
      out.push(...(await Promise.all(cases.slice(i, i + 2).map((c) => startService({ ...base, ...c.env }).then((s) => s.exited.then(() => s))))));
    }
    return out;
  })();

  it.each(cases.map((c, i) => [c.name, i] as const))('%s: says what failed and what to do, in es and en, and exits non-zero', async (_name, i) => {
    const c = cases[i];
    const service = (await results)[i];
    const [es, en] = service.stderrLines().slice(-2);
    const prefix = pair(startupMessages, 'startup.prefix');
    expect(es.startsWith(`${prefix.es}: `)).toBe(true);
    expect(en.startsWith(`${prefix.en}: `)).toBe(true);
    expect(es).toContain(c.mentions);
    expect(en).toContain(c.mentions);
    // The entry expected, not the catch-all.
    const entry = startupMessages[c.key] as { es: unknown };
    expect(typeof entry.es === 'function' ? true : es.includes(entry.es as string)).toBe(true);
    expect(es).not.toContain(pair(startupMessages, 'startup.unknown', { detail: '' }).es.slice(0, 15));
    expect(service.child.exitCode).toBe(c.code);
    expect(service.output()).not.toContain('secret-pw');
  });
});

describe('describeStartupFailure', () => {
  it('names the port in use and the address not on this machine', () => {
    const inUse = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', syscall: 'listen', address: '127.0.0.1', port: 3000 });
    expect(describeStartupFailure(inUse)).toMatchObject({ key: 'startup.portInUse', exitCode: 69 });
    expect(startupFailureLines(describeStartupFailure(inUse)).join('\n')).toContain('3000');
    const notHere = Object.assign(new Error('listen EADDRNOTAVAIL'), { code: 'EADDRNOTAVAIL', syscall: 'listen', address: '10.9.9.9', port: 3000 });
    expect(describeStartupFailure(notHere)).toMatchObject({ key: 'startup.addressNotAvailable', exitCode: 78 });
  });

  it('tells a refused login from an unreachable server, and never prints the password', () => {
    const refused = Object.assign(new Error('password authentication failed for user "urna"'), { code: '28P01' });
    const failure = describeStartupFailure(refused, { databaseUrl: 'postgres://urna:hunter2@db.example:6543/urna' });
    expect(failure.key).toBe('startup.databaseRefused');
    expect(failure.text.en).toContain('db.example:6543');
    expect(JSON.stringify(failure)).not.toContain('hunter2');
  });

  it('falls back to the unexpected-failure entry with the error text', () => {
    const failure = describeStartupFailure(new Error('boom'));
    expect(failure).toMatchObject({ key: 'startup.unknown', exitCode: 70 });
    expect(failure.text.es).toContain('boom');
  });
});
