/**
 * A trustee station downloading the exported box from the board waits out the board's "busy"
 * answers (429 per address: trustees in one room share one; 503 per instance) as Retry-After
 * says, and gives up with the board's status after BOX_DOWNLOAD_ATTEMPTS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BallotBoxBytes } from '../../src/tally/ballot-box-bytes';
import { BOX_DOWNLOAD_ATTEMPTS, HttpTallyPort } from '../../src/trustee-station/http-ports';

/** The body as it arrived, chunk after chunk. */
async function whole(bytes: BallotBoxBytes): Promise<Uint8Array> {
  if (bytes instanceof Uint8Array) return bytes;
  const parts: Uint8Array[] = [];
  for await (const part of bytes as AsyncIterable<Uint8Array>) parts.push(part);
  return new Uint8Array(Buffer.concat(parts));
}

describe("a station's download of the ballot box", () => {
  let server: Server;
  let url: string;
  let answers: Array<{ status: number; retryAfter?: string }>;
  let asked = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      asked++;
      const next = answers.shift() ?? { status: 200 };
      if (next.retryAfter !== undefined) res.setHeader('Retry-After', next.retryAfter);
      res.statusCode = next.status;
      res.end(next.status === 200 ? '{"ballot":1}\n' : '{"error":"BUSY"}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    asked = 0;
  });

  it('waits as Retry-After says while the board is busy, then takes the box', async () => {
    answers = [{ status: 429, retryAfter: '5' }, { status: 503, retryAfter: '10' }, { status: 429 }, { status: 503, retryAfter: '3600' }];
    const pauses: number[] = [];
    const port = new HttpTallyPort(url, 'e', undefined, { pause: async (ms) => void pauses.push(ms) });
    expect(new TextDecoder().decode(await whole(await port.ballotBox()))).toBe('{"ballot":1}\n');
    expect(pauses).toEqual([5_000, 10_000, 1_000, 30_000]); // no header: 1 s; never more than 30 s
    expect(asked).toBe(5);
  });

  it('gives up after BOX_DOWNLOAD_ATTEMPTS busy answers, with the status', async () => {
    answers = Array.from({ length: BOX_DOWNLOAD_ATTEMPTS + 5 }, () => ({ status: 503, retryAfter: '1' }));
    const port = new HttpTallyPort(url, 'e', undefined, { pause: async () => undefined });
    await expect(port.ballotBox()).rejects.toMatchObject({ status: 503, code: 'BALLOT_BOX_UNAVAILABLE' });
    expect(asked).toBe(BOX_DOWNLOAD_ATTEMPTS);
  });

  it('does not ask again when the answer is not "busy" (404 before the export)', async () => {
    answers = [{ status: 404 }];
    const port = new HttpTallyPort(url, 'e', undefined, { pause: async () => { throw new Error('no pause expected'); } });
    await expect(port.ballotBox()).rejects.toMatchObject({ status: 404, code: 'BALLOT_BOX_UNAVAILABLE' });
    expect(asked).toBe(1);
  });
});
