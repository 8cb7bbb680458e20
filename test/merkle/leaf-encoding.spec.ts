import { createHash } from 'node:crypto';
import type { RecordedEvent } from '../../src/ledger/event-store';
import { leafDataOf, leafDataOfEntry, publicEntryOf, sealedCommitment } from '../../src/ledger/merkle/leaf-encoding';

const base: RecordedEvent = {
  id: '0b6f7c1e-3c1d-4f3e-9a53-5b8a4d0a7d11',
  stream: 'election-2024',
  revision: 3,
  position: 17,
  type: 'election.configured',
  version: 1,
  data: { z: 1, a: 'Jalisco ñ', list: [2, 1.5] },
  metadata: { actor: 'admin:ana', correlationId: 'c-1', recordedAt: '2024-06-02T10:00:00.000Z' },
  visibility: 'public',
};

describe('leaf encoding urna-leaf/1', () => {
  it('public event: canonical JSON of the envelope, byte for byte', () => {
    const text = new TextDecoder().decode(leafDataOf(base));
    expect(text).toBe(
      '{"actor":"admin:ana","correlationId":"c-1","data":{"a":"Jalisco ñ","list":[2,1.5],"z":1},"format":"urna-leaf/1",' +
        '"id":"0b6f7c1e-3c1d-4f3e-9a53-5b8a4d0a7d11","position":17,"recordedAt":"2024-06-02T10:00:00.000Z","revision":3,' +
        '"stream":"election-2024","type":"election.configured","version":1,"visibility":"public"}',
    );
  });

  it('an auditor recomputes the leaf from the published entry (after a JSON round trip)', () => {
    const entry = JSON.parse(JSON.stringify(publicEntryOf(base)));
    expect(Buffer.from(leafDataOfEntry(entry))).toEqual(Buffer.from(leafDataOf(base)));
  });

  it('sealed event: publishes only a salted commitment, openable with the salt', () => {
    const salt = 'ab'.repeat(32);
    const sealed: RecordedEvent = { ...base, stream: 'voter-ROSA800101', visibility: 'sealed', salt, data: { email: 'rosa@example.mx' }, metadata: { actor: 'voter:rosa', recordedAt: base.metadata.recordedAt } };
    const entry = publicEntryOf(sealed);
    const text = new TextDecoder().decode(leafDataOf(sealed));
    expect(text).not.toMatch(/rosa|ROSA|voter-|example\.mx/);
    const committed = '{"actor":"voter:rosa","data":{"email":"rosa@example.mx"},"id":"0b6f7c1e-3c1d-4f3e-9a53-5b8a4d0a7d11","revision":3,"stream":"voter-ROSA800101"}';
    const expected = createHash('sha256').update(Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from(committed, 'utf8')])).digest('hex');
    expect(entry).toEqual({ format: 'urna-leaf/1', position: 17, type: 'election.configured', version: 1, recordedAt: base.metadata.recordedAt, visibility: 'sealed', data: { commitment: expected } });
    // a different salt gives an unlinkable commitment
    expect(sealedCommitment({ stream: 'voter-ROSA800101', revision: 3, id: base.id, actor: 'voter:rosa', data: { email: 'rosa@example.mx' } }, 'cd'.repeat(32))).not.toBe(expected);
  });

  it('refuses a sealed event without a valid salt', () => {
    expect(() => leafDataOf({ ...base, visibility: 'sealed' })).toThrow(/salt/);
    expect(() => leafDataOf({ ...base, visibility: 'sealed', salt: 'xyz' })).toThrow(/salt/);
  });
});
