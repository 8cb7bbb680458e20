import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SmtpDeliveryError, SmtpMailSender, queueIdFromResponse } from '../../src/messaging/smtp-mail-sender';
import { mailSenderFromEnv, outboxDirFromEnv, smsSenderFromEnv } from '../../src/messaging/mail-sender-from-env';
import { OutboxMailSender, OutboxSmsSender, readOutbox } from '../../src/messaging/outbox';
import { HttpSmsSender } from '../../src/messaging/http-sms-sender';
import { MessageDeliveryError } from '../../src/messaging/ports';
import { credentialFromMail, credentialMail } from '../../src/messaging/voter-messages';

/**
 * A real SMTP conversation on 127.0.0.1: a small sink written here with node:net that speaks
 * just enough of RFC 5321 for a client (220 greeting, EHLO, MAIL, RCPT, DATA, RSET, QUIT) and
 * records every command and message. `rcptReply` lets a test make it refuse recipients.
 */
interface SinkSession {
  commands: string[];
  messages: Array<{ from: string; to: string[]; data: string; queueId: string }>;
}

class SmtpSink {
  readonly sessions: SinkSession[] = [];
  rcptReply = '250 2.1.5 Ok';
  private server!: Server;
  private sockets = new Set<Socket>();
  private counter = 0;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((socket) => this.converse(socket));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private converse(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => undefined);
    const session: SinkSession = { commands: [], messages: [] };
    this.sessions.push(session);
    let buffer = '';
    let inData = false;
    let from = '';
    let to: string[] = [];
    const reply = (line: string) => socket.write(line + '\r\n');
    reply('220 sink.test ESMTP ready');
    socket.setEncoding('latin1'); // bytes as they came; the message is 7-bit after encoding anyway
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const data = buffer.slice(0, end + 2).replace(/^\.\./gm, '.'); // undo dot-stuffing
          buffer = buffer.slice(end + 5);
          inData = false;
          const queueId = `Q${++this.counter}SINK`;
          session.messages.push({ from, to, data, queueId });
          reply(`250 2.0.0 Ok: queued as ${queueId}`);
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        session.commands.push(line);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') {
          reply('250-sink.test greets you');
          reply('250-8BITMIME');
          reply('250 SMTPUTF8');
        } else if (verb === 'HELO') reply('250 sink.test');
        else if (verb === 'MAIL') {
          from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          to = [];
          reply('250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          if (this.rcptReply.startsWith('250')) to.push(/<([^>]*)>/.exec(line)?.[1] ?? '');
          reply(this.rcptReply);
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET') reply('250 2.0.0 Ok');
        else if (verb === 'NOOP') reply('250 2.0.0 Ok');
        else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
          return;
        } else reply('502 5.5.2 Command not recognized');
      }
    });
  }
}

/** Decodes a quoted-printable body (soft line breaks, =XX bytes) as UTF-8. */
function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const unfolded = body.replace(/=\r\n/g, '');
  for (let i = 0; i < unfolded.length; i++) {
    if (unfolded[i] === '=' && /^[0-9A-F]{2}$/i.test(unfolded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(unfolded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(unfolded.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

/** Decodes an RFC 2047 encoded-word header value (=?UTF-8?Q?…?= or =?UTF-8?B?…?=). */
function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

function parseMessage(raw: string): { headers: Map<string, string>; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const headerBlock = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of headerBlock.split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

describe('SMTP mail adapter (real SMTP conversation with a sink on 127.0.0.1)', () => {
  const sink = new SmtpSink();
  beforeAll(() => sink.start());
  afterAll(() => sink.stop());
  beforeEach(() => (sink.rcptReply = '250 2.1.5 Ok'));

  it('delivers the credential e-mail: envelope, To/From/Subject, UTF-8 Spanish text first, queue id as receipt', async () => {
    const sender = new SmtpMailSender({ url: `smtp://127.0.0.1:${sink.port}`, from: 'Voto desde el extranjero <voto@ine.example.invalid>' });
    const mail = credentialMail({ to: 'ana.lopez@simulacro.example.invalid', name: 'Ana López', username: 'v-aaaa-bbbb-cccc', password: 'pppp-qqqq-rrrr-ssss', systemUrl: 'https://voto.example.invalid', credentialNumber: 1 });
    const before = sink.sessions.length;

    const receipt = await sender.send(mail);

    const session = sink.sessions[before];
    expect(session.commands[0]).toMatch(/^EHLO /);
    expect(session.messages).toHaveLength(1);
    const received = session.messages[0];
    expect(receipt).toEqual({ messageId: received.queueId });
    expect(received.from).toBe('voto@ine.example.invalid');
    expect(received.to).toEqual(['ana.lopez@simulacro.example.invalid']);

    const { headers, body } = parseMessage(received.data);
    expect(headers.get('to')).toBe('ana.lopez@simulacro.example.invalid');
    expect(decodeHeader(headers.get('from')!)).toBe('Voto desde el extranjero <voto@ine.example.invalid>');
    expect(decodeHeader(headers.get('subject')!)).toBe(mail.subject);
    expect(headers.get('content-type')).toMatch(/^text\/plain; charset=utf-8/i);
    expect(headers.get('content-transfer-encoding')).toBe('quoted-printable');
    expect(headers.get('x-urna-kind')).toBe('credential');

    const text = decodeQuotedPrintable(body).replace(/\n$/, '');
    expect(text).toBe(mail.text);
    expect(text.indexOf('Contraseña:')).toBeLessThan(text.indexOf('Password:'));
    expect(credentialFromMail(text)).toEqual({ username: 'v-aaaa-bbbb-cccc', password: 'pppp-qqqq-rrrr-ssss' });
  });

  it('a recipient refused with 550 rejects with MessageDeliveryError carrying the code and text', async () => {
    sink.rcptReply = '550 5.1.1 mailbox unavailable';
    const sender = new SmtpMailSender({ url: `smtp://127.0.0.1:${sink.port}`, from: 'voto@ine.example.invalid' });
    const before = sink.sessions.length;
    const error = await sender.send({ to: 'nadie@simulacro.example.invalid', subject: 'x', text: 'y', kind: 'credential' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MessageDeliveryError);
    expect(error).toBeInstanceOf(SmtpDeliveryError);
    const e = error as SmtpDeliveryError;
    expect(e.channel).toBe('mail');
    expect(e.responseCode).toBe(550);
    expect(e.message).toContain('550 5.1.1 mailbox unavailable');
    expect(e.message).toContain('rechazó');
    expect(e.message.length).toBeLessThanOrEqual(500); // what the application keeps as the reason
    expect(sink.sessions[before].messages).toHaveLength(0);
  });

  it('a closed port rejects with MessageDeliveryError (connection refused), without hanging', async () => {
    // A port that was just free: listen, note it, close.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));

    const sender = new SmtpMailSender({ url: `smtp://user:s3cr3t-pw@127.0.0.1:${port}`, from: 'voto@ine.example.invalid', connectionTimeoutMs: 2000, greetingTimeoutMs: 2000, socketTimeoutMs: 2000 });
    const error = await sender.send({ to: 'a@simulacro.example.invalid', subject: 'x', text: 'y', kind: 'credential' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MessageDeliveryError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect((error as Error).message).not.toContain('s3cr3t-pw');
  });

  it('a server that accepts the connection but never greets is given up on (greeting timeout)', async () => {
    const silent = createServer(() => undefined);
    const held = new Set<Socket>();
    silent.on('connection', (s) => held.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      const port = (silent.address() as AddressInfo).port;
      const sender = new SmtpMailSender({ url: `smtp://127.0.0.1:${port}`, from: 'voto@ine.example.invalid', greetingTimeoutMs: 500 });
      const error = await sender.send({ to: 'a@simulacro.example.invalid', subject: 'x', text: 'y', kind: 'credential' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MessageDeliveryError);
      expect((error as Error).message).toMatch(/no respondió a tiempo .*timed out.*GREETING/);
    } finally {
      for (const s of held) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('refuses a malformed configuration at construction, not at the first voter', () => {
    expect(() => new SmtpMailSender({ url: 'http://mail.example.invalid', from: 'a@b.invalid' })).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => new SmtpMailSender({ url: 'not a url', from: 'a@b.invalid' })).toThrow(/not a valid URL/);
    expect(() => new SmtpMailSender({ url: 'smtp://127.0.0.1:25', from: ' ' })).toThrow(/URNA_MAIL_FROM/);
    expect(() => SmtpMailSender.fromEnv({ URNA_SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(/URNA_MAIL_FROM/);
  });

  it('reads queue ids the way common servers phrase them', () => {
    expect(queueIdFromResponse('250 2.0.0 Ok: queued as 4Xk9Lp0ZqFz1')).toBe('4Xk9Lp0ZqFz1');
    expect(queueIdFromResponse('250 OK id=1tAbCd-000Ef-Gh')).toBe('1tAbCd-000Ef-Gh');
    expect(queueIdFromResponse('250 Accepted')).toBeUndefined();
  });
});

describe('mailSenderFromEnv / smsSenderFromEnv', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'urna-senders-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('SMTP and the SMS gateway only when configured; the outbox folder otherwise', async () => {
    expect(mailSenderFromEnv({ URNA_SMTP_URL: 'smtps://u:p@mail.example.invalid:465', URNA_MAIL_FROM: 'voto@example.invalid' })).toBeInstanceOf(SmtpMailSender);
    expect(smsSenderFromEnv({ URNA_SMS_URL: 'https://sms.example.invalid/send' })).toBeInstanceOf(HttpSmsSender);

    const mail = mailSenderFromEnv({ URNA_OUTBOX_DIR: dir });
    const sms = smsSenderFromEnv({ URNA_OUTBOX_DIR: dir });
    expect(mail).toBeInstanceOf(OutboxMailSender);
    expect(sms).toBeInstanceOf(OutboxSmsSender);
    await mail.send({ to: 'a@x.invalid', subject: 's', text: 't', kind: 'credential' });
    await sms.send({ to: '+15550000001', text: 'c', kind: 'code-login' });
    expect((await readOutbox(dir)).map((e) => e.channel)).toEqual(['mail', 'sms']);

    expect(outboxDirFromEnv({ URNA_DATA_DIR: '/var/lib/urna' })).toBe('/var/lib/urna/outbox');
    expect(outboxDirFromEnv({})).toBe(join('.data', 'outbox'));
  });
});
