/** Refusals of the configuration decider: a stable code and a message in es-MX, then English. */
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
  constructor(
    override readonly code: ConfigurationErrorCode,
    readonly es: string,
    readonly en: string,
    details?: unknown,
  ) {
    super(code, `${es} / ${en}`, details);
    this.name = 'ConfigurationRefusedError';
  }
}

export function refuse(code: ConfigurationErrorCode, es: string, en: string, details?: unknown): never {
  throw new ConfigurationRefusedError(code, es, en, details);
}
