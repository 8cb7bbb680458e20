/**
 * Election set-up end to end on the real parts: PostgreSQL ledger (DATABASE_URL) and five
 * SoftHSM tokens. One election walked through every step, with each refusal tried where it
 * belongs, a restart in the middle of the ceremony, and the scheduler afterwards.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { commandsFor } from '../support/command-path';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { computeSoftwareVersion } from '../../src/application/software-version';
import { configurationStreamName } from '../../src/domain/configuration/configuration-decider';
import { lifecycleStream } from '../../src/domain/lifecycle/decider';
import { ceremonyStream } from '../../src/domain/ceremony/events';
import { unsealShare, sealedShareFromJson } from '../../src/hsm';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { ElectionSetupService } from '../../src/setup/election-setup-service';
import { StationsInProcess, type TrusteeCard } from '../support/stations-in-process';
import { shareBinding } from '../../src/trustee-station/station-bindings';
import { CeremonyStation } from '../../src/trustee-station/ceremony-station';
import { StationFolder } from '../../src/trustee-station/station-folder';
import { StationToken } from '../../src/trustee-station/station-token';
import { signingKeyFingerprint } from '../../src/domain/ceremony/trustee-signature';
import { trusteeKey } from '../support/trustee-keys';
import { checkpointLedger } from '../../src/setup/log-checkpointer';
import { VotingScheduler } from '../../src/scheduler/voting-scheduler';
import { group } from '../../src/domain/crypto/active-group';
import { generatorBase } from '../../src/domain/crypto/elgamal';
import { decodeScalar } from '../../src/domain/crypto/scalar';
import { fromHex } from '../../src/domain/crypto/hash';
import { fixtureText } from '../domain/configuration/fixture';
import { createSoftHsmFixture, type SoftHsmFixture } from '../hsm/softhsm-fixture';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';
import { issueCredentialsForRoll, TEST_AUTHORITY_NAME } from '../support/credential-authority';
import { credentialListFingerprint } from '../../src/domain/crypto/credential/credential-list';

const ID = 'simulacro-2024';
const NOW = '2024-05-20T12:00:00.000Z';
const operator = { role: 'ine-operator' as const, id: 'ana' };
const NOTARY = 'Lic. Notaria Pública 12';

async function failure(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a refusal');
}

describe('election set-up on PostgreSQL + SoftHSM (5 trustees, threshold 3)', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;
  let hsm: SoftHsmFixture;
  let dataDir: string;
  let cards: TrusteeCard[];
  const signer = SoftwareNoteSigner.generate('simulacro.urna.example/log');
  let commands: CommandBus;
  const make = () =>
    new ElectionSetupService({
      store, commands, electionId: ID, dataDir,
      checkpoint: () => checkpointLedger(pool, store, signer, `${schema}_log`),
      softwareVersion: () => computeSoftwareVersion(),
    });
  let setup: ElectionSetupService;
  let trustees: StationsInProcess;
  const stationsOf = (s: ElectionSetupService) => new StationsInProcess(ID, cards, join(dataDir, 'trustees'), s.ceremony);

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 8 });
    schema = freshSchemaName('setup');
    store = new PostgresEventStore(pool, { schema });
    await store.migrate();
    commands = await commandsFor(store);
    hsm = createSoftHsmFixture('setup', 5);
    dataDir = mkdtempSync(join(tmpdir(), 'urna-setup-'));
    cards = hsm.trustees.map((t, i) => ({ name: `Fideicomisario ${i + 1}`, tokenLabel: t.label, pin: t.pin }));
    setup = make();
    trustees = stationsOf(setup);
  });

  afterAll(async () => {
    await store.close();
    await dropSchema(pool, schema);
    await dropSchema(pool, `${schema}_log`);
    await pool.end();
    hsm.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const count = async (stream: string) => (await store.readStream(stream)).length;

  it('refuses the ceremony before the configuration, appending nothing', async () => {
    await setup.enrolTrustees(trustees.init().map((card, k) => ({ ...card, name: cards[k].name })));
    const before = await count(ceremonyStream(ID));
    expect((await failure(setup.openCeremony(3, NOTARY))).code).toBe('ELECTION_NOT_CONFIGURED');
    expect(await count(ceremonyStream(ID))).toBe(before);
  });

  it('refuses a second enrolment of a token already enrolled', async () => {
    const err = await failure(setup.ceremony.run({ type: 'EnrolTrustee', electionId: ID, trusteeIndex: 6, trusteeId: 'trustee-6', name: 'Otro', tokenSerial: hsm.trustees[0].serialNumber, signingKey: trusteeKey(6).signingKey }));
    expect(err.code).toBe('DUPLICATE_TOKEN_SERIAL');
    // Each trustee's key was generated inside its own token: five different keys, enrolled.
    const state = await setup.ceremony.state();
    expect(new Set(Object.values(state.trustees).map((t) => t.signingKey)).size).toBe(5);
  });

  it('configures from the manual and ratifies every unit', async () => {
    await setup.configure(fixtureText(), operator);
    expect(await setup.ratifyAll()).toBeGreaterThan(1);
  });

  it('imports a synthetic roll of 200 voters', async () => {
    const report = await setup.importSyntheticRoll(200, 'setup-test');
    // No password at import: the credential authority e-mails them (issue 13).
    expect(report).toMatchObject({ imported: 200, credentialsSent: 0, credentialsFailed: 0 });
  });

  it('opens the ceremony; opening the election before it completes is refused', async () => {
    await setup.openCeremony(3, NOTARY);
    expect((await failure(setup.open(NOW, []))).code).toBe('CANNOT_OPEN');
    expect(await count(lifecycleStream(ID))).toBe(0);
  });

  const station = (k: number, token = new StationToken(cards[k].tokenLabel, cards[k].pin)) =>
    new CeremonyStation(new StationFolder(join(dataDir, 'trustees', `trustee-${k + 1}`)), token, setup.ceremony);

  it("refuses a wrong PIN and another trustee's token at a station, appending nothing", async () => {
    const before = await count(ceremonyStream(ID));
    const wrongPin = await failure(station(0, new StationToken(cards[0].tokenLabel, 'not-the-pin')).next());
    expect(wrongPin.code).toBe('HSM_PIN_INCORRECT');
    // Trustee 2's token in trustee 1's station: its key is not the one enrolled for trustee 1.
    const wrongToken = await failure(station(0, new StationToken(cards[1].tokenLabel, cards[1].pin)).next());
    expect(wrongToken.code).toBe('STATION_WRONG_TOKEN');
    expect(await count(ceremonyStream(ID))).toBe(before);
  });

  it('with a trustee absent, round 2 cannot start and the ceremony cannot complete', async () => {
    for (let k = 0; k < 4; k++) expect(await station(k).next()).toBe('round1');
    const progress = await setup.ceremony.progress(5);
    expect(progress.waitingFor).toEqual([5]);
    expect(progress.next?.step).toBe('round1');
    expect(progress.standing.es).toContain('4 de 5');
    expect(await station(0).next()).toBe('wait');
    expect((await failure(setup.ceremony.complete())).code).toBe('WRONG_CEREMONY_PHASE');
  });

  it('survives a restart in the middle of the ceremony: a new service finishes it from ledger + stations', async () => {
    expect(await station(4).next()).toBe('round1');
    expect(await station(0).next()).toBe('deal');
    expect(await station(1).next()).toBe('deal');
    // "Restart": a fresh service with nothing in memory, over the same ledger, tokens and station folders.
    setup = make();
    expect((await setup.ceremony.progress(3)).next?.step).toBe('deal');
    const completed = await setup.runCeremony(stationsOf(setup), NOTARY, () => NOW);
    expect(completed.qualified).toEqual([1, 2, 3, 4, 5]);
    expect(completed.threshold).toBe(3);
    const state = await setup.ceremony.state();
    expect(state.witnessed?.transcriptHash).toBe(completed.transcriptHash);
    // Each share opens only in its own token, and matches the published verification key.
    const sealed = state.shares['2'];
    const share = await unsealShare(cards[1].tokenLabel, cards[1].pin, sealedShareFromJson(sealed.sealed), shareBinding(ID, 'trustee-2'));
    expect(group.equals(generatorBase().mul(decodeScalar(share)), group.decode(fromHex(completed.verificationKeys['2'], 32)))).toBe(true);
    expect((await failure(unsealShare(cards[2].tokenLabel, cards[2].pin, sealedShareFromJson(sealed.sealed)))).code).toBe('HSM_WRONG_TOKEN');
    // The secrets never appear in public events; the ceremony's secrets are not in the ledger at all.
    const all = await store.readAll();
    const publicText = JSON.stringify(all.filter((e) => e.visibility === 'public'));
    expect(publicText).not.toContain(Buffer.from(share).toString('hex'));
    expect(all.filter((e) => e.type === 'TrusteeSecretsSealed')).toEqual([]);
    // Every trustee message is of its signed version, with its signature.
    const signed = all.filter((e) => ['CeremonyRound1Published', 'CeremonySharesDealt', 'CeremonySharesChecked', 'TrusteeShareSealed'].includes(e.type));
    expect(signed).toHaveLength(20);
    expect(signed.filter((e) => e.version !== (e.type === 'CeremonySharesDealt' ? 3 : 2) || typeof (e.data as { signature?: string }).signature !== 'string')).toEqual([]);
  });

  it('opens the election with the opening report (JSON + PDF hashed), then refuses a second opening', async () => {
    // The credential authority's signed list (issue 13): without it the election does not open.
    expect((await failure(setup.open(NOW, []))).code).toBe('CANNOT_OPEN');
    const { authority, file } = await issueCredentialsForRoll(store, await commandsFor(store), ID, { now: NOW });
    const opened = await setup.open(NOW, [{ name: NOTARY, role: 'Notario público núm. 12', roleEn: 'Notary public no. 12' }]);
    expect(opened.report.credentials).toEqual({
      authorityName: TEST_AUTHORITY_NAME, authorityKey: authority.publicKey, count: 200, listHash: file.listHash, fingerprint: credentialListFingerprint(file.listHash),
    });
    expect(opened.report.ballotBoxCount).toBe(0);
    // Each trustee's name beside the fingerprint of the key its own station generated.
    const enrolments = [0, 1, 2, 3, 4].map((k) => new StationFolder(join(dataDir, 'trustees', `trustee-${k + 1}`)).enrolment()!);
    expect(opened.report.trustees).toEqual(cards.map((c, k) => ({ trusteeIndex: k + 1, name: c.name, signingKeyFingerprint: enrolments[k].fingerprint })));
    expect(enrolments[0].fingerprint).toBe(signingKeyFingerprint(enrolments[0].signingKey));
    expect(readFileSync(opened.pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const lifecycle = await store.readStream(lifecycleStream(ID));
    expect(lifecycle.map((e) => e.type)).toEqual(['ElectionOpened']);
    expect(lifecycle[0].data).toMatchObject({ openingReportHash: opened.reportHash, openingReportPdfHash: opened.pdfHash, rollSize: 200, softwareVersion: computeSoftwareVersion().hash });
    expect((await failure(setup.open(NOW, []))).code).toBe('ALREADY_OPENED');
    expect(await count(lifecycleStream(ID))).toBe(1);
  });

  it('refuses any configuration change after the opening (the lock is in the configuration stream)', async () => {
    const before = await count(configurationStreamName(ID));
    const err = await failure(setup.amend(fixtureText().replace('max_voters: 250000', 'max_voters: 250001'), 1, 'cambio tardío', operator));
    expect(err.code).toBe('ELECTION_ALREADY_OPENED');
    expect(await count(configurationStreamName(ID))).toBe(before);
  });

  it('scheduler: starts and closes by itself, idempotently, catching up after downtime', async () => {
    let clock = new Date('2024-05-21T01:59:59.000Z');
    const closed: string[] = [];
    const scheduler = new VotingScheduler({ store, commands: await commandsFor(store), electionId: ID, now: () => clock });
    scheduler.onClosed(async (id) => void closed.push(id));
    expect(await scheduler.tick()).toBe('opened');
    clock = new Date('2024-05-21T02:00:00.000Z');
    expect(await scheduler.tick()).toBe('voting');
    expect(await scheduler.tick()).toBe('voting');
    // A restart long after the closing instant: a new scheduler catches up and records the delay.
    clock = new Date('2024-06-03T03:00:00.000Z');
    const restarted = new VotingScheduler({ store, commands: await commandsFor(store), electionId: ID, now: () => clock });
    restarted.onClosed(async (id) => void closed.push(id));
    expect(await restarted.tick()).toBe('closed');
    const events = await store.readStream(lifecycleStream(ID));
    expect(events.map((e) => e.type)).toEqual(['ElectionOpened', 'VotingStarted', 'VotingClosed']);
    expect((events[2].data as { lateBy?: number }).lateBy).toBe(3 * 3600_000);
    expect(closed).toEqual([ID]);
  });
});
