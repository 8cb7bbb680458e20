import { group, useGroupBackend } from '../domain/crypto/active-group';
import { createLibsodiumRistretto255, wasmSodium } from '../domain/crypto/ristretto255-libsodium';
import { loadNativeSodium } from './native-sodium';

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

/** URNA_GROUP_BACKEND (see GROUP_BACKENDS), default noble. */
export function groupBackendFromEnv(env: NodeJS.ProcessEnv = process.env): GroupBackendName {
  const raw = env.URNA_GROUP_BACKEND?.trim() || 'noble';
  if (!isGroupBackendName(raw)) throw new Error(`URNA_GROUP_BACKEND must be one of ${GROUP_BACKENDS.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw;
}
