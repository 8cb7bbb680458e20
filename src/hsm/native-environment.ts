/**
 * The environment a native library sees. SoftHSM reads SOFTHSM2_CONF with getenv() when
 * C_Initialize runs, so the variable must be in the real process environment. Inside Jest,
 * `process` (and `process.env`) is a sandbox copy: writing to it never reaches getenv(), and
 * SoftHSM would silently fall back to the system-wide /etc/softhsm/softhsm2.conf and its
 * tokens (measured). `runInThisContext` evaluates in Node's main context, where `process` is
 * the real one; outside Jest it is the same object as our `process`.
 */
import { runInThisContext } from 'node:vm';

function hostProcess(): NodeJS.Process {
  return runInThisContext('process') as NodeJS.Process;
}

/** The main context's global object: one per process, shared by every Jest test file. */
export function hostGlobal(): Record<symbol, unknown> {
  return runInThisContext('globalThis') as Record<symbol, unknown>;
}

export function setNativeEnvironmentVariable(name: string, value: string): void {
  process.env[name] = value;
  hostProcess().env[name] = value;
}

export function readNativeEnvironmentVariable(name: string): string | undefined {
  return hostProcess().env[name];
}
