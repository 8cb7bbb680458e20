import { announceGroupBackend, autoGroupBackend, describeGroupBackend, groupBackendFromEnv, resolveGroupBackend } from '../../src/parallel/group-backend';
import { nativeDecafBuilt } from '../../src/parallel/native-decaf';
import { nativeSodiumBuilt } from '../../src/parallel/native-sodium';

describe('choosing the group backend (URNA_GROUP_BACKEND, urna verify --group)', () => {
  it('auto is libdecaf when its addon is built, else the native libsodium, else @noble/curves', () => {
    expect(autoGroupBackend({})).toBe('decaf-native');
    expect(groupBackendFromEnv({})).toBe('decaf-native');
    expect(groupBackendFromEnv({ URNA_GROUP_BACKEND: ' auto ' })).toBe('decaf-native');
    // URNA_HIDE_DECAF=1: as on a machine where native/decaf255 could not be built.
    expect(autoGroupBackend({ URNA_HIDE_DECAF: '1' })).toBe(nativeSodiumBuilt() ? 'libsodium-native' : 'noble');
    expect(groupBackendFromEnv({ URNA_HIDE_DECAF: '1' })).toBe(autoGroupBackend({ URNA_HIDE_DECAF: '1' }));
  });

  it('takes every backend by name', () => {
    for (const name of ['noble', 'libsodium-wasm', 'libsodium-native', 'decaf-native'] as const) {
      expect(groupBackendFromEnv({ URNA_GROUP_BACKEND: name })).toBe(name);
    }
  });

  it('refuses anything else, naming the choices', () => {
    expect(() => groupBackendFromEnv({ URNA_GROUP_BACKEND: 'openssl' })).toThrow(/URNA_GROUP_BACKEND must be auto or one of noble, libsodium-wasm, libsodium-native, decaf-native, got "openssl"/);
    expect(() => resolveGroupBackend('Noble', '--group')).toThrow(/--group must be/);
  });

  it('says in one line which backend verifies, and why when it is a fallback', () => {
    expect(describeGroupBackend('decaf-native', {})).toBe('aritmética ristretto255: decaf-native (libdecaf nativa, verificación por lotes) / ristretto255 arithmetic: decaf-native (native libdecaf, batch verification)');
    expect(describeGroupBackend('noble', { URNA_HIDE_DECAF: '1' })).toMatch(/^aritmética ristretto255: noble \(respaldo: .*URNA_HIDE_DECAF=1\) \/ ristretto255 arithmetic: noble \(fallback: native\/decaf255 hidden by URNA_HIDE_DECAF=1\)$/);
    expect(describeGroupBackend('libsodium-native', {})).toMatch(/chosen with URNA_GROUP_BACKEND or --group/);
    const lines: string[] = [];
    announceGroupBackend('noble', (l) => lines.push(l));
    announceGroupBackend('decaf-native', (l) => lines.push(l));
    expect(lines).toHaveLength(1); // once per process
    expect(lines[0].split('\n')).toHaveLength(1);
  });

  it('npm test builds both native addons (scripts/test.sh), so their suites never run without them', () => {
    expect(nativeSodiumBuilt()).toBe(true);
    expect(nativeDecafBuilt({})).toBe(true);
    expect(nativeDecafBuilt({ URNA_HIDE_DECAF: '1' })).toBe(false);
  });
});
