/**
 * The KurrentDB adapter against the shared ledger contract. It needs a KurrentDB server, which
 * this project's machines do not have (no Docker engine, no server package), so the contract
 * suite is registered only when EVENTSTORE_URL is set, e.g.
 *   docker compose up -d eventstore
 *   EVENTSTORE_URL='kurrentdb://127.0.0.1:2113?tls=false' npm test -- test/ledger/kurrentdb
 * The envelope mapping below needs no server and always runs.
 */
import { randomUUID } from 'node:crypto';
import { KurrentDbEventStore } from '../../src/ledger/kurrentdb/kurrentdb-event-store';
import { toKurrentEvent, toRecordedEvent, toStreamState } from '../../src/ledger/kurrentdb/kurrentdb-envelope';
import { isLedgerEvent } from '../../src/ledger/kurrentdb/dense-sequencer';
import { catalogValidator, prepareBatch } from '../../src/ledger/new-event-validation';
import { ledgerContract } from './ledger-contract';
import { secret, thing } from './ledger-contract-events';

const url = process.env.EVENTSTORE_URL;
if (url) {
  ledgerContract('KurrentDB', async () => {
    const store = new KurrentDbEventStore(url, { pollIntervalMs: 200 });
    return { store, dispose: () => store.close() };
  });
} else {
  // eslint-disable-next-line no-console
  console.log('KurrentDB ledger contract NOT run: set EVENTSTORE_URL (e.g. kurrentdb://127.0.0.1:2113?tls=false) to run it');
}

describe('KurrentDB envelope mapping', () => {
  it('round-trips our envelope through a KurrentDB event and marks it as ours', () => {
    const [pub, sealed] = prepareBatch('election-1', [thing(7, { id: randomUUID(), version: 2 }), secret(1)], catalogValidator);
    const created = new Date('2025-06-01T12:00:00.123Z');
    const asStored = (e: ReturnType<typeof toKurrentEvent>, revision: number) =>
      ({ streamId: 'election-1', id: e.id, isJson: true, revision: BigInt(revision), type: e.type, created, data: e.data, metadata: e.metadata }) as never;

    const storedPub = toKurrentEvent(pub);
    expect(isLedgerEvent(storedPub.metadata)).toBe(true);
    expect(isLedgerEvent({ actor: 'someone-else' })).toBe(false);
    const readPub = toRecordedEvent(asStored(storedPub, 0), 41);
    expect(readPub).toEqual({
      id: pub.id,
      stream: 'election-1',
      revision: 0,
      position: 41,
      type: pub.type,
      version: 2,
      data: JSON.parse(pub.dataJson),
      metadata: { ...JSON.parse(pub.metadataJson), recordedAt: '2025-06-01T12:00:00.123Z' },
      visibility: 'public',
    });

    const readSealed = toRecordedEvent(asStored(toKurrentEvent(sealed), 1), 42);
    expect(readSealed.visibility).toBe('sealed');
    expect(readSealed.salt).toBe(sealed.salt);
    expect(readSealed.salt).toMatch(/^[0-9a-f]{64}$/);
  });

  it('maps expected revisions onto KurrentDB stream states', () => {
    expect(toStreamState('no_stream')).toBe('no_stream');
    expect(toStreamState('any')).toBe('any');
    expect(toStreamState('stream_exists')).toBe('stream_exists');
    expect(toStreamState(5)).toBe(5n);
  });
});
