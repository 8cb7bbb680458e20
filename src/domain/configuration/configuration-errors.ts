/** Refusals of the configuration decider: a stable code and a message from the domain catalog
 * (src/messages/domain.messages.ts), es-MX, then English. */
import type { Bilingual } from '../../messages/catalog';
import { DomainError } from '../shared/decider';

export const CONFIGURATION_ERROR_CODES = [
  'ELECTION_ALREADY_CONFIGURED',
  'ELECTION_NOT_CONFIGURED',
  'ELECTION_ALREADY_OPENED',
  'CONFIGURATION_INVALID',
  'CONFIGURATION_TOO_LARGE',
  'CONFIGURATION_UNCHANGED',
  'STALE_CONFIGURATION_VERSION',
  'PROCESS_ID_CHANGED',
  'NOT_AUTHORIZED',
  'MANIFEST_HASH_MISMATCH',
  'UNKNOWN_ENTITY',
  'ENTITY_HAS_NO_LOCAL_CONTESTS',
  'NO_FEDERAL_CONTESTS',
  'INVALID_RATIFICATION_SCOPE',
  'ALREADY_RATIFIED',
] as const;

export type ConfigurationErrorCode = (typeof CONFIGURATION_ERROR_CODES)[number];

export class ConfigurationRefusedError extends DomainError {
  readonly es: string;
  readonly en: string;
  constructor(
    override readonly code: ConfigurationErrorCode,
    message: Bilingual,
    details?: unknown,
  ) {
    super(code, message, details);
    this.name = 'ConfigurationRefusedError';
    this.es = message.es;
    this.en = message.en;
  }
}

export function refuse(code: ConfigurationErrorCode, message: Bilingual, details?: unknown): never {
  throw new ConfigurationRefusedError(code, message, details);
}
