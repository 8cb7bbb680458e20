import { Global, Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { EventStore } from '../ledger/event-store';
import { EVENT_STORE } from '../ledger/ledger.tokens';
import { commandHandlers } from './command-handlers';
import { CommandMetrics } from './command-metrics';

/**
 * The command and query buses, with every command handler (query handlers live beside the
 * read models they query). The service imports it beside the
 * LedgerModule (which provides EVENT_STORE); the CLI, the simulacro and tests open it on a
 * store of their own with `withStore` (see open-command-path.ts).
 */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [CommandMetrics, ...commandHandlers],
  exports: [CommandMetrics],
})
export class CommandPathModule {
  static withStore(store: EventStore): DynamicModule {
    return {
      module: CommandPathModule,
      global: true,
      providers: [{ provide: EVENT_STORE, useValue: store }],
      exports: [EVENT_STORE],
    };
  }
}
