/**
 * Typed errors of the token (PKCS#11) layer. Officials and trustees read these messages at the
 * key ceremony and at the tally, so each one carries Spanish (es-MX) first and English second.
 * `code` is stable (tests and callers switch on it); the PKCS#11 return value, when there is
 * one, is kept in `ckr` for the operator's logs.
 */
export type HsmErrorCode =
  | 'HSM_MODULE_LOAD_FAILED'
  | 'HSM_MODULE_BUSY'
  | 'HSM_TOKEN_NOT_FOUND'
  | 'HSM_TOKEN_LABEL_AMBIGUOUS'
  | 'HSM_TOKEN_NOT_PRESENT'
  | 'HSM_TOKEN_IN_USE'
  | 'HSM_PIN_INCORRECT'
  | 'HSM_PIN_LOCKED'
  | 'HSM_KEY_NOT_FOUND'
  | 'HSM_KEY_INVALID'
  | 'HSM_WRONG_TOKEN'
  | 'HSM_SEALED_SHARE_TAMPERED'
  | 'HSM_SEALED_SHARE_MALFORMED'
  | 'HSM_SEALED_SHARE_BINDING_MISMATCH'
  | 'HSM_OPERATION_FAILED';

export interface BilingualMessage {
  es: string;
  en: string;
}

export class HsmError extends Error {
  constructor(
    readonly code: HsmErrorCode,
    readonly messages: BilingualMessage,
    readonly ckr?: string,
    options?: { cause?: unknown },
  ) {
    super(`${messages.es} / ${messages.en}`, options);
    this.name = 'HsmError';
  }
}

export class TokenNotFoundError extends HsmError {
  constructor(readonly tokenLabel: string) {
    super('HSM_TOKEN_NOT_FOUND', {
      es: `No se encontró ningún token con la etiqueta "${tokenLabel}". Verifique que la tarjeta esté insertada.`,
      en: `No token labelled "${tokenLabel}" was found. Check that the card is inserted.`,
    });
    this.name = 'TokenNotFoundError';
  }
}

export class TokenLabelAmbiguousError extends HsmError {
  constructor(readonly tokenLabel: string, readonly serials: string[]) {
    super('HSM_TOKEN_LABEL_AMBIGUOUS', {
      es: `Hay ${serials.length} tokens con la etiqueta "${tokenLabel}" (series ${serials.join(', ')}); retire los que no correspondan.`,
      en: `${serials.length} tokens are labelled "${tokenLabel}" (serials ${serials.join(', ')}); remove the ones that do not belong.`,
    });
    this.name = 'TokenLabelAmbiguousError';
  }
}

export class TokenNotPresentError extends HsmError {
  constructor(readonly tokenLabel: string, ckr?: string) {
    super(
      'HSM_TOKEN_NOT_PRESENT',
      {
        es: `El token "${tokenLabel}" fue retirado o dejó de responder. Insértelo de nuevo y repita la operación.`,
        en: `Token "${tokenLabel}" was removed or stopped responding. Insert it again and retry.`,
      },
      ckr,
    );
    this.name = 'TokenNotPresentError';
  }
}

export class TokenInUseError extends HsmError {
  constructor(readonly tokenLabel: string) {
    super('HSM_TOKEN_IN_USE', {
      es: `El token "${tokenLabel}" ya tiene una sesión abierta en este proceso; ciérrela antes de volver a ingresar el PIN.`,
      en: `Token "${tokenLabel}" already has a logged-in session in this process; close it before entering the PIN again.`,
    });
    this.name = 'TokenInUseError';
  }
}

export class PinIncorrectError extends HsmError {
  constructor(readonly tokenLabel: string) {
    super(
      'HSM_PIN_INCORRECT',
      {
        es: `El PIN del token "${tokenLabel}" es incorrecto.`,
        en: `The PIN for token "${tokenLabel}" is incorrect.`,
      },
      'CKR_PIN_INCORRECT',
    );
    this.name = 'PinIncorrectError';
  }
}

export class PinLockedError extends HsmError {
  constructor(readonly tokenLabel: string) {
    super(
      'HSM_PIN_LOCKED',
      {
        es: `El PIN del token "${tokenLabel}" está bloqueado por demasiados intentos fallidos; el oficial de seguridad debe desbloquearlo.`,
        en: `The PIN for token "${tokenLabel}" is locked after too many failed attempts; the security officer must unlock it.`,
      },
      'CKR_PIN_LOCKED',
    );
    this.name = 'PinLockedError';
  }
}

export class KeyNotFoundError extends HsmError {
  constructor(readonly tokenLabel: string, readonly keyLabel: string) {
    super('HSM_KEY_NOT_FOUND', {
      es: `El token "${tokenLabel}" no contiene la llave "${keyLabel}".`,
      en: `Token "${tokenLabel}" holds no key "${keyLabel}".`,
    });
    this.name = 'KeyNotFoundError';
  }
}

export class KeyInvalidError extends HsmError {
  constructor(readonly tokenLabel: string, readonly keyLabel: string, reason: BilingualMessage) {
    super('HSM_KEY_INVALID', {
      es: `La llave "${keyLabel}" del token "${tokenLabel}" no es utilizable: ${reason.es}`,
      en: `Key "${keyLabel}" in token "${tokenLabel}" is not usable: ${reason.en}`,
    });
    this.name = 'KeyInvalidError';
  }
}

export class WrongTokenError extends HsmError {
  constructor(readonly expectedSerial: string, readonly presentedSerial: string) {
    super('HSM_WRONG_TOKEN', {
      es: `Token equivocado: la parte sellada pertenece al token con número de serie ${expectedSerial}, pero se presentó el token ${presentedSerial}.`,
      en: `Wrong token: the sealed share belongs to the token with serial number ${expectedSerial}, but token ${presentedSerial} was presented.`,
    });
    this.name = 'WrongTokenError';
  }
}

export class SealedShareTamperedError extends HsmError {
  constructor(ckr?: string) {
    super(
      'HSM_SEALED_SHARE_TAMPERED',
      {
        es: 'La parte sellada no pasó la verificación de integridad (texto cifrado, vector inicial o datos asociados alterados).',
        en: 'The sealed share failed its integrity check (ciphertext, IV or associated data was altered).',
      },
      ckr,
    );
    this.name = 'SealedShareTamperedError';
  }
}

export class SealedShareMalformedError extends HsmError {
  constructor(reason: BilingualMessage) {
    super('HSM_SEALED_SHARE_MALFORMED', {
      es: `Registro de parte sellada mal formado: ${reason.es}`,
      en: `Malformed sealed-share record: ${reason.en}`,
    });
    this.name = 'SealedShareMalformedError';
  }
}

export class SealedShareBindingMismatchError extends HsmError {
  constructor(readonly expected: string, readonly found: string) {
    super('HSM_SEALED_SHARE_BINDING_MISMATCH', {
      es: `La parte sellada corresponde a ${found}, no a ${expected}.`,
      en: `The sealed share belongs to ${found}, not to ${expected}.`,
    });
    this.name = 'SealedShareBindingMismatchError';
  }
}

export class HsmModuleBusyError extends HsmError {
  constructor(reason: BilingualMessage) {
    super('HSM_MODULE_BUSY', reason);
    this.name = 'HsmModuleBusyError';
  }
}

export class HsmModuleLoadError extends HsmError {
  constructor(readonly modulePath: string, cause: unknown) {
    super(
      'HSM_MODULE_LOAD_FAILED',
      {
        es: `No se pudo cargar el módulo PKCS#11 "${modulePath}": ${describe(cause)}`,
        en: `Could not load the PKCS#11 module "${modulePath}": ${describe(cause)}`,
      },
      ckrOf(cause),
      { cause },
    );
    this.name = 'HsmModuleLoadError';
  }
}

export class HsmOperationError extends HsmError {
  constructor(readonly operation: string, cause: unknown) {
    super(
      'HSM_OPERATION_FAILED',
      {
        es: `Falló la operación del token (${operation}): ${describe(cause)}`,
        en: `Token operation failed (${operation}): ${describe(cause)}`,
      },
      ckrOf(cause),
      { cause },
    );
    this.name = 'HsmOperationError';
  }
}

/** The CKR_* name of a pkcs11js error, if it is one. pkcs11js puts the name in `message`;
 * we read it by shape, not `instanceof`, because Jest gives each test file its own copy of
 * pkcs11js's JavaScript classes while the native module is shared by the whole process. */
export function ckrOf(error: unknown): string | undefined {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /^CKR_[A-Z0-9_]+/.exec(message)?.[0];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Return values meaning "the token or its slot is gone". */
const TOKEN_GONE = new Set([
  'CKR_TOKEN_NOT_PRESENT',
  'CKR_DEVICE_REMOVED',
  'CKR_SLOT_ID_INVALID',
  'CKR_SESSION_HANDLE_INVALID',
  'CKR_SESSION_CLOSED',
  'CKR_TOKEN_NOT_RECOGNIZED',
  'CKR_DEVICE_ERROR',
]);

/** Turns a raw pkcs11js failure into one of our typed errors (typed errors pass through). */
export function translatePkcs11Error(error: unknown, tokenLabel: string, operation: string): HsmError {
  if (error instanceof HsmError) return error;
  const ckr = ckrOf(error);
  if (ckr === 'CKR_PIN_INCORRECT') return new PinIncorrectError(tokenLabel);
  if (ckr === 'CKR_PIN_LOCKED') return new PinLockedError(tokenLabel);
  if (ckr !== undefined && TOKEN_GONE.has(ckr)) return new TokenNotPresentError(tokenLabel, ckr);
  return new HsmOperationError(operation, error);
}
