import { autoGroupBackend, groupBackendFromEnv, resolveGroupBackend } from '../../src/parallel/group-backend';
import { nativeSodiumBuilt } from '../../src/parallel/native-sodium';

describe('choosing the group backend (URNA_GROUP_BACKEND, urna verify --group)', () => {
  it('auto is the native libsodium when its addon is built, else @noble/curves', () => {
    expect(autoGroupBackend()).toBe(nativeSodiumBuilt() ? 'libsodium-native' : 'noble');
    expect(groupBackendFromEnv({})).toBe(autoGroupBackend());
    expect(groupBackendFromEnv({ URNA_GROUP_BACKEND: ' auto ' })).toBe(autoGroupBackend());
  });

  it('takes every backend by name', () => {
    for (const name of ['noble', 'libsodium-wasm', 'libsodium-native'] as const) {
      expect(groupBackendFromEnv({ URNA_GROUP_BACKEND: name })).toBe(name);
    }
  });

  it('refuses anything else, naming the choices', () => {
    expect(() => groupBackendFromEnv({ URNA_GROUP_BACKEND: 'openssl' })).toThrow(/URNA_GROUP_BACKEND must be auto or one of noble, libsodium-wasm, libsodium-native, got "openssl"/);
    expect(() => resolveGroupBackend('Noble', '--group')).toThrow(/--group must be/);
  });

  it('npm test builds the native addon (scripts/test.sh), so its suites never run without it', () => {
    expect(nativeSodiumBuilt()).toBe(true);
  });
});
