import fc from 'fast-check';
import { group } from '../../../../src/domain/crypto/active-group';
import {
  decodeSecrets,
  evaluateCeremony,
  judgeComplaint,
  receiveRound1,
  receiveShare,
  verifyRound1Message,
  type CeremonyParams,
  type Round1Message,
  type Round2Message,
  type ShareEnvelope,
} from '../../../../src/domain/crypto/ceremony';
import { evaluatePolynomial } from '../../../../src/domain/crypto/ceremony/polynomial';
import { fromHex, toHex } from '../../../../src/domain/crypto/hash';
import { ORDER } from '../../../../src/domain/crypto/scalar';
import { elementHex, scalarHex } from '../../../../src/domain/crypto/ceremony/wire';
import { dealtEnvelope, flipByte } from './dealt-envelope';
import { simulateCeremony } from './simulate-ceremony';

/** Property tests: honest artefacts always verify; any single tampered field is rejected and
 * the failure names the trustee and the field. One honest ceremony is made once and mutated. */
const params: CeremonyParams = { ceremonyId: 'tamper-3-of-2', n: 3, t: 2 };
const honest = simulateCeremony(params);
const { participants } = receiveRound1(params, honest.round1);

const scalarArb = fc.bigInt({ min: 1n, max: ORDER - 1n });
/** Something that is not a valid encoding of the right kind: bad hex, wrong length, ≥ ℓ, non-canonical point. */
const garbageArb = fc.constantFrom('zz'.repeat(32), '00'.repeat(31), 'ab', '', 'ff'.repeat(32), '01'.padEnd(64, '0').replace(/^01/, '01'), 'ED'.repeat(32), null, 7);

type Field = 'commitment' | 'coefficient-challenge' | 'coefficient-response' | 'transport-key' | 'transport-challenge' | 'transport-response';

function tamper(m: Round1Message, field: Field, k: number, value: unknown): Round1Message {
  const proofs = m.coefficientProofs.map((p) => ({ ...p }));
  switch (field) {
    case 'commitment':
      return { ...m, commitments: m.commitments.map((c, x) => (x === k ? (value as string) : c)) };
    case 'coefficient-challenge':
      proofs[k] = { ...proofs[k], challenge: value as string };
      return { ...m, coefficientProofs: proofs };
    case 'coefficient-response':
      proofs[k] = { ...proofs[k], response: value as string };
      return { ...m, coefficientProofs: proofs };
    case 'transport-key':
      return { ...m, transportKey: value as string };
    case 'transport-challenge':
      return { ...m, transportKeyProof: { ...m.transportKeyProof, challenge: value as string } };
    case 'transport-response':
      return { ...m, transportKeyProof: { ...m.transportKeyProof, response: value as string } };
  }
}

const expectedField = (field: Field, k: number): RegExp =>
  ({
    commitment: new RegExp(`^(commitments|coefficientProofs)\\[${k}\\]`),
    'coefficient-challenge': new RegExp(`^coefficientProofs\\[${k}\\]`),
    'coefficient-response': new RegExp(`^coefficientProofs\\[${k}\\]`),
    'transport-key': /^transportKey/,
    'transport-challenge': /^transportKeyProof/,
    'transport-response': /^transportKeyProof/,
  })[field];

describe('ceremony artefacts under tampering (property tests)', () => {
  it('honest round-1 messages always verify', () => {
    for (const m of honest.round1) expect(verifyRound1Message(params, m)).toMatchObject({ ok: true });
    expect(evaluateCeremony(honest.transcript).failures).toEqual([]);
  });

  it('any single tampered round-1 field (valid-looking or garbage) is rejected, naming the trustee and the field', () => {
    const fieldArb = fc.constantFrom<Field>('commitment', 'coefficient-challenge', 'coefficient-response', 'transport-key', 'transport-challenge', 'transport-response');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: params.n }), fieldArb, fc.integer({ min: 0, max: params.t - 1 }), scalarArb, fc.boolean(), garbageArb, (i, field, k, s, useGarbage, garbage) => {
        const original = honest.round1[i - 1];
        // A well-formed substitute: another point, or another scalar.
        const wellFormed = field === 'commitment' || field === 'transport-key' ? elementHex(group.mul(group.generator, s)) : scalarHex(s);
        const tampered = tamper(original, field, k, useGarbage ? garbage : wellFormed);
        if (JSON.stringify(tampered) === JSON.stringify(original)) return; // the substitute happened to equal the original
        const v = verifyRound1Message(params, tampered);
        expect(v.ok).toBe(false);
        if (v.ok) return;
        expect(v.trustee).toBe(i);
        expect(v.failures.length).toBeGreaterThan(0);
        expect(v.failures.every((f) => f.trustee === i)).toBe(true);
        expect(v.failures.some((f) => expectedField(field, k).test(f.field ?? ''))).toBe(true);
        // And in a whole transcript the trustee is left out and named.
        const ceremony = evaluateCeremony({ ...honest.transcript, round1: honest.round1.map((m) => (m.trustee === i ? tampered : m)) });
        expect(ceremony.participants).not.toContain(i);
        expect(ceremony.failures.some((f) => f.trustee === i)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('any changed byte of an envelope, its key or its key proof, without a new proof, disqualifies the dealer in public, and its recipient does not complain', () => {
    type Part = 'ephemeralKey' | 'ciphertext' | 'mac' | 'challenge' | 'response';
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: params.n }),
        fc.integer({ min: 0, max: params.n - 2 }),
        fc.constantFrom<Part>('ephemeralKey', 'ciphertext', 'mac', 'challenge', 'response'),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 1, max: 255 }),
        (dealer, which, part, byte, xor) => {
          const m = honest.round2.find((x) => x.dealer === dealer)!;
          const env = m.envelopes[which];
          const flip = (hex: string) => toHex(flipByte(fromHex(hex), byte, xor));
          const changed: ShareEnvelope =
            part === 'challenge' || part === 'response'
              ? { ...env, ephemeralKeyProof: { ...env.ephemeralKeyProof, [part]: flip(env.ephemeralKeyProof[part]) } }
              : { ...env, [part]: flip(env[part]) };
          const tampered: Round2Message = { ...m, envelopes: m.envelopes.map((e, x) => (x === which ? changed : e)) };
          const receipt = receiveShare(params, honest.secrets.get(env.recipient)!, participants, tampered);
          expect(receipt.kind).toBe('dealer-publicly-invalid');
          if (receipt.kind !== 'dealer-publicly-invalid') return;
          expect(receipt.failures.every((f) => f.trustee === dealer && (f.field ?? '').startsWith(`envelopes[${which}]`))).toBe(true);
          const ceremony = evaluateCeremony({ ...honest.transcript, round2: honest.round2.map((x) => (x === m ? tampered : x)) });
          expect(ceremony.disqualified.map((d) => d.trustee)).toEqual([dealer]);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('any byte of an envelope changed by its dealer (who re-proves r) makes its recipient complain, and the verdict names the dealer', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: params.n }),
        fc.integer({ min: 0, max: params.n - 2 }),
        fc.constantFrom<'ciphertext' | 'mac'>('ciphertext', 'mac'),
        fc.integer({ min: 0, max: 31 }),
        fc.integer({ min: 1, max: 255 }),
        scalarArb,
        (dealer, which, part, byte, xor, r) => {
          const m = honest.round2.find((x) => x.dealer === dealer)!;
          const j = m.envelopes[which].recipient;
          const share = evaluatePolynomial(decodeSecrets(params, honest.secrets.get(dealer)!).coefficients, j);
          const key = participants.get(j)!.transportKey;
          const good = dealtEnvelope(params, dealer, j, key, share, { r });
          const bad = dealtEnvelope(params, dealer, j, key, share, { r, edit: (b) => ({ ...b, [part]: flipByte(b[part], byte, xor) }) });
          const withEnvelope = (e: ShareEnvelope): Round2Message => ({ ...m, envelopes: m.envelopes.map((x, k) => (k === which ? e : x)) });
          expect(receiveShare(params, honest.secrets.get(j)!, participants, withEnvelope(good))).toMatchObject({ kind: 'accepted', share });
          const receipt = receiveShare(params, honest.secrets.get(j)!, participants, withEnvelope(bad));
          expect(receipt.kind).toBe('complaint');
          if (receipt.kind !== 'complaint') return;
          const verdict = judgeComplaint(params, receipt.complaint, participants, withEnvelope(bad));
          expect(verdict).toMatchObject({ kind: 'verdict', guilty: 'dealer', guiltyTrustee: dealer, complainant: j });
          // The same complaint against the unchanged envelope (same R) is a false complaint.
          expect(judgeComplaint(params, receipt.complaint, participants, withEnvelope(good))).toMatchObject({ guilty: 'complainant', guiltyTrustee: j });
        },
      ),
      { numRuns: 12 },
    );
  });

  it('a tampered complaint (shared secret, DLEQ challenge or response) names the complainant', () => {
    const dealer = 1;
    const m = honest.round2.find((x) => x.dealer === dealer)!;
    const env = m.envelopes[0];
    const zeroMac = dealtEnvelope(params, dealer, env.recipient, participants.get(env.recipient)!.transportKey, 1n, { edit: (b) => ({ ...b, mac: new Uint8Array(32) }) });
    const broken: Round2Message = { ...m, envelopes: m.envelopes.map((e, x) => (x === 0 ? zeroMac : e)) };
    const receipt = receiveShare(params, honest.secrets.get(env.recipient)!, participants, broken);
    if (receipt.kind !== 'complaint') throw new Error('expected a complaint');
    const c = receipt.complaint;
    fc.assert(
      fc.property(fc.constantFrom('sharedSecret', 'challenge', 'response'), scalarArb, (field, s) => {
        const tampered =
          field === 'sharedSecret'
            ? { ...c, sharedSecret: elementHex(group.mul(group.generator, s)) }
            : { ...c, proof: { ...c.proof, [field]: scalarHex(s) } };
        expect(judgeComplaint(params, tampered, participants, broken)).toMatchObject({
          guilty: 'complainant',
          guiltyTrustee: env.recipient,
          reason: 'complaint-proof-invalid',
        });
      }),
      { numRuns: 12 },
    );
    expect(judgeComplaint(params, c, participants, broken)).toMatchObject({ guilty: 'dealer', guiltyTrustee: dealer, reason: 'envelope-mac-invalid' });
  });
});
