/**
 * The production command path for tests that build elections directly on a store: the same
 * CommandBus and handlers the service, the CLI and the simulacro use. One per store, opened
 * on first use and closed when the store's test closes it (closeCommandPaths).
 */
import type { CommandBus } from '@nestjs/cqrs';
import { openCommandPath, type CommandPath } from '../../src/command-path/open-command-path';
import type { EventStore } from '../../src/ledger/event-store';

const paths = new Map<EventStore, Promise<CommandPath>>();

export async function commandsFor(store: EventStore): Promise<CommandBus> {
  let path = paths.get(store);
  if (!path) {
    path = openCommandPath(store);
    paths.set(store, path);
  }
  return (await path).commands;
}

export async function closeCommandPaths(): Promise<void> {
  const open = [...paths.values()];
  paths.clear();
  await Promise.all(open.map(async (p) => (await p).close()));
}
