/**
 * Finding a token by label and working in a logged-in session on it.
 *
 * Tokens are found by label, never by slot id: SoftHSM moves a token to a new slot id when it
 * is initialised, and a smart card reader's slot id says nothing about which card is in it.
 * The serial number read here is the identity a trustee is enrolled with.
 *
 * Sessions are short: `withTokenSession` opens, logs in, runs synchronous work and always
 * closes (try/finally). The work is synchronous on purpose: nothing else can interleave on the
 * session (PKCS#11 sessions hold one active operation each), and closing the last session of a
 * token logs the user out, so the PIN's effect never outlives the call.
 */
import * as pkcs11js from 'pkcs11js';
import {
  HsmError,
  PinIncorrectError,
  TokenInUseError,
  TokenLabelAmbiguousError,
  TokenNotFoundError,
  ckrOf,
  translatePkcs11Error,
} from './hsm-errors';
import { CKF_TOKEN_INITIALIZED } from './pkcs11-constants';
import { getPkcs11Module, noteSessionClosed, noteSessionOpened } from './pkcs11-module';

export interface TokenDescription {
  slot: Buffer;
  /** CKA label with PKCS#11's space padding removed. */
  label: string;
  /** Token serial number (16 hex digits on SoftHSM), space padding removed. */
  serialNumber: string;
  manufacturerId: string;
  model: string;
}

/** Initialised tokens currently present (SoftHSM's empty "free" slot is skipped). */
export function listTokens(pkcs11: pkcs11js.PKCS11 = getPkcs11Module()): TokenDescription[] {
  const tokens: TokenDescription[] = [];
  for (const slot of pkcs11.C_GetSlotList(true)) {
    const info = pkcs11.C_GetTokenInfo(slot);
    if ((info.flags & CKF_TOKEN_INITIALIZED) === 0) continue;
    tokens.push({
      slot,
      label: info.label.trimEnd(),
      serialNumber: info.serialNumber.trim(),
      manufacturerId: info.manufacturerID.trimEnd(),
      model: info.model.trimEnd(),
    });
  }
  return tokens;
}

/** The one present token with this label; typed errors if none or several. */
export function findToken(tokenLabel: string, pkcs11: pkcs11js.PKCS11 = getPkcs11Module()): TokenDescription {
  let matches: TokenDescription[];
  try {
    matches = listTokens(pkcs11).filter((t) => t.label === tokenLabel);
  } catch (error) {
    throw translatePkcs11Error(error, tokenLabel, 'C_GetSlotList');
  }
  if (matches.length === 0) throw new TokenNotFoundError(tokenLabel);
  if (matches.length > 1) throw new TokenLabelAmbiguousError(tokenLabel, matches.map((t) => t.serialNumber));
  return matches[0];
}

/** The serial number of the token with this label (no PIN needed). */
export function readTokenSerial(tokenLabel: string): string {
  return findToken(tokenLabel).serialNumber;
}

/** An open, logged-in read/write session. */
export class TokenSession {
  private closed = false;

  constructor(
    readonly pkcs11: pkcs11js.PKCS11,
    readonly handle: pkcs11js.Handle,
    readonly token: TokenDescription,
  ) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Every object matching the template (C_FindObjects* always finalised). */
  findObjects(template: pkcs11js.Template): pkcs11js.Handle[] {
    const found: pkcs11js.Handle[] = [];
    this.pkcs11.C_FindObjectsInit(this.handle, template);
    try {
      for (;;) {
        const batch = this.pkcs11.C_FindObjects(this.handle, 16);
        if (batch.length === 0) break;
        found.push(...batch);
      }
    } finally {
      this.pkcs11.C_FindObjectsFinal(this.handle);
    }
    return found;
  }

  /** Closes the session; safe to call twice. Never throws: a vanished token has no session left. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    noteSessionClosed();
    try {
      this.pkcs11.C_CloseSession(this.handle);
    } catch {
      // The token was removed or the library finalised: the session is gone either way.
    }
  }
}

/**
 * Opens a read/write session on the token with this label and logs in as the user. The caller
 * must `close()` it (prefer `withTokenSession`). A PIN is a JS string: it cannot be wiped from
 * memory, so keep it no longer than needed.
 */
export function openTokenSession(tokenLabel: string, pin: string): TokenSession {
  const pkcs11 = getPkcs11Module();
  const token = findToken(tokenLabel, pkcs11);
  let handle: pkcs11js.Handle;
  try {
    handle = pkcs11.C_OpenSession(token.slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
  } catch (error) {
    throw translatePkcs11Error(error, tokenLabel, 'C_OpenSession');
  }
  noteSessionOpened();
  const session = new TokenSession(pkcs11, handle, token);
  try {
    pkcs11.C_Login(handle, pkcs11js.CKU_USER, pin);
  } catch (error) {
    session.close();
    // Login state is per token for the whole process: another open session already logged in
    // would make C_Login succeed without checking this PIN, so we refuse instead.
    if (ckrOf(error) === 'CKR_USER_ALREADY_LOGGED_IN') throw new TokenInUseError(tokenLabel);
    // CKR_PIN_LEN_RANGE is a wrong PIN too, from the person's point of view.
    if (ckrOf(error) === 'CKR_PIN_LEN_RANGE') throw new PinIncorrectError(tokenLabel);
    throw translatePkcs11Error(error, tokenLabel, 'C_Login');
  }
  return session;
}

/** Runs synchronous `work` in a logged-in session and always closes it. Raw PKCS#11 failures
 * come out as typed HsmErrors. */
export function withTokenSession<T>(tokenLabel: string, pin: string, work: (session: TokenSession) => T): T {
  const session = openTokenSession(tokenLabel, pin);
  try {
    const result = work(session);
    if (result instanceof Promise) {
      result.catch(() => undefined);
      throw new TypeError('withTokenSession: work must be synchronous (the session closes when it returns)');
    }
    return result;
  } catch (error) {
    if (error instanceof HsmError || error instanceof TypeError) throw error;
    throw translatePkcs11Error(error, tokenLabel, 'token session');
  } finally {
    session.close();
  }
}
