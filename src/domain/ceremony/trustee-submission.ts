import type { Complaint, Round1Message, Round2Message } from '../crypto/ceremony/messages';
import type { CeremonyCommand } from './commands';
import type { SealedRecordJson } from './events';

/**
 * What a trustee station sends the service, over HTTP (POST /api/trustee/ceremony) or in a file
 * carried to it (`urna trustee … --out`, then `urna trustee submit`): one signed message, the
 * very body of the decider's command. Nothing else authenticates it — the signature by the
 * trustee's enrolled key is checked by the decider — so the same bytes are accepted whichever
 * way they travel, and a copy captured on the way can never be accepted twice (each kind is
 * accepted once per trustee, in its phase, and its statement names the election and ceremony).
 */
export const SUBMISSION_FORMAT = 'urna.trustee-submission/1';

interface Signed {
  format: typeof SUBMISSION_FORMAT;
  electionId: string;
  signature: string;
}

export type CeremonySubmission =
  | (Signed & { kind: 'round1'; message: Round1Message })
  | (Signed & { kind: 'deal'; message: Round2Message })
  | (Signed & { kind: 'check'; trusteeIndex: number; complaints: Complaint[] })
  | (Signed & { kind: 'seal'; trusteeIndex: number; tokenSerial: string; verificationKey: string; sealed: SealedRecordJson });

/** A trustee's partial decryptions of one contest (the tally's submission). */
export type TallySubmission = Signed & { kind: 'partial-decryption'; trusteeIndex: number; contestId: string; partials: unknown[] };

export type TrusteeSubmission = CeremonySubmission | TallySubmission;

/** A submission without its envelope (format, electionId), kind by kind. */
export type SubmissionBody<S> = S extends unknown ? Omit<S, 'format' | 'electionId'> : never;

export class SubmissionFormatError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SubmissionFormatError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads an untrusted body as a submission: the envelope's shape only (format, election,
 * kind, signature); what it says is for the decider to judge. */
export function readSubmission(body: unknown): TrusteeSubmission {
  if (!isObject(body)) throw new SubmissionFormatError('a submission is a JSON object');
  if (body.format !== SUBMISSION_FORMAT) throw new SubmissionFormatError(`format must be ${SUBMISSION_FORMAT}`);
  if (typeof body.electionId !== 'string' || body.electionId === '') throw new SubmissionFormatError('electionId is missing');
  if (typeof body.signature !== 'string') throw new SubmissionFormatError('signature is missing');
  if (!['round1', 'deal', 'check', 'seal', 'partial-decryption'].includes(String(body.kind))) throw new SubmissionFormatError(`unknown kind ${JSON.stringify(body.kind)}`);
  return body as unknown as TrusteeSubmission;
}

/** The ceremony decider's command a ceremony submission carries (no other member is kept). */
export function ceremonyCommandOf(s: CeremonySubmission): CeremonyCommand {
  const { electionId, signature } = s;
  switch (s.kind) {
    case 'round1': return { type: 'PublishRound1', electionId, message: s.message, signature };
    case 'deal': return { type: 'DealShares', electionId, message: s.message, signature };
    case 'check': return { type: 'ReportShareCheck', electionId, trusteeIndex: s.trusteeIndex, complaints: s.complaints, signature };
    case 'seal': return { type: 'SealFinalShare', electionId, trusteeIndex: s.trusteeIndex, tokenSerial: s.tokenSerial, verificationKey: s.verificationKey, sealed: s.sealed, signature };
  }
}

/** The trustee a submission names (whose key must have signed it). */
export function submissionTrustee(s: TrusteeSubmission): number | undefined {
  if (s.kind === 'round1') return (s.message as { trustee?: number } | undefined)?.trustee;
  if (s.kind === 'deal') return (s.message as { dealer?: number } | undefined)?.dealer;
  return s.trusteeIndex;
}
