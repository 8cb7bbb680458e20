/**
 * The voting service's side of the credential authority (docs/spec/credentials.md): enrol the
 * authority's key, import its signed list with the sealed mapping, import its replacements.
 * Every file is checked in full (shape, election, signature through the decider, the mapping
 * a bijection between the roll and the list) before anything is appended, so a bad file
 * appends nothing. The sealed assignments are written before the public list: a crash in
 * between leaves no public list (the election cannot open) and importing the same file again
 * finishes the job.
 */
import type { CommandBus } from '@nestjs/cqrs';
import { loadState } from '../command-path/stream-state';
import type { CredentialListFile, CredentialReplacementFile } from '../domain/credentials/credential-files';
import { credentialListFileProblem, credentialReplacementFileProblem } from '../domain/credentials/credential-files';
import { credentialText } from '../domain/credentials/credential-text';
import { credentialsDecider, credentialsStream } from '../domain/credentials/decider';
import type { PublishCredentialList, RecordCredentialReplacement } from '../domain/credentials/commands';
import { credentialListFingerprint, credentialListHash } from '../domain/crypto/credential/credential-list';
import { lifecycleDecider, lifecycleStream } from '../domain/lifecycle/decider';
import { rollDecider, rollStream } from '../domain/roll/decider';
import { DomainError } from '../domain/shared/decider';
import { voterBallotsStream, votingDecider } from '../domain/voting/decider';
import type { EventStore } from '../ledger/event-store';
import {
  AssignVoterCredentialCommand, EnrolCredentialAuthorityCommand, PublishCredentialListCommand, RecordCredentialReplacementCommand, ReplaceVoterCredentialCommand,
} from './credentials.commands';

export interface CredentialImportPorts {
  store: EventStore;
  commands: CommandBus;
  electionId: string;
  /** Who appends (e.g. "official:credentials"); the authority's signature says who asserts. */
  actor: string;
  /** Sealed assignments written at once. Default 8. */
  concurrency?: number;
}

async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

const malformed = (reason: string) => new DomainError('MALFORMED_CREDENTIAL_FILE', credentialText.pair('import.malformed', { reason }));

async function opened(p: CredentialImportPorts): Promise<{ opened: boolean; closed: boolean }> {
  const { state } = await loadState(p.store, lifecycleStream(p.electionId), lifecycleDecider);
  return { opened: state.phase !== 'not-opened', closed: state.phase === 'closed' || state.phase === 'exported' };
}

/** The authority's public key, as its people handed it over (out of band: the key decides which lists are accepted). */
export async function enrolCredentialAuthority(p: CredentialImportPorts, authorityKey: string, name: string, now: string): Promise<void> {
  await p.commands.execute(new EnrolCredentialAuthorityCommand(p.electionId, {
    type: 'EnrolCredentialAuthority', electionId: p.electionId, authorityKey, name, electionOpened: (await opened(p)).opened, now,
  }, { actor: p.actor }));
}

export interface CredentialListImport {
  count: number;
  listHash: string;
  fingerprint: string;
  /** Assignments appended now (0 when a previous run had written them all). */
  assigned: number;
}

export async function importCredentialList(p: CredentialImportPorts, file: unknown, now: string): Promise<CredentialListImport> {
  const problem = credentialListFileProblem(file);
  if (problem) throw malformed(problem);
  const f = file as CredentialListFile;
  if (f.electionId !== p.electionId) throw new DomainError('OTHER_ELECTION', credentialText.pair('import.otherElection', { file: f.electionId, election: p.electionId }));
  if (credentialListHash(f.credentials) !== f.listHash) throw new DomainError('MALFORMED_CREDENTIAL_FILE', credentialText.pair('import.listHash'));
  const roll = (await loadState(p.store, rollStream(p.electionId), rollDecider)).state;
  if (roll.status !== 'imported') throw new DomainError('ROLL_NOT_IMPORTED', credentialText.pair('import.noRoll'));
  const { state } = await loadState(p.store, credentialsStream(p.electionId), credentialsDecider);
  const publish: PublishCredentialList = {
    type: 'PublishCredentialList', electionId: p.electionId, credentials: f.credentials, rollCommitment: f.rollCommitment, signature: f.signature,
    roll: { rollCommitment: roll.rollCommitment, size: roll.entries.size }, electionOpened: (await opened(p)).opened, now,
  };
  if (state.list !== undefined && state.list.listHash !== f.listHash) throw new DomainError('CREDENTIAL_LIST_ALREADY_PUBLISHED', credentialText.pair('import.otherList'));
  // Everything the decider checks (the authority's signature first of all), before any append.
  if (state.list === undefined) credentialsDecider.decide(publish, state);
  const reason = assignmentProblem(f, roll.entries);
  if (reason) throw new DomainError('CREDENTIAL_ASSIGNMENT_INVALID', credentialText.pair('import.assignments', { reason }));

  let assigned = 0;
  await inParallel(f.assignments, p.concurrency ?? 8, async (a) => {
    const current = (await loadState(p.store, voterBallotsStream(p.electionId, a.pseudonym), votingDecider)).state.credential;
    if (current === a.credential) return; // a previous run of this import
    await p.commands.execute(new AssignVoterCredentialCommand(p.electionId, {
      type: 'AssignVoterCredential', electionId: p.electionId, pseudonym: a.pseudonym, credential: a.credential, now,
    }, { actor: p.actor }));
    assigned++;
  });
  if (state.list === undefined) await p.commands.execute(new PublishCredentialListCommand(p.electionId, publish, { actor: p.actor }));
  const { state: after } = await loadState(p.store, credentialsStream(p.electionId), credentialsDecider);
  return { count: after.list!.count, listHash: after.list!.listHash, fingerprint: credentialListFingerprint(after.list!.listHash), assigned };
}

/** Why the mapping is not one credential of the list per pseudonym of the roll, each used once. */
function assignmentProblem(f: CredentialListFile, roll: ReadonlyMap<string, string>): string | undefined {
  if (f.assignments.length !== roll.size) return `${f.assignments.length} assignments for ${roll.size} voters`;
  const listed = new Set(f.credentials);
  const pseudonyms = new Set<string>();
  const credentials = new Set<string>();
  for (const a of f.assignments) {
    if (!roll.has(a.pseudonym)) return `pseudonym ${a.pseudonym} is not on the roll`;
    if (pseudonyms.has(a.pseudonym)) return `pseudonym ${a.pseudonym} is assigned twice`;
    if (!listed.has(a.credential)) return `credential ${a.credential} is not on the list`;
    if (credentials.has(a.credential)) return `credential ${a.credential} is assigned twice`;
    pseudonyms.add(a.pseudonym);
    credentials.add(a.credential);
  }
  return undefined;
}

/**
 * One replacement: decided first on the voter's sealed ballot stream (refused if the voter has
 * a recorded ballot), then published, signed, on the public list. Importing it again after a
 * crash between the two publishes it.
 */
export async function importCredentialReplacement(p: CredentialImportPorts, file: unknown, now: string): Promise<{ number: number }> {
  const problem = credentialReplacementFileProblem(file);
  if (problem) throw malformed(problem);
  const f = file as CredentialReplacementFile;
  if (f.electionId !== p.electionId) throw new DomainError('OTHER_ELECTION', credentialText.pair('import.otherElection', { file: f.electionId, election: p.electionId }));
  const roll = (await loadState(p.store, rollStream(p.electionId), rollDecider)).state;
  if (!roll.entries.has(f.pseudonym)) throw new DomainError('NOT_ON_ROLL', credentialText.pair('import.notOnRoll', { pseudonym: f.pseudonym }));
  const record: RecordCredentialReplacement = {
    type: 'RecordCredentialReplacement', electionId: p.electionId, number: f.number, revoked: f.revoked, replacement: f.replacement,
    signature: f.signature, votingClosed: (await opened(p)).closed, now,
  };
  const { state } = await loadState(p.store, credentialsStream(p.electionId), credentialsDecider);
  credentialsDecider.decide(record, state); // the signature, the order, the credentials: before the sealed step
  const voter = (await loadState(p.store, voterBallotsStream(p.electionId, f.pseudonym), votingDecider)).state;
  const alreadySealed = voter.credential === f.replacement && voter.revokedCredentials.includes(f.revoked);
  if (!alreadySealed) {
    await p.commands.execute(new ReplaceVoterCredentialCommand(p.electionId, {
      type: 'ReplaceVoterCredential', electionId: p.electionId, pseudonym: f.pseudonym, revoked: f.revoked, replacement: f.replacement, now,
    }, { actor: p.actor }));
  }
  await p.commands.execute(new RecordCredentialReplacementCommand(p.electionId, record, { actor: p.actor }));
  return { number: f.number };
}

/** Opening's fact: the signed list is published, for the roll as it is now. */
export async function credentialListPublished(store: EventStore, electionId: string): Promise<boolean> {
  const { state } = await loadState(store, credentialsStream(electionId), credentialsDecider);
  if (!state.list) return false;
  const roll = (await loadState(store, rollStream(electionId), rollDecider)).state;
  return state.list.rollCommitment === roll.rollCommitment && state.list.count === roll.entries.size;
}
