import { createHash } from 'node:crypto';
import { specFor } from '../decider-spec';
import { rollDecider } from '../../../src/domain/roll/decider';
import { ROLL_CHUNK_SIZE } from '../../../src/domain/roll/decide';
import { rollCommitment, rollEntryBytes } from '../../../src/domain/roll/roll-commitment';
import { toHex } from '../../../src/domain/crypto/hash';
import { newPseudonym } from '../../../src/domain/roll/pseudonym';
import { seededRandomSource } from '../../../src/roll/seeded-random-source';
import type { RollEvent } from '../../../src/domain/roll/events';

const given = specFor(rollDecider);
const NOW = '2024-04-01T12:00:00.000Z';
const P = (c: string) => c.repeat(26);
const entries = [
  { pseudonym: P('b'), entity: '14' },
  { pseudonym: P('a'), entity: '09' },
  { pseudonym: P('c'), entity: '14' },
];
const importRoll = { type: 'ImportRoll' as const, electionId: 'e1', entries, electionOpened: false, now: NOW };
const imported = () => rollDecider.decide(importRoll, rollDecider.initialState());

describe('roll commitment (byte-exact)', () => {
  it('frames an entry as u32 lengths around tag, count and parts', () => {
    expect(toHex(rollEntryBytes({ pseudonym: 'ab', entity: '09' }))).toBe(
      '00000012' + toHex(new TextEncoder().encode('urna/v1/roll-entry')) + '00000002' + '00000002' + '6162' + '00000002' + '3039',
    );
  });
  it('is the RFC 9162 tree hash of the sorted entries: empty, one and three leaves', () => {
    expect(rollCommitment([])).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const h = (...b: Buffer[]) => createHash('sha256').update(Buffer.concat(b)).digest();
    const leaf = (e: { pseudonym: string; entity: string }) => h(Buffer.from([0]), Buffer.from(rollEntryBytes(e)));
    const node = (l: Buffer, r: Buffer) => h(Buffer.from([1]), l, r);
    const [a, b, c] = [entries[1], entries[0], entries[2]];
    expect(rollCommitment([entries[0]])).toBe(leaf(entries[0]).toString('hex'));
    expect(rollCommitment(entries)).toBe(node(node(leaf(a), leaf(b)), leaf(c)).toString('hex'));
  });
});

describe('roll decider', () => {
  it('imports: public summary with per-entity counts and commitment, then sorted entry chunks', () => {
    given([]).when(importRoll).then([
      {
        type: 'RollImported',
        data: { electionId: 'e1', rollVersion: 1, size: 3, perEntity: { '09': 1, '14': 2 }, rollCommitment: rollCommitment(entries), chunkCount: 1, importedAt: NOW },
      },
      { type: 'RollEntriesPublished', data: { electionId: 'e1', rollVersion: 1, chunk: 0, chunkCount: 1, added: [entries[1], entries[0], entries[2]], removed: [] } },
    ]);
  });

  it('publishes large rolls in chunks that stay under the ledger event limit', () => {
    const random = seededRandomSource('chunks');
    const many = Array.from({ length: 2500 }, () => ({ pseudonym: newPseudonym(random), entity: '14' }));
    const events = given([]).when({ ...importRoll, entries: many }).events();
    expect(events.length).toBe(1 + Math.ceil(2500 / ROLL_CHUNK_SIZE));
    for (const e of events) expect(JSON.stringify(e.data).length).toBeLessThan(60 * 1024);
  });

  it('refuses an import after opening, a second import, an empty roll and duplicate pseudonyms', () => {
    given([]).when({ ...importRoll, electionOpened: true }).thenFails('ROLL_FROZEN');
    given(imported()).when(importRoll).thenFails('ROLL_ALREADY_IMPORTED');
    given([]).when({ ...importRoll, entries: [] }).thenFails('EMPTY_ROLL');
    given([]).when({ ...importRoll, entries: [entries[0], entries[0]] }).thenFails('DUPLICATE_PSEUDONYM');
    given([]).when({ ...importRoll, entries: [{ pseudonym: 'Not-A-Pseudonym', entity: '14' }] }).thenFails('INVALID_ROLL_ENTRY');
  });

  it('amends before opening: adds and removes, with the new commitment and the previous one', () => {
    const d = { pseudonym: P('d'), entity: '32' };
    const events = given(imported()).when({ type: 'AmendRoll', electionId: 'e1', add: [d], remove: [P('a')], reason: 'corrección DERFE', electionOpened: false, now: NOW }).events();
    const after = [entries[0], entries[2], d];
    expect(events[0]).toEqual({
      type: 'RollAmended',
      data: {
        electionId: 'e1', rollVersion: 2, reason: 'corrección DERFE', added: 1, removed: 1, size: 3, perEntity: { '14': 2, '32': 1 },
        rollCommitment: rollCommitment(after), previousCommitment: rollCommitment(entries), chunkCount: 2, amendedAt: NOW,
      },
    });
    const state = [...imported(), ...events].reduce(rollDecider.evolve, rollDecider.initialState());
    expect([...state.entries.keys()].sort()).toEqual(after.map((e) => e.pseudonym).sort());
  });

  it('refuses amendments after opening, before import, without reason, or removing an unknown pseudonym', () => {
    const amend = { type: 'AmendRoll' as const, electionId: 'e1', add: [], remove: [P('a')], reason: 'x', electionOpened: false, now: NOW };
    given(imported()).when({ ...amend, electionOpened: true }).thenFails('ROLL_FROZEN');
    given([]).when(amend).thenFails('ROLL_NOT_IMPORTED');
    given(imported()).when({ ...amend, reason: ' ' }).thenFails('MISSING_REASON');
    given(imported()).when({ ...amend, remove: [P('z')] }).thenFails('UNKNOWN_PSEUDONYM');
    given(imported()).when({ ...amend, add: [entries[0]], remove: [] }).thenFails('DUPLICATE_PSEUDONYM');
  });

  it('the public events carry no personal data', () => {
    const json = JSON.stringify(imported() as RollEvent[]);
    expect(Object.keys(JSON.parse(json)[1].data.added[0]).sort()).toEqual(['entity', 'pseudonym']);
  });
});
