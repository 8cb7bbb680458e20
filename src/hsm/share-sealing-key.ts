/**
 * The AES-256 key that seals one trustee's share for one election. Generated inside the
 * trustee's token as a token object that is sensitive and never extractable, usable only to
 * encrypt and decrypt (no wrapping, signing or derivation), found again by its CKA_ID.
 */
import * as pkcs11js from 'pkcs11js';
import { pair, type Bilingual } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import { KeyInvalidError } from './hsm-errors';
import { shareKeyId, shareKeyLabel, type ShareBinding } from './sealed-share';
import type { TokenSession } from './token-session';

const AES_256_KEY_LENGTH = 32;

function keyTemplate(binding: ShareBinding): pkcs11js.Template {
  return [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
    { type: pkcs11js.CKA_ID, value: Buffer.from(shareKeyId(binding)) },
  ];
}

export function findShareSealingKey(session: TokenSession, binding: ShareBinding): pkcs11js.Handle | undefined {
  const keys = session.findObjects(keyTemplate(binding));
  const label = shareKeyLabel(binding);
  const invalid = (reason: Bilingual) => new KeyInvalidError(session.token.label, label, reason);
  if (keys.length === 0) return undefined;
  if (keys.length > 1) throw invalid(pair(cliMessages, 'hsm.keyInvalid.sameId', { count: keys.length }));
  const [sensitive, extractable, valueLength] = session.pkcs11.C_GetAttributeValue(session.handle, keys[0], [
    { type: pkcs11js.CKA_SENSITIVE },
    { type: pkcs11js.CKA_EXTRACTABLE },
    { type: pkcs11js.CKA_VALUE_LEN },
  ]);
  if (sensitive.value[0] !== 1 || extractable.value[0] !== 0) {
    throw invalid(pair(cliMessages, 'hsm.keyInvalid.keyCouldLeave'));
  }
  if (readUlong(valueLength.value) !== AES_256_KEY_LENGTH) {
    throw invalid(pair(cliMessages, 'hsm.keyInvalid.notAes256'));
  }
  return keys[0];
}

export function generateShareSealingKey(session: TokenSession, binding: ShareBinding): pkcs11js.Handle {
  return session.pkcs11.C_GenerateKey(session.handle, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
    ...keyTemplate(binding),
    { type: pkcs11js.CKA_LABEL, value: shareKeyLabel(binding) },
    { type: pkcs11js.CKA_VALUE_LEN, value: AES_256_KEY_LENGTH },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_ENCRYPT, value: true },
    { type: pkcs11js.CKA_DECRYPT, value: true },
    { type: pkcs11js.CKA_WRAP, value: false },
    { type: pkcs11js.CKA_UNWRAP, value: false },
    { type: pkcs11js.CKA_SIGN, value: false },
    { type: pkcs11js.CKA_VERIFY, value: false },
    { type: pkcs11js.CKA_DERIVE, value: false },
    { type: pkcs11js.CKA_MODIFIABLE, value: false },
  ]);
}

export function findOrGenerateShareSealingKey(session: TokenSession, binding: ShareBinding): pkcs11js.Handle {
  return findShareSealingKey(session, binding) ?? generateShareSealingKey(session, binding);
}

/** A CK_ULONG attribute: native byte order and width (8 bytes little-endian on x86-64 Linux). */
function readUlong(value: Buffer): number {
  let n = 0;
  for (let i = value.length - 1; i >= 0; i--) n = n * 256 + value[i];
  return n;
}
