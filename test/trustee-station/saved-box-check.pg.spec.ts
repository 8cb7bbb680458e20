/**
 * A station's check of the box made at the closing and kept for the tally (`urna trustee
 * check-box`, src/trustee-station/saved-box-check.ts), on a real ledger and SoftHSM tokens.
 * What it must give: the tally decrypts on it without reading the box again, and right results.
 * What an attacker tries and must not get: a kept check altered, forged without the token, taken
 * from another trustee's station or not JSON; a kept check used to vouch for totals other than
 * the box's, for another election context or another box; a path of the service's choosing; a
 * box that fails its check leaving a check behind; a check-box killed mid-write leaving half a check.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ballotBoxLines, readCastBallots } from '../../src/closing/ballot-box';
import { ceremonyStream } from '../../src/domain/ceremony/events';
import { tallyStream } from '../../src/domain/tally/decider';
import type { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { TallyService } from '../../src/tally/tally-service';
import type { TallyView } from '../../src/tally/trustee-tally-view';
import { ServiceRefusedError } from '../../src/trustee-station/station-errors';
import { StationToken } from '../../src/trustee-station/station-token';
import { TallyStation, type TallyPort } from '../../src/trustee-station/tally-station';
import type { SavedBoxCheck } from '../../src/trustee-station/saved-box-check';
import { smallManualText } from '../domain/configuration/small-manual';
import { buildClosedElection, type ClosedElection } from '../support/closed-election';
import { commandsFor } from '../support/command-path';
import { stationFolderFor } from '../support/stations-in-process';
import { refusal } from '../support/refusal';
import { useTrusteeWorkbench } from '../support/trustee-workbench';

jest.setTimeout(240_000);

const REPO = join(__dirname, '..', '..');

describe('a station\'s check of the box, kept from the closing to the tally', () => {
  const bench = useTrusteeWorkbench('box-check', 3, { poolMax: 6 });
  const work = bench.dir;

  /** A closed election of 4 voters (2 of 3), its box file, and stations in this process. */
  async function closed(name: string) {
    const store: PostgresEventStore = await bench.freshStore();
    const tokens = bench.tokens;
    const election: ClosedElection = await buildClosedElection(store, { voters: 4, tokens, threshold: 2, manualText: smallManualText() });
    const service = new TallyService(store, await commandsFor(store), { workers: 0 });
    const boxFile = join(work, `${name}.jsonl`);
    writeFileSync(boxFile, ballotBoxLines(await readCastBallots(store, election.electionId)).join(''));
    const ceremonyEvents = (await store.readStream(ceremonyStream(election.electionId))).map((e) => ({ type: e.type, data: e.data }) as never);
    const boxReads = { count: 0 };
    const port = (over: Partial<TallyPort> = {}): TallyPort => ({
      view: () => service.trusteeView(election.electionId),
      ballotBox: async () => {
        boxReads.count++;
        return new Uint8Array(readFileSync(boxFile));
      },
      submit: async (s) => {
        const failure = await service.submit(s);
        if (failure) throw new ServiceRefusedError(422, failure.code, { es: failure.message, en: failure.message });
      },
      ...over,
    });
    const folder = (k: number, dir = name) => stationFolderFor(join(work, dir), election.electionId, tokens[k], ceremonyEvents);
    const token = (k: number) => new StationToken(tokens[k].tokenLabel, tokens[k].pin);
    const station = (k: number, options: { port?: TallyPort; dir?: string; onBoxCheck?: (s: unknown) => void } = {}) =>
      new TallyStation(folder(k, options.dir), token(k), options.port ?? port(), { workers: 0, onBoxCheck: options.onBoxCheck });
    const posted = async (trusteeIndex: number) => (await store.readStream(tallyStream(election.electionId)))
      .filter((e) => e.type === 'PartialDecryptionPosted' && (e.data as { trusteeIndex: number }).trusteeIndex === trusteeIndex).length;
    return { store, election, service, boxFile, boxReads, port, folder, station, posted };
  }

  it('is made before the service has totals; the tally then decrypts on it without reading the box, and the results are right', async () => {
    const e = await closed('honest');
    const checked = await e.station(0).checkBox();
    expect(checked).toMatchObject({ trusteeIndex: 1, ballots: 4, sha256: e.election.ballotBoxHash });
    expect(checked.file).toBe(join(e.folder(0).dir, 'box-checks', `${e.election.ballotBoxHash}.json`));
    expect(e.boxReads.count).toBe(1);

    await e.service.computeEncryptedTally(e.election.electionId);
    const sources: unknown[] = [];
    const noBox = e.port({ ballotBox: async () => { throw new Error('the box is read again'); } });
    const one = await e.station(0, { port: noBox, onBoxCheck: (s) => sources.push(s) }).decrypt();
    expect(one.posted.length).toBeGreaterThan(0);
    expect(sources).toEqual([{ saved: true, checkedAt: expect.any(String), file: checked.file }]);
    // Trustee 2 kept no check: it reads and verifies the box at the tally, as before.
    const two = await e.station(1, { onBoxCheck: (s) => sources.push(s) }).decrypt();
    expect(two.posted).toEqual(one.posted);
    expect(sources[1]).toEqual({ saved: false });
    expect(e.boxReads.count).toBe(2);

    const outcome = await e.service.publishResults(e.election.electionId);
    expect(outcome.trusteesUsed).toEqual([1, 2]);
    for (const { contestId, counts } of outcome.results) {
      const expected = e.election.expected.get(contestId) ?? new Map();
      for (const { optionId, count } of counts) expect([contestId, optionId, count]).toEqual([contestId, optionId, expected.get(optionId) ?? 0]);
    }
  });

  describe('what a kept check must not be made to vouch for', () => {
    let e: Awaited<ReturnType<typeof closed>>;
    /** Trustee 3's kept check, made honestly, copied into a folder of the test's own. */
    let honest: SavedBoxCheck;
    const fileIn = (dir: string) => join(e.folder(2, dir).dir, 'box-checks', `${e.election.ballotBoxHash}.json`);
    const keep = (dir: string, check: unknown) => {
      mkdirSync(join(e.folder(2, dir).dir, 'box-checks'), { recursive: true });
      writeFileSync(fileIn(dir), typeof check === 'string' ? check : JSON.stringify(check));
    };

    beforeAll(async () => {
      e = await closed('attacked');
      await e.station(2).checkBox();
      honest = JSON.parse(readFileSync(fileIn('attacked'), 'utf8')) as SavedBoxCheck;
      await e.service.computeEncryptedTally(e.election.electionId);
    });
    afterEach(async () => {
      // Trustee 3 never decrypts in this block: every attempt below is refused before its share is opened.
      expect(await e.posted(3)).toBe(0);
    });

    it('refuses a kept check whose sums, count or box were changed, or with a member added', async () => {
      const sums = honest.contests[0].sums;
      const altered: SavedBoxCheck[] = [
        { ...honest, contests: [{ ...honest.contests[0], sums: [sums[1], sums[0], ...sums.slice(2)] }, ...honest.contests.slice(1)] },
        { ...honest, contests: [{ ...honest.contests[0], ballots: honest.contests[0].ballots + 1 }, ...honest.contests.slice(1)] },
        { ...honest, ballots: honest.ballots + 1 },
        { ...honest, checkedAt: '2024-06-02T18:05:00.000Z' },
        { ...honest, extra: true } as SavedBoxCheck,
        { ...honest, trusteeIndex: 1 },
      ];
      for (const [k, check] of altered.entries()) {
        keep(`altered-${k}`, check);
        const err = await refusal(e.station(2, { dir: `altered-${k}` }).decrypt());
        expect([k, err.code]).toEqual([k, 'STATION_BOX_CHECK_ALTERED']);
        expect(err.message).toContain(fileIn(`altered-${k}`));
      }
    });

    it('refuses a kept check sealed by another trustee\'s token, one not JSON, and one with no seal', async () => {
      // Trustee 1's own honest check of the same box, planted in trustee 3's folder.
      await e.station(0, { dir: 'planted-source' }).checkBox();
      const planted = JSON.parse(readFileSync(join(e.folder(0, 'planted-source').dir, 'box-checks', `${e.election.ballotBoxHash}.json`), 'utf8')) as SavedBoxCheck;
      keep('planted', { ...planted, trusteeIndex: 3 });
      expect((await refusal(e.station(2, { dir: 'planted' }).decrypt())).code).toBe('STATION_BOX_CHECK_ALTERED');
      keep('not-json', '{"format": "urna.trustee-box-check/1", ');
      expect((await refusal(e.station(2, { dir: 'not-json' }).decrypt())).code).toBe('STATION_BOX_CHECK_ALTERED');
      keep('no-seal', { ...honest, sealedDigest: {} });
      expect((await refusal(e.station(2, { dir: 'no-seal' }).decrypt())).code).toBe('STATION_BOX_CHECK_ALTERED');
    });

    it('does not vouch for totals other than the box\'s, nor under another context, nor for another box', async () => {
      cpSync(join(e.folder(2, 'attacked').dir, 'box-checks'), join(e.folder(2, 'lied-to').dir, 'box-checks'), { recursive: true });
      const lie = (change: (v: TallyView) => TallyView) => e.port({ view: async () => change(await e.service.trusteeView(e.election.electionId)) });
      const swapped = lie((v) => ({ ...v, contests: v.contests.map((c, k) => (k === 0 ? { ...c, options: [{ ...c.options[0], alpha: c.options[1].alpha }, { ...c.options[1], alpha: c.options[0].alpha }, ...c.options.slice(2)] } : c)) }));
      const totals = await refusal(e.station(2, { dir: 'lied-to', port: swapped }).decrypt());
      expect([totals.code, totals.check]).toEqual(['TOTALS_NOT_FROM_BALLOT_BOX', 'totals.ciphertext']);
      const count = await refusal(e.station(2, { dir: 'lied-to', port: lie((v) => ({ ...v, contests: v.contests.map((c, k) => (k === 0 ? { ...c, ballots: c.ballots - 1 } : c)) })) }).decrypt());
      expect([count.code, count.check]).toEqual(['TOTALS_NOT_FROM_BALLOT_BOX', 'totals.ballots']);
      // The same box and hash, under a manifest hash or styles the check was not made under.
      const manifest = await refusal(e.station(2, { dir: 'lied-to', port: lie((v) => ({ ...v, manifestHash: 'ab'.repeat(32) })) }).decrypt());
      expect(manifest.code).toBe('STATION_BOX_CHECK_OTHER_CONTEXT');
      const styles = await refusal(e.station(2, { dir: 'lied-to', port: lie((v) => ({ ...v, styles: v.styles.slice(1) })) }).decrypt());
      expect(styles.code).toBe('STATION_BOX_CHECK_OTHER_CONTEXT');
      // The log's count differs from the box's: the kept check does not answer for it.
      const exported = await refusal(e.station(2, { dir: 'lied-to', port: lie((v) => ({ ...v, exported: { sha256: v.exported!.sha256, ballots: v.exported!.ballots + 1 } })) }).decrypt());
      expect([exported.code, exported.check]).toEqual(['TOTALS_NOT_FROM_BALLOT_BOX', 'ballot-box.count']);
      // A kept check of this box filed under another box's name (as if it were that box's check):
      // it answers for the box it was made of, not for the name it bears.
      const elsewhere = 'cd'.repeat(32);
      cpSync(join(e.folder(2, 'lied-to').dir, 'box-checks', `${e.election.ballotBoxHash}.json`), join(e.folder(2, 'renamed').dir, 'box-checks', `${elsewhere}.json`));
      const reads = e.boxReads.count;
      const renamed = await refusal(e.station(2, { dir: 'renamed', port: lie((v) => ({ ...v, exported: { sha256: elsewhere, ballots: v.exported!.ballots } })) }).decrypt());
      expect([renamed.code, renamed.check]).toEqual(['TOTALS_NOT_FROM_BALLOT_BOX', 'ballot-box.hash']);
      expect(e.boxReads.count).toBe(reads);
      // Another box hash, or a "hash" that is a path to an honest kept check elsewhere: no kept
      // check is used, the box is read, and refused.
      // (The path climbs from the station's box-checks folder in the scratch folder, not from here.)
      const pathToHonestCheck = ['..', '..', '..', 'attacked', 'trustee-3', 'box-checks', e.election.ballotBoxHash].join('/');
      for (const sha256 of [elsewhere, pathToHonestCheck]) {
        const other = await refusal(e.station(2, { dir: 'lied-to', port: lie((v) => ({ ...v, exported: { sha256, ballots: v.exported!.ballots } })) }).decrypt());
        expect([other.code, other.check]).toEqual(['TOTALS_NOT_FROM_BALLOT_BOX', 'ballot-box.hash']);
      }
      expect(e.boxReads.count).toBe(reads + 2);
    });

    it('a check-box killed while writing leaves no kept check: the tally reads and verifies the box', async () => {
      // What a process killed mid-write leaves (the folder writes a temporary file, then renames it).
      const whole = readFileSync(fileIn('attacked'), 'utf8');
      mkdirSync(join(e.folder(2, 'killed').dir, 'box-checks'), { recursive: true });
      writeFileSync(`${fileIn('killed')}.tmp`, whole.slice(0, whole.length / 2));
      const reads = e.boxReads.count;
      const lying = e.port({ view: async () => { const v = await e.service.trusteeView(e.election.electionId); return { ...v, contests: v.contests.map((c, k) => (k === 0 ? { ...c, ballots: c.ballots - 1 } : c)) }; } });
      const err = await refusal(e.station(2, { dir: 'killed', port: lying }).decrypt());
      expect([err.code, err.check]).toEqual(['TOTALS_NOT_FROM_BALLOT_BOX', 'totals.ballots']);
      expect(e.boxReads.count).toBe(reads + 1);
    });

    it('keeps nothing when the box fails its check', async () => {
      const lines = readFileSync(e.boxFile, 'utf8').split('\n');
      const tampered = e.port({ ballotBox: async () => new TextEncoder().encode([lines[1], lines[0], ...lines.slice(2)].join('\n')) });
      const err = await refusal(e.station(2, { dir: 'tampered-box', port: tampered }).checkBox());
      expect([err.code, err.check]).toEqual(['TOTALS_NOT_FROM_BALLOT_BOX', 'ballot-box.hash']);
      expect(existsSync(join(e.folder(2, 'tampered-box').dir, 'box-checks'))).toBe(false);
    });

    it('`urna trustee check-box` at an air-gapped station (the view and the box file carried in), in both languages', async () => {
      const dir = e.folder(2, 'cli').dir;
      const viewFile = join(work, 'tally-view.json');
      writeFileSync(viewFile, JSON.stringify(await e.service.trusteeView(e.election.electionId)));
      const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn(process.execPath, ['-r', 'urna-ts-register', join(REPO, 'src/cli/urna.ts'), 'trustee', 'check-box', '--data', dir, '--view', viewFile, '--ballot-box', e.boxFile, '--workers', '0'], {
          cwd: REPO, env: { ...process.env, ...bench.hsm.environment.env, URNA_TRUSTEE_PIN: bench.tokens[2].pin },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => done({ status, stdout, stderr }));
      });
      // On stderr, at most the line naming the group arithmetic in use.
      expect({ status: run.status, stderr: run.stderr.replace(/^aritmética ristretto255: .*\n/, '') }).toEqual({ status: 0, stderr: '' });
      expect(run.stdout).toContain(`Urna comprobada: 4 boletas, SHA-256 ${e.election.ballotBoxHash}`);
      expect(run.stdout).toContain(`Ballot box checked: 4 ballots, SHA-256 ${e.election.ballotBoxHash}`);
      expect(readdirSync(join(dir, 'box-checks'))).toEqual([`${e.election.ballotBoxHash}.json`]);
      // What the CLI kept, the tally uses (and, with trustee 3 not decrypting here, only checks).
      const kept = JSON.parse(readFileSync(join(dir, 'box-checks', `${e.election.ballotBoxHash}.json`), 'utf8')) as SavedBoxCheck;
      expect({ ...kept, checkedAt: '', sealedDigest: {} }).toEqual({ ...honest, checkedAt: '', sealedDigest: {} });
    });
  });
});
