/**
 * The tally and a trustee's check read the ballot box as a stream (issue 17: 10^5 ballots of
 * ~34 kB never held whole) and judge it exactly as before:
 *   - bytes arriving in small pieces (lines and UTF-8 sequences cut anywhere) give the same box;
 *     a changed, extra or missing line is still refused, and the refusals keep their order
 *     (hash, not UTF-8, final newline, first bad line, first bad ballot, count, totals);
 *   - the tally refuses a ledger whose box is not the closing's (an extra ballot) with
 *     BALLOT_BOX_MISMATCH and records no total;
 *   - neither ever has more than its bound of chunks queued to the workers.
 */
import { createHash } from 'node:crypto';
import { ballotBoxHash, ballotBoxLines, castBallotOf, type CastBallot } from '../../src/closing/ballot-box';
import { toDomainEvent } from '../../src/command-path/stream-state';
import { lifecycleStream } from '../../src/domain/lifecycle/decider';
import type { BallotBoxExported } from '../../src/domain/lifecycle/events';
import { tallyStream } from '../../src/domain/tally/decider';
import { manifestBallotStyles } from '../../src/domain/tally/manifest-styles';
import type { EventStore, RecordedEvent } from '../../src/ledger/event-store';
import { CryptoWorkers } from '../../src/parallel/crypto-workers';
import { ledgerBallotBox } from '../../src/tally/ballot-box-source';
import { TrusteeTotalsRefusedError } from '../../src/tally/tally-errors';
import { TallyService } from '../../src/tally/tally-service';
import { checkTrusteeTotals, type ContestTotalsRequest, type ExportedBallotBox, type RecomputedBallotBox } from '../../src/tally/trustee-totals-check';
import { smallManualText } from '../domain/configuration/small-manual';
import { buildClosedElection, type ClosedElection } from '../support/closed-election';
import { commandsFor } from '../support/command-path';
import { useTrusteeWorkbench } from '../support/trustee-workbench';
import { refusal } from './trustee-refusal';

jest.setTimeout(240_000);

const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const flipProof = (l: string) => l.replace(/"v1":"([0-9a-f])/, (_, c: string) => `"v1":"${c === 'a' ? 'b' : 'a'}`);

/** `bytes` handed over `size` bytes at a time, as a slow download would. */
async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.slice(at, at + size);
  }
}


/**
 * Instruments the worker queue: every chunk queued answers 30 ms late, so a reader without a
 * bound would have every chunk of a small box queued before the first answer. Returns the most
 * chunks queued and not yet answered at once, and how many were queued.
 */
function slowQueue(): { peak: () => number; queued: () => number; restore: () => void } {
  const real = CryptoWorkers.prototype.queueBallotLines;
  let outstanding = 0;
  let peak = 0;
  let queued = 0;
  const spy = jest.spyOn(CryptoWorkers.prototype, 'queueBallotLines').mockImplementation(function (this: CryptoWorkers, ...args) {
    outstanding++;
    queued++;
    peak = Math.max(peak, outstanding);
    const answer = real.apply(this, args);
    return new Promise((resolve, reject) => setTimeout(() => {
      outstanding--;
      answer.then(resolve, reject);
    }, 30));
  });
  return { peak: () => peak, queued: () => queued, restore: () => spy.mockRestore() };
}

describe('the ballot box read as a stream', () => {
  const bench = useTrusteeWorkbench('streamed-box', 2);
  let store: EventStore;
  let election: ClosedElection;
  let boxBytes: Uint8Array;
  let exported: ExportedBallotBox;
  let honest: ContestTotalsRequest[];

  const requestsOf = (box: RecomputedBallotBox): ContestTotalsRequest[] => [...box.contests].map(([contestId, c]) => ({
    contestId, ballots: c.ballots, options: c.optionIds.map((optionId, k) => ({ optionId, ...c.sums[k] })),
  }));
  const check = (over: Partial<Parameters<typeof checkTrusteeTotals>[0]> = {}) => checkTrusteeTotals({
    ballotBox: pieces(boxBytes, 7), exported, context: election.context, styles: manifestBallotStyles(election.manifest), totals: honest, workers: 0, ...over,
  });
  const lines = () => text(boxBytes).split('\n').filter((l) => l !== '');
  /** A box made of `edited` lines, in 7-byte pieces, with BallotBoxExported as if it had recorded it. */
  const box = (edited: string[] | Uint8Array, ballots = exported.ballots, size = 7) => {
    const bytes = edited instanceof Uint8Array ? edited : utf8(edited.map((l) => `${l}\n`).join(''));
    return { ballotBox: pieces(bytes, size), exported: { sha256: sha256Hex(bytes), ballots } };
  };

  beforeAll(async () => {
    store = await bench.freshStore();
    election = await buildClosedElection(store, { voters: 6, tokens: bench.tokens, threshold: 2, manualText: smallManualText() });
    boxBytes = await ledgerBallotBox(store)(election.electionId);
    const e = (await store.readStream(lifecycleStream(election.electionId))).map((r) => toDomainEvent<BallotBoxExported>(r)).find((r) => r.type === 'BallotBoxExported')!;
    exported = { sha256: e.data.sha256, ballots: e.data.ballots };
    expect(sha256Hex(boxBytes)).toBe(exported.sha256);
    honest = requestsOf(await checkTrusteeTotals({ ballotBox: boxBytes, exported, context: election.context, styles: manifestBallotStyles(election.manifest), totals: [], workers: 0 }));
  });

  describe("a trustee's check", () => {
    it('in 7-byte pieces and a line per chunk: the same box as read whole, on this thread and on 2 workers', async () => {
      for (const workers of [0, 2]) {
        const read = await check({ workers, chunks: { lines: 1, inFlight: 2 } });
        expect(read).toMatchObject({ sha256: exported.sha256, ballots: 6 });
        expect(requestsOf(read)).toEqual(honest);
      }
      // Multi-byte characters cut between 1-byte pieces are still characters: the line that
      // holds them is judged as a ballot (an unknown member), never as bytes that are not UTF-8.
      const accented = [...lines().slice(0, 5), `${lines()[5].slice(0, -1)},"ñ":"é€"}`];
      const err = await refusal(check(box(accented, 6, 1)));
      expect(err.message).toMatch(/line 6\b/);
      expect(err.message).not.toMatch(/UTF-8/);
    });

    it('a changed line, an extra line or a missing line is refused as before', async () => {
      // Changed, under the recorded hash: the hash.
      const changed = utf8(text(boxBytes).replace(/"beta":"([0-9a-f])/, (_, c: string) => `"beta":"${c === 'a' ? 'b' : 'a'}`));
      expect(await refusal(check({ ballotBox: pieces(changed, 7) }))).toMatchObject({ check: 'ballot-box.hash' });
      // Changed, under a hash recorded to match: the ballot's proof, at its line.
      const bad = await refusal(check(box(lines().map((l, k) => (k === 3 ? flipProof(l) : l)))));
      expect(bad).toMatchObject({ check: 'ballot-box.ballot' });
      expect(bad.message).toMatch(/\(line 4 of /);
      // An extra line: the hash; under a matching hash, a repeated ballot breaks the order; a
      // line appended without its 0x0A breaks the final newline.
      const extra = [...lines(), lines()[5]];
      expect(await refusal(check({ ballotBox: box(extra).ballotBox }))).toMatchObject({ check: 'ballot-box.hash' });
      expect(await refusal(check(box(extra, 7)))).toMatchObject({ check: 'ballot-box.format' });
      const unterminated = await refusal(check(box(utf8(`${text(boxBytes)}${lines()[0]}`))));
      expect(unterminated).toMatchObject({ check: 'ballot-box.format' });
      expect(unterminated.message).toMatch(/line 7\b/);
      // A missing line: the hash; under a matching hash, the count closing recorded; and the
      // totals when the count is made to match too.
      const missing = lines().slice(0, 5);
      expect(await refusal(check({ ballotBox: box(missing).ballotBox }))).toMatchObject({ check: 'ballot-box.hash' });
      expect(await refusal(check(box(missing)))).toMatchObject({ check: 'ballot-box.count' });
      expect((await refusal(check(box(missing, 5)))).check).toMatch(/^totals\./);
    });

    it('keeps the order of refusals: not UTF-8 anywhere first, then the final newline, then the first bad line, then proofs', async () => {
      const notJsonFirst = [`${lines()[0]}x`, ...lines().slice(1)];
      const notUtf8Last = utf8(notJsonFirst.map((l) => `${l}\n`).join(''));
      const withBadByte = new Uint8Array([...notUtf8Last.slice(0, -3), 0xff, ...notUtf8Last.slice(-2)]);
      expect((await refusal(check(box(withBadByte)))).message).toMatch(/UTF-8/);
      const noNewline = await refusal(check(box(notUtf8Last.slice(0, -1))));
      expect(noNewline.message).toMatch(/line 6\b/);
      expect(noNewline.message).not.toMatch(/line 1\b/);
      const proofThenOrder = lines().map((l, k) => (k === 0 ? flipProof(l) : k === 4 ? lines()[3] : l));
      for (const workers of [0, 2]) {
        const err = await refusal(check({ ...box(proofThenOrder), workers, chunks: { lines: 2, inFlight: 2 } }));
        expect(err).toMatchObject({ check: 'ballot-box.format' });
        expect(err.message).toMatch(/line 5\b/);
      }
    });

    it('a cached recomputation still hashes the bytes it is given: another box is refused', async () => {
      const cache = new Map<string, RecomputedBallotBox>();
      await check({ cache });
      const changed = utf8(text(boxBytes).replace(/"beta":"([0-9a-f])/, (_, c: string) => `"beta":"${c === 'a' ? 'b' : 'a'}`));
      expect(await refusal(check({ cache, ballotBox: pieces(changed, 7) }))).toMatchObject({ check: 'ballot-box.hash' });
      expect(await refusal(check({ cache, ballotBox: box(lines().slice(0, 5)).ballotBox }))).toMatchObject({ check: 'ballot-box.hash' });
      expect(requestsOf(await check({ cache }))).toEqual(honest);
    });

    it('never has more than its bound of chunks queued to the workers', async () => {
      const q = slowQueue();
      try {
        const read = await check({ chunks: { lines: 1, inFlight: 2 } });
        expect(requestsOf(read)).toEqual(honest);
        expect(q.queued()).toBe(6);
        expect(q.peak()).toBeLessThanOrEqual(2);
      } finally {
        q.restore();
      }
    });
  });

  describe('the tally service', () => {
    /** The ledger again, with BallotBoxExported recording `hashOf` the cast ballots. */
    async function copyWithExport(hashOf: (cast: CastBallot[]) => string): Promise<EventStore> {
      const copy = await bench.freshStore();
      const cast: CastBallot[] = [];
      for (const e of await store.readAll()) {
        const data = JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>;
        const ballot = castBallotOf(e as RecordedEvent, election.electionId);
        if (ballot) cast.push(ballot);
        if (e.type === 'BallotBoxExported') data.sha256 = hashOf(cast);
        const { recordedAt: _recordedAt, ...metadata } = e.metadata;
        await copy.append(e.stream, [{ id: e.id, type: e.type, version: e.version, data, metadata, visibility: e.visibility }], e.revision === 0 ? 'no_stream' : e.revision - 1);
      }
      return copy;
    }

    it('refuses a ledger holding a ballot the closing did not export (BALLOT_BOX_MISMATCH), recording no total', async () => {
      const copy = await copyWithExport((cast) => ballotBoxHash(ballotBoxLines(cast.slice(0, -1))));
      const err = await new TallyService(copy, await commandsFor(copy), { workers: 0, chunks: { lines: 2, inFlight: 2 } }).computeEncryptedTally(election.electionId).then(() => undefined, (e: { code?: string }) => e);
      expect(err).toMatchObject({ code: 'BALLOT_BOX_MISMATCH' });
      const events = await copy.readStream(tallyStream(election.electionId));
      expect(events.map((e) => e.type)).toEqual(['TallyStarted']);
      expect(events[0].data).toMatchObject({ matchesClosing: false, ballots: 6 });
    });

    it('never has more than its bound of chunks queued to the workers, and records the same totals', async () => {
      const copy = await copyWithExport((cast) => ballotBoxHash(ballotBoxLines(cast)));
      const q = slowQueue();
      const peaks: number[] = [];
      try {
        await new TallyService(copy, await commandsFor(copy), { workers: 0, chunks: { lines: 1, inFlight: 2 }, onWindow: (w) => peaks.push(w.peak) }).computeEncryptedTally(election.electionId);
      } finally {
        q.restore();
      }
      expect(q.queued()).toBe(6);
      expect(q.peak()).toBeLessThanOrEqual(2);
      expect(peaks).toEqual([2]);
      const recorded = (await copy.readStream(tallyStream(election.electionId))).filter((e) => e.type === 'EncryptedTallyComputed')
        .map((e) => e.data as { contestId: string; ballots: number; options: unknown[] });
      expect(recorded.map((d) => ({ contestId: d.contestId, ballots: d.ballots, options: d.options })).sort((a, b) => a.contestId.localeCompare(b.contestId)))
        .toEqual([...honest].sort((a, b) => a.contestId.localeCompare(b.contestId)).map((c) => ({ contestId: c.contestId, ballots: c.ballots, options: c.options })));
    });
  });
});
