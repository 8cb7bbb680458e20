import { group, useGroupBackend } from '../domain/crypto/active-group';
import { createLibsodiumRistretto255, wasmSodium } from '../domain/crypto/ristretto255-libsodium';
import { loadNativeSodium, nativeSodiumBuilt } from './native-sodium';

/**
 * The implementations of ristretto255 a process can compute with (active-group.ts). All give
 * the same results; bench/results/crypto.json says how fast each is.
 *   noble            @noble/curves, pure JavaScript: the default, the same code as the booth
 *   libsodium-wasm   libsodium compiled to WebAssembly (libsodium-wrappers-sumo): runs anywhere
 *   libsodium-native the system's libsodium through native/ristretto255 (npm run build:native)
 */
export const GROUP_BACKENDS = ['noble', 'libsodium-wasm', 'libsodium-native'] as const;
export type GroupBackendName = (typeof GROUP_BACKENDS)[number];

export function isGroupBackendName(x: unknown): x is GroupBackendName {
  return typeof x === 'string' && (GROUP_BACKENDS as readonly string[]).includes(x);
}

/**
 * Selects this thread's group backend; call before any election crypto runs. Every worker
 * thread selects its own (each thread has its own module instances).
 */
export async function selectGroupBackend(name: GroupBackendName = 'noble'): Promise<void> {
  if (name === 'noble') return;
  if (name === 'libsodium-native') {
    useGroupBackend(createLibsodiumRistretto255(loadNativeSodium(), group.order));
    return;
  }
  const { default: sodium } = await import('libsodium-wrappers-sumo');
  await sodium.ready;
  useGroupBackend(createLibsodiumRistretto255(wasmSodium(sodium), group.order));
}

/**
 * What 'auto' means: the native libsodium when its addon is built (several times faster at
 * verifying, bench/results/crypto.json), else @noble/curves. Both give the same verdicts and
 * the same bytes (the vectors and the record tests run on each).
 */
export const autoGroupBackend = (): GroupBackendName => (nativeSodiumBuilt() ? 'libsodium-native' : 'noble');

/** A backend name or 'auto' (see autoGroupBackend), as given to --group or URNA_GROUP_BACKEND. */
export function resolveGroupBackend(choice: string, what = 'URNA_GROUP_BACKEND'): GroupBackendName {
  if (choice === 'auto') return autoGroupBackend();
  if (!isGroupBackendName(choice)) throw new Error(`${what} must be auto or one of ${GROUP_BACKENDS.join(', ')}, got ${JSON.stringify(choice)}`);
  return choice;
}

/** URNA_GROUP_BACKEND, default auto. */
export function groupBackendFromEnv(env: NodeJS.ProcessEnv = process.env): GroupBackendName {
  return resolveGroupBackend(env.URNA_GROUP_BACKEND?.trim() || 'auto');
}
