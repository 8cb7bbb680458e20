import { group } from '../active-group';
import { generatorBase, type Ciphertext } from '../elgamal';
import type { GroupElement } from '../group';
import { element, u32, utf8 } from '../hash';
import { proveDleq, verifyDleq, type ScalarSource } from '../proofs/dleq';
import { CeremonyTags } from '../ceremony/ceremony-tags';
import { elementHex, proofHex, readElement, readProof, type Failure } from '../ceremony/wire';
import { scopeParts, type DecryptionScope } from './decryption-scope';
import { isOptionId, type PartialDecryption } from './tally-wire';

/**
 * Trustee j's contribution to decrypting one option's total (α, β):
 *   Dⱼ = xⱼ·α, with a Chaum-Pedersen proof that log_G Xⱼ = log_α Dⱼ
 * bound to the election, the exported ballot box, the contest's ballot count, the option, the
 * trustee and β (docs/spec/crypto-ceremony-tally.md §4.3):
 *   c = hashToScalar("urna/v2/partial-decryption", baseHash, ballotBoxHash, u64(ballots),
 *                    utf8(optionId), u32(j), encode(β),
 *                    encode(G), encode(Xⱼ), encode(α), encode(Dⱼ), encode(A₁), encode(A₂))
 * A wrong Dⱼ cannot come with a valid proof, so a cheating trustee is named, not trusted; and a
 * proof states which box and count the trustee checked the totals against before decrypting.
 */
const proofContext = (scope: DecryptionScope, optionId: string, trustee: number, ciphertext: Ciphertext) => [
  ...scopeParts(scope),
  utf8(optionId),
  u32(trustee),
  element(ciphertext.beta),
];

export function partialDecrypt(
  scope: DecryptionScope,
  optionId: string,
  ciphertext: Ciphertext,
  trustee: number,
  secretShare: bigint,
  nonces?: ScalarSource,
): PartialDecryption {
  if (!isOptionId(optionId)) throw new Error('invalid option id');
  const share = group.mul(ciphertext.alpha, secretShare);
  const verificationKey = generatorBase().mul(secretShare);
  const proof = proveDleq(
    CeremonyTags.partialDecryption,
    proofContext(scope, optionId, trustee, ciphertext),
    { g1: group.generator, h1: verificationKey, g2: ciphertext.alpha, h2: share },
    secretShare,
    nonces,
  );
  return { trustee, optionId, share: elementHex(share), proof: proofHex(proof) };
}

export type PartialDecryptionCheck =
  | { readonly ok: true; readonly trustee: number; readonly share: GroupElement }
  | { readonly ok: false; readonly failure: Failure };

/** Verifies one partial decryption of the option `optionId` whose total is `ciphertext`, made
 * for `scope` (the verifier's own: the log's box hash and the contest's recorded count).
 * Never throws; a failure names the trustee whenever the input names a valid one. */
export function verifyPartialDecryption(
  scope: DecryptionScope,
  optionId: string,
  ciphertext: Ciphertext,
  verificationKeys: ReadonlyMap<number, GroupElement>,
  value: unknown,
): PartialDecryptionCheck {
  const fail = (check: string, reason: string, field?: string, trustee?: number): PartialDecryptionCheck => ({
    ok: false,
    failure: { check, reason, ...(trustee === undefined ? {} : { trustee }), ...(field === undefined ? {} : { field }) },
  });
  if (typeof value !== 'object' || value === null) return fail('partial-decryption.shape', 'expected an object');
  const pd = value as Record<string, unknown>;
  const trustee = pd.trustee;
  if (typeof trustee !== 'number' || !verificationKeys.has(trustee)) {
    return fail('partial-decryption.trustee', `not a trustee with a verification key: ${JSON.stringify(trustee)}`, 'trustee');
  }
  if (pd.optionId !== optionId) return fail('partial-decryption.option', `made for option ${JSON.stringify(pd.optionId)}, not ${optionId}`, 'optionId', trustee);
  const d = readElement(pd.share, 'partial-decryption.share', 'share', trustee);
  if (!d.ok) return { ok: false, failure: d.failure };
  const proof = readProof(pd.proof, 'partial-decryption.proof', 'proof', trustee);
  if (!proof.ok) return { ok: false, failure: proof.failure };
  let context: Uint8Array[];
  try {
    context = proofContext(scope, optionId, trustee, ciphertext);
  } catch {
    return fail('partial-decryption.scope', 'the ballot box hash or the ballot count to check against is malformed', undefined, trustee);
  }
  const statement = { g1: group.generator, h1: verificationKeys.get(trustee)!, g2: ciphertext.alpha, h2: d.value };
  if (!verifyDleq(CeremonyTags.partialDecryption, context, statement, proof.value)) {
    return fail(
      'partial-decryption.proof',
      `trustee ${trustee}'s proof for option ${optionId} does not verify for this ballot box and ballot count: its decryption share is not xⱼ·α, or it was made for other totals`,
      'proof',
      trustee,
    );
  }
  return { ok: true, trustee, share: d.value };
}
