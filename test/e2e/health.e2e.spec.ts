import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import request from 'supertest';
import { CommandBus } from '@nestjs/cqrs';
import { AppModule } from '../../src/app.module';
import { EnrolTrusteeCommand } from '../../src/ceremony/ceremony.commands';
import { trusteeKey } from '../support/trustee-keys';
import { loadConfiguration } from '../../src/config/configuration';
import { registerEventTypes } from '../../src/domain/event-catalog';
import type { EventStore } from '../../src/ledger/event-store';
import { EVENT_STORE } from '../../src/ledger/ledger.tokens';
import { createLogSigner } from '../../src/log-signer';
import { configureHttp } from '../../src/http-setup';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

/** The service as started by `npm start`, on the test PostgreSQL, with its own schemas. */
describe('the whole service: /health and the log following the ledger', () => {
  let app: INestApplication;
  const dataDir = mkdtempSync(join(tmpdir(), 'urna-health-'));
  const ledgerSchema = freshSchemaName('health_ledger');
  const logSchema = freshSchemaName('health_log');

  beforeAll(async () => {
    registerEventTypes([{ type: 'HealthProbeRecorded', versions: [1], visibility: 'public', description: 'test only' }]);
    const config = loadConfiguration({ DATABASE_URL: requireDatabaseUrl(), URNA_DATA_DIR: dataDir, URNA_LOG_ORIGIN: 'urna.test/health' });
    const signer = await createLogSigner(config);
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule.forRoot(config, { signer, ledgerSchema, logSchema, checkpointIntervalMs: 100 })],
    }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false });
    await configureHttp(app, { web: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
    const pool = new Pool({ connectionString: requireDatabaseUrl() });
    await dropSchema(pool, ledgerSchema);
    await dropSchema(pool, logSchema);
    await pool.end();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists every component; the log and checkpoints catch up with the ledger', async () => {
    const store = app.get<EventStore>(EVENT_STORE);
    await store.append('health-probe', [{ type: 'HealthProbeRecorded', version: 1, data: { n: 1 }, metadata: { actor: 'test:health' }, visibility: 'public' }], 'no_stream');
    let body: any;
    for (let i = 0; i < 50; i++) {
      const res = await request(app.getHttpServer()).get('/health');
      body = res.body;
      if (res.status === 200 && body.components.checkpoints.size === 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(body.status).toBe('ok');
    expect(body.components.ledger).toMatchObject({ status: 'up', adapter: 'postgres', head: 1 });
    expect(body.components.transparencyLog).toMatchObject({ status: 'up', size: 1, lagEvents: 0 });
    expect(body.components.checkpoints).toMatchObject({ status: 'up', size: 1, lagEvents: 0 });
  });

  it('serves the signed checkpoint and the OpenAPI document', async () => {
    const note = await request(app.getHttpServer()).get('/log/checkpoint').expect(200);
    expect(note.text.split('\n')[0]).toBe('urna.test/health');
    const doc = await request(app.getHttpServer()).get('/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health', '/log/checkpoint', '/log/proof/inclusion', '/log/proof/consistency']));
  });

  it("serves every command's timing and outcome at /metrics in Prometheus format", async () => {
    const commands = app.get(CommandBus);
    await commands.execute(new EnrolTrusteeCommand('metrics-2027', {
      type: 'EnrolTrustee', electionId: 'metrics-2027', trusteeIndex: 1, trusteeId: 'trustee-1', name: 'Persona 1', tokenSerial: 'S1', signingKey: trusteeKey(1).signingKey,
    }, { actor: 'official:test' }));
    await expect(commands.execute(new EnrolTrusteeCommand('metrics-2027', {
      type: 'EnrolTrustee', electionId: 'metrics-2027', trusteeIndex: 1, trusteeId: 'trustee-1', name: 'Persona 1', tokenSerial: 'S1', signingKey: trusteeKey(1).signingKey,
    }, { actor: 'official:test' }))).rejects.toMatchObject({ code: 'DUPLICATE_TRUSTEE_INDEX' });
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/urna_command_duration_seconds_count\{command="EnrolTrusteeCommand",outcome="ok"\} 1/);
    expect(res.text).toMatch(/urna_command_duration_seconds_count\{command="EnrolTrusteeCommand",outcome="refused"\} 1/);
  });
});
