/**
 * Every election's log has its own origin (docs/spec/log.md §4.2): derived from the public URL
 * and the election id unless URNA_LOG_ORIGIN says otherwise, and fixed for the log's life (a
 * service configured with another origin than the one its checkpoints carry refuses to start).
 */
import { Test } from '@nestjs/testing';
import { Pool } from 'pg';
import { BulletinBoardModule } from '../../src/bulletin-board/bulletin-board.module';
import { loadConfiguration, ConfigurationError } from '../../src/config/configuration';
import { CheckpointConflictError, CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { LogOriginError, defaultLogOrigin } from '../../src/ledger/checkpoint/log-origin';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { assertKeyName } from '../../src/ledger/checkpoint/signed-note';
import { LedgerModule } from '../../src/ledger/ledger.module';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { dropSchema, freshSchemaName } from '../support/postgres';

describe('the default log origin', () => {
  it.each([
    ['https://voto.example.mx', 'pef-2027', 'voto.example.mx/log/pef-2027'],
    ['https://voto.example.mx/', 'pef-2027', 'voto.example.mx/log/pef-2027'],
    ['https://VOTO.Example.MX:443/urna/', 'pef_2027', 'voto.example.mx/urna/log/pef_2027'],
    ['http://127.0.0.1:3000', 'simulacro-2024', '127.0.0.1:3000/log/simulacro-2024'],
    ['https://voto.example.mx:8443/a/b?x=1#y', 'e1', 'voto.example.mx:8443/a/b/log/e1'],
    ['https://votación.example.mx', 'e1', 'xn--votacin-q0a.example.mx/log/e1'],
    ['https://voto.example.mx', undefined, 'voto.example.mx/log'],
  ])('%s + %s → %s', (url, election, origin) => {
    expect(defaultLogOrigin(url, election)).toBe(origin);
    expect(() => assertKeyName(origin)).not.toThrow();
  });

  it('differs between elections on one host and between hosts', () => {
    const origins = new Set([
      defaultLogOrigin('https://voto.example.mx', 'pef-2027'),
      defaultLogOrigin('https://voto.example.mx', 'pef-2030'),
      defaultLogOrigin('https://otro.example.mx', 'pef-2027'),
    ]);
    expect(origins.size).toBe(3);
  });

  it.each([
    ['not a url', 'e1'],
    ['https://voto.example.mx/a+b', 'e1'], // "+" separates a vkey's fields
    ['https://voto.example.mx', 'e 1'],
    ['https://voto.example.mx', 'e/1'],
  ])('refuses %s + %s', (url, election) => {
    expect(() => defaultLogOrigin(url, election)).toThrow(LogOriginError);
  });

  it('is what the configuration uses unless URNA_LOG_ORIGIN is set', () => {
    expect(loadConfiguration({ URNA_PUBLIC_URL: 'https://voto.example.mx', URNA_ELECTION_ID: 'pef-2027' }).URNA_LOG_ORIGIN).toBe('voto.example.mx/log/pef-2027');
    expect(loadConfiguration({}).URNA_LOG_ORIGIN).toBe('127.0.0.1:3000/log');
    expect(loadConfiguration({ URNA_ELECTION_ID: 'pef-2027', URNA_LOG_ORIGIN: 'mi.log/x' }).URNA_LOG_ORIGIN).toBe('mi.log/x');
    expect(() => loadConfiguration({ URNA_PUBLIC_URL: 'https://voto.example.mx/a+b' })).toThrow(ConfigurationError);
    expect(() => loadConfiguration({ URNA_LOG_ORIGIN: 'con espacio' })).toThrow(ConfigurationError);
  });
});

describe('a log keeps its origin', () => {
  const schema = freshSchemaName('origin_log');
  let pool: Pool;

  beforeAll(() => {
    pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 3 });
  });

  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('refuses to serve checkpoints signed under another origin', async () => {
    const log = new MerkleLog(pool, { schema });
    await log.migrate();
    const first = new CheckpointService(pool, log, SoftwareNoteSigner.generate('voto.example.mx/log/pef-2027'));
    await first.migrate();
    await first.assertOrigin(); // nothing signed yet: any origin may start the log
    await first.checkpointNow();
    await first.assertOrigin();

    const renamed = new CheckpointService(pool, log, SoftwareNoteSigner.generate('voto.example.mx/log/pef-2030'));
    await expect(renamed.assertOrigin()).rejects.toThrow(CheckpointConflictError);
    await expect(renamed.assertOrigin()).rejects.toThrow(/URNA_LOG_ORIGIN=voto\.example\.mx\/log\/pef-2027/);
    // Same name, another key: the origin check passes; the key is the operator's to keep.
    await new CheckpointService(pool, log, SoftwareNoteSigner.generate('voto.example.mx/log/pef-2027')).assertOrigin();
  });

  it('the service does not start on a log signed under another origin', async () => {
    const origin = 'voto.example.mx/log/pef-2030';
    const moduleRef = await Test.createTestingModule({
      imports: [
        LedgerModule.forRoot(loadConfiguration({ DATABASE_URL: process.env.DATABASE_URL }), { schema: `${schema}_ledger` }),
        BulletinBoardModule.forRoot({ origin, signer: SoftwareNoteSigner.generate(origin), schema }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    try {
      await expect(app.init()).rejects.toThrow(/signed with origin "voto\.example\.mx\/log\/pef-2027"/);
    } finally {
      await app.close().catch(() => undefined);
      await dropSchema(pool, `${schema}_ledger`);
    }
  });
});
