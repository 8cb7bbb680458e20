/**
 * The confirmation e-mail after casting (issue 15 §5): sent once a checkpoint covers the
 * ballot, to the address on the roll, Spanish then English, with the tracking code, the log
 * position and that checkpoint's size and root hash, which are the board's (a checkpoint the
 * log really signed); never the choices. A spoiled (audited) ballot gets no such e-mail.
 */
import request from 'supertest';
import type { App } from 'supertest/types';
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { toHex } from '../../src/domain/crypto/hash';
import { readOutbox, type OutboxEntry } from '../../src/messaging/outbox';
import type { OpenElection } from '../support/open-election';
import { useOpenElectionApp } from '../voting/support/open-election-app';
import { castCode, encryptFor, signIn } from '../voting/support/voter-client';

jest.setTimeout(120_000);

describe('the confirmation e-mail after casting', () => {
  const env = useOpenElectionApp('cast_confirmation', { voters: 2, entities: ['09'] });
  let server: App;
  let election: OpenElection;
  beforeAll(() => {
    server = env.server;
    election = env.election;
  });

  async function confirmation(email: string): Promise<OutboxEntry> {
    for (let i = 0; i < 400; i++) {
      const found = (await readOutbox(election.outboxDir, { channel: 'mail', to: email })).filter((m) => m.kind === 'cast-confirmation');
      if (found.length > 0) return found[0];
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no confirmation e-mail to ${email}`);
  }

  it('carries the tracking code and a checkpoint the log signed that covers the ballot, es then en, and no choice', async () => {
    const v = election.voters[0];
    const token = await signIn(server, election.outboxDir, v);
    const ballotResponse = (await request(server).get('/api/voter/ballot').set('Authorization', `Bearer ${token}`).expect(200)).body;
    const ballot = encryptFor(ballotResponse, 1);
    const code = await castCode(server, election.outboxDir, v, token);
    const receipt = (await request(server).post('/api/voter/cast').set('Authorization', `Bearer ${token}`).send({ ballot: ballot.ballot, ...ballot.cast, ...code }).expect(201)).body;

    const mail = await confirmation(v.record.email);
    expect(mail.subject).toBe('Su voto quedó registrado / Your vote was recorded');
    const [es, en] = mail.text.split('\n---\n');
    expect(es).toContain(`Código de seguimiento: ${receipt.readableTrackingCode}`);
    expect(es).toContain(receipt.trackingCode);
    expect(en).toContain(`Tracking code: ${receipt.readableTrackingCode}`);
    expect(es).toContain(`Posición en el registro: ${receipt.logIndex}`);
    const m = /Checkpoint: (\d+) entries, root ([0-9a-f]{64})/.exec(en)!;
    const size = Number(m[1]);
    expect(size).toBeGreaterThan(receipt.logIndex);
    const signed = await env.app.get(CheckpointService).atSize(size);
    expect(signed && toHex(signed.rootHash)).toBe(m[2]);
    expect(es).toContain(`Punto de control: ${size} entradas, raíz ${m[2]}`);
    expect(mail.text).toContain(`/#code=${encodeURIComponent(receipt.readableTrackingCode)}`);
    // No choice: no option, candidate or party name of the ballot appears.
    const names = JSON.stringify(ballotResponse.contests).match(/"(?:name|name_en|label)":"([^"]{4,})"/g) ?? [];
    for (const n of names) expect(mail.text).not.toContain(n.split('":"')[1].slice(0, -1));
    expect(names.length).toBeGreaterThan(0);
    // One e-mail per cast.
    await new Promise((r) => setTimeout(r, 500));
    expect((await readOutbox(election.outboxDir, { channel: 'mail', to: v.record.email })).filter((x) => x.kind === 'cast-confirmation')).toHaveLength(1);
  });
});
