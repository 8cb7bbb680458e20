/**
 * Trustee stations against the service over HTTP (the trustee API, startTrusteeApi), on a real
 * ledger and SoftHSM tokens: a whole 2-of-3 ceremony from the stations, a trustee who works
 * air-gapped (files carried by hand), and what an attacker on the wire or a dishonest service
 * can try — a replayed message, a message in another trustee's name, an unsigned one, a view
 * that shows a forged message to a station — each refused, by the service or by the station.
 * Then the tally: stations check the totals, decrypt and send signed partial decryptions.
 */
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CeremonyService } from '../../src/ceremony/ceremony-service';
import { startTrusteeApi } from '../../src/ceremony/trustee-api-server';
import { ceremonyStream } from '../../src/domain/ceremony/events';
import type { CeremonyView } from '../../src/domain/ceremony/ceremony-view';
import { signingKeyFingerprint } from '../../src/domain/ceremony/trustee-signature';
import type { CeremonySubmission, TallySubmission } from '../../src/domain/ceremony/trustee-submission';
import { tallyStream } from '../../src/domain/tally/decider';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { ballotBoxLines, readCastBallots } from '../../src/closing/ballot-box';
import { TallyService } from '../../src/tally/tally-service';
import { CeremonyStation, type CeremonyPort } from '../../src/trustee-station/ceremony-station';
import { FileCeremonyPort, readSubmissionFile } from '../../src/trustee-station/file-ports';
import { HttpCeremonyPort, HttpTallyPort } from '../../src/trustee-station/http-ports';
import { runStationsInTurn } from '../../src/trustee-station/in-process-trustees';
import { initStation } from '../../src/trustee-station/init-station';
import { StationFolder } from '../../src/trustee-station/station-folder';
import { ServiceRefusedError, StationError } from '../../src/trustee-station/station-errors';
import { StationToken } from '../../src/trustee-station/station-token';
import { TallyStation } from '../../src/trustee-station/tally-station';
import { smallManualText } from '../domain/configuration/small-manual';
import { buildClosedElection } from '../support/closed-election';
import { commandsFor } from '../support/command-path';
import { configureAndRatify } from '../support/configured-election';
import { stationFolderFor } from '../support/stations-in-process';
import { refusal } from '../support/refusal';
import { useTrusteeWorkbench } from '../support/trustee-workbench';

jest.setTimeout(240_000);

const REPO = join(__dirname, '..', '..');

/** An HTTP port that keeps a copy of everything it sends (what an attacker on the wire sees). */
class RecordingPort implements CeremonyPort {
  readonly sent: CeremonySubmission[] = [];
  constructor(private readonly inner: CeremonyPort) {}
  view() {
    return this.inner.view();
  }
  async submit(s: CeremonySubmission) {
    this.sent.push(JSON.parse(JSON.stringify(s)));
    await this.inner.submit(s);
  }
}

describe('trustee stations over HTTP', () => {
  const bench = useTrusteeWorkbench('stations', 3, { poolMax: 6 });
  const work = bench.dir;
  const freshStore = () => bench.freshStore();

  describe('the key ceremony', () => {
    let store: PostgresEventStore;
    let electionId: string;
    let api: { url: string; close(): Promise<void> };
    let ceremony: CeremonyService;
    const folders = [1, 2, 3].map((i) => new StationFolder(join(work, 'ceremony', `trustee-${i}`)));
    const tokens = () => bench.hsm.trustees.map((t) => new StationToken(t.label, t.pin));
    const post = (path: string, body: unknown) => fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    beforeAll(async () => {
      store = await freshStore();
      ({ electionId } = await configureAndRatify(store, smallManualText()));
      ceremony = new CeremonyService(store, await commandsFor(store), electionId);
      // Each trustee's station generates its key in its token; the officials enrol what it printed.
      for (const [k, folder] of folders.entries()) {
        const enrolment = initStation(folder, tokens()[k], electionId);
        await ceremony.run({ type: 'EnrolTrustee', electionId, trusteeIndex: k + 1, trusteeId: `trustee-${k + 1}`, name: `Persona ${k + 1}`, tokenSerial: enrolment.tokenSerial, signingKey: enrolment.signingKey }, 'official:ceremony');
      }
      await ceremony.run({ type: 'OpenCeremony', electionId, ceremonyId: `${electionId}.dkg.1`, threshold: 2, notary: 'Notaría 1', configurationPresent: true }, 'official:ceremony');
      api = await startTrusteeApi(store, { electionId });
    });
    afterAll(async () => {
      await api.close();
    });

    it('shows everyone where the ceremony stands, with each trustee\'s key fingerprint (GET /api/trustee/ceremony)', async () => {
      const view = await (await fetch(`${api.url}/api/trustee/ceremony?election=${electionId}`)).json() as CeremonyView & { progress: { standing: { es: string; en: string }; waitingFor: number[] } };
      expect(view.progress.standing.es).toContain('0 de 3');
      expect(view.progress.waitingFor).toEqual([1, 2, 3]);
      expect(signingKeyFingerprint(view.state.trustees['2'].signingKey!)).toBe(folders[1].enrolment()!.fingerprint);
    });

    it('refuses a hostile election id on the trustee API with a 400 (a NUL never reaches the database)', async () => {
      for (const path of ['ceremony', 'tally']) {
        for (const query of ['election=%00', 'election=a%1Fb', `election=${'x'.repeat(201)}`, 'election=a&election=b']) {
          const res = await fetch(`${api.url}/api/trustee/${path}?${query}`);
          expect([path, query, res.status]).toEqual([path, query, 400]);
          expect(await res.json()).toMatchObject({ error: 'NO_ELECTION' });
        }
      }
    });

    it('refuses a malformed body, an unsigned message and one in another trustee\'s name, appending nothing', async () => {
      const before = (await store.readStream(ceremonyStream(electionId))).length;
      expect((await post('/api/trustee/ceremony', { hello: 1 })).status).toBe(400);
      // Trustee 1's station makes its round 1, but an attacker on the wire takes it and sends it unsigned, or signed by trustee 2's token.
      const captured = new RecordingPort({ view: () => ceremony.view(), submit: async () => undefined });
      await new CeremonyStation(folders[0], tokens()[0], captured).next();
      const [round1] = captured.sent;
      const unsigned = await post('/api/trustee/ceremony', { ...round1, signature: '' });
      expect([unsigned.status, (await unsigned.json()).error]).toEqual([422, 'SIGNATURE_MISSING']);
      const otherKey = tokens()[1].sign({ electionId, scope: `${electionId}.dkg.1`, kind: 'CeremonyRound1Published', trusteeIndex: 1, message: round1.kind === 'round1' ? round1.message : undefined }, folders[1].config().signingKey);
      const forged = await post('/api/trustee/ceremony', { ...round1, signature: otherKey });
      const body = await forged.json();
      expect([forged.status, body.error]).toEqual([422, 'INVALID_SIGNATURE']);
      expect(body.mensaje).toMatch(/no es del fideicomisario 1/);
      expect((await store.readStream(ceremonyStream(electionId))).length).toBe(before);
    });

    it('runs the whole ceremony from the stations; a captured message replayed is refused; one trustee works air-gapped', async () => {
      const wire = new RecordingPort(new HttpCeremonyPort(api.url, electionId));
      // Trustee 3 has no network: what the service shows is carried to it in a file, and its
      // signed messages carried back and handed over (`urna trustee view`, `next --view --out`, `submit`).
      const viewFile = join(work, 'view.json');
      const outFile = join(work, 'out.jsonl');
      const airGapped: CeremonyPort = {
        view: async () => {
          writeFileSync(viewFile, JSON.stringify(await new HttpCeremonyPort(api.url, electionId).view()));
          return new FileCeremonyPort(viewFile, outFile).view();
        },
        submit: async (s) => {
          rmSync(outFile, { force: true });
          await new FileCeremonyPort(viewFile, outFile).submit(s);
          for (const line of readSubmissionFile(outFile)) await new HttpCeremonyPort(api.url, electionId).submit(line as CeremonySubmission);
        },
      };
      const stations = [new CeremonyStation(folders[0], tokens()[0], wire), new CeremonyStation(folders[1], tokens()[1], wire), new CeremonyStation(folders[2], tokens()[2], airGapped)];
      await runStationsInTurn(stations);
      expect((await ceremony.progress()).phase).toBe('witnessing');
      // The signed round 2 of trustee 2, captured on the wire and sent again: refused (its round is
      // over; within the round it would be SHARES_ALREADY_DEALT), nothing appended.
      const dealt = wire.sent.find((s) => s.kind === 'deal' && s.message.dealer === 2)!;
      const before = (await store.readStream(ceremonyStream(electionId))).length;
      await expect(new HttpCeremonyPort(api.url, electionId).submit(dealt)).rejects.toMatchObject({ status: 409, code: 'WRONG_CEREMONY_PHASE' });
      // ... and replayed into another election's ceremony: its signature names this one.
      await expect(new HttpCeremonyPort(api.url, 'otra-2027').submit({ ...dealt, electionId: 'otra-2027' })).rejects.toBeInstanceOf(ServiceRefusedError);
      expect((await store.readStream(ceremonyStream(electionId))).length).toBe(before);
      await ceremony.witness('Notaría 1', await ceremony.currentTranscriptHash(), new Date().toISOString());
      const completed = await ceremony.complete();
      expect(completed?.qualified).toEqual([1, 2, 3]);
      // Nothing secret went to the service: no ceremony secrets in the ledger at all, and each
      // station's own folder kept its final share, sealed by its token.
      const events = await store.readAll();
      expect(events.filter((e) => e.type === 'TrusteeSecretsSealed')).toEqual([]);
      for (const f of folders) expect(f.share()?.verificationKey).toBe(completed!.verificationKeys[String(f.share()!.trusteeIndex)]);
      expect(folders.map((f) => f.ceremonyWork(`${electionId}.dkg.1`))).toEqual([undefined, undefined, undefined]);
    });

    it('a station refuses to act on a message the service shows that is not signed by its trustee', async () => {
      // A second ceremony's worth of state, as a dishonest service would show it: trustee 2's
      // round 1 with a signature that is not trustee 2's. Trustee 1 must not deal to it.
      const honest = await ceremony.view();
      const lying: CeremonyPort = {
        view: async () => {
          const v = JSON.parse(JSON.stringify(honest)) as CeremonyView;
          v.state.completed = null;
          v.state.witnessed = null;
          v.state.round2 = {};
          v.state.checked = {};
          v.state.shares = {};
          v.state.signatures.round1['2'] = v.state.signatures.round1['3'];
          return v;
        },
        submit: async () => {
          throw new Error('nothing may be sent');
        },
      };
      const err = await refusal(new CeremonyStation(folders[0], tokens()[0], lying).deal((await lying.view()).state, honest.state.trustees['1']));
      expect(err).toBeInstanceOf(StationError);
      expect(err.code).toBe('STATION_UNSIGNED_MESSAGE');
    });

    it('`urna trustee status` prints the standing, the next step and every fingerprint, in both languages', async () => {
      // A child process (not spawnSync: the API it asks runs in this process's event loop).
      const run = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
        const child = spawn(process.execPath, ['-r', 'urna-ts-register', join(REPO, 'src/cli/urna.ts'), 'trustee', 'status', '--data', folders[1].dir, '--service', api.url], {
          cwd: REPO, env: { ...process.env, ...bench.hsm.environment.env },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => done({ status, stdout, stderr }));
      });
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(run.stdout).toContain('Fideicomisario 2 (Persona 2)');
      expect(run.stdout).toContain(folders[1].enrolment()!.fingerprint.slice(0, 4));
      expect(run.stdout).toMatch(/Listo: su parte está sellada .* \/ Done: your share is sealed/);
    });
  });

  it('the tally: each station checks the totals, decrypts and signs; replays and partials in another trustee\'s name are refused', async () => {
    const store = await freshStore();
    const tokens = bench.hsm.trustees.map((t, i) => ({ trusteeIndex: i + 1, tokenLabel: t.label, pin: t.pin }));
    const election = await buildClosedElection(store, { voters: 4, tokens, threshold: 2, manualText: smallManualText() });
    const commands = await commandsFor(store);
    const service = new TallyService(store, commands, { workers: 0 });
    await service.computeEncryptedTally(election.electionId);
    const api = await startTrusteeApi(store, { electionId: election.electionId });
    try {
      // The closing's file, as trustees would be given it (the board serves the same bytes).
      const boxFile = join(work, 'box.jsonl');
      writeFileSync(boxFile, ballotBoxLines(await readCastBallots(store, election.electionId)).join(''));
      const sent: TallySubmission[] = [];
      const port = (k: number) => {
        const http = new HttpTallyPort(api.url, election.electionId, async () => new Uint8Array(readFileSync(boxFile)));
        return { view: () => http.view(), ballotBox: () => http.ballotBox(), submit: async (s: TallySubmission) => { sent.push(JSON.parse(JSON.stringify(s))); await http.submit(s); void k; } };
      };
      const ceremonyEvents = (await store.readStream(ceremonyStream(election.electionId))).map((e) => ({ type: e.type, data: e.data }) as never);
      const station = (k: number) => new TallyStation(stationFolderFor(join(work, 'tally'), election.electionId, tokens[k], ceremonyEvents), new StationToken(tokens[k].tokenLabel, tokens[k].pin), port(k), { workers: 0 });
      // A station told another box hash (the one the closing act printed) refuses before anything.
      const other = new TallyStation(stationFolderFor(join(work, 'tally-x'), election.electionId, tokens[0], ceremonyEvents), new StationToken(tokens[0].tokenLabel, tokens[0].pin), port(0), { expectBallotBoxHash: 'ab'.repeat(32) });
      expect((await refusal(other.decrypt())).code).toBe('STATION_OTHER_BALLOT_BOX');
      const postedByOne = await station(0).decrypt();
      expect(postedByOne.posted.length).toBeGreaterThan(0);
      // Trustee 1's partial decryptions, captured and sent again: refused.
      await expect(new HttpTallyPort(api.url, election.electionId).submit(sent[0])).rejects.toMatchObject({ status: 409, code: 'ALREADY_POSTED' });
      // ... and sent as trustee 2's: refused for the signature, and nothing is recorded against trustee 2.
      await expect(new HttpTallyPort(api.url, election.electionId).submit({ ...sent[0], trusteeIndex: 2 })).rejects.toMatchObject({ status: 422, code: 'INVALID_SIGNATURE' });
      expect((await store.readStream(tallyStream(election.electionId))).filter((e) => e.type === 'PartialDecryptionRejected')).toEqual([]);
      // Trustee 2's first message crosses another trustee's twice (the service answers 409
      // CONCURRENT_CHANGE, nothing written): the station sends the same message again. Then its
      // connection fails twice before any answer: once before the message reached the service
      // (sent again), once after the service recorded it (the view shows it posted: not sent
      // again, where a copy would be refused as ALREADY_POSTED).
      const unreachable = () => new StationError('STATION_SERVICE_UNREACHABLE', 'station.error.unreachable', { url: api.url, reason: 'other side closed (UND_ERR_SOCKET)' });
      const script: ('cross' | 'lost before' | 'lost after')[] = ['cross', 'cross', 'lost before', 'lost after'];
      const happened: string[] = [];
      const crossing = port(1);
      const crossingStation = new TallyStation(stationFolderFor(join(work, 'tally'), election.electionId, tokens[1], ceremonyEvents), new StationToken(tokens[1].tokenLabel, tokens[1].pin), {
        ...crossing,
        submit: async (s: TallySubmission) => {
          const next = script.shift();
          if (next) happened.push(`${next} ${s.contestId}`);
          if (next === 'cross') throw new ServiceRefusedError(409, 'CONCURRENT_CHANGE', { es: 'otro mensaje', en: 'another message' });
          if (next === 'lost before') throw unreachable();
          await crossing.submit(s);
          if (next === 'lost after') throw unreachable();
        },
      }, { workers: 0 });
      const postedByTwo = await crossingStation.decrypt();
      const first = postedByOne.posted[0];
      expect(happened).toEqual([`cross ${first}`, `cross ${first}`, `lost before ${first}`, `lost after ${first}`]);
      expect(postedByTwo.posted).toEqual(postedByOne.posted);
      const postedByTrustee2 = (await store.readStream(tallyStream(election.electionId))).filter((e) => e.type === 'PartialDecryptionPosted' && (e.data as { trusteeIndex: number }).trusteeIndex === 2);
      expect(postedByTrustee2.map((e) => (e.data as { contestId: string }).contestId)).toEqual(postedByOne.posted);
      const outcome = await service.publishResults(election.electionId);
      expect(outcome.trusteesUsed).toEqual([1, 2]);
      for (const { contestId, counts } of outcome.results) {
        const expected = election.expected.get(contestId) ?? new Map();
        for (const { optionId, count } of counts) expect([contestId, optionId, count]).toEqual([contestId, optionId, expected.get(optionId) ?? 0]);
      }
    } finally {
      await api.close();
    }
  });
});
