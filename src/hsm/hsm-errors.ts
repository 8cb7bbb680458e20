import { joinBoth, pair, type Bilingual } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import type { ShareBinding } from './sealed-share';

/**
 * Typed errors of the token (PKCS#11) layer. Officials and trustees read these messages at the
 * key ceremony and at the tally, so each one carries Spanish (es-MX) first and English second;
 * the texts are in src/messages/cli.messages.ts (keys hsm.error.*).
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

export type BilingualMessage = Bilingual;

export class HsmError extends Error {
  constructor(
    readonly code: HsmErrorCode,
    readonly messages: BilingualMessage,
    readonly ckr?: string,
    options?: { cause?: unknown },
  ) {
    super(joinBoth(messages), options);
    this.name = 'HsmError';
  }
}

export class TokenNotFoundError extends HsmError {
  constructor(readonly tokenLabel: string) {
    super('HSM_TOKEN_NOT_FOUND', pair(cliMessages, 'hsm.error.tokenNotFound', { tokenLabel }));
    this.name = 'TokenNotFoundError';
  }
}

export class TokenLabelAmbiguousError extends HsmError {
  constructor(readonly tokenLabel: string, readonly serials: string[]) {
    super('HSM_TOKEN_LABEL_AMBIGUOUS', pair(cliMessages, 'hsm.error.tokenLabelAmbiguous', { tokenLabel, serials }));
    this.name = 'TokenLabelAmbiguousError';
  }
}

export class TokenNotPresentError extends HsmError {
  constructor(readonly tokenLabel: string, ckr?: string) {
    super(
      'HSM_TOKEN_NOT_PRESENT',
      pair(cliMessages, 'hsm.error.tokenNotPresent', { tokenLabel }),
      ckr,
    );
    this.name = 'TokenNotPresentError';
  }
}

export class TokenInUseError extends HsmError {
  constructor(readonly tokenLabel: string) {
    super('HSM_TOKEN_IN_USE', pair(cliMessages, 'hsm.error.tokenInUse', { tokenLabel }));
    this.name = 'TokenInUseError';
  }
}

export class PinIncorrectError extends HsmError {
  constructor(readonly tokenLabel: string) {
    super(
      'HSM_PIN_INCORRECT',
      pair(cliMessages, 'hsm.error.pinIncorrect', { tokenLabel }),
      'CKR_PIN_INCORRECT',
    );
    this.name = 'PinIncorrectError';
  }
}

export class PinLockedError extends HsmError {
  constructor(readonly tokenLabel: string) {
    super(
      'HSM_PIN_LOCKED',
      pair(cliMessages, 'hsm.error.pinLocked', { tokenLabel }),
      'CKR_PIN_LOCKED',
    );
    this.name = 'PinLockedError';
  }
}

export class KeyNotFoundError extends HsmError {
  constructor(readonly tokenLabel: string, readonly keyLabel: string) {
    super('HSM_KEY_NOT_FOUND', pair(cliMessages, 'hsm.error.keyNotFound', { tokenLabel, keyLabel }));
    this.name = 'KeyNotFoundError';
  }
}

export class KeyInvalidError extends HsmError {
  constructor(readonly tokenLabel: string, readonly keyLabel: string, reason: BilingualMessage) {
    super('HSM_KEY_INVALID', pair(cliMessages, 'hsm.error.keyInvalid', { tokenLabel, keyLabel, reason }));
    this.name = 'KeyInvalidError';
  }
}

export class WrongTokenError extends HsmError {
  constructor(readonly expectedSerial: string, readonly presentedSerial: string) {
    super('HSM_WRONG_TOKEN', pair(cliMessages, 'hsm.error.wrongToken', { expectedSerial, presentedSerial }));
    this.name = 'WrongTokenError';
  }
}

export class SealedShareTamperedError extends HsmError {
  constructor(ckr?: string) {
    super(
      'HSM_SEALED_SHARE_TAMPERED',
      pair(cliMessages, 'hsm.error.sealedShareTampered'),
      ckr,
    );
    this.name = 'SealedShareTamperedError';
  }
}

export class SealedShareMalformedError extends HsmError {
  constructor(reason: BilingualMessage) {
    super('HSM_SEALED_SHARE_MALFORMED', pair(cliMessages, 'hsm.error.sealedShareMalformed', { reason }));
    this.name = 'SealedShareMalformedError';
  }
}

export class SealedShareBindingMismatchError extends HsmError {
  constructor(readonly expected: ShareBinding, readonly found: ShareBinding) {
    super('HSM_SEALED_SHARE_BINDING_MISMATCH', pair(cliMessages, 'hsm.error.sealedShareBindingMismatch', { expected, found }));
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
      pair(cliMessages, 'hsm.error.moduleLoad', { modulePath, cause: describe(cause) }),
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
      pair(cliMessages, 'hsm.error.operation', { operation, cause: describe(cause) }),
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
