/** Preservation's command (numeral 39; docs/spec/documents.md): the signed manifest over every artefact, hashed into the tally stream. */
import { CommandHandler } from '@nestjs/cqrs';
import type { RecordPreservationManifest } from '../domain/tally/commands';
import { TallyHandler, TallyLedgerCommand } from '../tally/tally.commands';

export class RecordPreservationManifestCommand extends TallyLedgerCommand<RecordPreservationManifest> {}
@CommandHandler(RecordPreservationManifestCommand)
export class RecordPreservationManifestHandler extends TallyHandler<RecordPreservationManifestCommand> {}

export const preservationCommandHandlers = [RecordPreservationManifestHandler];
