/**
 * The credential authority run as what it is in production: another institution's program
 * (`urna credentials …`) in a process of its own, with its own data folder, which never touches
 * the service's ledger (no DATABASE_URL reaches it). This process plays only the service and the
 * officials who carry files between the two (docs/spec/credentials.md §5):
 *
 *   service → request file → authority: init (its key), generate (passwords, signed list)
 *   authority's public key (printed, carried by hand) → service: enrol
 *   authority's list file → service: import (the signed list and the sealed mapping)
 *   authority: deliver (the credentials e-mails, then its passwords are destroyed)
 *
 * The list is imported before delivery, so that a list the service refuses leaves the passwords
 * with the authority, which can generate again; no voter has an e-mail for a list never published.
 * Used by the simulacro (and by anyone setting up a test election in one go).
 */
import type { CommandBus } from '@nestjs/cqrs';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadState } from '../command-path/stream-state';
import { dataLayout } from '../config/data-layout';
import { credentialsDecider, credentialsStream } from '../domain/credentials/decider';
import { DomainError } from '../domain/shared/decider';
import type { EventStore } from '../ledger/event-store';
import { messagesOf } from '../messages/catalog';
import { credentialMessages } from '../messages/credentials.messages';
import { enrolCredentialAuthority, importCredentialList, type CredentialListImport } from './credential-list-import';
import { exportCredentialRequest } from './credential-request-export';

const m = messagesOf(credentialMessages);
const REPO_ROOT = join(__dirname, '..', '..');
const URNA = join(REPO_ROOT, 'src', 'cli', 'urna.ts');

export interface CredentialAuthorityRun {
  store: EventStore;
  commands: CommandBus;
  electionId: string;
  /** The set-up's data folder: the authority's own folder and the hand-over folder go under it. */
  dataDir: string;
  /** The authority's outbox for the credentials e-mails (without it, its URNA_SMTP_URL). */
  outbox?: string;
  name?: string;
  systemUrl?: string;
  say?: (line: string) => void;
}

/** The authority's own folder (its key, its pending passwords, its sealed mapping), in the data layout. */
export const credentialAuthorityDir = (dataDir: string) => dataLayout(dataDir).credentialAuthority;
/** The files carried between the two (the request is confidential: 0600), and the key as carried. */
export const credentialHandoverDir = (dataDir: string) => dataLayout(dataDir).credentialHandover;
const KEY_FILE = 'credential-authority-key.txt';

/** `urna verify`'s out-of-band key argument: the authority's key as the officials carried it. */
export function verifierAuthorityArgs(dataDir: string): string[] {
  const path = join(credentialHandoverDir(dataDir), KEY_FILE);
  return existsSync(path) ? ['--credential-authority', readFileSync(path, 'utf8').trim()] : [];
}

/** The step's title, for a caller that numbers its steps (the simulacro). */
export const credentialAuthorityStep = (): string => m.both('process.step');

export interface CredentialAuthorityOutcome extends CredentialListImport {
  authorityKey: string;
}

/** The election's credentials stream as it stands (a set-up run again resumes where it stopped). */
async function credentialsSoFar(p: CredentialAuthorityRun): Promise<{ authorityKey?: string; published: boolean }> {
  const { state } = await loadState(p.store, credentialsStream(p.electionId), credentialsDecider);
  return { authorityKey: state.authorityKey, published: state.list !== undefined };
}

/** One `urna credentials …` command in a child process; its output, or a refusal saying where it failed. */
export function authorityCommand(args: string[]): Promise<string> {
  // The authority has no business with the service's database: it is not handed the address.
  const env = { ...process.env };
  delete env.DATABASE_URL;
  return new Promise((done, fail) => {
    execFile(process.execPath, ['-r', 'urna-ts-register', URNA, 'credentials', ...args], { cwd: REPO_ROOT, env, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (!err) return done(stdout);
      const status = typeof err.code === 'number' ? err.code : -1;
      fail(new DomainError('CREDENTIAL_AUTHORITY_FAILED', m.pair('process.failed', { command: args[0], status, output: (stderr || err.message).trim().slice(0, 2000) })));
    });
  });
}

/** Undefined when the list was published by an earlier run (nothing is done again). */
export async function runCredentialAuthority(p: CredentialAuthorityRun): Promise<CredentialAuthorityOutcome | undefined> {
  const say = p.say ?? (() => undefined);
  const before = await credentialsSoFar(p);
  if (before.published) {
    say(`  ${m.both('process.alreadyPublished')}`);
    return undefined;
  }
  const echo = (out: string) => out.split('\n').filter((l) => l.trim() !== '').forEach((l) => say(`  │ ${l}`));
  const data = credentialAuthorityDir(p.dataDir);
  const handover = credentialHandoverDir(p.dataDir);
  mkdirSync(handover, { recursive: true, mode: 0o700 });
  const requestPath = join(handover, 'credential-request.json');
  const listPath = join(handover, 'credential-list.json');
  const name = p.name ?? m.text('process.name', 'es');

  writeFileSync(requestPath, `${JSON.stringify(await exportCredentialRequest(p.store, p.electionId), null, 2)}\n`, { mode: 0o600 });
  const init = await authorityCommand(['init', '--data', data, '--name', name]);
  echo(init);
  // What the authority's people read out and the officials type in: its public key.
  const authorityKey = /\b([0-9a-f]{64})\b/.exec(init)?.[1];
  if (!authorityKey) throw new DomainError('CREDENTIAL_AUTHORITY_FAILED', m.pair('process.noKey'));
  writeFileSync(join(handover, KEY_FILE), `${authorityKey}\n`);
  echo(await authorityCommand(['generate', '--data', data, '--request', requestPath, '--out', listPath]));

  const ports = { store: p.store, commands: p.commands, electionId: p.electionId, actor: 'official:credentials' };
  // Enrolled by an earlier run that stopped before the import: the same key is not enrolled twice
  // (another key is, and is refused by the ledger).
  if (before.authorityKey !== authorityKey) await enrolCredentialAuthority(ports, authorityKey, name, new Date().toISOString());
  const imported = await importCredentialList(ports, JSON.parse(readFileSync(listPath, 'utf8')), new Date().toISOString());
  say(`  ${m.both('cli.imported', { count: imported.count, fingerprint: imported.fingerprint })}`);

  const outbox = p.outbox ? ['--outbox', resolve(p.outbox)] : [];
  const systemUrl = p.systemUrl ? ['--system-url', p.systemUrl] : [];
  echo(await authorityCommand(['deliver', '--data', data, ...outbox, ...systemUrl]));
  return { ...imported, authorityKey };
}
