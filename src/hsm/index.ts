/** PKCS#11 tokens (smart cards, HSMs; SoftHSM 2 in development): see docs/spec/tokens.md. */
export * from './hsm-errors';
export { closePkcs11Module, configuredModulePath, getPkcs11Module, refreshPkcs11Module } from './pkcs11-module';
export { findToken, listTokens, openTokenSession, readTokenSerial, withTokenSession, TokenSession, type TokenDescription } from './token-session';
export { Pkcs11NoteSigner, type NoteSigner, type Pkcs11NoteSignerOptions } from './pkcs11-note-signer';
export * from './sealed-share';
export { sealShare, unsealShare } from './share-sealing';
export { createSoftHsmEnvironment, listSoftHsmTokens, type InitializedToken, type SoftHsmEnvironment } from './softhsm/softhsm-environment';
