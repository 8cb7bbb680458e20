/**
 * The transparency log's checkpoint signer, backed by an Ed25519 key inside a token.
 *
 * It keeps one logged-in session open for its lifetime, so the PIN is used once at start-up
 * and not kept in memory. Signing is synchronous inside `sign` (one C_SignInit + C_Sign pair,
 * ~0.15 ms on SoftHSM), so concurrent callers can never interleave operations on the session.
 * If signing fails, the session is closed and the signer stops: SoftHSM leaves a failed
 * operation active on the session (measured), and a fresh `open` is the honest recovery.
 */
import { findEd25519Key, findOrGenerateEd25519Key, signEd25519 } from './ed25519-token-key';
import { HsmError, HsmOperationError, KeyNotFoundError, translatePkcs11Error } from './hsm-errors';
import { openTokenSession, type TokenSession } from './token-session';
import type * as pkcs11js from 'pkcs11js';
import type { NoteSigner } from '../ledger/checkpoint/note-signer';
import { assertKeyName } from '../ledger/checkpoint/signed-note';
import { joinBoth, pair } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';

export type { NoteSigner };

export interface Pkcs11NoteSignerOptions {
  tokenLabel: string;
  pin: string;
  /** CKA_LABEL of the key pair in the token. */
  keyLabel: string;
  /** Signed-note key name (usually the log's origin line). */
  name: string;
  /** 'generate-if-missing' for the ceremony that creates the key; 'existing' (default) in service. */
  key?: 'existing' | 'generate-if-missing';
}

export class Pkcs11NoteSigner implements NoteSigner {
  private constructor(
    readonly name: string,
    readonly publicKey: Uint8Array,
    /** Serial number of the token holding the key (recorded with the log's key). */
    readonly tokenSerial: string,
    /** True if `open` generated the key pair just now. */
    readonly keyCreated: boolean,
    private session: TokenSession | undefined,
    private readonly privateKey: pkcs11js.Handle,
  ) {}

  static async open(options: Pkcs11NoteSignerOptions): Promise<Pkcs11NoteSigner> {
    assertKeyName(options.name); // the same rule as the software signer, before the PIN is used
    const session = openTokenSession(options.tokenLabel, options.pin);
    try {
      const key =
        options.key === 'generate-if-missing'
          ? findOrGenerateEd25519Key(session, options.keyLabel)
          : { ...(findEd25519Key(session, options.keyLabel) ?? missing(options)), created: false };
      return new Pkcs11NoteSigner(options.name, key.publicKeyBytes, session.token.serialNumber, key.created, session, key.privateKey);
    } catch (error) {
      session.close();
      throw error instanceof HsmError ? error : translatePkcs11Error(error, options.tokenLabel, 'open Ed25519 key');
    }
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    const session = this.session;
    if (!session?.isOpen) {
      throw new HsmOperationError('sign', new Error(joinBoth(pair(cliMessages, 'hsm.signerClosed'), 'en')));
    }
    try {
      return signEd25519(session, this.privateKey, message);
    } catch (error) {
      this.close();
      throw translatePkcs11Error(error, session.token.label, 'C_Sign (CKM_EDDSA)');
    }
  }

  /** Closes the token session (logging out when it was the token's last one). */
  close(): void {
    this.session?.close();
    this.session = undefined;
  }
}

function missing(options: Pkcs11NoteSignerOptions): never {
  throw new KeyNotFoundError(options.tokenLabel, options.keyLabel);
}
