/**
 * The public reads' per-address budget (src/bulletin-board/public-read-limit.ts, issue 16 §4.3)
 * attacked through HTTP on the real stack: 130 rapid reads of what cannot be cached from one
 * address, then the same client asking for tiles and immutable answers, and other clients
 * (addresses from X-Forwarded-For, believed from the loopback proxy as URNA_TRUSTED_PROXIES
 * allows). The budget here is tiny (5 reads) so that the test is fast; the service's is 1,200.
 */
import request from 'supertest';
import { PublicReadBuckets } from '../../src/bulletin-board/public-read-limit';
import { useOpenElectionApp } from '../voting/support/open-election-app';

jest.setTimeout(120_000);

describe('public read budget', () => {
  const env = useOpenElectionApp('abuse_reads', { voters: 1, entities: ['01'] }, {
    trustedProxies: ['loopback'],
    publicReads: { capacity: 5, refillPerSecond: 0.01 },
  });

  const get = (path: string, address: string) => request(env.server).get(path).set('X-Forwarded-For', address);

  async function latestSize(): Promise<number> {
    for (let i = 0; i < 100; i++) {
      const res = await get('/log/checkpoint', `192.0.2.${100 + (i % 100)}`);
      if (res.status === 200) return Number(res.text.split('\n')[1]);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('no checkpoint');
  }

  it('refuses 130 rapid uncached reads from one address beyond its budget, with Retry-After, and serves another address', async () => {
    await latestSize();
    const statuses: number[] = [];
    let refused: request.Response | undefined;
    for (let i = 0; i < 130; i++) {
      const res = await get(i % 2 ? '/log/checkpoint' : `/api/board/receipts/${'a'.repeat(64)}`, '203.0.113.50');
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
    }
    expect(statuses.slice(0, 5).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(5).every((s) => s === 429)).toBe(true);
    expect(refused!.body).toMatchObject({ error: 'RATE_LIMITED' });
    expect(refused!.body.mensaje).toMatch(/intente de nuevo/);
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another client is not affected.
    expect((await get('/log/checkpoint', '198.51.100.50')).status).toBe(200);
    // Tiles are never refused, even to the client whose budget is spent.
    expect((await get('/log/tile/0/000', '203.0.113.50')).status).not.toBe(429);
  });

  it('charges nothing for immutable answers (a past checkpoint), only for what must be answered anew', async () => {
    const size = await latestSize();
    for (let i = 0; i < 20; i++) {
      const res = await get(`/log/checkpoint?size=${size}`, '203.0.113.60');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toMatch(/immutable/);
    }
    // The budget is whole: five uncached reads still pass, the sixth is refused.
    for (let i = 0; i < 5; i++) expect((await get('/log/checkpoint', '203.0.113.60')).status).toBe(200);
    expect((await get('/log/checkpoint', '203.0.113.60')).status).toBe(429);
  });

  it('refills with time', () => {
    let now = 0;
    const buckets = new PublicReadBuckets({ capacity: 2, refillPerSecond: 1 }, () => now);
    buckets.charge('a');
    buckets.charge('a');
    expect(buckets.waitFor('a')).toBe(1);
    expect(buckets.waitFor('b')).toBe(0);
    now += 1000;
    expect(buckets.waitFor('a')).toBe(0);
  });
});
