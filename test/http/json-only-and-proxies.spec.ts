/**
 * Two HTTP rules of every API (applyVotingHttpSettings), on a stand-in controller:
 * - JSON only: a body that is form-encoded or text/plain — what any web page can make a
 *   visitor's browser POST without a CORS preflight, e.g. bad logins to lock a voter out — is
 *   refused 415 before a handler runs; JSON, and requests without a body, pass.
 * - Trusted proxies (URNA_TRUSTED_PROXIES): X-Forwarded-For names the client only when the
 *   peer is a configured proxy; otherwise anyone could pick their own rate-limit key, and behind
 *   an untrusted setting every voter would share the proxy's budget.
 */
import { Body, Controller, Get, HttpCode, Module, Post, Req, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Request } from 'express';
import request from 'supertest';
import { loadConfiguration } from '../../src/config/configuration';
import { applyVotingHttpSettings } from '../../src/voting/http-settings';

const calls: unknown[] = [];

@Controller('api/voter')
class StandInController {
  @Post('login')
  @HttpCode(200)
  login(@Body() body: unknown) {
    calls.push(body);
    return { ok: true };
  }
  @Post('logout')
  @HttpCode(204)
  logout() {
    calls.push('logout');
  }
  @Get('whoami')
  whoami(@Req() req: Request) {
    return { ip: req.ip };
  }
}

@Module({ controllers: [StandInController] })
class StandInModule {}

async function appWith(trustedProxies?: string[]): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [StandInModule] }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
  applyVotingHttpSettings(app, { trustedProxies });
  await app.init();
  return app;
}

describe('JSON-only bodies', () => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await appWith();
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  it.each([
    ['application/x-www-form-urlencoded', 'username=v-aaaa&password=x'],
    ['text/plain', '{"username":"v-aaaa","password":"x"}'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nv\r\n--x--\r\n'],
  ])('refuses a %s body with 415, in both languages, before the handler runs', async (type, body) => {
    const res = await request(app.getHttpServer()).post('/api/voter/login').set('Content-Type', type).send(body);
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ error: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringMatching(/JSON/), mensaje: expect.stringMatching(/JSON/) });
    expect(calls).toEqual([]);
  });

  it('takes JSON (with a charset too) and requests without a body', async () => {
    await request(app.getHttpServer()).post('/api/voter/login').send({ username: 'v' }).expect(200);
    await request(app.getHttpServer()).post('/api/voter/login').set('Content-Type', 'application/json; charset=utf-8').send('{"username":"w"}').expect(200);
    await request(app.getHttpServer()).post('/api/voter/logout').expect(204);
    expect(calls).toEqual([{ username: 'v' }, { username: 'w' }, 'logout']);
  });
});

describe('trusted proxies', () => {
  const whoami = async (app: INestApplication) =>
    (await request(app.getHttpServer()).get('/api/voter/whoami').set('X-Forwarded-For', '203.0.113.7').expect(200)).body.ip as string;

  it('ignores X-Forwarded-For when no proxy is trusted (the default)', async () => {
    const app = await appWith();
    try {
      expect(await whoami(app)).not.toBe('203.0.113.7');
    } finally {
      await app.close();
    }
  });

  it('takes the client address from a trusted proxy (loopback here)', async () => {
    const app = await appWith(['loopback']);
    try {
      expect(await whoami(app)).toBe('203.0.113.7');
    } finally {
      await app.close();
    }
  });

  it('does not believe a proxy outside the configured range', async () => {
    const app = await appWith(['10.0.0.0/8']);
    try {
      expect(await whoami(app)).not.toBe('203.0.113.7');
    } finally {
      await app.close();
    }
  });

  it('reads URNA_TRUSTED_PROXIES as a list and refuses a value that is no address', () => {
    expect(loadConfiguration({ URNA_TRUSTED_PROXIES: '10.0.0.0/8, loopback ,192.168.1.5' }).URNA_TRUSTED_PROXIES).toEqual(['10.0.0.0/8', 'loopback', '192.168.1.5']);
    expect(loadConfiguration({}).URNA_TRUSTED_PROXIES).toEqual([]);
    expect(() => loadConfiguration({ URNA_TRUSTED_PROXIES: 'true' })).toThrow(/URNA_TRUSTED_PROXIES/);
  });
});
