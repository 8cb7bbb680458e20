/**
 * The attacker of bench/signin-flood.bench.ts, on a thread of its own so that it does not share
 * the service's event loop (a real attacker is another machine): sign-ins of made-up usernames,
 * with one junk challenge and signature, until told to stop; then reports how many it sent and
 * the answers by status. Addresses come as X-Forwarded-For: one address, or a new one per request.
 *
 * Two kinds of attacker:
 *   - closed loop (`rate` 0): `flood` requests always in flight, each sent again as soon as it is
 *     answered. An instant refusal is then an invitation to send more: against a service that
 *     refuses cheaply it measures how many requests per second HTTP itself can turn away, not
 *     what the budgets do.
 *   - fixed rate (`rate` > 0): `rate` requests per second whatever the answers, with at most
 *     `flood` in flight (a tick finding them all busy sends nothing and counts it as `held`). This
 *     is what reaches the service from behind a proxy that limits each address's connections
 *     and request rate (docs/operations/plan-de-seguridad.md), and what the issue measured:
 *     60 concurrent made-up sign-ins.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';

interface FloodJob {
  base: string;
  flood: number;
  manyAddresses: boolean;
  junk: { challenge: string; signature: string };
  /** Requests per second; 0 for a closed loop. */
  rate: number;
  /** The one address of a one-address flood (a new one per flood, so that no flood starts on a budget an earlier one spent). */
  address: string;
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
    const address = job.manyAddresses ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : job.address;
    try {
      const status = await post({ username: madeUpUsername(), ...job.junk }, address);
      statuses[status] = (statuses[status] ?? 0) + 1;
    } catch {
      statuses.error = (statuses.error ?? 0) + 1;
    }
  }
};
let inFlight = 0;
const pending = new Set<Promise<void>>();
const one = async () => {
  const i = sent++;
  const address = job.manyAddresses ? `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` : job.address;
  inFlight++;
  try {
    const status = await post({ username: madeUpUsername(), ...job.junk }, address);
    statuses[status] = (statuses[status] ?? 0) + 1;
  } catch {
    statuses.error = (statuses.error ?? 0) + 1;
  } finally {
    inFlight--;
  }
};
/** Fixed rate: every 10 ms, the requests due since the start, as long as fewer than `flood` are in flight. */
const startedAt = performance.now();
let due = 0;
const ticker = job.rate > 0 ? setInterval(() => {
  const target = Math.floor(((performance.now() - startedAt) / 1000) * job.rate);
  while (due < target) {
    due++;
    if (inFlight >= job.flood) {
      statuses.held = (statuses.held ?? 0) + 1;
      continue;
    }
    const p = one();
    pending.add(p);
    void p.then(() => pending.delete(p));
  }
}, 10) : undefined;
const workers = job.rate > 0 ? [] : Array.from({ length: job.flood }, worker);
parentPort!.on('message', async () => {
  running = false;
  if (ticker) clearInterval(ticker);
  await Promise.all([...workers, ...pending]);
  agent.destroy();
  parentPort!.postMessage({ sent, statuses, seconds: (performance.now() - startedAt) / 1000 });
});
// Compiling this file on the thread takes a while on a loaded machine: the bench waits for this.
parentPort!.postMessage('ready');
