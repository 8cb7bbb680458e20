import { group, useGroupBackend } from '../domain/crypto/active-group';
import { createLibsodiumRistretto255 } from '../domain/crypto/ristretto255-libsodium';

/** The implementations of ristretto255 a process can compute with (active-group.ts). */
export const GROUP_BACKENDS = ['noble', 'libsodium'] as const;
export type GroupBackendName = (typeof GROUP_BACKENDS)[number];

export function isGroupBackendName(x: unknown): x is GroupBackendName {
  return typeof x === 'string' && (GROUP_BACKENDS as readonly string[]).includes(x);
}

/**
 * Selects this thread's group backend; call before any election crypto runs. 'noble' is the
 * default and needs nothing; 'libsodium' loads libsodium's WebAssembly build first. Every
 * worker thread selects its own (each thread has its own module instances).
 */
export async function selectGroupBackend(name: GroupBackendName = 'noble'): Promise<void> {
  if (name === 'noble') return;
  const { default: sodium } = await import('libsodium-wrappers-sumo');
  await sodium.ready;
  useGroupBackend(createLibsodiumRistretto255(sodium, group.order));
}

/** URNA_GROUP_BACKEND (noble | libsodium), default noble. */
export function groupBackendFromEnv(env: NodeJS.ProcessEnv = process.env): GroupBackendName {
  const raw = env.URNA_GROUP_BACKEND?.trim() || 'noble';
  if (!isGroupBackendName(raw)) throw new Error(`URNA_GROUP_BACKEND must be one of ${GROUP_BACKENDS.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw;
}
