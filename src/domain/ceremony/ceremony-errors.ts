import { DomainError } from '../shared/decider';

/** Refusals of the ceremony decider: a stable code, es-MX first, then English. */
export class CeremonyRefusedError extends DomainError {
  constructor(code: string, readonly es: string, readonly en: string, details?: unknown) {
    super(code, `${es} / ${en}`, details);
    this.name = 'CeremonyRefusedError';
  }
}

export function refuse(code: string, es: string, en: string, details?: unknown): never {
  throw new CeremonyRefusedError(code, es, en, details);
}
