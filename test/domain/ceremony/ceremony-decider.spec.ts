import { ceremonyDecider } from '../../../src/domain/ceremony/decider';
import type { CeremonyCommand } from '../../../src/domain/ceremony/commands';
import type { CeremonyEvent } from '../../../src/domain/ceremony/events';
import { ceremonyPhase } from '../../../src/domain/ceremony/state';
import { transcriptHash, transcriptOf } from '../../../src/domain/ceremony/transcript-hash';
import { sealedShareMessage, shareCheckMessage, signingKeyFingerprint, statementBytes, verifyTrusteeSignature } from '../../../src/domain/ceremony/trustee-signature';
import { createRound1, createRound2, evaluateCeremony, receiveRound1 } from '../../../src/domain/crypto/ceremony';
import { specFor } from '../decider-spec';
import { trusteeKey } from '../../support/trustee-keys';

const spec = specFor(ceremonyDecider);
const ID = 'e1';
const CEREMONY = 'c1';
const keys = [1, 2, 3, 4].map((i) => trusteeKey(i));
const keyOf = (i: number) => keys[i - 1];
const enrolled = (i: number, signingKey: string | undefined = keyOf(i).signingKey): CeremonyEvent =>
  ({ type: 'TrusteeEnrolled', data: { electionId: ID, trusteeIndex: i, trusteeId: `t${i}`, name: `T${i}`, tokenSerial: `S${i}`, ...(signingKey ? { signingKey } : {}) } });
const opened: CeremonyEvent = { type: 'CeremonyOpened', data: { electionId: ID, ceremonyId: CEREMONY, threshold: 2, trustees: 3, notary: 'N' } };
const params = { ceremonyId: CEREMONY, n: 3, t: 2 };
const SEALED = { sealed: true };
const enrol = (i: number, over: Record<string, unknown> = {}) => ({ type: 'EnrolTrustee' as const, electionId: ID, trusteeIndex: i, trusteeId: `t${i}`, name: `T${i}`, tokenSerial: `S${i}`, signingKey: keyOf(i).signingKey, ...over });
const sign = (i: number, kind: Parameters<typeof verifyTrusteeSignature>[2]['kind'], message: unknown, by = keyOf(i)) =>
  by.sign({ electionId: ID, scope: CEREMONY, kind, trusteeIndex: i, message });

describe('ceremony decider', () => {
  it('enrols with a signing key; refuses enrolment after opening, duplicate serials and keys, and a key that is not one', () => {
    spec([enrolled(1)]).when(enrol(2, { tokenSerial: 'S1' })).thenFails('DUPLICATE_TOKEN_SERIAL');
    spec([enrolled(1)]).when(enrol(1, { trusteeId: 'tx', tokenSerial: 'SX' })).thenFails('DUPLICATE_TRUSTEE_INDEX');
    spec([enrolled(1), enrolled(2), enrolled(3), opened]).when(enrol(4)).thenFails('CEREMONY_ALREADY_OPENED');
    // One token's key cannot speak for two trustees.
    spec([enrolled(1)]).when(enrol(2, { signingKey: keyOf(1).signingKey })).thenFails('DUPLICATE_SIGNING_KEY');
    for (const bad of [undefined, '', 'zz'.repeat(32), keyOf(2).signingKey.toUpperCase(), keyOf(2).signingKey.slice(2),
      '0'.repeat(64), // the identity: small order
      'ff'.repeat(31) + '7f']) { // not a canonical point encoding
      spec([]).when(enrol(2, { signingKey: bad })).thenFails('INVALID_SIGNING_KEY');
    }
    expect(spec([]).when(enrol(2)).events()).toEqual([enrolled(2)]);
  });

  it('opens only when configured, with n ≥ t ≥ 2', () => {
    const base = [enrolled(1), enrolled(2), enrolled(3)];
    const open = (threshold: number, configurationPresent = true) => ({ type: 'OpenCeremony' as const, electionId: ID, ceremonyId: CEREMONY, threshold, notary: 'N', configurationPresent });
    spec(base).when(open(2, false)).thenFails('ELECTION_NOT_CONFIGURED');
    spec(base).when(open(1)).thenFails('INVALID_THRESHOLD');
    spec(base).when(open(4)).thenFails('INVALID_THRESHOLD');
    spec(base).when(open(2)).then([opened]);
  });

  describe('a round 1 counts only as the trustee whose enrolled key signed it', () => {
    const given = [enrolled(1), enrolled(2), enrolled(3), opened];
    const { message } = createRound1(params, 1);
    const publish = (signature: string | undefined, m = message) => ({ type: 'PublishRound1' as const, electionId: ID, message: m, signature: signature as string });

    it('accepts it signed, and records the signature beside the message', () => {
      const signature = sign(1, 'CeremonyRound1Published', message);
      spec(given).when(publish(signature)).then([{ type: 'CeremonyRound1Published', data: { electionId: ID, message, signature } }]);
    });

    it('refuses it unsigned, forged, signed by another trustee, or re-attributed to another trustee', () => {
      spec(given).when(publish(undefined)).thenFails('SIGNATURE_MISSING');
      spec(given).when(publish('')).thenFails('SIGNATURE_MISSING');
      const genuine = sign(1, 'CeremonyRound1Published', message);
      const forged = (genuine[0] === '0' ? '1' : '0') + genuine.slice(1);
      spec(given).when(publish(forged)).thenFails('INVALID_SIGNATURE');
      spec(given).when(publish('ab'.repeat(32))).thenFails('INVALID_SIGNATURE');
      // Trustee 2 signs a message that names trustee 1: it is refused, it does not count as 1's.
      spec(given).when(publish(sign(1, 'CeremonyRound1Published', message, keyOf(2)))).thenFails('INVALID_SIGNATURE');
      // Trustee 2's own genuine message, re-attributed to trustee 1 (its `trustee` changed): refused.
      const twos = createRound1(params, 2).message;
      spec(given).when(publish(sign(2, 'CeremonyRound1Published', twos), { ...twos, trustee: 1 })).thenFails('INVALID_SIGNATURE');
      // A signature made for another ceremony, another election or another kind never verifies here.
      spec(given).when(publish(keyOf(1).sign({ electionId: ID, scope: 'c0', kind: 'CeremonyRound1Published', message }))).thenFails('INVALID_SIGNATURE');
      spec(given).when(publish(keyOf(1).sign({ electionId: 'e0', scope: CEREMONY, kind: 'CeremonyRound1Published', message }))).thenFails('INVALID_SIGNATURE');
      spec(given).when(publish(sign(1, 'CeremonySharesDealt', message))).thenFails('INVALID_SIGNATURE');
    });

    it('refuses a trustee enrolled without a key (version 1), a tampered message and the wrong phase', () => {
      spec([enrolled(1, ''), enrolled(2), enrolled(3), opened]).when(publish(sign(1, 'CeremonyRound1Published', message))).thenFails('TRUSTEE_HAS_NO_SIGNING_KEY');
      const tampered = { ...message, commitments: [message.commitments[1], message.commitments[0]] };
      spec(given).when(publish(sign(1, 'CeremonyRound1Published', tampered), tampered)).thenFails('INVALID_ROUND1');
      spec([enrolled(1), enrolled(2), enrolled(3)]).when(publish(sign(1, 'CeremonyRound1Published', message))).thenFails('WRONG_CEREMONY_PHASE');
    });
  });

  it('runs a whole signed ceremony to CeremonyCompleted whose transcript hash the notary witnessed; refuses every unsigned step', () => {
    let events: CeremonyEvent[] = [enrolled(1), enrolled(2), enrolled(3), opened];
    const state = () => events.reduce(ceremonyDecider.evolve, ceremonyDecider.initialState());
    const step = (c: CeremonyCommand) => (events = [...events, ...ceremonyDecider.decide(c, state())]);
    const refusedCode = (c: CeremonyCommand) => {
      try {
        ceremonyDecider.decide(c, state());
      } catch (err) {
        return (err as { code?: string }).code;
      }
      return 'accepted';
    };
    const r1 = [1, 2, 3].map((i) => createRound1(params, i));
    for (const r of r1) step({ type: 'PublishRound1', electionId: ID, message: r.message, signature: sign(r.message.trustee, 'CeremonyRound1Published', r.message) });
    const { participants } = receiveRound1(params, r1.map((r) => r.message));
    const r2 = r1.map((r) => createRound2(params, r.secrets, participants));
    expect(refusedCode({ type: 'DealShares', electionId: ID, message: r2[0], signature: sign(1, 'CeremonySharesDealt', r2[0], keyOf(3)) })).toBe('INVALID_SIGNATURE');
    expect(refusedCode({ type: 'DealShares', electionId: ID, message: r2[0], signature: undefined as never })).toBe('SIGNATURE_MISSING');
    for (const m of r2) step({ type: 'DealShares', electionId: ID, message: m, signature: sign(m.dealer, 'CeremonySharesDealt', m) });
    const report = (j: number, by = keyOf(j)) => ({ type: 'ReportShareCheck' as const, electionId: ID, trusteeIndex: j, complaints: [], signature: sign(j, 'CeremonySharesChecked', shareCheckMessage(j, []), by) });
    // A share-check report in trustee 1's name, signed by trustee 2: refused.
    expect(refusedCode(report(1, keyOf(2)))).toBe('INVALID_SIGNATURE');
    for (const j of [1, 2, 3]) step(report(j));
    expect(ceremonyPhase(state())).toBe('sealing');
    expect(state().signatures.checked['2']).toBe(report(2).signature);
    const outcome = evaluateCeremony(transcriptOf(state()));
    const seal = (j: number, key: string, by = keyOf(j)) => {
      const message = sealedShareMessage({ trusteeIndex: j, tokenSerial: `S${j}`, verificationKey: key, sealed: SEALED });
      return { type: 'SealFinalShare' as const, electionId: ID, ...message, signature: sign(j, 'TrusteeShareSealed', message, by) };
    };
    // The decider checks each verification key against the transcript, and who sealed.
    expect(refusedCode(seal(1, r1[0].message.commitments[0]))).toBe('VERIFICATION_KEY_MISMATCH');
    expect(refusedCode(seal(1, outcome.verificationKeys!.find((k) => k.trustee === 1)!.key, keyOf(2)))).toBe('INVALID_SIGNATURE');
    for (const k of outcome.verificationKeys!) step(seal(k.trustee, k.key));
    const hash = transcriptHash(transcriptOf(state()));
    expect(() => step({ type: 'WitnessCeremony', electionId: ID, notary: 'N', transcriptHash: '0'.repeat(64), now: 'x' })).toThrow(/TRANSCRIPT|transcripción/);
    step({ type: 'WitnessCeremony', electionId: ID, notary: 'N', transcriptHash: hash, now: '2024-05-01T00:00:00Z' });
    step({ type: 'CompleteCeremony', electionId: ID });
    const completed = state().completed!;
    expect(completed).toMatchObject({ qualified: [1, 2, 3], publicKey: outcome.publicKey, transcriptHash: hash });
    expect(ceremonyDecider.decide({ type: 'CompleteCeremony', electionId: ID }, state())).toEqual([]);
    // The signature is not part of the transcript: its hash is the version-1 formula's.
    expect(Object.keys(transcriptOf(state()))).toEqual(['params', 'round1', 'round2', 'complaints']);
  });

  it('still folds a version-1 ceremony (no keys, no signatures)', () => {
    const { message } = createRound1(params, 1);
    const v1: CeremonyEvent[] = [enrolled(1, ''), enrolled(2, ''), enrolled(3, ''), opened, { type: 'CeremonyRound1Published', data: { electionId: ID, message } }];
    const s = v1.reduce(ceremonyDecider.evolve, ceremonyDecider.initialState());
    expect(s.trustees['1'].signingKey).toBeUndefined();
    expect(s.round1['1']).toEqual(message);
    expect(s.signatures.round1).toEqual({});
  });
});

describe('trustee statement framing (docs/spec/crypto-ceremony-tally.md §7)', () => {
  it('is frame(tag, election, scope, kind, u32(trustee), JCS(message)), byte for byte', () => {
    const bytes = statementBytes({ electionId: 'e', scope: 'c', kind: 'CeremonySharesChecked', trusteeIndex: 2, message: { trusteeIndex: 2, complaints: [] } });
    const hex = Buffer.from(bytes).toString('hex');
    const tag = Buffer.from('urna/v1/trustee-signature').toString('hex');
    const part = (s: string) => Buffer.from(s).length.toString(16).padStart(8, '0') + Buffer.from(s).toString('hex');
    expect(hex).toBe(`00000019${tag}00000005${part('e')}${part('c')}${part('CeremonySharesChecked')}0000000400000002${part('{"complaints":[],"trusteeIndex":2}')}`);
  });

  it('the fingerprint is hex(SHA-256(key))', () => {
    expect(signingKeyFingerprint('00'.repeat(32))).toBe('66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925');
  });
});
