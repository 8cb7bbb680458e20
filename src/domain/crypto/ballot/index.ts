/**
 * Encrypted ballots: the entry the voting booth bundles for the browser and the server uses
 * to verify. Pure TypeScript, no Node built-ins (test/browser/ballot-bundle.spec.ts checks).
 */
export { group } from '../active-group';
export { electionContext } from '../election-context';
export type { ElectionContext } from '../election-context';
export { encryptionTables, encryptionTablesInSlices } from '../elgamal';
export { BOOTH_FIXED_BASE_WINDOW } from '../ristretto255-noble-msm';
export type { Ciphertext, EncryptionTables } from '../elgamal';
export { fromHex, toHex } from '../hash';
export * from './ballot-style';
export * from './ballot-format';
export { encryptBallot } from './encrypt-ballot';
export type { BallotSecrets, BallotSelections, EncryptBallotInput, EncryptedBallotWithSecrets } from './encrypt-ballot';
export { BallotProofError } from './prove';
export { verifyBallot, verifyBallots } from './verify-ballot';
export type { CastBy, VerifyOptions } from './verify-ballot';
export type { BallotCheck, BallotFailure, BallotVerification, VerifiedBallot } from './verification-result';
export { computeTrackingCode, readableTrackingCode, parseReadableTrackingCode } from './tracking-code';
export { auditSpoiledBallot, ballotAlphas, ballotCiphertexts, spoilBallot, SPOILED_BALLOT_FORMAT } from './benaloh';
export { computeVoterBinding, opensVoterBinding, randomBindingNonce } from './voter-binding';
export type { SpoiledBallotAudit, SpoiledBallotFailure, SpoiledBallotJson } from './benaloh';
export { canonicalJson } from '../../shared/canonical-json';
export { BallotTotals } from './ballot-totals';
export * from '../credential/index';
