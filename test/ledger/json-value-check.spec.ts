/**
 * What the ledger accepts as event data (assertJsonValue in src/ledger/new-event-validation.ts):
 * only values JSON carries unchanged, refused with the path of the first offending value.
 */
import { InvalidEventError } from '../../src/ledger/event-store';
import { assertJsonValue } from '../../src/ledger/new-event-validation';

const refusal = (value: unknown): string => {
  try {
    assertJsonValue(value, 'e[0]: data');
  } catch (err) {
    if (err instanceof InvalidEventError) return err.message;
    throw err;
  }
  return 'accepted';
};

describe('event data the ledger accepts', () => {
  it('accepts JSON data, including one object reached twice (it is not a cycle)', () => {
    const shared = { x: [1, 'ñ', true, null] };
    expect(refusal({ a: shared, b: [shared, shared], c: { d: 1.5, e: '\ud83d\ude00' } })).toBe('accepted');
    expect(refusal([])).toBe('accepted');
  });

  it('names the first offending value by its path, and siblings visited before leave no trace', () => {
    expect(refusal({ a: [{ ok: 1 }, [2, 3]], b: { c: NaN } })).toMatch(/^e\[0\]: data\.b\.c: NaN is not representable in JSON/);
    expect(refusal({ list: [0, 1, { s: 'x\udc00' }] })).toMatch(/^e\[0\]: data\.list\[2\]\.s: string is not valid Unicode/);
    expect(refusal({ a: { '\ud800': 1 } })).toMatch(/^e\[0\]: data\.a: key is not valid Unicode/);
    expect(refusal({ when: new Date(0) })).toMatch(/^e\[0\]: data\.when: only plain objects are allowed \(got Date\)/);
    expect(refusal([1, undefined])).toMatch(/^e\[0\]: data\[1\]: a undefined is not JSON/);
    expect(refusal({ n: 1n })).toMatch(/^e\[0\]: data\.n: a bigint is not JSON/);
  });

  it('refuses a cycle, however deep, at the place it closes', () => {
    const root: Record<string, unknown> = { a: 1 };
    root.inner = { list: [0, root] };
    expect(refusal(root)).toMatch(/^e\[0\]: data\.inner\.list\[1\]: circular reference/);
  });

  it('refuses a sparse array, which JSON would silently fill with null', () => {
    // eslint-disable-next-line no-sparse-arrays
    expect(refusal([1, , 3])).toMatch(/^e\[0\]: data\[1\]: a undefined is not JSON/);
  });
});
