/**
 * PKCS#11 3.0 numbers used by Urna that pkcs11js 2.1.7 (a PKCS#11 2.40 binding) does not name.
 * Values from the PKCS#11 3.0 base specification; SoftHSM 2.6.1 implements them.
 */

/** CKM_EC_EDWARDS_KEY_PAIR_GEN: generates an Edwards-curve key pair (curve chosen by CKA_EC_PARAMS). */
export const CKM_EC_EDWARDS_KEY_PAIR_GEN = 0x1055;
/** CKM_EDDSA: with no parameter, pure EdDSA (for Ed25519: RFC 8032 Ed25519, no prehash, no context). */
export const CKM_EDDSA = 0x1057;
/** CKK_EC_EDWARDS: key type of Ed25519/Ed448 keys. */
export const CKK_EC_EDWARDS = 0x40;
/** CKF_TOKEN_INITIALIZED (token flag): false on SoftHSM's always-present free slot. */
export const CKF_TOKEN_INITIALIZED = 0x400;

/** DER of the object identifier id-Ed25519 (1.3.101.112, RFC 8410), the CKA_EC_PARAMS value. */
export const ED25519_OID_DER = Uint8Array.of(0x06, 0x03, 0x2b, 0x65, 0x70);

export const ED25519_PUBLIC_KEY_LENGTH = 32;
export const ED25519_SIGNATURE_LENGTH = 64;
