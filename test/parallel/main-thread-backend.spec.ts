/**
 * The service, the console (stations, the route's tally) and the simulacro compute on their main
 * thread with the backend URNA_GROUP_BACKEND names, as their worker threads do
 * (selectGroupBackendFromEnv); before, that thread stayed on @noble/curves whatever the setting.
 */
import { group } from '../../src/domain/crypto/active-group';
import { ristretto255Noble } from '../../src/domain/crypto/ristretto255-noble';
import { toHex } from '../../src/domain/crypto/hash';
import { autoGroupBackend, selectGroupBackendFromEnv, selectedGroupBackend } from '../../src/parallel/group-backend';

describe('selectGroupBackendFromEnv', () => {
  it('noble when asked for noble; then auto selects the fastest built backend, which computes the same bytes', async () => {
    expect(await selectGroupBackendFromEnv({ URNA_GROUP_BACKEND: 'noble' })).toBe('noble');
    expect(group.implementation).toBe(ristretto255Noble.implementation);
    const auto = autoGroupBackend();
    expect(await selectGroupBackendFromEnv({})).toBe(auto);
    expect(selectedGroupBackend()).toBe(auto);
    if (auto !== 'noble') expect(group.implementation).not.toBe(ristretto255Noble.implementation);
    const k = 0x1234567890abcdefn;
    expect(toHex(group.encode(group.mul(group.generator, k)))).toBe(toHex(ristretto255Noble.encode(ristretto255Noble.mul(ristretto255Noble.generator, k))));
    // Asking again for the same backend is not a second choice.
    expect(await selectGroupBackendFromEnv({})).toBe(auto);
  });
  it('refuses a name that is not a backend, saying which setting was wrong', async () => {
    await expect(selectGroupBackendFromEnv({ URNA_GROUP_BACKEND: 'fast' })).rejects.toThrow(/URNA_GROUP_BACKEND must be auto or one of/);
  });
});
