/**
 * CORS of the HTTP app (applyVotingHttpSettings → Nest's enableCors), on a stand-in controller:
 * allowed origins get the headers a booth on another origin needs (preflight for a bearer
 * token and JSON, Retry-After readable on a 429); other origins get none; an app with no
 * allowed origins answers no CORS at all.
 */
import { Controller, Get, HttpException, Module, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { applyVotingHttpSettings } from '../../src/voting/http-settings';

const BOOTH = 'https://casilla.example.test';

@Controller('api/voter')
class StandInController {
  @Get('ballot')
  ballot() {
    return { ok: true };
  }
  @Post('login')
  login() {
    throw new HttpException({ error: 'RATE_LIMITED' }, 429);
  }
}

@Module({ controllers: [StandInController] })
class StandInModule {}

async function appWith(allowedOrigins?: string[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [StandInModule] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  applyVotingHttpSettings(app, { allowedOrigins });
  await app.init();
  return app;
}

describe('CORS', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await appWith([BOOTH, 'https://tablero.example.test']);
  });
  afterAll(() => app.close());

  it('answers a preflight from an allowed origin for a bearer token and JSON', async () => {
    const res = await request(app.getHttpServer()).options('/api/voter/login').set('Origin', BOOTH)
      .set('Access-Control-Request-Method', 'POST').set('Access-Control-Request-Headers', 'authorization,content-type');
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(BOOTH);
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toMatch(/Authorization/i);
    expect(res.headers['access-control-allow-headers']).toMatch(/Content-Type/i);
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(res.headers.vary).toMatch(/Origin/);
  });

  it('lets an allowed origin read the answer and Retry-After, also on a refusal', async () => {
    const ok = await request(app.getHttpServer()).get('/api/voter/ballot').set('Origin', BOOTH).expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe(BOOTH);
    const refused = await request(app.getHttpServer()).post('/api/voter/login').set('Origin', BOOTH).send({});
    expect(refused.status).toBe(429);
    expect(refused.headers['access-control-allow-origin']).toBe(BOOTH);
    expect(refused.headers['access-control-expose-headers']).toMatch(/Retry-After/i);
  });

  it('gives any other origin no Access-Control-Allow-Origin', async () => {
    const pre = await request(app.getHttpServer()).options('/api/voter/login').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'POST');
    expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    const res = await request(app.getHttpServer()).get('/api/voter/ballot').set('Origin', 'https://evil.example');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers no CORS in an app without the voting module (no allowed origins)', async () => {
    const closed = await appWith();
    try {
      const res = await request(closed.getHttpServer()).get('/api/voter/ballot').set('Origin', BOOTH).expect(200);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await closed.close();
    }
  });
});
