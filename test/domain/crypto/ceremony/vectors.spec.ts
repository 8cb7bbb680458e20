import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { receiveRound1, receiveShare, verifyCeremonyTranscript, type Round2Message } from '../../../../src/domain/crypto/ceremony';
import { buildCeremonyVectors, buildTallyVectors, vectorJson } from './ceremony-tally-vectors';

const dir = join(__dirname, '..', '..', '..', '..', 'docs', 'spec', 'vectors');

describe('published ceremony and tally vectors', () => {
  it('ceremony.json is exactly what the code computes', () => {
    expect(vectorJson(buildCeremonyVectors())).toBe(readFileSync(join(dir, 'ceremony.json'), 'utf8'));
  });

  it('tally.json is exactly what the code computes', () => {
    expect(vectorJson(buildTallyVectors())).toBe(readFileSync(join(dir, 'tally.json'), 'utf8'));
  });

  it('the published transcripts verify as published (read from the file, not rebuilt)', () => {
    const file = JSON.parse(readFileSync(join(dir, 'ceremony.json'), 'utf8'));
    for (const c of file.cases) {
      const v = verifyCeremonyTranscript(c.transcript);
      expect(v.publicKey).toBe(c.expected.publicKey);
      expect(v.qualified).toEqual(c.expected.qualified);
    }
    expect(file.cases[1].expected.verdicts[0]).toMatchObject({ guilty: 'dealer', guiltyTrustee: 3, complainant: 1 });
  });

  it('the copied-ephemeral-key case, read from the file, is rejected: dealer 3 out for its envelope proof, no complaint, nothing opened', () => {
    const file = JSON.parse(readFileSync(join(dir, 'ceremony.json'), 'utf8'));
    const c = file.cases.find((x: { name: string }) => x.name === 'copied-ephemeral-key');
    const dealt = (dealer: number) => c.transcript.round2.find((m: Round2Message) => m.dealer === dealer) as Round2Message;
    // It really is the attack: dealer 3's envelope to trustee 1 carries dealer 2's R (and the rest of dealer 2's envelope).
    const forged = dealt(3).envelopes.find((e) => e.recipient === 1)!;
    expect(forged).toEqual(dealt(2).envelopes.find((e) => e.recipient === 1));
    const v = verifyCeremonyTranscript(c.transcript);
    expect(v.ok).toBe(true);
    expect(v.qualified).toEqual([1, 2]);
    expect(v.disqualified).toEqual([expect.objectContaining({ trustee: 3, check: 'round2.envelope-proof' })]);
    expect(v.failures).toEqual([expect.objectContaining({ check: 'round2.envelope-proof', trustee: 3, field: 'envelopes[0].ephemeralKeyProof' })]);
    expect(c.transcript.complaints).toEqual([]);
    expect(v.verdicts).toEqual([]);
    expect(c.expected).toMatchObject({ qualified: v.qualified, disqualified: v.disqualified, publicKey: v.publicKey });
    // The recipient itself finds the dealer publicly invalid and so has nothing to complain about.
    const { participants } = receiveRound1(c.params, c.transcript.round1);
    const trustee1 = c.secrets.find((s: { trustee: number }) => s.trustee === 1);
    expect(receiveShare(c.params, trustee1, participants, dealt(3))).toMatchObject({ kind: 'dealer-publicly-invalid', dealer: 3 });
  });
});
