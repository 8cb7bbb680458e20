import { TALLY_SCOPE, partialDecryptionMessage, verifyTrusteeSignature } from '../ceremony/trustee-signature';
import { group } from '../crypto/active-group';
import { generatorBase, type Ciphertext } from '../crypto/elgamal';
import type { GroupElement } from '../crypto/group';
import { fromHex } from '../crypto/hash';
import { combinePartialDecryptions } from '../crypto/tally/combine';
import { decryptionScope, isBallotCount } from '../crypto/tally/decryption-scope';
import { verifyPartialDecryption } from '../crypto/tally/partial-decryption';
import type { PartialDecryption } from '../crypto/tally/tally-wire';
import { DomainError } from '../shared/decider';
import type { TallyCommand } from './commands';
import { tallyOptionId, type HexOptionTotal, type TallyEvent } from './events';
import type { TallyState } from './state';
import { domainText } from '../shared/domain-text';

const HEX32 = /^[0-9a-f]{64}$/;

export const decodeTotal = (t: HexOptionTotal): Ciphertext => ({
  alpha: group.decode(fromHex(t.alpha, 32)),
  beta: group.decode(fromHex(t.beta, 32)),
});

export function decodeVerificationKeys(keys: Record<string, string>): Map<number, GroupElement> {
  return new Map(Object.entries(keys).map(([j, hex]) => [Number(j), group.decode(fromHex(hex, 32))]));
}

function requireStarted(state: TallyState): void {
  if (state.phase === 'not-started') throw new DomainError('TALLY_NOT_STARTED', domainText.pair('tally.tallyNotStarted'));
  if (state.phase === 'halted') {
    throw new DomainError('TALLY_HALTED', domainText.pair('tally.tallyHalted'));
  }
}

export function decideTally(command: TallyCommand, state: TallyState): TallyEvent[] {
  switch (command.type) {
    case 'StartTally': {
      if (state.phase !== 'not-started') throw new DomainError('TALLY_ALREADY_STARTED', domainText.pair('tally.tallyAlreadyStarted'));
      if (!command.ballotBoxExported) {
        throw new DomainError('BALLOT_BOX_NOT_EXPORTED', domainText.pair('tally.ballotBoxNotExported'));
      }
      if (!HEX32.test(command.recomputedBallotBoxHash) || !HEX32.test(command.closingBallotBoxHash)) {
        throw new DomainError('INVALID_HASH', 'ballot box hashes must be 64 lowercase hex digits');
      }
      if (!(Number.isInteger(command.threshold) && command.threshold >= 1)) throw new DomainError('INVALID_THRESHOLD', 'threshold must be a positive integer');
      if (command.contests.length === 0) throw new DomainError('NO_CONTESTS', 'the manifest has no contests to tally');
      return [{
        type: 'TallyStarted',
        data: {
          electionId: command.electionId,
          ballotBoxHash: command.recomputedBallotBoxHash,
          closingBallotBoxHash: command.closingBallotBoxHash,
          matchesClosing: command.recomputedBallotBoxHash === command.closingBallotBoxHash,
          ballots: command.ballots,
          threshold: command.threshold,
          contests: command.contests,
          startedAt: command.now,
        },
      }];
    }
    case 'RecordEncryptedTally': {
      requireStarted(state);
      if (!state.contests.includes(command.contestId)) throw new DomainError('UNKNOWN_CONTEST', `contest ${command.contestId} is not in this tally`);
      if (state.totals.has(command.contestId)) throw new DomainError('TOTALS_ALREADY_RECORDED', `contest ${command.contestId} already has its totals`);
      // The count is bound into every partial decryption proof: no contest holds more ballots than the box.
      if (!isBallotCount(command.ballots) || command.ballots > state.ballots) {
        throw new DomainError('BALLOTS_OUT_OF_RANGE', `contest ${command.contestId}: ${String(command.ballots)} ballots, the box holds ${state.ballots}`);
      }
      return [{ type: 'EncryptedTallyComputed', data: { electionId: command.electionId, contestId: command.contestId, ballots: command.ballots, options: command.options } }];
    }
    case 'RejectTrustee': {
      requireStarted(state);
      // Once the results stand, nothing may be said of the trustees after the fact.
      if (state.phase === 'completed') throw new DomainError('TALLY_ALREADY_COMPLETED', domainText.pair('tally.tallyAlreadyCompleted'));
      return [{ type: 'PartialDecryptionRejected', data: { electionId: command.electionId, trusteeIndex: command.trusteeIndex, check: command.check, reason: command.reason } }];
    }
    case 'PostPartialDecryption': {
      requireStarted(state);
      const { contestId, trusteeIndex } = command;
      const reject = (check: string, reason: string): TallyEvent[] => [{
        type: 'PartialDecryptionRejected',
        data: { electionId: command.electionId, trusteeIndex, contestId, check, reason },
      }];
      const totals = state.totals.get(contestId);
      if (!totals) throw new DomainError('NO_TOTALS', `contest ${contestId} has no encrypted totals yet`);
      if (state.results.has(contestId)) throw new DomainError('ALREADY_PUBLISHED', `contest ${contestId} is already published`);
      if (state.partials.get(contestId)?.has(trusteeIndex)) {
        throw new DomainError('ALREADY_POSTED', `trustee ${trusteeIndex} already posted contest ${contestId}`);
      }
      // The proofs must be made for the box recorded at closing and this contest's recorded count.
      const ballots = state.contestBallots.get(contestId)!;
      // Who sent them: the signature by the trustee's enrolled key, checked first. A message that
      // is not the trustee's is refused and records nothing, never PartialDecryptionRejected: that
      // would blame (and exclude) the trustee for what someone else sent in its name.
      const signingKey = command.signingKeys?.[String(trusteeIndex)];
      if (signingKey === undefined) throw new DomainError('TRUSTEE_HAS_NO_SIGNING_KEY', domainText.pair('ceremony.noSigningKey', { trustee: trusteeIndex }));
      if (typeof command.signature !== 'string' || command.signature === '') throw new DomainError('SIGNATURE_MISSING', domainText.pair('ceremony.signatureMissing', { trustee: trusteeIndex }));
      const message = partialDecryptionMessage({ trusteeIndex, contestId, ballotBoxHash: state.ballotBoxHash, ballots, partials: command.partials });
      if (!verifyTrusteeSignature(signingKey, command.signature, { electionId: command.electionId, scope: TALLY_SCOPE, kind: 'PartialDecryptionPosted', trusteeIndex, message })) {
        throw new DomainError('INVALID_SIGNATURE', domainText.pair('ceremony.signatureInvalid', { trustee: trusteeIndex }));
      }
      const keys = decodeVerificationKeys(command.verificationKeys);
      const scope = decryptionScope(command.context, state.ballotBoxHash, ballots);
      if (!keys.has(trusteeIndex)) return reject('partial-decryption.trustee', `trustee ${trusteeIndex} has no verification key`);
      if (!Array.isArray(command.partials) || command.partials.length !== totals.length) {
        return reject('partial-decryption.shape', `expected ${totals.length} partial decryptions, one per option`);
      }
      for (let k = 0; k < totals.length; k++) {
        const optionId = tallyOptionId(contestId, totals[k].optionId);
        const p = command.partials[k] as { trustee?: unknown } | null;
        if (p?.trustee !== trusteeIndex) return reject('partial-decryption.trustee', `option ${optionId} is signed for trustee ${JSON.stringify(p?.trustee)}`);
        const check = verifyPartialDecryption(scope, optionId, decodeTotal(totals[k]), keys, p);
        if (!check.ok) return reject(check.failure.check, check.failure.reason);
      }
      return [{
        type: 'PartialDecryptionPosted',
        data: { electionId: command.electionId, trusteeIndex, contestId, ballotBoxHash: state.ballotBoxHash, ballots, partials: command.partials as PartialDecryption[], signature: command.signature },
      }];
    }
    case 'PublishResults': {
      requireStarted(state);
      const { contestId } = command;
      const totals = state.totals.get(contestId);
      if (!totals) throw new DomainError('NO_TOTALS', `contest ${contestId} has no encrypted totals`);
      if (state.results.has(contestId)) throw new DomainError('ALREADY_PUBLISHED', `contest ${contestId} is already published`);
      const posted = state.partials.get(contestId) ?? new Map<number, PartialDecryption[]>();
      const trustees = [...new Set(command.trustees)].sort((a, b) => a - b);
      if (trustees.some((j) => !posted.has(j))) throw new DomainError('TRUSTEE_NOT_POSTED', `some of trustees ${trustees.join(', ')} posted nothing valid for ${contestId}`);
      if (trustees.length < state.threshold) {
        throw new DomainError('NOT_ENOUGH_TRUSTEES', domainText.pair('tally.notEnoughTrustees', { threshold: state.threshold, given: trustees.length }));
      }
      if (command.counts.length !== totals.length || command.counts.some((c, k) => c.optionId !== totals[k].optionId)) {
        throw new DomainError('WRONG_OPTIONS', `the counts must name the options of ${contestId} in ballot order`);
      }
      // The counts must be what the recorded partial decryptions say: count·G = β − Σ λⱼ·Dⱼ.
      totals.forEach((t, k) => {
        const count = command.counts[k].count;
        if (!Number.isSafeInteger(count) || count < 0 || count > state.ballots) throw new DomainError('COUNT_OUT_OF_RANGE', `${t.optionId}: ${count}`);
        const shares = trustees.map((j) => ({ trustee: j, share: group.decode(fromHex(posted.get(j)![k].share, 32)) }));
        const m = combinePartialDecryptions(decodeTotal(t), shares, state.threshold, tallyOptionId(contestId, t.optionId));
        const expected = count === 0 ? group.identity : generatorBase().mul(BigInt(count));
        if (!group.equals(expected, m)) throw new DomainError('COUNT_MISMATCH', `${contestId}/${t.optionId}: ${count} is not what the partial decryptions give`);
      });
      return [{ type: 'ResultsPublished', data: { electionId: command.electionId, contestId, counts: command.counts, trustees } }];
    }
    case 'CompleteTally': {
      requireStarted(state);
      if (state.phase === 'completed') return [];
      const missing = state.contests.filter((c) => !state.results.has(c));
      if (missing.length > 0) throw new DomainError('RESULTS_MISSING', `contests without results: ${missing.join(', ')}`);
      const trustees = new Set<number>();
      for (const c of state.contests) for (const j of state.partials.get(c)?.keys() ?? []) trustees.add(j);
      return [{
        type: 'TallyCompleted',
        data: { electionId: command.electionId, contests: state.contests.length, ballots: state.ballots, trustees: [...trustees].sort((a, b) => a - b), completedAt: command.now },
      }];
    }
    case 'RecordActa': {
      if (state.phase !== 'completed') throw new DomainError('TALLY_NOT_COMPLETED', domainText.pair('tally.actaBeforeCompletion'));
      // One acta: a second, different hash would leave two "official" actas in the record.
      if (state.actaIssued) throw new DomainError('ACTA_ALREADY_ISSUED', domainText.pair('tally.actaAlreadyIssued'));
      if (!HEX32.test(command.jsonSha256) || (command.pdfSha256 !== undefined && !HEX32.test(command.pdfSha256))) throw new DomainError('INVALID_HASH', 'acta hashes must be hex SHA-256');
      return [{ type: 'ActaIssued', data: { electionId: command.electionId, jsonSha256: command.jsonSha256, ...(command.pdfSha256 ? { pdfSha256: command.pdfSha256 } : {}), issuedAt: command.now } }];
    }
    case 'RecordPreservationManifest': {
      if (state.phase !== 'completed') throw new DomainError('TALLY_NOT_COMPLETED', domainText.pair('tally.manifestBeforeCompletion'));
      if (state.manifestIssued) throw new DomainError('MANIFEST_ALREADY_ISSUED', domainText.pair('tally.manifestAlreadyIssued'));
      if (!HEX32.test(command.manifestSha256)) throw new DomainError('INVALID_HASH', 'manifestSha256 must be hex SHA-256');
      return [{
        type: 'PreservationManifestIssued',
        data: { electionId: command.electionId, manifestSha256: command.manifestSha256, artefacts: command.artefacts, signerPublicKey: command.signerPublicKey, issuedAt: command.now },
      }];
    }
  }
}
