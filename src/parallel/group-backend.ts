import { group, useGroupBackend } from '../domain/crypto/active-group';
import { both } from '../messages/catalog';
import { startupMessages } from '../messages/startup.messages';
import { createLibsodiumRistretto255, wasmSodium } from '../domain/crypto/ristretto255-libsodium';
import { decafAsGroupOperations, decafHidden, nativeDecafBuilt } from './native-decaf';
import { loadNativeSodium, nativeSodiumBuilt } from './native-sodium';

/**
 * The implementations of ristretto255 a process can compute with (active-group.ts). All give
 * the same results; bench/results/crypto-ballot.json says how fast each is.
 *   noble            @noble/curves, pure JavaScript: the same code as the booth
 *   libsodium-wasm   libsodium compiled to WebAssembly (libsodium-wrappers-sumo): runs anywhere
 *   libsodium-native the system's libsodium through native/ristretto255 (npm run build:native)
 *   decaf-native     the system's libdecaf through native/decaf255 (npm run build:native), with
 *                    batch verification of ballots on internal points (src/native-verification)
 */
export const GROUP_BACKENDS = ['noble', 'libsodium-wasm', 'libsodium-native', 'decaf-native'] as const;
export type GroupBackendName = (typeof GROUP_BACKENDS)[number];

export function isGroupBackendName(x: unknown): x is GroupBackendName {
  return typeof x === 'string' && (GROUP_BACKENDS as readonly string[]).includes(x);
}

let selected: GroupBackendName = 'noble';

/** The backend this thread selected (noble until selectGroupBackend says otherwise). */
export const selectedGroupBackend = (): GroupBackendName => selected;

/**
 * Selects this thread's group backend; call before any election crypto runs. Every worker
 * thread selects its own (each thread has its own module instances).
 */
export async function selectGroupBackend(name: GroupBackendName = 'noble'): Promise<void> {
  if (name === 'noble') return;
  if (name === 'decaf-native') {
    useGroupBackend(createLibsodiumRistretto255(decafAsGroupOperations(), group.order));
  } else if (name === 'libsodium-native') {
    useGroupBackend(createLibsodiumRistretto255(loadNativeSodium(), group.order));
  } else {
    const { default: sodium } = await import('libsodium-wrappers-sumo');
    await sodium.ready;
    useGroupBackend(createLibsodiumRistretto255(wasmSodium(sodium), group.order));
  }
  selected = name;
}

/**
 * This thread computes with the backend URNA_GROUP_BACKEND names (default auto: the fastest this
 * machine has built), as its worker threads do: the service's deciders checking the trustees'
 * decryption proofs, a trustee station's partial decryptions, the console's tally. Without it
 * these ran on @noble/curves whatever the setting said; measured side by side (bench/tally.bench.ts),
 * the trustee phase of a 1,000-voter tally went from 29.9 s to 14.8 s on libdecaf. Call it where
 * a process starts, before any election crypto (elements of two backends never mix).
 */
export async function selectGroupBackendFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<GroupBackendName> {
  const name = groupBackendFromEnv(env);
  if (selected !== name) await selectGroupBackend(name);
  return name;
}

/**
 * What 'auto' means: the fastest backend this machine has built. libdecaf when its addon is
 * built (batch verification, bench/results/crypto-ballot.json), else the native libsodium, else
 * @noble/curves. All give the same verdicts and the same bytes (the vectors and the
 * differential tests run on each).
 */
export function autoGroupBackend(env: NodeJS.ProcessEnv = process.env): GroupBackendName {
  if (nativeDecafBuilt(env)) return 'decaf-native';
  if (nativeSodiumBuilt()) return 'libsodium-native';
  return 'noble';
}

/** A backend name or 'auto' (see autoGroupBackend), as given to --group or URNA_GROUP_BACKEND. */
export function resolveGroupBackend(choice: string, what = 'URNA_GROUP_BACKEND', env: NodeJS.ProcessEnv = process.env): GroupBackendName {
  if (choice === 'auto') return autoGroupBackend(env);
  if (!isGroupBackendName(choice)) throw new Error(`${what} must be auto or one of ${GROUP_BACKENDS.join(', ')}, got ${JSON.stringify(choice)}`);
  return choice;
}

/** URNA_GROUP_BACKEND, default auto. */
export function groupBackendFromEnv(env: NodeJS.ProcessEnv = process.env): GroupBackendName {
  return resolveGroupBackend(env.URNA_GROUP_BACKEND?.trim() || 'auto', 'URNA_GROUP_BACKEND', env);
}

/**
 * The one line a process prints where it starts: which backend verifies, and, when it is not
 * libdecaf, whether that was chosen or a fallback and why.
 */
export function describeGroupBackend(name: GroupBackendName, env: NodeJS.ProcessEnv = process.env): string {
  if (name === 'decaf-native') return both(startupMessages, 'backend.decaf', { backend: name });
  if (nativeDecafBuilt(env)) return both(startupMessages, 'backend.chosen', { backend: name });
  return both(startupMessages, decafHidden(env) ? 'backend.decafHidden' : 'backend.decafMissing', { backend: name });
}

let announced = false;

/** Prints describeGroupBackend once per process (CryptoWorkers calls it: the service, the tally,
 * `urna verify`, the simulacro and the benches all start their checks through it). */
export function announceGroupBackend(name: GroupBackendName, write: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): void {
  if (announced) return;
  announced = true;
  write(describeGroupBackend(name));
}
