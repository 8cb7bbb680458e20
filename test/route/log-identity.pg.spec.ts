/**
 * A log keeps its key for life (docs/spec/log.md §4.3): the service and the route's commands
 * refuse a log whose checkpoints another key signed, saying which key signed it and which one
 * is configured; the key that started it, and a new log, are accepted.
 */
import { CheckpointService } from '../../src/ledger/checkpoint/checkpoint-service';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';
import { formatVerifierKey } from '../../src/ledger/checkpoint/signed-note';
import { MerkleLog } from '../../src/ledger/merkle/merkle-log';
import { logKeyFingerprint } from '../../src/opening/log-key-fingerprint';
import { assertLogIdentity, LogIdentityError } from '../../src/route/log-identity';
import { dropSchema, freshSchemaName, testPool } from '../support/postgres';

describe("the log's identity at start-up", () => {
  const pool = testPool();
  const schema = freshSchemaName('log_identity');
  const origin = 'voto.example.mx/log/pef-2027';
  const first = SoftwareNoteSigner.generate(origin);
  const log = new MerkleLog(pool, { schema });

  const checkpointsWith = async (signer: SoftwareNoteSigner) => {
    const service = new CheckpointService(pool, log, signer, { schema });
    await service.migrate();
    return service;
  };

  beforeAll(async () => {
    await log.migrate();
  });
  afterAll(async () => {
    await dropSchema(pool, schema);
    await pool.end();
  });

  it('accepts a new log, then the key that signed it', async () => {
    const checkpoints = await checkpointsWith(first);
    await assertLogIdentity(checkpoints, first);
    await checkpoints.checkpointNow();
    await assertLogIdentity(checkpoints, first);
  });

  it('refuses another key under the same origin, naming both', async () => {
    const other = SoftwareNoteSigner.generate(origin);
    const checkpoints = await checkpointsWith(other);
    const refused = await assertLogIdentity(checkpoints, other).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(LogIdentityError);
    const message = (refused as Error).message;
    const configured = formatVerifierKey(other.name, other.publicKey);
    expect(message).toContain(configured);
    expect(message).toContain(logKeyFingerprint(configured));
    // The key that did sign it, by name and key ID, as the signature line names it.
    expect(message).toContain(formatVerifierKey(first.name, first.publicKey).split('+').slice(0, 2).join('+'));
    expect(message).toMatch(/firmado por.*signed by/s);
  });
});
