import { NestFactory } from '@nestjs/core';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { EventStore } from '../ledger/event-store';
import { CommandMetrics } from './command-metrics';
import { CommandPathModule } from './command-path.module';

/** The buses outside the HTTP service: the urna CLI, the simulacro and tests send their
 * commands through the same handlers the service uses. */
export interface CommandPath {
  commands: CommandBus;
  queries: QueryBus;
  /** Every command's timing and outcome (Prometheus registry). */
  metrics: CommandMetrics;
  close(): Promise<void>;
}

export async function openCommandPath(store: EventStore): Promise<CommandPath> {
  const app = await NestFactory.createApplicationContext(CommandPathModule.withStore(store), { logger: false });
  return { commands: app.get(CommandBus), queries: app.get(QueryBus), metrics: app.get(CommandMetrics), close: () => app.close() };
}
