/**
 * The rules of urna-leaf/1 (docs/spec/log.md §2) that the byte-for-byte examples in
 * leaf-encoding.spec.ts do not pin: which salts are accepted, which event members reach the
 * public entry or the sealed commitment (and only when present), and what is refused, with
 * its message. A leaf is what every auditor recomputes, so each rule is tried from both sides.
 */
import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../src/ledger/event-store';
import { LeafEncodingError, leafDataOf, leafDataOfEntry, publicEntryOf, sealedCommitment, sealedContentOf } from '../../src/ledger/merkle/leaf-encoding';

const salt = '0f'.repeat(32);
const event: RecordedEvent = {
  id: 'id-1',
  stream: 'voter-X',
  revision: 2,
  position: 9,
  type: 'VoterRegistered',
  version: 2,
  data: { n: 1 },
  metadata: { actor: 'admin:ana', causationId: 'cause-1', correlationId: 'corr-1', recordedAt: '2024-06-02T10:00:00.000Z' },
  visibility: 'public',
};
const bare: RecordedEvent = { ...event, metadata: { actor: 'admin:ana', recordedAt: event.metadata.recordedAt } };
const sealed = (e: RecordedEvent): RecordedEvent => ({ ...e, visibility: 'sealed', salt });
const sha256Hex = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest('hex');
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('the salt of a sealed commitment: exactly 64 lowercase hex digits', () => {
  const content = sealedContentOf(event);
  it.each([
    ['uppercase', 'AB'.repeat(32)],
    ['63 digits', '0'.repeat(63)],
    ['62 digits', 'ab'.repeat(31)],
    ['66 digits', 'ab'.repeat(33)],
    ['a non-hex first digit', 'g' + '0'.repeat(63)],
    ['a non-hex last digit', '0'.repeat(63) + 'g'],
    ['a trailing newline', 'ab'.repeat(32) + '\n'],
    ['a leading space', ' ' + 'ab'.repeat(32)],
    ['the empty string', ''],
  ])('refuses %s, saying what a salt is', (_, bad) => {
    expect(() => sealedCommitment(content, bad)).toThrow(LeafEncodingError);
    expect(() => sealedCommitment(content, bad)).toThrow('salt must be 32 bytes of lowercase hex');
  });
  it('accepts 64 lowercase hex digits', () => {
    expect(sealedCommitment(content, 'a'.repeat(64))).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the sealed content: every private member, present ones only', () => {
  it('carries stream, revision, id, actor, causation and correlation ids, and data', () => {
    expect(sealedContentOf(event)).toStrictEqual({ stream: 'voter-X', revision: 2, id: 'id-1', actor: 'admin:ana', causationId: 'cause-1', correlationId: 'corr-1', data: { n: 1 } });
  });
  it('leaves out the ids an event does not have (no member holding undefined)', () => {
    expect(sealedContentOf(bare)).toStrictEqual({ stream: 'voter-X', revision: 2, id: 'id-1', actor: 'admin:ana', data: { n: 1 } });
  });
  it('the commitment is SHA-256(salt bytes || canonical JSON of the content), causation and correlation included', () => {
    const body = '{"actor":"admin:ana","causationId":"cause-1","correlationId":"corr-1","data":{"n":1},"id":"id-1","revision":2,"stream":"voter-X"}';
    const entry = publicEntryOf(sealed(event));
    expect(entry.data).toEqual({ commitment: sha256Hex(Buffer.from(salt, 'hex'), Buffer.from(body, 'utf8')) });
    // Another causation id is another commitment: the sealed event's metadata is bound.
    const other = publicEntryOf(sealed({ ...event, metadata: { ...event.metadata, causationId: 'cause-2' } }));
    expect(other.data).not.toEqual(entry.data);
  });
});

describe('the public entry', () => {
  it('of a public event carries causation and correlation ids when present', () => {
    expect(publicEntryOf(event)).toStrictEqual({
      format: 'urna-leaf/1', position: 9, id: 'id-1', stream: 'voter-X', revision: 2, type: 'VoterRegistered', version: 2,
      recordedAt: event.metadata.recordedAt, actor: 'admin:ana', causationId: 'cause-1', correlationId: 'corr-1', visibility: 'public', data: { n: 1 },
    });
  });
  it('of a public event without them has no such members', () => {
    const entry = publicEntryOf(bare);
    expect(Object.keys(entry).sort()).toEqual(['actor', 'data', 'format', 'id', 'position', 'recordedAt', 'revision', 'stream', 'type', 'version', 'visibility']);
  });
  it('of a sealed event names nothing private: exactly format, position, type, version, time, visibility and the commitment', () => {
    const entry = publicEntryOf(sealed(event));
    expect(Object.keys(entry).sort()).toEqual(['data', 'format', 'position', 'recordedAt', 'type', 'version', 'visibility']);
    expect(text(leafDataOf(sealed(event)))).toBe(
      `{"data":{"commitment":"${(entry.data as { commitment: string }).commitment}"},"format":"urna-leaf/1","position":9,"recordedAt":"2024-06-02T10:00:00.000Z","type":"VoterRegistered","version":2,"visibility":"sealed"}`,
    );
  });
  it('leaf data is the canonical JSON of the entry, whatever order its members came in', () => {
    const entry = publicEntryOf(event);
    const reversed = Object.fromEntries(Object.entries(entry).reverse()) as typeof entry;
    expect(text(leafDataOfEntry(reversed))).toBe(text(leafDataOf(event)));
    expect(text(leafDataOf(event)).startsWith('{"actor":"admin:ana","causationId":"cause-1","correlationId":"corr-1","data":{"n":1},"format":"urna-leaf/1"')).toBe(true);
  });
});

describe('refusals', () => {
  it('a sealed event without a salt, naming its position', () => {
    expect(() => publicEntryOf({ ...event, visibility: 'sealed' })).toThrow(LeafEncodingError);
    expect(() => publicEntryOf({ ...event, visibility: 'sealed' })).toThrow('sealed event at position 9 has no salt');
  });
  it('a sealed event with a salt of the wrong form', () => {
    expect(() => publicEntryOf({ ...event, visibility: 'sealed', salt: 'AB'.repeat(32) })).toThrow('salt must be 32 bytes of lowercase hex');
  });
  it('any visibility but public or sealed, naming it (no leaf that publishes an event of unknown rules)', () => {
    const odd = { ...event, visibility: 'secret' } as unknown as RecordedEvent;
    expect(() => publicEntryOf(odd)).toThrow(LeafEncodingError);
    expect(() => publicEntryOf(odd)).toThrow('unknown visibility "secret"');
    expect(() => leafDataOf({ ...event, visibility: undefined } as unknown as RecordedEvent)).toThrow('unknown visibility "undefined"');
  });
  it('the error is a LeafEncodingError by name', () => {
    expect(new LeafEncodingError('x').name).toBe('LeafEncodingError');
  });
});
