/**
 * Sealing a trustee's secret share with the trustee's token ("smart card").
 *
 * Tokens cannot compute on ristretto255, so the share itself cannot live in the token. Instead
 * it is encrypted (AES-256-GCM, fresh 12-byte IV) under an AES key generated inside the token,
 * and the sealed record is kept outside. At tally time the trustee presents the token and PIN;
 * the share is decrypted in memory, used, and wiped.
 *
 * About wiping: we zero the buffers we allocate for plaintext as soon as we are done with them,
 * and the caller should `fill(0)` the share `unsealShare` returns once used. That is all
 * JavaScript allows: the engine may have copied bytes while moving objects, a PIN is an
 * immutable string that stays in the heap until collected, and memory can be swapped to disk.
 * It narrows the window; it is not a guarantee. SoftHSM wipes its own buffers.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import { pair } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import {
  KeyNotFoundError,
  SealedShareBindingMismatchError,
  SealedShareMalformedError,
  SealedShareTamperedError,
  WrongTokenError,
  ckrOf,
} from './hsm-errors';
import { toBuffer } from './ed25519-token-key';
import {
  GCM_IV_LENGTH,
  GCM_TAG_LENGTH,
  MAX_SHARE_LENGTH,
  SEALED_SHARE_ALGORITHM,
  SEALED_SHARE_VERSION,
  checkSealedShareShape,
  decodeShareAad,
  encodeShareAad,
  shareKeyLabel,
  type SealedShare,
  type ShareBinding,
} from './sealed-share';
import { findOrGenerateShareSealingKey, findShareSealingKey } from './share-sealing-key';
import { findToken, withTokenSession, type TokenSession } from './token-session';

function gcm(iv: Uint8Array, aad: Uint8Array): pkcs11js.Mechanism {
  return {
    mechanism: pkcs11js.CKM_AES_GCM,
    parameter: {
      type: pkcs11js.CK_PARAMS_AES_GCM,
      iv: Buffer.from(iv),
      aad: Buffer.from(aad),
      ivBits: GCM_IV_LENGTH * 8,
      tagBits: GCM_TAG_LENGTH * 8,
    } as pkcs11js.AesGCM,
  };
}

/** GCM decryption inside the token into a buffer we own; throws SealedShareTamperedError when
 * the tag does not verify. SoftHSM 2.6.1 reports a bad tag as CKR_GENERAL_ERROR (measured);
 * other modules use CKR_ENCRYPTED_DATA_INVALID or ..._LEN_RANGE. */
function decryptInToken(session: TokenSession, key: pkcs11js.Handle, sealed: SealedShare): Uint8Array {
  const out = Buffer.alloc(sealed.ciphertext.length);
  try {
    session.pkcs11.C_DecryptInit(session.handle, gcm(sealed.iv, sealed.aad), key);
    const plaintext = session.pkcs11.C_Decrypt(session.handle, toBuffer(sealed.ciphertext), out);
    if (plaintext.length !== sealed.ciphertext.length - GCM_TAG_LENGTH) throw new SealedShareTamperedError();
    return new Uint8Array(out.buffer, out.byteOffset, plaintext.length);
  } catch (error) {
    out.fill(0);
    const ckr = ckrOf(error);
    if (ckr === 'CKR_GENERAL_ERROR' || ckr === 'CKR_ENCRYPTED_DATA_INVALID' || ckr === 'CKR_ENCRYPTED_DATA_LEN_RANGE') {
      throw new SealedShareTamperedError(ckr);
    }
    throw error;
  }
}

/**
 * Encrypts `share` under the trustee's token key for (electionId, trusteeId), creating that key
 * on first use. Before returning, the record is decrypted once in the token and compared, so a
 * record that cannot be opened is never handed out (the ceremony destroys the plaintext next).
 */
export async function sealShare(tokenLabel: string, pin: string, share: Uint8Array, binding: ShareBinding): Promise<SealedShare> {
  if (!(share instanceof Uint8Array) || share.length === 0 || share.length > MAX_SHARE_LENGTH) {
    throw new SealedShareMalformedError(pair(cliMessages, 'hsm.malformed.shareLength', { max: MAX_SHARE_LENGTH }));
  }
  encodeShareAad(binding, 'serial-checked-later'); // rejects a bad binding before the PIN is used
  return withTokenSession(tokenLabel, pin, (session) => {
    const tokenSerial = session.token.serialNumber;
    const aad = encodeShareAad(binding, tokenSerial);
    const key = findOrGenerateShareSealingKey(session, binding);
    const iv = new Uint8Array(randomBytes(GCM_IV_LENGTH));
    session.pkcs11.C_EncryptInit(session.handle, gcm(iv, aad), key);
    const ciphertext = session.pkcs11.C_Encrypt(session.handle, toBuffer(share), Buffer.alloc(share.length + GCM_TAG_LENGTH));
    const sealed: SealedShare = {
      version: SEALED_SHARE_VERSION,
      algorithm: SEALED_SHARE_ALGORITHM,
      tokenSerial,
      keyLabel: shareKeyLabel(binding),
      iv,
      ciphertext: new Uint8Array(ciphertext.buffer, ciphertext.byteOffset, ciphertext.length),
      aad,
    };
    const check = decryptInToken(session, key, sealed);
    const same = check.length === share.length && timingSafeEqual(check, share);
    check.fill(0);
    if (!same) throw new SealedShareTamperedError();
    return sealed;
  });
}

/**
 * Decrypts a sealed share with the token it was sealed with. Checks, in order and before the
 * PIN is used: the record's shape and self-consistency, the optional expected binding, and the
 * presented token's serial number. Wipe the returned bytes with `fill(0)` after use.
 */
export async function unsealShare(tokenLabel: string, pin: string, sealed: SealedShare, expected?: ShareBinding): Promise<Uint8Array> {
  checkSealedShareShape(sealed);
  const bound = decodeShareAad(sealed.aad);
  // The AAD is authenticated by GCM, the record's other fields are not: they must agree with it.
  if (bound.tokenSerial !== sealed.tokenSerial || shareKeyLabel(bound) !== sealed.keyLabel) {
    throw new SealedShareTamperedError();
  }
  if (expected && (expected.electionId !== bound.electionId || expected.trusteeId !== bound.trusteeId)) {
    throw new SealedShareBindingMismatchError(expected, bound);
  }
  const presented = findToken(tokenLabel).serialNumber;
  if (presented !== sealed.tokenSerial) throw new WrongTokenError(sealed.tokenSerial, presented);

  return withTokenSession(tokenLabel, pin, (session) => {
    // The card could have been swapped between the look-up above and the login.
    if (session.token.serialNumber !== sealed.tokenSerial) throw new WrongTokenError(sealed.tokenSerial, session.token.serialNumber);
    const key = findShareSealingKey(session, bound);
    if (key === undefined) throw new KeyNotFoundError(tokenLabel, sealed.keyLabel);
    return decryptInToken(session, key, sealed);
  });
}

