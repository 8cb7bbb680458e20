import type { CommandBus } from '@nestjs/cqrs';
import type { EventStore } from '../ledger/event-store';
import { loadState } from '../command-path/stream-state';
import { newUsername } from '../domain/authentication/secrets';
import type { InMemoryUsernameDirectory } from '../authentication/username-directory';
import { rollDecider, rollStream } from '../domain/roll/decider';
import { newPseudonym } from '../domain/roll/pseudonym';
import type { RandomSource } from '../domain/roll/random-source';
import type { VoterRecord } from '../domain/roll/voter-record';
import { ImportRollCommand, RegisterVoterCommand } from './roll.commands';

/**
 * Importing the roll: for each good row a fresh pseudonym and a username, a sealed stream holding
 * the voter's registration and username, then the public roll events. Sealed streams are written
 * before the public roll: a crash in between leaves streams no roll lists (harmless, never able
 * to log in), never a listed pseudonym without a voter behind it.
 *
 * No password: the credential authority draws each voter's password, derives the public
 * credential and e-mails the voter (issue 13, docs/spec/credentials.md); the service hands it
 * the usernames (exportCredentialRequest) and imports its signed list.
 */
export interface RollImportPorts {
  store: EventStore;
  commands: CommandBus;
  electionId: string;
  random: RandomSource;
  directory: InMemoryUsernameDirectory;
  actor: string;
  /** How many voters' streams are written at once. Default 4. */
  concurrency?: number;
}

export interface RollImportReport {
  imported: number;
  rollCommitment: string;
  /** 0: credentials are e-mailed by the credential authority now, not at import (kept for the console's report). */
  credentialsSent: number;
  credentialsFailed: number;
}

async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

export async function importRoll(p: RollImportPorts, voters: VoterRecord[], electionOpened: boolean, now: string): Promise<RollImportReport> {
  // Refuse early (before any sealed write) if the roll decider would refuse.
  const { state: rollState } = await loadState(p.store, rollStream(p.electionId), rollDecider);
  const taken = new Set<string>();
  const registrations = voters.map((voter) => {
    // 60 random bits: a clash is very unlikely, but it must never give two voters one username.
    let username = newUsername(p.random);
    while (taken.has(username) || p.directory.has(username)) username = newUsername(p.random);
    taken.add(username);
    return { voter, pseudonym: newPseudonym(p.random), username };
  });
  const entries = registrations.map((r) => ({ pseudonym: r.pseudonym, entity: r.voter.entityOfOrigin }));
  const importRoll = { type: 'ImportRoll' as const, electionId: p.electionId, entries, electionOpened, now };
  rollDecider.decide(importRoll, rollState);
  const by = { actor: p.actor };

  await inParallel(registrations, p.concurrency ?? 4, async (r) => {
    await p.commands.execute(new RegisterVoterCommand(p.electionId, r.pseudonym,
      { type: 'RegisterVoter', electionId: p.electionId, pseudonym: r.pseudonym, voter: r.voter, rollVersion: 1, now },
      { type: 'IssueCredential', username: r.username, now }, by));
  });
  const { events: rollEvents } = await p.commands.execute(new ImportRollCommand(p.electionId, importRoll, by));
  for (const r of registrations) p.directory.add(r.username, r.pseudonym);
  const summary = rollEvents[0];
  return {
    imported: registrations.length,
    rollCommitment: summary.type === 'RollImported' ? summary.data.rollCommitment : '',
    credentialsSent: 0,
    credentialsFailed: 0,
  };
}

