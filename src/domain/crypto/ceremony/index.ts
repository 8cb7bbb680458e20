/** The key ceremony (distributed key generation): see docs/spec/crypto-ceremony-tally.md. */
export * from './messages';
export * from './parameters';
export * from './round1';
export * from './round2';
export * from './share-envelope';
export * from './envelope-key-proof';
export * from './complaint';
export * from './transcript';
export * from './finalize';
export * from './scalar-source';
export type { Failure, HexProof } from './wire';
