import { ceremonyDecider } from '../../../src/domain/ceremony/decider';
import type { CeremonyEvent } from '../../../src/domain/ceremony/events';
import { ceremonyPhase } from '../../../src/domain/ceremony/state';
import { transcriptHash, transcriptOf } from '../../../src/domain/ceremony/transcript-hash';
import { createRound1, createRound2, receiveRound1 } from '../../../src/domain/crypto/ceremony';
import { specFor } from '../decider-spec';

const spec = specFor(ceremonyDecider);
const ID = 'e1';
const enrolled = (i: number): CeremonyEvent => ({ type: 'TrusteeEnrolled', data: { electionId: ID, trusteeIndex: i, trusteeId: `t${i}`, name: `T${i}`, tokenSerial: `S${i}` } });
const opened: CeremonyEvent = { type: 'CeremonyOpened', data: { electionId: ID, ceremonyId: 'c1', threshold: 2, trustees: 3, notary: 'N' } };
const params = { ceremonyId: 'c1', n: 3, t: 2 };
const SEALED = { sealed: true };

describe('ceremony decider', () => {
  it('enrols, then refuses enrolment after opening and duplicate serials', () => {
    spec([enrolled(1)]).when({ type: 'EnrolTrustee', electionId: ID, trusteeIndex: 2, trusteeId: 't2', name: 'T2', tokenSerial: 'S1' }).thenFails('DUPLICATE_TOKEN_SERIAL');
    spec([enrolled(1)]).when({ type: 'EnrolTrustee', electionId: ID, trusteeIndex: 1, trusteeId: 'tx', name: 'X', tokenSerial: 'SX' }).thenFails('DUPLICATE_TRUSTEE_INDEX');
    spec([enrolled(1), enrolled(2), enrolled(3), opened]).when({ type: 'EnrolTrustee', electionId: ID, trusteeIndex: 4, trusteeId: 't4', name: 'T4', tokenSerial: 'S4' }).thenFails('CEREMONY_ALREADY_OPENED');
  });

  it('opens only when configured, with n ≥ t ≥ 2', () => {
    const base = [enrolled(1), enrolled(2), enrolled(3)];
    const open = (threshold: number, configurationPresent = true) => ({ type: 'OpenCeremony' as const, electionId: ID, ceremonyId: 'c1', threshold, notary: 'N', configurationPresent });
    spec(base).when(open(2, false)).thenFails('ELECTION_NOT_CONFIGURED');
    spec(base).when(open(1)).thenFails('INVALID_THRESHOLD');
    spec(base).when(open(4)).thenFails('INVALID_THRESHOLD');
    spec(base).when(open(2)).then([opened]);
  });

  it('accepts a valid round 1 with its sealed secrets; refuses a tampered one, a wrong token, the wrong phase', () => {
    const given = [enrolled(1), enrolled(2), enrolled(3), opened];
    const { message } = createRound1(params, 1);
    const publish = (m = message, tokenSerial = 'S1') => ({ type: 'PublishRound1' as const, electionId: ID, message: m, sealedSecrets: SEALED, tokenSerial });
    expect(spec(given).when(publish()).events().map((e) => e.type)).toEqual(['TrusteeSecretsSealed', 'CeremonyRound1Published']);
    spec(given).when(publish({ ...message, commitments: [message.commitments[1], message.commitments[0]] })).thenFails('INVALID_ROUND1');
    spec(given).when(publish(message, 'S2')).thenFails('WRONG_TOKEN');
    spec([enrolled(1), enrolled(2), enrolled(3)]).when(publish()).thenFails('WRONG_CEREMONY_PHASE');
  });

  it('runs a whole ceremony to CeremonyCompleted whose transcript hash the notary witnessed', () => {
    let events: CeremonyEvent[] = [enrolled(1), enrolled(2), enrolled(3), opened];
    const step = (c: Parameters<typeof ceremonyDecider.decide>[0]) => (events = [...events, ...ceremonyDecider.decide(c, events.reduce(ceremonyDecider.evolve, ceremonyDecider.initialState()))]);
    const r1 = [1, 2, 3].map((i) => createRound1(params, i));
    for (const r of r1) step({ type: 'PublishRound1', electionId: ID, message: r.message, sealedSecrets: SEALED, tokenSerial: `S${r.message.trustee}` });
    const { participants } = receiveRound1(params, r1.map((r) => r.message));
    for (const r of r1) step({ type: 'DealShares', electionId: ID, message: createRound2(params, r.secrets, participants) });
    for (const i of [1, 2, 3]) step({ type: 'ReportShareCheck', electionId: ID, trusteeIndex: i, complaints: [] });
    const state = () => events.reduce(ceremonyDecider.evolve, ceremonyDecider.initialState());
    expect(ceremonyPhase(state())).toBe('sealing');
    // The decider checks each verification key against the transcript.
    const wrongKey = () => step({ type: 'SealFinalShare', electionId: ID, trusteeIndex: 1, tokenSerial: 'S1', verificationKey: r1[0].message.commitments[0], sealed: SEALED });
    expect(wrongKey).toThrow(/verificación|verification/);
    const { evaluateCeremony } = jest.requireActual('../../../src/domain/crypto/ceremony');
    const outcome = evaluateCeremony(transcriptOf(state()));
    for (const k of outcome.verificationKeys) step({ type: 'SealFinalShare', electionId: ID, trusteeIndex: k.trustee, tokenSerial: `S${k.trustee}`, verificationKey: k.key, sealed: SEALED });
    const hash = transcriptHash(transcriptOf(state()));
    expect(() => step({ type: 'WitnessCeremony', electionId: ID, notary: 'N', transcriptHash: '0'.repeat(64), now: 'x' })).toThrow(/TRANSCRIPT|transcripción/);
    step({ type: 'WitnessCeremony', electionId: ID, notary: 'N', transcriptHash: hash, now: '2024-05-01T00:00:00Z' });
    step({ type: 'CompleteCeremony', electionId: ID });
    const completed = state().completed!;
    expect(completed).toMatchObject({ qualified: [1, 2, 3], publicKey: outcome.publicKey, transcriptHash: hash });
    expect(ceremonyDecider.decide({ type: 'CompleteCeremony', electionId: ID }, state())).toEqual([]);
  });
});
