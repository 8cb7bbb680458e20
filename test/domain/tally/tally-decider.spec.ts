/** The tally decider as a specification: given past events, when a command, then events or an error. */
import { group } from '../../../src/domain/crypto/active-group';
import { electionContext } from '../../../src/domain/crypto/election-context';
import { encrypt, encryptionTables } from '../../../src/domain/crypto/elgamal';
import { element, fromHex, toHex, u32, utf8 } from '../../../src/domain/crypto/hash';
import { proveDleq } from '../../../src/domain/crypto/proofs/dleq';
import { elementHex, scalarHex } from '../../../src/domain/crypto/ceremony/wire';
import { decryptionScope, type DecryptionScope } from '../../../src/domain/crypto/tally/decryption-scope';
import { randomScalar } from '../../../src/domain/crypto/scalar';
import { partialDecrypt } from '../../../src/domain/crypto/tally/partial-decryption';
import { ciphertextHex } from '../../../src/domain/crypto/tally/tally-wire';
import { tallyDecider, tallyOptionId } from '../../../src/domain/tally/decider';
import type { TallyEvent } from '../../../src/domain/tally/events';
import { specFor } from '../decider-spec';
import { TALLY_SCOPE, partialDecryptionMessage } from '../../../src/domain/ceremony/trustee-signature';
import { trusteeKey } from '../../support/trustee-keys';

const spec = specFor(tallyDecider);
const electionId = 'prueba-2027';
const h = (c: string) => c.repeat(64);

// A 2-of-2 toy key: x = x1·λ1 + x2·λ2 is never formed; shares are of f(z) = s + a·z.
const s = randomScalar();
const a = randomScalar();
const share = (j: number) => (s + a * BigInt(j)) % group.order;
const K = group.mul(group.generator, s);
const context = electionContext(new Uint8Array(32).fill(9), K);
const verificationKeys = { '1': toHex(group.encode(group.mul(group.generator, share(1)))), '2': toHex(group.encode(group.mul(group.generator, share(2)))) };
const tables = encryptionTables(K);
const total = encrypt(tables, 3n, randomScalar());
const other = encrypt(tables, 1n, randomScalar());

const started: TallyEvent = {
  type: 'TallyStarted',
  data: { electionId, ballotBoxHash: h('a'), closingBallotBoxHash: h('a'), matchesClosing: true, ballots: 4, threshold: 2, contests: ['PRES'], startedAt: '2027-06-07T00:00:00Z' },
};
const totals: TallyEvent = {
  type: 'EncryptedTallyComputed',
  data: { electionId, contestId: 'PRES', ballots: 4, options: [{ optionId: 'A', ...ciphertextHex(total) }, { optionId: 'B', ...ciphertextHex(other) }] },
};
// The box recorded at closing (h('a')) and the contest's recorded count (4): what the proofs must bind.
const scope = decryptionScope(context, h('a'), 4);
const partialsOf = (j: number, x = share(j), s: DecryptionScope = scope) =>
  [partialDecrypt(s, tallyOptionId('PRES', 'A'), total, j, x), partialDecrypt(s, tallyOptionId('PRES', 'B'), other, j, x)];
// Each trustee signs what it posts with its enrolled key (docs/spec/crypto-ceremony-tally.md §7).
const signingKeys = { '1': trusteeKey(1).signingKey, '2': trusteeKey(2).signingKey };
const post = (j: number, x?: bigint, s?: DecryptionScope, partials: unknown[] = partialsOf(j, x, s)) => ({
  type: 'PostPartialDecryption' as const, electionId, trusteeIndex: j, contestId: 'PRES', partials, context, verificationKeys, signingKeys,
  signature: trusteeKey(j).sign({ electionId, scope: TALLY_SCOPE, kind: 'PartialDecryptionPosted', message: partialDecryptionMessage({ trusteeIndex: j, contestId: 'PRES', ballotBoxHash: h('a'), ballots: 4, partials }) }),
});

describe('tally decider', () => {
  it('starts only after the ballot box was exported', () => {
    spec([]).when({ type: 'StartTally', electionId, ballotBoxExported: false, closingBallotBoxHash: h('a'), recomputedBallotBoxHash: h('a'), ballots: 4, threshold: 2, contests: ['PRES'], now: 'x' }).thenFails('BALLOT_BOX_NOT_EXPORTED');
  });

  it('records a hash mismatch and then refuses every further step', () => {
    const events = spec([]).when({ type: 'StartTally', electionId, ballotBoxExported: true, closingBallotBoxHash: h('a'), recomputedBallotBoxHash: h('b'), ballots: 4, threshold: 2, contests: ['PRES'], now: 'x' }).events();
    expect(events[0].data).toMatchObject({ matchesClosing: false });
    spec(events).when({ type: 'RecordEncryptedTally', electionId, contestId: 'PRES', ballots: 4, options: [] }).thenFails('TALLY_HALTED');
  });

  it('accepts a valid partial decryption and rejects one made with another share, naming the trustee', () => {
    expect(spec([started, totals]).when(post(1)).events()[0].type).toBe('PartialDecryptionPosted');
    const rejected = spec([started, totals]).when(post(2, share(1))).events();
    expect(rejected).toEqual([expect.objectContaining({ type: 'PartialDecryptionRejected', data: expect.objectContaining({ trusteeIndex: 2, check: 'partial-decryption.proof' }) })]);
  });

  it('publishes only counts the partial decryptions support, from at least t trustees', () => {
    const [p1] = spec([started, totals]).when(post(1)).events();
    const [p2] = spec([started, totals]).when(post(2)).events();
    const counts = [{ optionId: 'A', count: 3 }, { optionId: 'B', count: 1 }];
    spec([started, totals, p1]).when({ type: 'PublishResults', electionId, contestId: 'PRES', counts, trustees: [1] }).thenFails('NOT_ENOUGH_TRUSTEES');
    spec([started, totals, p1, p2]).when({ type: 'PublishResults', electionId, contestId: 'PRES', counts: [{ optionId: 'A', count: 2 }, counts[1]], trustees: [1, 2] }).thenFails('COUNT_MISMATCH');
    const published = spec([started, totals, p1, p2]).when({ type: 'PublishResults', electionId, contestId: 'PRES', counts, trustees: [2, 1] }).events();
    expect(published).toEqual([{ type: 'ResultsPublished', data: { electionId, contestId: 'PRES', counts, trustees: [1, 2] } }]);
    spec([started, totals, p1, p2, ...published]).when({ type: 'CompleteTally', electionId, now: 'y' }).then([
      { type: 'TallyCompleted', data: { electionId, contests: 1, ballots: 4, trustees: [1, 2], completedAt: 'y' } },
    ]);
  });

  it('issues the acta only after the tally is complete', () => {
    spec([started, totals]).when({ type: 'RecordActa', electionId, jsonSha256: h('c'), now: 'z' }).thenFails('TALLY_NOT_COMPLETED');
  });

  it('issues one acta and one preservation manifest, and says nothing of trustees once complete', () => {
    const [p1] = spec([started, totals]).when(post(1)).events();
    const [p2] = spec([started, totals]).when(post(2)).events();
    const counts = [{ optionId: 'A', count: 3 }, { optionId: 'B', count: 1 }];
    const published = spec([started, totals, p1, p2]).when({ type: 'PublishResults', electionId, contestId: 'PRES', counts, trustees: [1, 2] }).events();
    const completed = spec([started, totals, p1, p2, ...published]).when({ type: 'CompleteTally', electionId, now: 'y' }).events();
    const done = [started, totals, p1, p2, ...published, ...completed];
    spec(done).when({ type: 'RejectTrustee', electionId, trusteeIndex: 2, check: 'trustee.verification-key', reason: 'late' }).thenFails('TALLY_ALREADY_COMPLETED');
    const acta = spec(done).when({ type: 'RecordActa', electionId, jsonSha256: h('c'), now: 'z' }).events();
    expect(acta.map((e) => e.type)).toEqual(['ActaIssued']);
    spec([...done, ...acta]).when({ type: 'RecordActa', electionId, jsonSha256: h('d'), now: 'z' }).thenFails('ACTA_ALREADY_ISSUED');
    const manifest = spec(done).when({ type: 'RecordPreservationManifest', electionId, manifestSha256: h('e'), artefacts: [], signerPublicKey: h('f'), now: 'z' }).events();
    expect(manifest.map((e) => e.type)).toEqual(['PreservationManifestIssued']);
    spec([...done, ...manifest]).when({ type: 'RecordPreservationManifest', electionId, manifestSha256: h('e'), artefacts: [], signerPublicKey: h('f'), now: 'z' }).thenFails('MANIFEST_ALREADY_ISSUED');
  });

  describe('partial decryptions are bound to the exported ballot box and the contest\'s ballot count (issue 12 §3)', () => {
    it('the posted event (version 2) names the box and the count its proofs bind', () => {
      expect(spec([started, totals]).when(post(1)).events()[0].data).toMatchObject({ ballotBoxHash: h('a'), ballots: 4 });
    });

    it('refuses proofs made for another box hash or another ballot count, naming the trustee', () => {
      for (const s of [decryptionScope(context, h('b'), 4), decryptionScope(context, h('a'), 3), decryptionScope(context, h('a'), 5)]) {
        expect(spec([started, totals]).when(post(1, undefined, s)).events()).toEqual([
          expect.objectContaining({ type: 'PartialDecryptionRejected', data: expect.objectContaining({ trusteeIndex: 1, check: 'partial-decryption.proof' }) }),
        ]);
      }
    });

    it('refuses a proof made with the retired v1 context (urna/v1/partial-decryption: no box, no count)', () => {
      const v1 = [{ id: 'A', c: total }, { id: 'B', c: other }].map(({ id, c }) => {
        const x = share(1);
        const d = group.mul(c.alpha, x);
        const optionId = tallyOptionId('PRES', id);
        const proof = proveDleq('urna/v1/partial-decryption', [context.baseHash, utf8(optionId), u32(1), element(c.beta)],
          { g1: group.generator, h1: group.decode(fromHex(verificationKeys['1'], 32)), g2: c.alpha, h2: d }, x);
        return { trustee: 1, optionId, share: elementHex(d), proof: { challenge: scalarHex(proof.challenge), response: scalarHex(proof.response) } };
      });
      expect(spec([started, totals]).when(post(1, undefined, undefined, v1)).events()).toEqual([
        expect.objectContaining({ type: 'PartialDecryptionRejected', data: expect.objectContaining({ trusteeIndex: 1, check: 'partial-decryption.proof' }) }),
      ]);
    });

    it('a version 1 PartialDecryptionPosted in the stream is never combined, and its trustee may post again', () => {
      const [p1] = spec([started, totals]).when(post(1)).events();
      const [p2] = spec([started, totals]).when(post(2)).events();
      const { ballotBoxHash: _h, ballots: _b, ...v1Data } = p1.data as Record<string, unknown>;
      const v1: TallyEvent = { type: 'PartialDecryptionPosted', data: v1Data } as TallyEvent;
      const counts = [{ optionId: 'A', count: 3 }, { optionId: 'B', count: 1 }];
      spec([started, totals, v1, p2]).when({ type: 'PublishResults', electionId, contestId: 'PRES', counts, trustees: [1, 2] }).thenFails('TRUSTEE_NOT_POSTED');
      expect(spec([started, totals, v1]).when(post(1)).events()[0].type).toBe('PartialDecryptionPosted');
    });

    it('refuses a contest total whose ballot count exceeds the box, or is not a count', () => {
      for (const ballots of [5, -1, 1.5]) {
        spec([started]).when({ type: 'RecordEncryptedTally', electionId, contestId: 'PRES', ballots, options: [] }).thenFails('BALLOTS_OUT_OF_RANGE');
      }
    });
  });
});
