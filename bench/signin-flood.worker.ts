/**
 * The attacker of bench/signin-flood.bench.ts, on a thread of its own so that it does not share
 * the service's event loop (a real attacker is another machine): keeps `flood` sign-ins of
 * made-up usernames in flight, with one junk challenge and signature, until told to stop; then
 * reports how many it sent and the answers by status. Addresses come as X-Forwarded-For: one
 * address, or a new one per request.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

interface FloodJob {
  base: string;
  flood: number;
  manyAddresses: boolean;
  junk: { challenge: string; signature: string };
}

const job = workerData as FloodJob;
const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
const agent = new http.Agent({ keepAlive: true, maxSockets: job.flood });

function madeUpUsername(): string {
  const chars = [...randomBytes(12)].map((b) => CROCKFORD[b % 32]).join('');
  return `v-${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

function post(body: unknown, address: string): Promise<number> {
  const data = Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(`${job.base}/api/voter/login`, {
      method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': data.length, 'X-Forwarded-For': address },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(data);
  });
}

let running = true;
let sent = 0;
const statuses: Record<string, number> = {};
const worker = async () => {
  while (running) {
    const i = sent++;
    const address = job.manyAddresses ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : '203.0.113.9';
    try {
      const status = await post({ username: madeUpUsername(), ...job.junk }, address);
      statuses[status] = (statuses[status] ?? 0) + 1;
    } catch {
      statuses.error = (statuses.error ?? 0) + 1;
    }
  }
};
const workers = Array.from({ length: job.flood }, worker);
parentPort!.on('message', async () => {
  running = false;
  await Promise.all(workers);
  agent.destroy();
  parentPort!.postMessage({ sent, statuses });
});
