/**
 * A trustee decrypts only totals it recomputed itself from the exported ballot box (issue 12 §3):
 * whoever feeds it cannot slip one voter's ciphertext in as a contest's total. On a real ledger
 * (PostgreSQL) with real SoftHSM trustee tokens: the check itself against hostile boxes and
 * totals, then the trustee's station refusing before any partial decryption exists.
 */
import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { toDomainEvent } from '../../src/command-path/stream-state';
import { StartTallyCommand, RecordEncryptedTallyCommand } from '../../src/tally/tally.commands';
import { lifecycleStream } from '../../src/domain/lifecycle/decider';
import type { BallotBoxExported } from '../../src/domain/lifecycle/events';
import { tallyStream } from '../../src/domain/tally/decider';
import { manifestBallotStyles, talliedContests } from '../../src/domain/tally/manifest-styles';
import type { EncryptedBallotJson } from '../../src/domain/crypto/ballot/ballot-format';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { ballotBoxFile, ledgerBallotBox } from '../../src/tally/ballot-box-source';
import { NotEnoughTrusteesForTallyError, TrusteeTotalsRefusedError } from '../../src/tally/tally-errors';
import { tallyStationFor, tallyStationsInProcess } from '../support/stations-in-process';
import { TallyService } from '../../src/tally/tally-service';
import { checkTrusteeTotals, type ContestTotalsRequest, type ExportedBallotBox, type RecomputedBallotBox } from '../../src/tally/trustee-totals-check';
import { smallManualText } from '../domain/configuration/small-manual';
import { buildClosedElection, type ClosedElection, type TrusteeToken } from '../support/closed-election';
import { commandsFor } from '../support/command-path';
import { useTrusteeWorkbench } from '../support/trustee-workbench';
import { refusal } from './trustee-refusal';

jest.setTimeout(240_000);

const sha256Hex = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const flipHex = (hex: string) => (hex[0] === 'a' ? 'b' : 'a') + hex.slice(1);


describe('a trustee decrypts only totals it recomputed from the exported ballot box (issue 12 §3)', () => {
  const bench = useTrusteeWorkbench('trustee-check', 3);
  const work = bench.dir;
  let tokens: TrusteeToken[];
  beforeAll(() => {
    tokens = bench.tokens;
  });

  async function closedElection(voters: number): Promise<{ store: PostgresEventStore; election: ClosedElection }> {
    const store = await bench.freshStore();
    const election = await buildClosedElection(store, { voters, tokens, threshold: 2, manualText: smallManualText() });
    return { store, election };
  }

  async function exportedOf(store: PostgresEventStore, electionId: string): Promise<ExportedBallotBox> {
    const e = (await store.readStream(lifecycleStream(electionId))).map((r) => toDomainEvent<BallotBoxExported>(r)).find((r) => r.type === 'BallotBoxExported')!;
    return { sha256: e.data.sha256, ballots: e.data.ballots };
  }

  const requestsOf = (box: RecomputedBallotBox): ContestTotalsRequest[] => [...box.contests].map(([contestId, c]) => ({
    contestId, ballots: c.ballots, options: c.optionIds.map((optionId, k) => ({ optionId, ...c.sums[k] })),
  }));

  /** One voter's ciphertexts of `contestId`, as the "total" a corrupt feeder hands the trustee. */
  function oneVotersTotals(boxBytes: Uint8Array, request: ContestTotalsRequest): ContestTotalsRequest {
    const ballot = text(boxBytes).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as EncryptedBallotJson)
      .find((b) => b.contests.some((c) => c.contestId === request.contestId))!;
    const contest = ballot.contests.find((c) => c.contestId === request.contestId)!;
    return { ...request, options: contest.options.map((o) => ({ optionId: o.optionId, alpha: o.alpha, beta: o.beta })) };
  }


  describe('the check, against hostile boxes and totals', () => {
    let election: ClosedElection;
    let boxBytes: Uint8Array;
    let exported: ExportedBallotBox;
    let honest: ContestTotalsRequest[];
    /** The contest with the most ballots (at least two: one voter's ciphertext is not its sum). */
    let target: ContestTotalsRequest;
    const check = (over: Partial<Parameters<typeof checkTrusteeTotals>[0]> = {}) => checkTrusteeTotals({
      ballotBox: boxBytes, exported, context: election.context, styles: manifestBallotStyles(election.manifest), totals: honest, workers: 0, ...over,
    });
    /** The box with line `k` changed by `edit`, and BallotBoxExported as if it had recorded that box. */
    const editedBox = (edit: (lines: string[]) => string[]) => {
      const bytes = utf8(edit(text(boxBytes).split('\n').filter((l) => l !== '')).map((l) => `${l}\n`).join(''));
      return { ballotBox: bytes, exported: { sha256: sha256Hex(bytes), ballots: exported.ballots } };
    };

    beforeAll(async () => {
      const closed = await closedElection(6);
      election = closed.election;
      boxBytes = await ledgerBallotBox(closed.store)(election.electionId);
      exported = await exportedOf(closed.store, election.electionId);
      honest = requestsOf(await check({ totals: [] }));
      target = [...honest].sort((a, b) => b.ballots - a.ballots)[0];
      expect(target.ballots).toBeGreaterThanOrEqual(2);
    });

    it('accepts the totals the box gives, and recomputes them from the box alone', async () => {
      const box = await check();
      expect(box).toMatchObject({ sha256: exported.sha256, ballots: 6 });
      expect(honest.map((c) => c.contestId).sort()).toEqual(talliedContests(election.manifest).map((c) => c.id).sort());
    });

    it("refuses one voter's ciphertext in place of a contest's total", async () => {
      const forged = honest.map((c) => (c.contestId === target.contestId ? oneVotersTotals(boxBytes, c) : c));
      expect(await refusal(check({ totals: forged }))).toMatchObject({ code: 'TOTALS_NOT_FROM_BALLOT_BOX', check: 'totals.ciphertext' });
      // Even when the feeder also states the count as one ballot.
      const one = forged.map((c) => (c.contestId === target.contestId ? { ...c, ballots: 1 } : c));
      expect(await refusal(check({ totals: one }))).toMatchObject({ check: 'totals.ballots' });
    });

    it('refuses a ballot count that differs from the box, either way', async () => {
      for (const delta of [-1, 1]) {
        const totals = honest.map((c) => (c.contestId === target.contestId ? { ...c, ballots: c.ballots + delta } : c));
        const err = await refusal(check({ totals }));
        expect(err).toMatchObject({ check: 'totals.ballots' });
        expect(err.message).toMatch(/El fideicomisario no descifra: .* \/ The trustee does not decrypt: /);
      }
    });

    it("refuses a box whose hash is not BallotBoxExported's: a byte changed, or another hash recorded", async () => {
      const tampered = utf8(text(boxBytes).replace(/"v0":"([0-9a-f])/, (_, c: string) => `"v0":"${c === 'a' ? 'b' : 'a'}`));
      expect(sha256Hex(tampered)).not.toBe(exported.sha256);
      expect(await refusal(check({ ballotBox: tampered }))).toMatchObject({ check: 'ballot-box.hash' });
      expect(await refusal(check({ exported: { ...exported, sha256: flipHex(exported.sha256) } }))).toMatchObject({ check: 'ballot-box.hash' });
    });

    it('refuses a box whose number of ballots is not the one closing recorded', async () => {
      expect(await refusal(check({ exported: { ...exported, ballots: exported.ballots + 1 } }))).toMatchObject({ check: 'ballot-box.count' });
    });

    it('refuses a ballot that does not verify, and a ballot counted twice, even under a matching hash', async () => {
      const badProof = editedBox((lines) => lines.map((l, k) => (k === 0 ? l.replace(/"v1":"([0-9a-f])/, (_, c: string) => `"v1":"${c === 'a' ? 'b' : 'a'}`) : l)));
      const err = await refusal(check(badProof));
      expect(err).toMatchObject({ check: 'ballot-box.ballot' });
      expect(err.message).toMatch(/\(línea 1 de .*\(line 1 of /);
      const twice = editedBox((lines) => [lines[0], ...lines]);
      expect(await refusal(check({ ...twice, exported: { ...twice.exported, ballots: exported.ballots + 1 } }))).toMatchObject({ check: 'ballot-box.format' });
    });

    it('with worker threads reading the lines: the same totals, and the same refusals (format first, then proofs)', async () => {
      const threads = (over: Partial<Parameters<typeof checkTrusteeTotals>[0]> = {}) => check({ workers: 2, ...over });
      expect(requestsOf(await threads())).toEqual(honest);
      const flipProof = (l: string) => l.replace(/"v1":"([0-9a-f])/, (_, c: string) => `"v1":"${c === 'a' ? 'b' : 'a'}`);
      const badProof = editedBox((lines) => lines.map((l, k) => (k === 1 ? flipProof(l) : l)));
      const err = await refusal(threads(badProof));
      expect(err).toMatchObject({ check: 'ballot-box.ballot' });
      expect(err.message).toMatch(/\(line 2 of /);
      // Same ballot, members in another order: valid JSON, same proofs, not the closing's bytes.
      const reordered = editedBox((lines) => lines.map((l, k) => (k === 2 ? JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(l)).reverse())) : l)));
      const notCanonical = await refusal(threads(reordered));
      expect(notCanonical).toMatchObject({ check: 'ballot-box.format' });
      expect(notCanonical.message).toMatch(/line 3\b/);
      // A repeated ballot on a later line is reported before a bad proof on an earlier one.
      const both = editedBox((lines) => lines.map((l, k) => (k === 1 ? flipProof(l) : k === 4 ? lines[3] : l)));
      expect(await refusal(threads(both))).toMatchObject({ check: 'ballot-box.format' });
    });

    it('a cached recomputation spares the proofs, never the comparison', async () => {
      const cache = new Map<string, RecomputedBallotBox>();
      await check({ cache });
      expect([...cache.keys()]).toEqual([exported.sha256]);
      const forged = honest.map((c) => (c.contestId === target.contestId ? oneVotersTotals(boxBytes, c) : c));
      expect(await refusal(check({ cache, totals: forged }))).toMatchObject({ check: 'totals.ciphertext' });
      expect(await refusal(check({ cache, exported: { ...exported, ballots: 1 } }))).toMatchObject({ check: 'ballot-box.count' });
    });
  });

  describe('in the tally service', () => {
    it("a forged RecordEncryptedTally (one voter's ciphertext as a total): the trustee refuses before its token is opened; nothing is posted", async () => {
      const { store, election } = await closedElection(4);
      const { electionId } = election;
      const commands = await commandsFor(store);
      const boxBytes = await ledgerBallotBox(store)(electionId);
      const exported = await exportedOf(store, electionId);
      const honest = requestsOf(await checkTrusteeTotals({ ballotBox: boxBytes, exported, context: election.context, styles: manifestBallotStyles(election.manifest), totals: [], workers: 0 }));
      const target = [...honest].sort((a, b) => b.ballots - a.ballots)[0];
      // Whoever drives the tally records the totals itself: honest ones, but one voter's ciphertext for the target contest.
      const by = { actor: 'system:tally' };
      await commands.execute(new StartTallyCommand(electionId, {
        type: 'StartTally', electionId, ballotBoxExported: true, closingBallotBoxHash: exported.sha256, recomputedBallotBoxHash: exported.sha256,
        ballots: exported.ballots, threshold: 2, contests: honest.map((c) => c.contestId), now: new Date().toISOString(),
      }, by));
      for (const c of honest) {
        const recorded = c.contestId === target.contestId ? oneVotersTotals(boxBytes, c) : c;
        await commands.execute(new RecordEncryptedTallyCommand(electionId, { type: 'RecordEncryptedTally', electionId, contestId: c.contestId, ballots: recorded.ballots, options: [...recorded.options] }, by));
      }
      const service = new TallyService(store, commands, { workers: 0 });
      // At the trustee's station. The PIN is checked first (the station's token must hold its key),
      // then the totals: the refusal comes before the share is opened.
      const station = await tallyStationFor(store, commands, electionId, tokens[0], { dir: join(work, `${electionId}-1`), workers: 0 });
      const err = await refusal(station.decrypt());
      expect(err).toMatchObject({ code: 'TOTALS_NOT_FROM_BALLOT_BOX', check: 'totals.ciphertext' });
      expect(err.message).toContain(target.contestId);
      const stations = tallyStationsInProcess(store, commands, electionId, tokens.slice(0, 2), { dir: join(work, `${electionId}-2`), workers: 0 });
      const notEnough = await service.tally(electionId, stations).then(() => undefined, (e: NotEnoughTrusteesForTallyError) => e);
      expect(notEnough).toBeInstanceOf(NotEnoughTrusteesForTallyError);
      expect(notEnough!.failures.map((f) => f.code)).toEqual(['TOTALS_NOT_FROM_BALLOT_BOX', 'TOTALS_NOT_FROM_BALLOT_BOX']);
      const types = (await store.readStream(tallyStream(electionId))).map((e) => e.type);
      expect(types.filter((t) => t.startsWith('PartialDecryption') || t === 'ResultsPublished')).toEqual([]);
    });

    it("with the closing's file: a tampered copy is refused (ballot-box.hash); the intact file decrypts to the plain choices", async () => {
      const { store, election } = await closedElection(3);
      const { electionId } = election;
      const commands = await commandsFor(store);
      const boxBytes = await ledgerBallotBox(store)(electionId);
      const file = join(work, `urna-cifrada-${electionId}.jsonl`);
      writeFileSync(file, text(boxBytes).replace(/"beta":"([0-9a-f])/, (_, c: string) => `"beta":"${c === 'a' ? 'b' : 'a'}`));
      const service = new TallyService(store, commands, { workers: 0 });
      await service.computeEncryptedTally(electionId); // the totals the stations are asked to decrypt
      const fromFile = { workers: 0, ballotBox: ballotBoxFile((id: string) => join(work, `urna-cifrada-${id}.jsonl`)) };
      expect(await refusal((await tallyStationFor(store, commands, electionId, tokens[0], { ...fromFile, dir: join(work, `${electionId}-1`) })).decrypt())).toMatchObject({ check: 'ballot-box.hash' });
      let events = await store.readStream(tallyStream(electionId));
      expect(events.filter((e) => e.type.startsWith('PartialDecryption'))).toEqual([]);

      writeFileSync(file, boxBytes);
      const outcome = await service.tally(electionId, tallyStationsInProcess(store, commands, electionId, tokens.slice(0, 2), { ...fromFile, dir: join(work, `${electionId}-2`) }));
      for (const { contestId, counts } of outcome.results) {
        const expected = election.expected.get(contestId) ?? new Map();
        for (const { optionId, count } of counts) expect([contestId, optionId, count]).toEqual([contestId, optionId, expected.get(optionId) ?? 0]);
      }
      events = await store.readStream(tallyStream(electionId));
      const posted = events.filter((e) => e.type === 'PartialDecryptionPosted');
      expect(posted.length).toBeGreaterThan(0);
      for (const e of posted) {
        const d = e.data as { contestId: string; ballotBoxHash: string; ballots: number };
        const totals = events.find((x) => x.type === 'EncryptedTallyComputed' && (x.data as { contestId: string }).contestId === d.contestId)!.data as { ballots: number };
        expect([e.version, d.ballotBoxHash, d.ballots]).toEqual([3, sha256Hex(boxBytes), totals.ballots]);
      }
    });
  });
});
