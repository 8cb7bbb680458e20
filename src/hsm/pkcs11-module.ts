/**
 * The one PKCS#11 module of this process.
 *
 * A PKCS#11 library keeps global state: it is initialised once per process, and a second
 * C_Initialize answers CKR_CRYPTOKI_ALREADY_INITIALIZED. Jest loads our TypeScript once per test
 * file in the same worker process, so a module-level variable is not "once per process"; the
 * record lives on the main context's global object instead (see native-environment.ts).
 *
 * SoftHSM reads SOFTHSM2_CONF and scans its token directory only at C_Initialize. So:
 * - a change of SOFTHSM2_CONF (another test file with its own token dir) is applied by
 *   finalising and initialising again, which is only allowed while no session is open;
 * - tokens created on disk by softhsm2-util after initialisation are invisible until
 *   `refreshPkcs11Module()` re-initialises (measured on SoftHSM 2.6.1).
 */
import * as pkcs11js from 'pkcs11js';
import { pair, type Bilingual } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { ckrOf, HsmModuleBusyError, HsmModuleLoadError } from './hsm-errors';
import { hostGlobal, readNativeEnvironmentVariable } from './native-environment';

export const DEFAULT_PKCS11_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

interface LoadedModule {
  pkcs11: pkcs11js.PKCS11;
  modulePath: string;
  /** SOFTHSM2_CONF in the native environment when C_Initialize ran. */
  softhsmConf: string | undefined;
  /** Sessions opened through token-session.ts and not yet closed. */
  openSessions: number;
}

const RECORD = Symbol.for('urna.hsm.pkcs11-module');

function record(): LoadedModule | undefined {
  return hostGlobal()[RECORD] as LoadedModule | undefined;
}

function setRecord(value: LoadedModule | undefined): void {
  hostGlobal()[RECORD] = value;
}

/** PKCS11_MODULE if set, else SoftHSM's Debian path. */
export function configuredModulePath(): string {
  return process.env.PKCS11_MODULE || readNativeEnvironmentVariable('PKCS11_MODULE') || DEFAULT_PKCS11_MODULE;
}

function initialize(pkcs11: pkcs11js.PKCS11): void {
  try {
    // OS locking: pkcs11js runs its *Async calls on libuv's thread pool.
    pkcs11.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  } catch (error) {
    // Someone else in this process (another copy of pkcs11js, not through this record)
    // initialised the library first. The library is usable as it is.
    if (ckrOf(error) !== 'CKR_CRYPTOKI_ALREADY_INITIALIZED') throw error;
  }
}

function finalize(pkcs11: pkcs11js.PKCS11): void {
  try {
    pkcs11.C_Finalize();
  } catch (error) {
    if (ckrOf(error) !== 'CKR_CRYPTOKI_NOT_INITIALIZED') throw error;
  }
}

function assertIdle(current: LoadedModule, action: Bilingual): void {
  if (current.openSessions > 0) {
    throw new HsmModuleBusyError(pair(cliMessages, 'hsm.error.moduleBusy', { action, sessions: current.openSessions }));
  }
}

/**
 * The initialised module, loading it on first use. `modulePath` defaults to PKCS11_MODULE or
 * SoftHSM. If SOFTHSM2_CONF or the module path changed since initialisation, the module is
 * re-initialised (only while no session is open).
 */
export function getPkcs11Module(modulePath: string = configuredModulePath()): pkcs11js.PKCS11 {
  const conf = readNativeEnvironmentVariable('SOFTHSM2_CONF');
  const current = record();
  if (current && current.modulePath === modulePath && current.softhsmConf === conf) return current.pkcs11;

  if (current) {
    assertIdle(current, pair(cliMessages, 'hsm.action.switchModule'));
    finalize(current.pkcs11);
    if (current.modulePath === modulePath) {
      initialize(current.pkcs11);
      current.softhsmConf = conf;
      return current.pkcs11;
    }
    current.pkcs11.close();
    setRecord(undefined);
  }

  const pkcs11 = new pkcs11js.PKCS11();
  try {
    pkcs11.load(modulePath);
    initialize(pkcs11);
  } catch (error) {
    throw new HsmModuleLoadError(modulePath, error);
  }
  setRecord({ pkcs11, modulePath, softhsmConf: conf, openSessions: 0 });
  return pkcs11;
}

/** Re-initialises the loaded module so it sees tokens created on disk since (SoftHSM scans its
 * token directory only in C_Initialize). No-op if the module is not loaded yet. */
export function refreshPkcs11Module(): void {
  const current = record();
  if (!current) return;
  assertIdle(current, pair(cliMessages, 'hsm.action.rereadTokens'));
  finalize(current.pkcs11);
  initialize(current.pkcs11);
  current.softhsmConf = readNativeEnvironmentVariable('SOFTHSM2_CONF');
}

/** Finalises and unloads the module (tests' afterAll, process shutdown). */
export function closePkcs11Module(): void {
  const current = record();
  if (!current) return;
  assertIdle(current, pair(cliMessages, 'hsm.action.closeModule'));
  finalize(current.pkcs11);
  current.pkcs11.close();
  setRecord(undefined);
}

/** Bookkeeping for token-session.ts, so re-initialisation never pulls the rug from a session. */
export function noteSessionOpened(): void {
  const current = record();
  if (current) current.openSessions += 1;
}

export function noteSessionClosed(): void {
  const current = record();
  if (current && current.openSessions > 0) current.openSessions -= 1;
}
