/**
 * The voter roll from a CSV file through the set-up service (what `urna setup --roll` runs):
 * valid rows are imported with their credentials sent, every bad row is reported with its
 * line and reason and leaves no trace in the ledger; a file with no valid row imports nothing.
 */
import { commandsFor } from '../support/command-path';
import { mkdtempSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { computeSoftwareVersion } from '../../src/application/software-version';
import { rollStream } from '../../src/domain/roll/decider';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { seededRandomSource } from '../../src/roll/seeded-random-source';
import { generateSyntheticRoll, rollToCsv } from '../../src/roll/synthetic-roll';
import { ElectionSetupService } from '../../src/setup/election-setup-service';
import { checkpointLedger } from '../../src/setup/log-checkpointer';
import { fixtureText } from '../domain/configuration/fixture';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

const ID = 'simulacro-2024';
const CHEAP_SCRYPT = { ln: 10, r: 8, p: 1 }; // the lowest cost the hasher accepts

describe('voter roll import from CSV (PostgreSQL)', () => {
  let pool: Pool;
  let schema: string;
  let store: PostgresEventStore;
  let dataDir: string;
  let setup: ElectionSetupService;

  beforeAll(async () => {
    pool = new Pool({ connectionString: requireDatabaseUrl(), max: 4 });
    schema = freshSchemaName('roll_csv');
    store = new PostgresEventStore(pool, { schema });
    await store.migrate();
    dataDir = mkdtempSync(join(tmpdir(), 'urna-roll-csv-'));
    const signer = SoftwareNoteSigner.generate('roll.urna.example/log');
    setup = new ElectionSetupService({
      store, commands: await commandsFor(store), electionId: ID, dataDir,
      checkpoint: () => checkpointLedger(pool, store, signer, `${schema}_log`),
      softwareVersion: () => computeSoftwareVersion(),
    });
  });

  afterAll(async () => {
    await store.close();
    await dropSchema(pool, schema);
    await dropSchema(pool, `${schema}_log`);
    await pool.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const write = (name: string, text: string) => {
    const path = join(dataDir, name);
    writeFileSync(path, text);
    return path;
  };

  it('refuses before the election is configured, appending nothing', async () => {
    const path = write('early.csv', rollToCsv(generateSyntheticRoll({ size: 2, random: seededRandomSource('early'), entityCodes: ['09'] })));
    await expect(setup.importRollCsv(path, CHEAP_SCRYPT)).rejects.toMatchObject({ code: 'ELECTION_NOT_CONFIGURED' });
    expect(await store.head()).toBe(0);
  });

  it('a file with no valid row imports nothing and says why', async () => {
    await setup.configure(fixtureText(), { role: 'ine-operator', id: 'ana' });
    const head = await store.head();
    const path = write('bad.csv', 'clave_elector,nombre\r\nXX,Nadie\r\n');
    await expect(setup.importRollCsv(path, CHEAP_SCRYPT)).rejects.toMatchObject({ code: 'ROLL_HAS_NO_VALID_ROW' });
    expect(await store.head()).toBe(head);
    expect(await store.readStream(rollStream(ID))).toHaveLength(0);
  });

  it('imports the valid rows, reports every bad one by line, and keeps the bad rows out of the ledger', async () => {
    const voters = generateSyntheticRoll({ size: 12, random: seededRandomSource('csv'), entityCodes: ['09', '14', '21'] });
    const good = rollToCsv(voters);
    const header = good.split('\r\n')[0];
    const row = (fields: Record<string, string>) => header.split(',').map((c) => fields[c] ?? '').join(',');
    const base = Object.fromEntries(header.split(',').map((c, i) => [c, good.split('\r\n')[1].split(',')[i]]));
    const bad = [
      row({ ...base }), // line 14: line 2's elector key again
      row({ ...base, [header.split(',')[0]]: 'ABCDEF00010199H001', [header.split(',')[2]]: '99' }), // line 15: entity not in the configuration
      row({ ...base, [header.split(',')[0]]: 'ABCDEF00010109H002', [header.split(',')[4]]: 'no-es-correo' }), // line 16: bad e-mail
      'solo,dos', // line 17: missing fields
    ];
    const path = write('roll.csv', `${good}${bad.join('\r\n')}\r\n`);
    const report = await setup.importRollCsv(path, CHEAP_SCRYPT);

    // A duplicated elector key refuses both of its rows: which one is the voter is for a person to decide.
    expect(report).toMatchObject({ imported: 11, credentialsSent: 0, credentialsFailed: 0, rowsRead: 16 });
    expect([...new Set(report.problems.map((p) => p.line))].sort((a, b) => a - b)).toEqual([2, 14, 15, 16, 17]);
    for (const p of report.problems) expect(p.reason.length).toBeGreaterThan(5);

    const roll = await store.readStream(rollStream(ID));
    expect(roll[0]).toMatchObject({ type: 'RollImported', data: expect.objectContaining({ size: 11 }) });
    // No personal data of any row, good or bad, in a public event.
    const publicText = JSON.stringify((await store.readAll()).filter((e) => e.visibility === 'public'));
    for (const v of voters) expect(publicText).not.toContain(v.electorKey);
    expect(publicText).not.toContain('ABCDEF00010199H001');
    expect(publicText).not.toContain('no-es-correo');
    // Credentials are no longer sent by the roll import: the credential authority delivers them
    // (issue 13), so the service's outbox holds no credential e-mail.
    const outbox = join(dataDir, 'outbox');
    expect(existsSync(outbox) ? readdirSync(outbox).filter((f) => f.includes('mail')).length : 0).toBe(0);
  });
});
