import { group } from '../active-group';
import type { GroupElement } from '../group';
import { mod } from '../scalar';
import type { CeremonyTranscript, TrusteeSecrets } from './messages';
import { evaluatePolynomial } from './polynomial';
import { decodeSecrets } from './round2';
import { secretTimesGenerator } from './secret-base';
import { evaluateCeremony } from './transcript';
import { readScalar } from './wire';
import { domainText } from '../../shared/domain-text';

/** What a trustee leaves the ceremony with. `share` is secret (to the smart card); the rest is
 * public and equal for everyone who verifies the transcript. */
export interface TrusteeKeyMaterial {
  readonly trustee: number;
  readonly qualified: readonly number[];
  readonly publicKey: GroupElement;
  /** xⱼ = Σ_{i∈QUAL} fᵢ(j). Never the whole private key: that is Σ_{i∈QUAL} fᵢ(0), computed nowhere. */
  readonly share: bigint;
  readonly verificationKeys: ReadonlyMap<number, GroupElement>;
}

export class CeremonyFinalizationError extends Error {
  constructor(reason: string) {
    super(domainText.both('crypto.ceremonyCannotBeFinalized', { reason }));
    this.name = 'CeremonyFinalizationError';
  }
}

/**
 * Trustee j's last step: from the public transcript (which decides QUAL) and the shares j
 * accepted (receiveShare), its own share xⱼ. Shares from dealers j complained about are taken
 * from the verdict when the complaint was judged false (the envelope is then public anyway).
 */
export function finalizeTrustee(
  transcript: CeremonyTranscript,
  secrets: TrusteeSecrets,
  acceptedShares: ReadonlyMap<number, bigint>,
): TrusteeKeyMaterial {
  const outcome = evaluateCeremony(transcript);
  if (!outcome.ok || !outcome.publicKeyElement || !outcome.verificationKeyElements) {
    throw new CeremonyFinalizationError(outcome.failures.map((f) => f.reason).join('; '));
  }
  const j = secrets.trustee;
  const myKey = outcome.verificationKeyElements.get(j);
  if (!myKey) throw new CeremonyFinalizationError(`trustee ${j} is not a participant`);
  const { coefficients } = decodeSecrets(transcript.params, secrets);
  let share = 0n;
  for (const i of outcome.qualified) {
    let s: bigint | undefined;
    if (i === j) s = evaluatePolynomial(coefficients, j);
    else s = acceptedShares.get(i) ?? revealedShare(outcome.verdicts, i, j);
    if (s === undefined) throw new CeremonyFinalizationError(`no accepted share from qualified dealer ${i}`);
    share = mod(share + s);
  }
  if (!group.equals(secretTimesGenerator(share), myKey)) {
    throw new CeremonyFinalizationError(`trustee ${j}'s share does not match its public verification key`);
  }
  return { trustee: j, qualified: outcome.qualified, publicKey: outcome.publicKeyElement, share, verificationKeys: outcome.verificationKeyElements };
}

function revealedShare(verdicts: ReturnType<typeof evaluateCeremony>['verdicts'], dealer: number, complainant: number): bigint | undefined {
  const v = verdicts.find((x) => x.dealer === dealer && x.complainant === complainant && x.guilty === 'complainant' && x.revealedShare);
  if (!v?.revealedShare) return undefined;
  const s = readScalar(v.revealedShare, 'verdict', 'revealedShare');
  return s.ok ? s.value : undefined;
}
