/** Event types and sample events of the ledger contract suite (also used by the crash test's
 * child process, which has no Jest globals). */
import { registerEventTypes } from '../../src/domain/event-catalog';
import type { NewEvent } from '../../src/ledger/event-store';

export const TEST_EVENT_TYPES = {
  happened: 'contract.thing-happened',
  secret: 'contract.secret-recorded',
} as const;

registerEventTypes([
  { type: TEST_EVENT_TYPES.happened, versions: [1, 2], visibility: 'public', description: 'A test fact (ledger contract suite).' },
  { type: TEST_EVENT_TYPES.secret, versions: [1], visibility: 'sealed', description: 'A test fact with personal data (ledger contract suite).' },
]);

export function thing(n: number, extra: Partial<NewEvent> = {}): NewEvent {
  return {
    type: TEST_EVENT_TYPES.happened,
    version: 1,
    data: { n, label: `evento ${n} — ñandú ✓`, nested: { list: [1, 2.5, 'x', null, true], z: 1, a: 2 } },
    metadata: { actor: 'test:contract', correlationId: 'corr-1' },
    visibility: 'public',
    ...extra,
  };
}

export function secret(n: number): NewEvent {
  return { type: TEST_EVENT_TYPES.secret, version: 1, data: { voter: `voter-${n}` }, metadata: { actor: 'test:contract' }, visibility: 'sealed' };
}
