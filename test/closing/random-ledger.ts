/** Random ledgers of cast ballots in memory, for the ballot box stream's tests. */
import { ballotStream } from '../../src/domain/voting/decider';
import type { EventStore, RecordedEvent } from '../../src/ledger/event-store';
import { mulberry32 } from '../support/mulberry32';

/** A ledger in memory: only what reading the box needs. */
export function memoryStore(events: RecordedEvent[], failFrom?: number): EventStore {
  return {
    head: async () => events.length,
    readAll: async ({ from = 0, limit = Infinity } = {}) => {
      if (failFrom !== undefined && from >= failFrom) throw new Error('ledger unavailable');
      return events.slice(from, from + limit);
    },
  } as unknown as EventStore;
}


// Upper and lower case and digits: code-unit order (JS `<`) differs from locale order here.
const ALPHABET = 'ABab01Zz';

/** A random ledger: ballots of this election with distinct codes that share prefixes, ballots of
 * another election, and other events, interleaved. */
export function randomLedger(seed: number, n: number): RecordedEvent[] {
  const rnd = mulberry32(seed);
  const pick = (s: string) => s[Math.floor(rnd() * s.length)];
  const codes = new Set<string>();
  while (codes.size < n) {
    const base = codes.size > 0 && rnd() < 0.5 ? [...codes][Math.floor(rnd() * codes.size)] : '';
    let code = base.slice(0, Math.floor(rnd() * (base.length + 1)));
    const extra = 1 + Math.floor(rnd() * 3);
    for (let i = 0; i < extra; i++) code += pick(ALPHABET);
    codes.add(code);
  }
  const events: RecordedEvent[] = [];
  const push = (type: string, stream: string, data: unknown) => events.push({
    id: `e${events.length}`, stream, revision: 0, position: events.length, type, version: 3, data,
    metadata: { actor: 'test', recordedAt: '2026-01-01T00:00:00.000Z' }, visibility: 'public',
  });
  let voter = 0;
  for (const code of [...codes].sort(() => rnd() - 0.5)) {
    const roll = rnd();
    if (roll < 0.15) push('ElectionOpened', `lifecycle-e1`, { note: 'x' });
    else if (roll < 0.25) push('BallotCast', ballotStream('e2', `p${voter++}`), { pseudonym: 'other', ballot: { trackingCode: 'other' } });
    const pseudonym = `p${voter++}`;
    // Field order, unicode and a varying size: the line is JCS, not the insertion order.
    const ballot = { z: 'ñandú ✓ 𝄞', trackingCode: code, contests: Array.from({ length: Math.floor(rnd() * 4) }, (_, i) => ({ id: `c${i}`, a: rnd() })), a: 1 };
    push('BallotCast', ballotStream('e1', pseudonym), { pseudonym, bindingNonce: `n-${pseudonym}`, credential: `c-${pseudonym}`, signature: `s-${pseudonym}`, styleId: 'st', ballot });
  }
  return events;
}

