/** Homomorphic tally and threshold decryption: see docs/spec/crypto-ceremony-tally.md. */
export * from './aggregate';
export * from './lagrange';
export * from './decryption-scope';
export * from './partial-decryption';
export * from './combine';
export * from './discrete-log';
export * from './decrypt-tally';
export * from './tally-wire';
