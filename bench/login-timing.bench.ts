/**
 * Login timing, known versus unknown usernames (issue 11 §1.4): the time of a refused login for
 * an existing username with a wrong password, and for a username that does not exist, over many
 * interleaved tries on the real path (VoterAccessService on PostgreSQL: the projected username
 * directory, scrypt, the sealed LoginFailed append through the CommandBus).
 *
 * The roll is hashed at a lower cost (ln=10, as a simulacro imports it) than the service's own
 * URNA_SCRYPT_LN (default 15): the case in which the dummy hash at the service's cost made
 * unknown usernames about ten times slower. The "scrypt alone" figures show that gap: one check
 * at the roll's cost and one at the service's. Writes bench/results/login-timing.json.
 *   BENCH_LOGIN_TRIES (default 200 of each kind), BENCH_LOGIN_VOTERS (default 60), BENCH_LOGIN_ROLL_LN (default 10).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { VoterAccessService } from '../src/authentication/voter-access-service';
import { InMemoryUsernameDirectory } from '../src/authentication/username-directory';
import { openCommandPath } from '../src/command-path/open-command-path';
import { AuthenticationFailedError } from '../src/authentication/voter-access-service';
import { PostgresEventStore } from '../src/ledger/postgres/postgres-event-store';
import { OutboxMailSender, OutboxSmsSender, readOutbox } from '../src/messaging/outbox';
import { credentialFromMail } from '../src/messaging/voter-messages';
import { nodeRandomSource } from '../src/roll/node-random-source';
import { importRoll } from '../src/roll/roll-import-service';
import { ScryptPasswordHasher } from '../src/roll/scrypt-password-hasher';
import { seededRandomSource } from '../src/roll/seeded-random-source';
import { generateSyntheticRoll } from '../src/roll/synthetic-roll';
import { ProjectedUsernameDirectory } from '../src/voting/projected-username-directory';
import { VotingProjection } from '../src/voting/voting-projection';

const TRIES = Number(process.env.BENCH_LOGIN_TRIES ?? 200);
const VOTERS = Number(process.env.BENCH_LOGIN_VOTERS ?? 60);
const ROLL_LN = Number(process.env.BENCH_LOGIN_ROLL_LN ?? 10);
const SERVICE_LN = 15;
const ELECTION = 'bench-login';
const WRONG = 'zzzz-zzzz-zzzz-zzzz';

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const round = (x: number) => Number(x.toFixed(2));
  return { tries: s.length, medianMs: round(at(0.5)), p90Ms: round(at(0.9)), minMs: round(s[0]), maxMs: round(s[s.length - 1]), meanMs: round(s.reduce((a, b) => a + b, 0) / s.length) };
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  const suffix = Date.now().toString(36);
  const ledgerSchema = `bench_login_${suffix}`;
  const projectionSchema = `bench_login_voting_${suffix}`;
  const store = new PostgresEventStore(pool, { schema: ledgerSchema });
  await store.migrate();
  const path = await openCommandPath(store);
  const outbox = mkdtempSync(join(tmpdir(), 'urna-bench-login-'));
  const now = () => new Date().toISOString();
  const votingPeriod = { opensAt: new Date(Date.now() - 3_600_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString() };
  const common = { store, commands: path.commands, electionId: ELECTION, random: nodeRandomSource, mail: new OutboxMailSender(outbox), sms: new OutboxSmsSender(outbox), votingPeriod, systemUrl: 'https://voto.example.invalid' };

  // The roll, hashed at the roll's cost.
  const rollHasher = new ScryptPasswordHasher({ ln: ROLL_LN, r: 8, p: 1 });
  const importDirectory = new InMemoryUsernameDirectory();
  const importer = new VoterAccessService({ ...common, hasher: rollHasher, directory: importDirectory });
  const voters = generateSyntheticRoll({ size: VOTERS, random: seededRandomSource('bench-login'), entityCodes: ['09', '14'] });
  await importRoll({ store, commands: path.commands, electionId: ELECTION, random: nodeRandomSource, hasher: rollHasher, directory: importDirectory, access: importer, actor: 'official:bench' }, voters, false, now());
  const usernames = await Promise.all(voters.map(async (v) => credentialFromMail((await readOutbox(outbox, { channel: 'mail', to: v.email }))[0].text)!.username));

  // The service, as the voting API builds it: its own scrypt cost, the projected directory.
  const projection = new VotingProjection(pool, store, ELECTION, projectionSchema);
  await projection.migrate();
  await projection.start();
  await projection.caughtUpTo(await store.head(), 30_000);
  const serviceHasher = new ScryptPasswordHasher({ ln: SERVICE_LN, r: 8, p: 1 });
  const service = new VoterAccessService({ ...common, hasher: serviceHasher, directory: new ProjectedUsernameDirectory(projection, store, ELECTION) });

  const refusal = async (username: string): Promise<number> => {
    const t = performance.now();
    try {
      await service.login(username, WRONG, now());
    } catch (err) {
      if (!(err instanceof AuthenticationFailedError)) throw err;
      return performance.now() - t;
    }
    throw new Error('a wrong password was accepted');
  };
  const unknownName = () => `v-${nodeRandomSource.bytes(6).reduce((s, b) => s + 'abcdefghjkmnpqrstvwxyz0123456789'[b % 32], '').replace(/(.{4})(?=.)/g, '$1-')}`;
  // At most 4 wrong passwords per voter (the 5th would lock; a locked account still costs one scrypt check).
  const known = (i: number) => usernames[i % usernames.length];

  for (let i = 0; i < 10; i++) { // warm-up: caches, connections, the dummy hash
    await refusal(unknownName());
  }
  const knownMs: number[] = [];
  const unknownMs: number[] = [];
  for (let i = 0; i < TRIES; i++) {
    // Interleaved, in alternating order, so that drift of the machine hits both kinds alike.
    if (i % 2 === 0) {
      knownMs.push(await refusal(known(i)));
      unknownMs.push(await refusal(unknownName()));
    } else {
      unknownMs.push(await refusal(unknownName()));
      knownMs.push(await refusal(known(i)));
    }
  }

  // For scale: scrypt alone at the roll's cost and at the service's (the old dummy's).
  const rollHash = await rollHasher.hash('0123456789abcdef');
  const serviceHash = await serviceHasher.hash('0123456789abcdef');
  const scryptAt = async (hash: string) => {
    const ms: number[] = [];
    for (let i = 0; i < 15; i++) {
      const t = performance.now();
      await serviceHasher.verify(WRONG, hash);
      ms.push(performance.now() - t);
    }
    return stats(ms);
  };

  const k = stats(knownMs);
  const u = stats(unknownMs);
  const result = {
    machine: '2 vCPU shared VM',
    measuredAt: new Date().toISOString(),
    path: 'VoterAccessService.login on PostgreSQL: projected username directory, scrypt, one sealed LoginFailed appended through the CommandBus',
    rollScrypt: { ln: ROLL_LN, r: 8, p: 1 },
    serviceScrypt: { ln: SERVICE_LN, r: 8, p: 1 },
    voters: VOTERS,
    knownUsernameWrongPassword: k,
    unknownUsername: u,
    ratioUnknownToKnown: { median: Number((u.medianMs / k.medianMs).toFixed(3)), p90: Number((u.p90Ms / k.p90Ms).toFixed(3)), mean: Number((u.meanMs / k.meanMs).toFixed(3)) },
    scryptAlone: { atRollCost: await scryptAt(rollHash), atServiceCost: await scryptAt(serviceHash) },
    note: 'Before the fix the unknown username was checked against a dummy at the service cost (scryptAlone.atServiceCost) while a known one paid the roll cost (scryptAlone.atRollCost).',
  };
  console.log(JSON.stringify(result, null, 2));
  mkdirSync(join(__dirname, 'results'), { recursive: true });
  writeFileSync(join(__dirname, 'results', 'login-timing.json'), JSON.stringify(result, null, 2) + '\n');

  await projection.stop();
  await path.close();
  await store.close();
  await pool.query(`DROP SCHEMA IF EXISTS "${ledgerSchema}" CASCADE; DROP SCHEMA IF EXISTS "${projectionSchema}" CASCADE`);
  await pool.end();
  rmSync(outbox, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
