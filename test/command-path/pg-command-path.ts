/**
 * The harness of the command-path specs (test/command-path/*.commands.pg.spec.ts): the real
 * CommandBus on a real PostgreSQL ledger, one throwaway schema per spec file, and the three
 * Emmett-style steps of a command specification:
 *   given  – past events appended to a stream (toNewEvent, as the handler builds them);
 *   when   – a command class executed through the CommandBus;
 *   then   – the events it recorded in its stream (each carrying the command's actor), or a
 *            DomainError with the decider's code and nothing appended (store.head() unchanged).
 */
import type { CommandBus } from '@nestjs/cqrs';
import { Pool } from 'pg';
import type { CommandOutcome, LedgerCommand } from '../../src/command-path/ledger-command';
import { toNewEvent } from '../../src/command-path/stream-state';
import { DomainError, type DomainEvent } from '../../src/domain/shared/decider';
import type { RecordedEvent } from '../../src/ledger/event-store';
import { PostgresEventStore } from '../../src/ledger/postgres/postgres-event-store';
import { closeCommandPaths, commandsFor } from '../support/command-path';
import { dropSchema, freshSchemaName, requireDatabaseUrl } from '../support/postgres';

export interface PgCommandPath {
  pool: Pool;
  schema: string;
  store: PostgresEventStore;
  commands: CommandBus;
  close(): Promise<void>;
}

export async function openPgCommandPath(prefix: string): Promise<PgCommandPath> {
  const pool = new Pool({ connectionString: requireDatabaseUrl(), max: 4 });
  const schema = freshSchemaName(prefix);
  const store = new PostgresEventStore(pool, { schema });
  await store.migrate();
  const commands = await commandsFor(store);
  return {
    pool, schema, store, commands,
    close: async () => {
      await closeCommandPaths();
      await store.close();
      await dropSchema(pool, schema);
      await pool.end();
    },
  };
}

/** A fresh election id per scenario, so that every scenario starts from empty streams. */
let counter = 0;
export const freshElectionId = (prefix: string): string => `${prefix}-${++counter}-${Date.now().toString(36)}`;

/** Given: past events of one stream, appended as the handler would have appended them. */
export async function given(path: PgCommandPath, stream: string, events: DomainEvent[], actor = 'test:given'): Promise<void> {
  if (events.length === 0) return;
  const current = await path.store.readStream(stream);
  await path.store.append(stream, events.map((e) => toNewEvent(e, { actor })), current.length === 0 ? 'no_stream' : current.length - 1);
}

export interface Then<E, S> {
  outcome: CommandOutcome<E, S>;
  /** The events the command added to `stream`, as read back from the ledger. */
  recorded: RecordedEvent[];
  types: string[];
}

/**
 * When: the command is executed through the CommandBus. Then checks what every accepted
 * command must satisfy: its events were recorded in `stream` (and nowhere else: the global
 * head moved by exactly as many events), each with the command's actor (and correlation id)
 * in its metadata, and the outcome's `recorded` are those same events.
 */
export async function when<E, S>(path: PgCommandPath, stream: string, command: LedgerCommand<unknown, E, S>): Promise<Then<E, S>> {
  const before = (await path.store.readStream(stream)).length;
  const head = await path.store.head();
  const outcome = await path.commands.execute(command);
  const recorded = await path.store.readStream(stream, { from: before });
  expect(await path.store.head()).toBe(head + recorded.length);
  expect(recorded.map((e) => e.type)).toEqual((outcome.events as DomainEvent[]).map((e) => e.type));
  expect(outcome.recorded.map((e) => e.id)).toEqual(recorded.map((e) => e.id));
  for (const e of recorded) {
    expect(e.metadata.actor).toBe(command.context.actor);
    if (command.context.correlationId) expect(e.metadata.correlationId).toBe(command.context.correlationId);
  }
  return { outcome, recorded, types: recorded.map((e) => e.type) };
}

/** Then (refusal): a DomainError with the decider's code, and nothing appended anywhere. */
export async function refused(path: PgCommandPath, command: LedgerCommand<unknown>, code: string): Promise<DomainError> {
  const head = await path.store.head();
  const caught: unknown = await path.commands.execute(command).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(caught).toBeInstanceOf(DomainError);
  expect((caught as DomainError).code).toBe(code);
  expect(await path.store.head()).toBe(head);
  return caught as DomainError;
}

/** Then (nothing to do): an accepted command that decided no event appends nothing. */
export async function unchanged(path: PgCommandPath, command: LedgerCommand<unknown>): Promise<void> {
  const head = await path.store.head();
  const outcome = await path.commands.execute(command);
  expect(outcome.events).toEqual([]);
  expect(outcome.recorded).toEqual([]);
  expect(await path.store.head()).toBe(head);
}

/**
 * A concurrent writer, deterministically: the next time `stream` is read (the handler loading
 * its state), `events` are appended to it by someone else before the handler can append. The
 * handler's append then conflicts (WrongExpectedRevisionError) and it either fails or decides
 * again on the fresher state, as its maxAttempts says.
 */
export function concurrentWriteAfterNextRead(path: PgCommandPath, stream: string, events: DomainEvent[], actor = 'test:concurrent'): void {
  const read = path.store.readStream.bind(path.store);
  const spy = jest.spyOn(path.store, 'readStream').mockImplementation(async (s, options) => {
    const recorded = await read(s, options);
    if (s === stream) {
      spy.mockRestore();
      await path.store.append(stream, events.map((e) => toNewEvent(e, { actor })), recorded.length === 0 ? 'no_stream' : recorded.length - 1);
    }
    return recorded;
  });
}

/** The data of a recorded event, typed for assertions. */
export const dataOf = <T = Record<string, unknown>>(e: RecordedEvent): T => e.data as T;
