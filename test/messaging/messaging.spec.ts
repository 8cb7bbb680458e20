import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { OutboxMailSender, OutboxSmsSender, readOutbox } from '../../src/messaging/outbox';
import { HttpSmsSender } from '../../src/messaging/http-sms-sender';
import { MessageDeliveryError } from '../../src/messaging/ports';
import { codeFromSms, credentialFromMail, credentialMail, oneTimeCodeSms } from '../../src/messaging/voter-messages';

describe('voter messages', () => {
  it('credential e-mail: Spanish first, English below, and readable back by the simulacro', () => {
    const m = credentialMail({ to: 'a@simulacro.example.invalid', name: 'Ana', username: 'v-aaaa-bbbb-cccc', password: 'pppp-qqqq-rrrr-ssss', systemUrl: 'https://voto.example.invalid', credentialNumber: 1 });
    expect(m.text.indexOf('Usuario:')).toBeLessThan(m.text.indexOf('Username:'));
    expect(credentialFromMail(m.text)).toEqual({ username: 'v-aaaa-bbbb-cccc', password: 'pppp-qqqq-rrrr-ssss' });
  });
  it('code SMS fits one GSM-7 segment and carries the code', () => {
    for (const purpose of ['login', 'cast'] as const) {
      const s = oneTimeCodeSms({ to: '+15550000001', code: '012345', purpose, minutes: 5 });
      expect(s.text.length).toBeLessThanOrEqual(160);
      expect(/^[\x20-\x7e]*$/.test(s.text)).toBe(true);
      expect(codeFromSms(s.text)).toBe('012345');
    }
  });
});

describe('outbox adapters', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'urna-outbox-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('write one JSON file per message, read back in order and by recipient', async () => {
    const mail = new OutboxMailSender(dir);
    const sms = new OutboxSmsSender(dir);
    const r1 = await mail.send({ to: 'a@x.invalid', subject: 's', text: 't1', kind: 'credential' });
    await sms.send({ to: '+15550000001', text: 'code 111111', kind: 'code-login' });
    await sms.send({ to: '+15550000002', text: 'code 222222', kind: 'code-login' });
    const all = await readOutbox(dir);
    expect(all.map((e) => e.text)).toEqual(['t1', 'code 111111', 'code 222222']);
    expect(all[0].id).toBe(r1.messageId);
    expect((await readOutbox(dir, { channel: 'sms', to: '+15550000002' })).map((e) => e.text)).toEqual(['code 222222']);
    expect(await readOutbox(join(dir, 'missing'))).toEqual([]);
  });

  it('makes its folder once, and again when it was removed while the process ran', async () => {
    const nested = join(dir, 'a', 'outbox');
    const sms = new OutboxSmsSender(nested);
    await sms.send({ to: '+15550000001', text: 'uno', kind: 'code-login' });
    await rm(join(dir, 'a'), { recursive: true, force: true });
    await sms.send({ to: '+15550000001', text: 'dos', kind: 'code-login' });
    expect((await readOutbox(nested)).map((e) => e.text)).toEqual(['dos']);
  });
});

describe('HTTP SMS gateway adapter (against a local node:http server)', () => {
  let server: Server;
  let url: string;
  const received: Array<{ auth?: string; body: unknown }> = [];
  let reply: { status: number; body: string } = { status: 200, body: '{"id":"sms-1"}' };

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
        res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('POSTs {to, text} with the bearer token and returns the provider id', async () => {
    const sender = HttpSmsSender.fromEnv({ URNA_SMS_URL: url, URNA_SMS_TOKEN: 'secret-token' });
    expect(await sender.send({ to: '+15550000001', text: 'hola', kind: 'code-login' })).toEqual({ messageId: 'sms-1' });
    expect(received[received.length - 1]).toEqual({ auth: 'Bearer secret-token', body: { to: '+15550000001', text: 'hola' } });
  });

  it('turns a refusal, a missing id or an unreachable gateway into MessageDeliveryError', async () => {
    const sender = new HttpSmsSender({ url });
    reply = { status: 503, body: 'busy' };
    await expect(sender.send({ to: '+1', text: 'x', kind: 'k' })).rejects.toThrow(MessageDeliveryError);
    reply = { status: 200, body: '{}' };
    await expect(sender.send({ to: '+1', text: 'x', kind: 'k' })).rejects.toThrow(/no message id/);
    await expect(new HttpSmsSender({ url: 'http://127.0.0.1:1/sms', timeoutMs: 2000 }).send({ to: '+1', text: 'x', kind: 'k' })).rejects.toThrow(MessageDeliveryError);
    expect(() => HttpSmsSender.fromEnv({})).toThrow(/URNA_SMS_URL/);
  });
});
