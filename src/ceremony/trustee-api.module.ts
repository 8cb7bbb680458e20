import { type DynamicModule, Module } from '@nestjs/common';
import { CommandPathModule } from '../command-path/command-path.module';
import type { EventStore } from '../ledger/event-store';
import { TrusteeTallyController } from '../tally/trustee-tally.controller';
import { TrusteeCeremonyController } from './trustee-ceremony.controller';
import { TRUSTEE_API_OPTIONS, type TrusteeApiOptions } from './trustee-api.options';

/**
 * The trustee stations' API (/api/trustee/ceremony, /api/trustee/tally): part of the service
 * (AppModule), and served on its own for the key ceremony before the service runs
 * (`urna setup`, the simulacro: trustee-api-server.ts). Needs EVENT_STORE (the service's
 * LedgerModule, or `withStore`).
 */
@Module({})
export class TrusteeApiModule {
  static forRoot(options: TrusteeApiOptions = {}): DynamicModule {
    return {
      module: TrusteeApiModule,
      imports: [CommandPathModule],
      controllers: [TrusteeCeremonyController, TrusteeTallyController],
      providers: [{ provide: TRUSTEE_API_OPTIONS, useValue: options }],
    };
  }

  /** On a store of its own, with its own command path (the set-up's ceremony server). */
  static withStore(store: EventStore, options: TrusteeApiOptions = {}): DynamicModule {
    return { module: TrusteeApiStandalone, imports: [CommandPathModule.withStore(store), TrusteeApiModule.forRoot(options)] };
  }
}

@Module({})
class TrusteeApiStandalone {}
