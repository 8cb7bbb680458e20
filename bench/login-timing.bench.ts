/**
 * Login timing, known versus unknown usernames (issue 11 §1.4): the time of a refused login for
 * an existing username with a wrong password, and for a username that does not exist, over many
 * interleaved tries on the real path (VoterAccessService on PostgreSQL: the projected username
 * directory, the voter's public credential read from their sealed ballot stream, the proof of
 * possession checked, the sealed LoginFailed append through the CommandBus).
 *
 * Since issue 13 a sign-in proves possession of the credential (a signature over the server's
 * challenge, docs/spec/credentials.md) instead of a password checked against a scrypt hash: an
 * unknown username's proof is checked against a credential nobody holds, one signature
 * verification either way. Writes bench/results/login-timing.json.
 *   BENCH_LOGIN_TRIES (default 200 of each kind), BENCH_LOGIN_VOTERS (default 60).
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { VoterAccessService } from '../src/authentication/voter-access-service';
import { InMemoryUsernameDirectory } from '../src/authentication/username-directory';
import { LoginChallenges } from '../src/authentication/login-challenges';
import { openCommandPath } from '../src/command-path/open-command-path';
import { AuthenticationFailedError } from '../src/authentication/voter-access-service';
import { enrolCredentialAuthority, importCredentialList } from '../src/credentials/credential-list-import';
import { exportCredentialRequest } from '../src/credentials/credential-request-export';
import { generateCredentials } from '../src/domain/credentials/credential-authority';
import { signingKey } from '../src/domain/crypto/credential/credential-signature';
import { deriveCredentialKey } from '../src/domain/crypto/credential/credential-key';
import { signLogin } from '../src/domain/crypto/credential/login-signature';
import { randomScalar } from '../src/domain/crypto/scalar';
import { PostgresEventStore } from '../src/ledger/postgres/postgres-event-store';
import { OutboxSmsSender } from '../src/messaging/outbox';
import { nodeRandomSource } from '../src/roll/node-random-source';
import { importRoll } from '../src/roll/roll-import-service';
import { seededRandomSource } from '../src/roll/seeded-random-source';
import { generateSyntheticRoll } from '../src/roll/synthetic-roll';
import { ProjectedUsernameDirectory } from '../src/voting/projected-username-directory';
import { VotingProjection } from '../src/voting/voting-projection';
import { loadAverage, runRecord } from './bench-record';

/** The machine's load when this run started (the result file records it beside the end's). */
const LOAD_AT_START = loadAverage();

const TRIES = Number(process.env.BENCH_LOGIN_TRIES ?? 200);
const VOTERS = Number(process.env.BENCH_LOGIN_VOTERS ?? 60);
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
  const challenges = new LoginChallenges();
  const common = { store, commands: path.commands, electionId: ELECTION, random: nodeRandomSource, sms: new OutboxSmsSender(outbox), votingPeriod, challenges };

  // The roll and its usernames, then the credential authority's list and sealed mapping.
  const voters = generateSyntheticRoll({ size: VOTERS, random: seededRandomSource('bench-login'), entityCodes: ['09', '14'] });
  await importRoll({ store, commands: path.commands, electionId: ELECTION, random: nodeRandomSource, directory: new InMemoryUsernameDirectory(), actor: 'official:bench' }, voters, false, now());
  const authority = signingKey(randomScalar());
  const generated = generateCredentials(await exportCredentialRequest(store, ELECTION), authority, nodeRandomSource);
  const ca = { store, commands: path.commands, electionId: ELECTION, actor: 'official:bench' };
  await enrolCredentialAuthority(ca, authority.publicKey, 'Autoridad de credenciales', now());
  await importCredentialList(ca, generated.list, now());
  const usernames = generated.issued.map((i) => i.username);

  // The service, as the voting API builds it: its own scrypt cost, the projected directory.
  const projection = new VotingProjection(pool, store, ELECTION, projectionSchema);
  await projection.migrate();
  await projection.start();
  await projection.caughtUpTo(await store.head(), 30_000);
  const service = new VoterAccessService({ ...common, directory: new ProjectedUsernameDirectory(projection, store, ELECTION) });

  const refusal = async (username: string): Promise<number> => {
    // The browser's part (a challenge, the key derived from a wrong password, the signature) is not timed.
    const { challenge } = await challenges.issue(now());
    const signature = signLogin(deriveCredentialKey(ELECTION, username, WRONG.replace(/-/g, '')), ELECTION, username, challenge);
    const t = performance.now();
    try {
      await service.login(username, { challenge, signature }, now());
    } catch (err) {
      if (!(err instanceof AuthenticationFailedError)) throw err;
      return performance.now() - t;
    }
    throw new Error('a wrong password was accepted');
  };
  const unknownName = () => `v-${nodeRandomSource.bytes(6).reduce((s, b) => s + 'abcdefghjkmnpqrstvwxyz0123456789'[b % 32], '').replace(/(.{4})(?=.)/g, '$1-')}`;
  // Wrong passwords: the 5th locks a voter; a locked account still checks the proof (same work).
  const known = (i: number) => usernames[i % usernames.length];

  for (let i = 0; i < 10; i++) { // warm-up: caches, connections
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

  const k = stats(knownMs);
  const u = stats(unknownMs);
  const result = {
    ...runRecord(LOAD_AT_START, 'Nest + PostgreSQL (embedded unless DATABASE_URL), SoftHSM-free sign-in path'),
    machine: '2 vCPU shared VM',
    measuredAt: new Date().toISOString(),
    path: 'VoterAccessService.login on PostgreSQL: projected username directory, the public credential read from the sealed ballot stream, the proof of possession (one signature check), one sealed LoginFailed appended through the CommandBus',
    voters: VOTERS,
    knownUsernameWrongPassword: k,
    unknownUsername: u,
    ratioUnknownToKnown: { median: Number((u.medianMs / k.medianMs).toFixed(3)), p90: Number((u.p90Ms / k.p90Ms).toFixed(3)), mean: Number((u.meanMs / k.meanMs).toFixed(3)) },
    note: 'Since issue 13 no password or hash reaches the service: a known and an unknown username each cost one signature check (an unknown one against a credential nobody holds). Before, an scrypt check.',
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
