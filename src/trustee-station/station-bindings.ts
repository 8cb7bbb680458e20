import type { ShareBinding } from '../hsm/sealed-share';

/**
 * What the token's AES keys are bound to (docs/spec/tokens.md): one key for the ceremony's
 * in-progress secrets (trusteeId + "/dkg-secrets"), one for the final share (trusteeId alone,
 * what the tally opens), one for the digest of the station's kept check of the ballot box
 * (trusteeId + "/box-check", saved-box-check.ts). A record sealed under one never opens under
 * another.
 */
export const secretsBinding = (electionId: string, trusteeId: string): ShareBinding => ({ electionId, trusteeId: `${trusteeId}/dkg-secrets` });
export const shareBinding = (electionId: string, trusteeId: string): ShareBinding => ({ electionId, trusteeId });
export const boxCheckBinding = (electionId: string, trusteeId: string): ShareBinding => ({ electionId, trusteeId: `${trusteeId}/box-check` });
