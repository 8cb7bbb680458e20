/**
 * Throw-away SoftHSM token stores for tests, simulacros and CI: never the system's tokens.
 *
 * SoftHSM takes its configuration (and so its token directory) from SOFTHSM2_CONF when
 * C_Initialize runs, once per process. One process therefore works with one token directory at
 * a time, and the simple rule is: one environment per process (or per test file), holding as
 * many tokens as needed (5 trustees and a log key fit in one directory). `activate()` puts the
 * variable into the native environment; the PKCS#11 module re-initialises on its next use if it
 * was running with another configuration (refused while sessions are open).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { refreshPkcs11Module } from '../pkcs11-module';
import { readNativeEnvironmentVariable, setNativeEnvironmentVariable } from '../native-environment';

export interface SoftHsmEnvironment {
  dir: string;
  tokenDir: string;
  confPath: string;
  /** Set this in a process's environment before it loads the PKCS#11 module. */
  env: { SOFTHSM2_CONF: string };
  /** Makes this process use this environment (native environment variable). */
  activate(): void;
  /** Initialises a new token in the free slot; returns its label and serial number. */
  initToken(label: string, soPin: string, userPin: string): InitializedToken;
}

export interface InitializedToken {
  label: string;
  serialNumber: string;
}

const SOFTHSM_UTIL = process.env.SOFTHSM2_UTIL || 'softhsm2-util';

/** Writes `dir/softhsm2.conf` and an empty `dir/tokens/`. `dir` must exist and be private
 * to the caller (a fresh temp dir). */
export function createSoftHsmEnvironment(dir: string): SoftHsmEnvironment {
  const tokenDir = join(dir, 'tokens');
  const confPath = join(dir, 'softhsm2.conf');
  mkdirSync(tokenDir, { recursive: true, mode: 0o700 });
  writeFileSync(
    confPath,
    [
      '# Written by Urna for a throw-away token store (tests, simulacros, CI).',
      `directories.tokendir = ${tokenDir}`,
      'objectstore.backend = file',
      'log.level = ERROR',
      'slots.removable = false',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const env = { SOFTHSM2_CONF: confPath };

  return {
    dir,
    tokenDir,
    confPath,
    env,
    activate: () => setNativeEnvironmentVariable('SOFTHSM2_CONF', confPath),
    initToken: (label, soPin, userPin) => initToken(confPath, label, soPin, userPin),
  };
}

function runUtil(confPath: string, args: string[]): string {
  return execFileSync(SOFTHSM_UTIL, args, {
    env: { ...process.env, SOFTHSM2_CONF: confPath },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** `softhsm2-util --init-token --free`, then reads the new token's serial number. */
export function initToken(confPath: string, label: string, soPin: string, userPin: string): InitializedToken {
  if (listSoftHsmTokens(confPath).some((t) => t.label === label)) {
    throw new Error(`SoftHSM: a token labelled "${label}" already exists in ${confPath}`);
  }
  runUtil(confPath, ['--init-token', '--free', '--label', label, '--so-pin', soPin, '--pin', userPin]);
  const token = listSoftHsmTokens(confPath).find((t) => t.label === label);
  if (!token) throw new Error(`SoftHSM: token "${label}" was initialised but is not listed`);
  // A module already initialised in this process only sees the new token after re-initialising.
  if (readNativeEnvironmentVariable('SOFTHSM2_CONF') === confPath) refreshPkcs11Module();
  return token;
}

/** Initialised tokens of an environment, from `softhsm2-util --show-slots` (no module needed). */
export function listSoftHsmTokens(confPath: string): InitializedToken[] {
  const out = runUtil(confPath, ['--show-slots']);
  const tokens: InitializedToken[] = [];
  let serial: string | undefined;
  let initialized = false;
  for (const line of out.split('\n')) {
    const [key, ...rest] = line.split(':');
    const value = rest.join(':').trim();
    switch (key.trim()) {
      case 'Slot info':
        serial = undefined;
        initialized = false;
        break;
      case 'Serial number':
        serial = value;
        break;
      case 'Initialized':
        initialized = value === 'yes';
        break;
      case 'Label':
        if (initialized && serial) tokens.push({ label: value, serialNumber: serial });
        break;
    }
  }
  return tokens;
}
