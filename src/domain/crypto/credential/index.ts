/**
 * Voters' credentials and the credential authority's signatures (docs/spec/credentials.md).
 * Pure TypeScript: the booth bundles it to derive the key and sign in the browser.
 */
export * from './credential-signature';
export { deriveCredentialKey } from './credential-key';
export { ballotSignatureParts, signBallot } from './ballot-signature';
export { signLogin, loginSignatureValid, LOGIN_CHALLENGE_HEX } from './login-signature';
export * from './credential-list';
