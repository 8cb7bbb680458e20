/** Typed errors of the set-up application layer, es-MX first, then English. */
export class SetupError extends Error {
  constructor(readonly code: string, readonly es: string, readonly en: string) {
    super(`${es} / ${en}`);
    this.name = new.target.name;
  }
}

/** The token presented is not the one the trustee was enrolled with. */
export class NotEnrolledTokenError extends SetupError {
  constructor(readonly trusteeName: string, readonly enrolledSerial: string, readonly presentedSerial: string) {
    super('NOT_ENROLLED_TOKEN',
      `El token presentado (serie ${presentedSerial}) no es el registrado para ${trusteeName} (serie ${enrolledSerial}).`,
      `The token presented (serial ${presentedSerial}) is not the one enrolled for ${trusteeName} (serial ${enrolledSerial}).`);
  }
}
