/**
 * `urna credentials …` (docs/spec/credentials.md). Two institutions use it, each on its own
 * machine:
 *
 * The credential authority, with its own data folder (--data, authority-folder.ts):
 *   init      --name <name>                                its signing key; prints the public key
 *   generate  --request <request.json> --out <list.json>   passwords, public credentials, the signed list
 *   deliver   [--outbox <dir>] [--system-url <url>]        the credentials e-mails; then the passwords are destroyed
 *   replace   --pseudonym <p> --out <replacement.json>     a new credential for one voter, e-mailed, and the signed replacement
 *
 * The voting service's operator, on the service's ledger (DATABASE_URL), election --election:
 *   request             --out <request.json>     the roll's pseudonyms, usernames and addresses for the authority
 *   enrol               --key <hex> --name <n>   the authority's public key, as the authority handed it over
 *   import              --list <list.json>       the signed list and the sealed mapping
 *   import-replacement  --file <replacement.json>
 *
 * Mail: URNA_SMTP_URL (and URNA_MAIL_FROM) send for real; otherwise the outbox folder, by default
 * <data>/outbox. Nothing the authority's folder holds ever goes to the service but the two files.
 */
import { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openCommandPath } from '../command-path/open-command-path';
import { generateCredentials, replaceCredential } from '../domain/credentials/credential-authority';
import { credentialRequestProblem, type CredentialRequestFile } from '../domain/credentials/credential-files';
import { credentialListFingerprint } from '../domain/crypto/credential/credential-list';
import { DomainError } from '../domain/shared/decider';
import { closePool } from '../ledger/postgres/close-pool';
import { PostgresEventStore } from '../ledger/postgres/postgres-event-store';
import { createGuardedPool } from '../ledger/postgres/guarded-pool';
import { messagesOf } from '../messages/catalog';
import { credentialMessages } from '../messages/credentials.messages';
import { mailSenderFromEnv } from '../messaging/mail-sender-from-env';
import { OutboxMailSender } from '../messaging/outbox';
import type { MailSender } from '../messaging/ports';
import { nodeRandomSource } from '../roll/node-random-source';
import { AuthorityFolder } from './authority/authority-folder';
import { deliverCredentials } from './authority/deliver-credentials';
import { enrolCredentialAuthority, importCredentialList, importCredentialReplacement } from './credential-list-import';
import { exportCredentialRequest } from './credential-request-export';

const m = messagesOf(credentialMessages);
const say = (line: string) => process.stdout.write(`${line}\n`);
const DEFAULT_SYSTEM_URL = 'https://voto.simulacro.invalid';
const readJson = (path: string): unknown => JSON.parse(readFileSync(resolve(path), 'utf8'));
const writeJson = (path: string, value: unknown) => writeFileSync(resolve(path), `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });

function mailOf(o: { data: string; outbox?: string }): MailSender {
  if (o.outbox) return new OutboxMailSender(resolve(o.outbox));
  return mailSenderFromEnv({ ...process.env, URNA_DATA_DIR: process.env.URNA_DATA_DIR ?? resolve(o.data) });
}

/** The service's side: its ledger through the command path, for one command. */
async function onLedger<T>(electionId: string, work: (ports: { store: PostgresEventStore; commands: Awaited<ReturnType<typeof openCommandPath>>['commands']; electionId: string; actor: string }) => Promise<T>): Promise<T> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new DomainError('NO_DATABASE', m.pair('cli.needsDatabase'));
  // Every connection has an error listener: a lost server fails the command, never crashes it.
  const pool = createGuardedPool({ connectionString: url, max: 4 });
  const store = new PostgresEventStore(pool);
  const path = await openCommandPath(store);
  try {
    return await work({ store, commands: path.commands, electionId, actor: 'official:credentials' });
  } finally {
    await path.close();
    await store.close();
    await closePool(pool);
  }
}

export function credentialsCommand(): Command {
  const cmd = new Command('credentials').description(m.both('cli.description'));
  const now = () => new Date().toISOString();

  cmd.command('init').description(m.both('cli.cmd.init'))
    .requiredOption('--data <dir>', m.both('cli.option.data'))
    .requiredOption('--name <name>', m.both('cli.option.name'))
    .action((o: { data: string; name: string }) => {
      const { key, created } = new AuthorityFolder(resolve(o.data)).init(o.name);
      say(m.both('cli.authorityKey', { key: key.publicKey, fingerprint: credentialListFingerprint(key.publicKey) }));
      if (!created) say(m.both('cli.keyKept'));
    });

  cmd.command('generate').description(m.both('cli.cmd.generate'))
    .requiredOption('--data <dir>', m.both('cli.option.data'))
    .requiredOption('--request <file>', m.both('cli.option.request'))
    .requiredOption('--out <file>', m.both('cli.option.out'))
    .action((o: { data: string; request: string; out: string }) => {
      const folder = new AuthorityFolder(resolve(o.data));
      const request = readJson(o.request);
      const problem = credentialRequestProblem(request);
      if (problem) throw new DomainError('MALFORMED_CREDENTIAL_REQUEST', m.pair('cli.malformedRequest', { reason: problem }));
      const r = request as CredentialRequestFile;
      const generated = generateCredentials(r, folder.authority().key, nodeRandomSource);
      folder.writePending(generated.issued);
      folder.writeMapping({
        electionId: r.electionId, listHash: generated.list.listHash, replacements: 0, listed: generated.list.credentials,
        voters: generated.issued.map(({ password: _password, ...voter }) => voter),
      });
      writeJson(o.out, generated.list);
      say(m.both('cli.generated', { count: generated.list.credentials.length, fingerprint: generated.fingerprint, out: resolve(o.out) }));
    });

  cmd.command('deliver').description(m.both('cli.cmd.deliver'))
    .requiredOption('--data <dir>', m.both('cli.option.data'))
    .option('--outbox <dir>', m.both('cli.option.outbox'))
    .option('--system-url <url>', m.both('cli.option.systemUrl'), DEFAULT_SYSTEM_URL)
    .action(async (o: { data: string; outbox?: string; systemUrl: string }) => {
      const folder = new AuthorityFolder(resolve(o.data));
      const pending = folder.pending();
      if (!pending) {
        say(m.both('cli.nothingPending'));
        return;
      }
      const outcome = await deliverCredentials(pending, mailOf(o), o.systemUrl);
      // Delivered or refused, no password stays here: a refused e-mail is answered by a replacement.
      folder.destroyPending();
      say(m.both('cli.delivered', { sent: outcome.sent, failed: outcome.failed.length }));
      for (const f of outcome.failed) say(`  ${m.both('cli.undelivered', { pseudonym: f.pseudonym })}: ${f.reason}`);
    });

  cmd.command('replace').description(m.both('cli.cmd.replace'))
    .requiredOption('--data <dir>', m.both('cli.option.data'))
    .requiredOption('--pseudonym <p>', m.both('cli.option.pseudonym'))
    .requiredOption('--out <file>', m.both('cli.option.out'))
    .option('--outbox <dir>', m.both('cli.option.outbox'))
    .option('--system-url <url>', m.both('cli.option.systemUrl'), DEFAULT_SYSTEM_URL)
    .action(async (o: { data: string; pseudonym: string; out: string; outbox?: string; systemUrl: string }) => {
      const folder = new AuthorityFolder(resolve(o.data));
      const mapping = folder.mapping();
      const voter = mapping.voters.find((v) => v.pseudonym === o.pseudonym);
      if (!voter) throw new DomainError('UNKNOWN_PSEUDONYM', m.pair('cli.unknownPseudonym', { pseudonym: o.pseudonym }));
      const number = mapping.replacements + 1;
      const { file, issued } = replaceCredential(
        { electionId: mapping.electionId, listHash: mapping.listHash, number, voter, revoked: voter.credential, listed: new Set(mapping.listed) },
        folder.authority().key, nodeRandomSource,
      );
      const delivery = await deliverCredentials([issued], mailOf(o), o.systemUrl, { credentialNumber: 2 });
      if (delivery.failed.length > 0) throw new DomainError('NOT_DELIVERED', m.pair('cli.replacementNotDelivered', { reason: delivery.failed[0].reason }));
      folder.writeMapping({
        ...mapping, replacements: number, listed: [...mapping.listed, issued.credential],
        voters: mapping.voters.map((v) => (v.pseudonym === o.pseudonym ? { ...v, credential: issued.credential } : v)),
      });
      writeJson(o.out, file);
      say(m.both('cli.replaced', { number, out: resolve(o.out) }));
    });

  cmd.command('request').description(m.both('cli.cmd.request'))
    .requiredOption('--election <id>', m.both('cli.option.election'))
    .requiredOption('--out <file>', m.both('cli.option.out'))
    .action(async (o: { election: string; out: string }) => {
      const request = await onLedger(o.election, (p) => exportCredentialRequest(p.store, p.electionId));
      writeJson(o.out, request);
      say(m.both('cli.requested', { voters: request.voters.length, out: resolve(o.out) }));
    });

  cmd.command('enrol').description(m.both('cli.cmd.enrol'))
    .requiredOption('--election <id>', m.both('cli.option.election'))
    .requiredOption('--key <hex>', m.both('cli.option.key'))
    .requiredOption('--name <name>', m.both('cli.option.name'))
    .action(async (o: { election: string; key: string; name: string }) => {
      await onLedger(o.election, (p) => enrolCredentialAuthority(p, o.key.trim(), o.name, now()));
      say(m.both('cli.enrolled'));
    });

  cmd.command('import').description(m.both('cli.cmd.import'))
    .requiredOption('--election <id>', m.both('cli.option.election'))
    .requiredOption('--list <file>', m.both('cli.option.list'))
    .action(async (o: { election: string; list: string }) => {
      const outcome = await onLedger(o.election, (p) => importCredentialList(p, readJson(o.list), now()));
      say(m.both('cli.imported', { count: outcome.count, fingerprint: outcome.fingerprint }));
    });

  cmd.command('import-replacement').description(m.both('cli.cmd.importReplacement'))
    .requiredOption('--election <id>', m.both('cli.option.election'))
    .requiredOption('--file <file>', m.both('cli.option.file'))
    .action(async (o: { election: string; file: string }) => {
      const { number } = await onLedger(o.election, (p) => importCredentialReplacement(p, readJson(o.file), now()));
      say(m.both('cli.replacementImported', { number }));
    });

  return cmd;
}

/** Where the authority's default outbox is, for callers that read the e-mails back (simulacros). */
export const authorityOutbox = (dataDir: string) => join(resolve(dataDir), 'outbox');
