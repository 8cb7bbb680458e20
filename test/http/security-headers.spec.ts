/**
 * Security headers (helmet, src/http/security-headers.ts) on every response of the app as
 * configureHttp builds it: the pages, their bundles, the OpenAPI page, the APIs, 404s and
 * refused bodies. Stand-in controllers take the place of the API modules.
 */
import { Controller, Get, Module, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { configureHttp } from '../../src/http-setup';

@Controller('api/voter')
class VoterStandIn {
  @Post('login')
  login() {
    return { challengeId: 'x' };
  }
}

@Controller('api/board')
class BoardStandIn {
  @Get()
  board() {
    return { ok: true };
  }
}

@Controller('log')
class LogStandIn {
  @Get('checkpoint')
  checkpoint() {
    return 'urna.test/log\n0\n';
  }
}

@Module({ controllers: [VoterStandIn, BoardStandIn, LogStandIn] })
class StandInModule {}

/** The directives of a Content-Security-Policy header, by name. */
function policy(header: string | undefined): Map<string, string[]> {
  expect(header).toBeDefined();
  return new Map(header!.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...values]) => [name, values]));
}

describe('security headers', () => {
  const dist = mkdtempSync(join(tmpdir(), 'urna-headers-dist-'));
  let app: INestApplication;
  const get = (path: string) => request(app.getHttpServer()).get(path);

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [StandInModule] }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    await configureHttp(app, { web: { rebuild: true, dist } });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  function expectCommon(res: request.Response): void {
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    const csp = policy(res.headers['content-security-policy']);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  }

  it.each(['/', '/index.html', '/booth.html', '/board.js', '/booth.js', '/styles.css'])('serves %s with the pages’ policy: this origin only, nothing inline', async (path) => {
    const res = await get(path).expect(200);
    expectCommon(res);
    const csp = policy(res.headers['content-security-policy']);
    for (const d of ['script-src', 'style-src', 'img-src', 'connect-src']) expect(csp.get(d)).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(res.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers the APIs with a policy that loads nothing; the voter API is never cached', async () => {
    const voter = await request(app.getHttpServer()).post('/api/voter/login').send({}).expect(201);
    expectCommon(voter);
    expect(voter.headers['cache-control']).toBe('no-store');
    for (const path of ['/api/board', '/log/checkpoint', '/docs-json']) {
      const res = await get(path).expect(200);
      expectCommon(res);
      expect([...policy(res.headers['content-security-policy']).keys()].sort()).toEqual(['base-uri', 'default-src', 'form-action', 'frame-ancestors']);
      expect(res.headers['cache-control']).toBeUndefined();
    }
  });

  it('lets the OpenAPI page use inline styles but only its own scripts', async () => {
    const res = await get('/docs').expect(200);
    expectCommon(res);
    const csp = policy(res.headers['content-security-policy']);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(res.text).not.toMatch(/<script>[^<]/); // no inline script in the page
  });

  it('sets the headers on 404s and on refused bodies too', async () => {
    expectCommon(await get('/no-such-page').expect(404));
    const tooLarge = await request(app.getHttpServer()).post('/api/voter/login').set('Content-Type', 'application/json').send(`{"x":"${'a'.repeat(200 * 1024)}"}`);
    expect(tooLarge.status).toBe(413);
    expectCommon(tooLarge);
    expect(tooLarge.headers['cache-control']).toBe('no-store');
  });
});
