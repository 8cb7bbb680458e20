import { group } from '../../src/domain/crypto/active-group';
import type { BallotStyle } from '../../src/domain/crypto/ballot/ballot-style';
import { encryptBallot } from '../../src/domain/crypto/ballot/encrypt-ballot';
import { signingKey } from '../../src/domain/crypto/credential/credential-signature';
import { canonicalJson } from '../../src/domain/shared/canonical-json';
import { electionContext } from '../../src/domain/crypto/election-context';
import { encryptionTables } from '../../src/domain/crypto/elgamal';
import { hash256, toHex, utf8 } from '../../src/domain/crypto/hash';
import { randomScalar } from '../../src/domain/crypto/scalar';
import { MSM_BATCH, type CryptoSetup } from '../../src/parallel/crypto-tasks';
import { CryptoWorkers } from '../../src/parallel/crypto-workers';

/**
 * A check in the calling thread (URNA_WORKERS or --workers 0/1) gives the event loop a turn
 * between chunks. A trustee station checking a box of 10^3 ballots with noble in its own thread
 * runs for minutes; held the whole time, it printed no progress and its HTTP client could send
 * the partial decryptions on a kept-alive connection the service had closed meanwhile.
 */
const style: BallotStyle = { id: 'prueba', contests: [{ id: 'c1', optionIds: ['a', 'b'] }] };
const manifestHash = hash256('urna/test/manifest', utf8('in-thread-turns'));
const publicKey = group.mul(group.generator, randomScalar());
const context = electionContext(manifestHash, publicKey);
const tables = encryptionTables(publicKey);
// noble: the calling thread's chunks are MSM batches of 16 (64 with libdecaf).
const setup: CryptoSetup = { manifestHash: toHex(manifestHash), publicKey: toHex(group.encode(publicKey)), styles: [style], groupBackend: 'noble' };
const ballots = Array.from({ length: 3 * MSM_BATCH }, (_, i) =>
  JSON.parse(JSON.stringify(encryptBallot({ context, tables, style, pseudonym: `seudonimo-${i}`, credential: signingKey(randomScalar()), selections: { c1: i % 2 ? 'a' : 'b' } }).ballot)) as unknown,
);

/** Counts the event loop's turns (one setImmediate per turn) until stopped. */
function turnCounter(): { readonly turns: number; stop(): void } {
  let turns = 0;
  let on = true;
  const tick = () => {
    if (!on) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  return {
    get turns() {
      return turns;
    },
    stop: () => {
      on = false;
    },
  };
}

describe('checks in the calling thread let the event loop turn', () => {
  it('between the chunks of verifyBallots and verifyBallotLines', async () => {
    const workers = new CryptoWorkers(setup, 0);
    expect(workers.workers).toBe(0);
    const counter = turnCounter();
    try {
      const seen: number[] = [];
      for await (const chunk of workers.verifyBallots(ballots)) {
        expect(chunk.verdicts.every((v) => v.ok)).toBe(true);
        seen.push(counter.turns);
      }
      const lines = ballots.map((b) => canonicalJson(b));
      for await (const chunk of workers.verifyBallotLines(lines)) {
        expect(chunk.lines.every((l) => l.ok && l.verdict.ok)).toBe(true);
        seen.push(counter.turns);
      }
      expect(seen).toHaveLength(6);
      for (let k = 1; k < seen.length; k++) expect(seen[k]).toBeGreaterThan(seen[k - 1]);
    } finally {
      counter.stop();
      await workers.close();
    }
  });

  it('between the chunks a reader queues at once (the tally and the stations queue ballot lines ahead)', async () => {
    const workers = new CryptoWorkers(setup, 0);
    const counter = turnCounter();
    try {
      const lines = ballots.map((b) => canonicalJson(b));
      const settledAt: number[] = [];
      const queued = [0, 1, 2].map((k) =>
        workers.queueBallotLines(k * MSM_BATCH, lines.slice(k * MSM_BATCH, (k + 1) * MSM_BATCH), [], true).then((chunk) => {
          settledAt.push(counter.turns);
          return chunk;
        }),
      );
      for (const chunk of await Promise.all(queued)) expect(chunk.lines.every((l) => l.ok && l.verdict.ok)).toBe(true);
      expect(settledAt).toHaveLength(3);
      for (let k = 1; k < settledAt.length; k++) expect(settledAt[k]).toBeGreaterThan(settledAt[k - 1]);
    } finally {
      counter.stop();
      await workers.close();
    }
  });
});
