import type { Bilingual } from '../../messages/catalog';
import { DomainError } from '../shared/decider';

/** Refusals of the ceremony decider: a stable code and a message from the domain catalog
 * (src/messages/domain.messages.ts), es-MX first, then English. */
export class CeremonyRefusedError extends DomainError {
  readonly es: string;
  readonly en: string;
  constructor(code: string, message: Bilingual, details?: unknown) {
    super(code, message, details);
    this.name = 'CeremonyRefusedError';
    this.es = message.es;
    this.en = message.en;
  }
}

export function refuse(code: string, message: Bilingual, details?: unknown): never {
  throw new CeremonyRefusedError(code, message, details);
}
