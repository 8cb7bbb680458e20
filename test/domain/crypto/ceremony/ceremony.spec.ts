import { group } from '../../../../src/domain/crypto/active-group';
import {
  evaluateCeremony,
  judgeComplaint,
  receiveRound1,
  sealShare,
  shareEnvelopeJson,
  verifyRound2Message,
  ceremonyContext,
  verifyCeremonyTranscript,
  createComplaint,
  type CeremonyParams,
  type Round2Message,
  type Round1Parsed,
} from '../../../../src/domain/crypto/ceremony';
import { fromHex } from '../../../../src/domain/crypto/hash';
import { mod, randomScalar } from '../../../../src/domain/crypto/scalar';
import { lagrangeAtZero } from '../../../../src/domain/crypto/tally/lagrange';
import { elementHex, readScalar } from '../../../../src/domain/crypto/ceremony/wire';
import { dealtEnvelope, flipByte } from './dealt-envelope';
import { simulateCeremony } from './simulate-ceremony';

const params: CeremonyParams = { ceremonyId: 'test-5-of-3', n: 5, t: 3 };

/** The test (only the test) may add up the dealers' constant terms to know the whole key. */
function wholeSecret(sim: ReturnType<typeof simulateCeremony>, qualified: readonly number[]): bigint {
  return qualified.reduce((acc, i) => {
    const a0 = readScalar(sim.secrets.get(i)!.coefficients[0], 't', 'a0');
    if (!a0.ok) throw new Error('bad secret');
    return mod(acc + a0.value);
  }, 0n);
}

/** Dealer `dealer` re-seals the envelope for `recipient` with share + 1: well encrypted, wrong value. */
function corruptShareFor(dealer: number, recipient: number) {
  return (m: Round2Message, participants: ReadonlyMap<number, Round1Parsed>): Round2Message => {
    if (m.dealer !== dealer) return m;
    return {
      ...m,
      envelopes: m.envelopes.map((e) => {
        if (e.recipient !== recipient) return e;
        const wrong = sealShare(ceremonyContext(params), dealer, recipient, participants.get(recipient)!.transportKey, 12345n, randomScalar());
        return shareEnvelopeJson(recipient, wrong);
      }),
    };
  };
}

describe('key ceremony (DKG), n = 5, t = 3', () => {
  const honest = simulateCeremony(params);

  it('an honest ceremony verifies and every trustee ends with a consistent share', () => {
    const v = verifyCeremonyTranscript(honest.transcript);
    expect(v.ok).toBe(true);
    expect(v.failures).toEqual([]);
    expect(v.qualified).toEqual([1, 2, 3, 4, 5]);
    expect(honest.complaints).toEqual([]);
    const s = wholeSecret(honest, v.qualified);
    expect(v.publicKey).toBe(elementHex(group.mul(group.generator, s)));
    for (const [j, k] of honest.keys!) {
      expect(elementHex(k.publicKey)).toBe(v.publicKey);
      expect(group.equals(group.mul(group.generator, k.share), k.verificationKeys.get(j)!)).toBe(true);
      expect(v.verificationKeys!.find((x) => x.trustee === j)!.key).toBe(elementHex(k.verificationKeys.get(j)!));
    }
  });

  it('the shares lie on one polynomial of degree t − 1 whose value at 0 is the (never computed) key', () => {
    const keys = honest.keys!;
    const s = wholeSecret(honest, [1, 2, 3, 4, 5]);
    const subset = [1, 3, 5];
    const lambdas = lagrangeAtZero(subset);
    expect(subset.reduce((acc, j) => mod(acc + lambdas.get(j)! * keys.get(j)!.share), 0n)).toBe(s);
    const two = lagrangeAtZero([2, 4]);
    expect(mod(two.get(2)! * keys.get(2)!.share + two.get(4)! * keys.get(4)!.share)).not.toBe(s);
  });

  it('a cheating dealer is caught by the complaint and the verdict names the dealer', () => {
    const sim = simulateCeremony(params, { tamperRound2: corruptShareFor(2, 4) });
    expect(sim.complaints).toHaveLength(1);
    expect(sim.complaints[0]).toMatchObject({ complainant: 4, dealer: 2 });
    const v = verifyCeremonyTranscript(sim.transcript);
    expect(v.ok).toBe(true);
    expect(v.verdicts).toEqual([expect.objectContaining({ guilty: 'dealer', guiltyTrustee: 2, reason: 'share-inconsistent-with-commitments' })]);
    expect(v.qualified).toEqual([1, 3, 4, 5]);
    expect(v.disqualified).toEqual([expect.objectContaining({ trustee: 2, check: 'complaint.share-inconsistent-with-commitments' })]);
    expect(v.publicKey).toBe(elementHex(group.mul(group.generator, wholeSecret(sim, [1, 3, 4, 5]))));
    // Everyone (including the cheater, as a share holder) still finalizes consistently without dealer 2.
    for (const [j, k] of sim.keys!) expect(group.equals(group.mul(group.generator, k.share), k.verificationKeys.get(j)!)).toBe(true);
  });

  it('a dealer whose envelope does not authenticate is named (MAC)', () => {
    // Dealer 5 changes a ciphertext byte after sealing and proves knowledge of r over the changed
    // bytes (it can: it chose r), so the envelope is publicly valid and only trustee 1 sees the MAC fail.
    const sim = simulateCeremony(params, {
      tamperRound2: (m, participants) =>
        m.dealer !== 5
          ? m
          : {
              ...m,
              envelopes: m.envelopes.map((e) =>
                e.recipient !== 1 ? e : dealtEnvelope(params, 5, 1, participants.get(1)!.transportKey, 12345n, { edit: (b) => ({ ...b, ciphertext: flipByte(b.ciphertext, 0, 0xff) }) }),
              ),
            },
    });
    const v = verifyCeremonyTranscript(sim.transcript);
    expect(v.verdicts).toEqual([expect.objectContaining({ guilty: 'dealer', guiltyTrustee: 5, complainant: 1, reason: 'envelope-mac-invalid' })]);
    expect(v.qualified).toEqual([1, 2, 3, 4]);
  });

  it('an envelope byte changed by anyone but its dealer (no new key proof) disqualifies the dealer in public, and nobody complains', () => {
    const sim = simulateCeremony(params, {
      tamperRound2: (m) =>
        m.dealer !== 5 ? m : { ...m, envelopes: m.envelopes.map((e) => (e.recipient === 1 ? { ...e, ciphertext: 'ff' + e.ciphertext.slice(2) } : e)) },
    });
    expect(sim.complaints).toEqual([]);
    const v = verifyCeremonyTranscript(sim.transcript);
    expect(v.disqualified).toEqual([expect.objectContaining({ trustee: 5, check: 'round2.envelope-proof' })]);
    expect(v.verdicts).toEqual([]);
    expect(v.qualified).toEqual([1, 2, 3, 4]);
  });

  it('a round-2 message of version 1 (no envelope proofs) is refused, saying why', () => {
    const { participants } = receiveRound1(params, honest.round1);
    const m = honest.round2[0];
    const v1 = { ...m, version: 1, envelopes: m.envelopes.map(({ ephemeralKeyProof: _p, ...e }) => e) };
    const v = verifyRound2Message(params, new Set(participants.keys()), v1);
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.failures).toContainEqual(expect.objectContaining({ check: 'round2.version', trustee: m.dealer, reason: expect.stringMatching(/lack envelope proofs/) }));
    // Even with its proofs kept, version 1 is refused: the version says which checks apply.
    expect(verifyRound2Message(params, new Set(participants.keys()), { ...m, version: 1 })).toMatchObject({ ok: false });
    const t = verifyCeremonyTranscript({ ...honest.transcript, round2: honest.round2.map((x) => (x === m ? v1 : x)) });
    expect(t.disqualified).toEqual([expect.objectContaining({ trustee: m.dealer, check: 'round2.version' })]);
  });

  it('a false complaint names the complainant and keeps the dealer qualified', () => {
    const sim = simulateCeremony(params, {
      extraComplaints: ({ round2, secrets, round1 }) => {
        // Trustee 3 complains about dealer 1's perfectly good envelope.
        const env = round2.find((m) => m.dealer === 1)!.envelopes.find((e) => e.recipient === 3)!;
        const e3 = readScalar(secrets.get(3)!.transportSecret, 't', 'e');
        if (!e3.ok) throw new Error();
        const r = group.decode(fromHex(env.ephemeralKey));
        const sealed = { ephemeralKey: r, ciphertext: fromHex(env.ciphertext), mac: fromHex(env.mac) };
        const e3Key = group.decode(fromHex(round1.find((m) => m.trustee === 3)!.transportKey));
        return [createComplaint(params, 3, 1, e3Key, e3.value, sealed, group.mul(r, e3.value))];
      },
    });
    const v = verifyCeremonyTranscript(sim.transcript);
    expect(v.verdicts).toEqual([expect.objectContaining({ guilty: 'complainant', guiltyTrustee: 3, dealer: 1, reason: 'share-valid' })]);
    expect(v.falseComplainants).toEqual([3]);
    expect(v.qualified).toEqual([1, 2, 3, 4, 5]);
    expect(v.verdicts[0].revealedShare).toMatch(/^[0-9a-f]{64}$/);
    expect(sim.keys).toBeDefined();
  });

  it('a malformed complaint names its author and leaves QUAL as it was (crypto-ceremony-tally.md §3.5)', () => {
    const sim = simulateCeremony(params, {
      // Trustee 2 files a complaint about dealer 4 whose shared secret is not an element.
      extraComplaints: () => [{
        type: 'urna.dkg.complaint', version: 1, ceremonyId: params.ceremonyId, complainant: 2, dealer: 4,
        sharedSecret: 'zz', proof: { challenge: '01'.padEnd(64, '0'), response: '02'.padEnd(64, '0') },
      } as never],
    });
    const v = verifyCeremonyTranscript(sim.transcript);
    expect(v.verdicts).toEqual([expect.objectContaining({ guilty: 'complainant', guiltyTrustee: 2, dealer: 4, reason: 'complaint-malformed' })]);
    expect(v.falseComplainants).toEqual([2]);
    // Neither the dealer nor the complainant leaves QUAL: both dealings count in K.
    expect(v.disqualified).toEqual([]);
    expect(v.qualified).toEqual([1, 2, 3, 4, 5]);
    expect(v.ok).toBe(true);
    expect(v.publicKey).toBe(elementHex(group.mul(group.generator, wholeSecret(sim, [1, 2, 3, 4, 5]))));
    expect(elementHex(sim.keys!.get(2)!.publicKey)).toBe(v.publicKey);
  });

  it('a complaint whose DLEQ proof does not hold (a made-up shared secret) names the complainant', () => {
    const { participants } = receiveRound1(params, honest.round1);
    const complaint = {
      type: 'urna.dkg.complaint',
      version: 1,
      ceremonyId: params.ceremonyId,
      complainant: 2,
      dealer: 4,
      sharedSecret: elementHex(group.mul(group.generator, 7n)),
      proof: { challenge: '01'.padEnd(64, '0'), response: '02'.padEnd(64, '0') },
    };
    const round2 = honest.round2.find((m) => m.dealer === 4);
    expect(judgeComplaint(params, complaint, participants, round2)).toMatchObject({ guilty: 'complainant', guiltyTrustee: 2, reason: 'complaint-proof-invalid' });
    // A complaint with garbage in it is still judged, never thrown on.
    expect(judgeComplaint(params, { ...complaint, sharedSecret: 'zz' }, participants, round2)).toMatchObject({ guilty: 'complainant', reason: 'complaint-malformed' });
    expect(judgeComplaint(params, { ...complaint, dealer: 9 }, participants, round2)).toMatchObject({ kind: 'unjudgeable' });
  });

  it('a dealer that leaves out an envelope is disqualified without any complaint', () => {
    const sim = simulateCeremony(params, { tamperRound2: (m) => (m.dealer === 3 ? { ...m, envelopes: m.envelopes.filter((e) => e.recipient !== 5) } : m) });
    const v = verifyCeremonyTranscript(sim.transcript);
    expect(v.disqualified).toEqual([expect.objectContaining({ trustee: 3, check: 'round2.envelope-missing' })]);
    expect(v.qualified).toEqual([1, 2, 4, 5]);
  });

  it('fails (and says so) when fewer than t dealers qualify', () => {
    const transcript = { ...honest.transcript, round2: honest.round2.filter((m) => m.dealer <= 2) };
    const v = verifyCeremonyTranscript(transcript);
    expect(v.ok).toBe(false);
    expect(v.failures.map((f) => f.check)).toContain('ceremony.too-few-qualified');
    expect(v.publicKey).toBeUndefined();
  });

  it('never throws on hostile transcripts', () => {
    for (const hostile of [null, 42, 'x', {}, { params: { ceremonyId: '', n: 0, t: 0 } }, { params, round1: 'no', round2: [], complaints: [] },
      { params, round1: [null, 1, 'a', { trustee: 99 }, { trustee: 1, commitments: null }], round2: [{ dealer: 'x' }, null], complaints: [null, { complainant: 1, dealer: 1 }] }]) {
      const v = evaluateCeremony(hostile);
      expect(v.ok).toBe(false);
      expect(v.failures.length).toBeGreaterThan(0);
    }
  });
});
