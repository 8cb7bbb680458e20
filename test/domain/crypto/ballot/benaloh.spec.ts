import fc from 'fast-check';
import { encodeScalar, randomScalar } from '../../../../src/domain/crypto/scalar';
import { toHex } from '../../../../src/domain/crypto/hash';
import { encryptBallot } from '../../../../src/domain/crypto/ballot/encrypt-ballot';
import { auditSpoiledBallot, ballotCiphertexts, spoilBallot, SpoiledBallotJson } from '../../../../src/domain/crypto/ballot/benaloh';
import { clone, context, credential, styleA, styles, tables } from './fixtures';

type Mutable<T> = { -readonly [K in keyof T]: Mutable<T[K]> };

const selectionsArb = fc.record({
  presidencia: fc.integer({ min: 0, max: 3 }).map((i) => `presidencia-opt${i}`),
  senado: fc.integer({ min: 0, max: 2 }).map((i) => `senado-opt${i}`),
  diputacion: fc.integer({ min: 0, max: 1 }).map((i) => `diputacion-opt${i}`),
});

function spoil(selections: Record<string, string>) {
  const { ballot, secrets } = encryptBallot({ context, tables, style: styleA, credential, pseudonym: 'seudonimo-benaloh', selections });
  return spoilBallot(ballot, secrets);
}

describe('Benaloh challenge (spoiled ballot audit)', () => {
  it('an honest spoiled ballot audits and reveals exactly the voter\'s selections', () => {
    fc.assert(
      fc.property(selectionsArb, (selections) => {
        const spoiled = spoil(selections);
        expect(auditSpoiledBallot(spoiled, context, styles, spoiled.ballot.trackingCode)).toEqual({
          ok: true, trackingCode: spoiled.ballot.trackingCode, selections,
        });
      }),
      { numRuns: 8 },
    );
  });

  it('a booth that encrypted another choice than it reveals is caught', () => {
    fc.assert(
      fc.property(selectionsArb, selectionsArb, (encrypted, claimed) => {
        fc.pre(JSON.stringify(encrypted) !== JSON.stringify(claimed));
        const spoiled = { ...spoil(encrypted), selections: claimed };
        const audit = auditSpoiledBallot(spoiled, context, styles);
        expect(audit.ok).toBe(false);
        if (audit.ok) return;
        for (const contest of styleA.contests) {
          const differs = encrypted[contest.id as keyof typeof encrypted] !== claimed[contest.id as keyof typeof claimed];
          expect(audit.failures.some((f) => f.check === 'ciphertext' && f.contest === contest.id)).toBe(differs);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('a wrong nonce, a wrong shown tracking code, a tampered ballot or junk is caught', () => {
    const honest = spoil({ presidencia: 'presidencia-opt1', senado: 'senado-opt2', diputacion: 'diputacion-opt0' });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.nat(), (ci, o) => {
        const s = clone(honest) as Mutable<SpoiledBallotJson>;
        const oi = o % s.nonces[ci].length;
        s.nonces[ci][oi] = toHex(encodeScalar(randomScalar()));
        const audit = auditSpoiledBallot(s, context, styles);
        expect(audit).toEqual({ ok: false, failures: [expect.objectContaining({ check: 'ciphertext', contest: styleA.contests[ci].id, option: oi })] });
      }),
      { numRuns: 6 },
    );
    expect(auditSpoiledBallot(honest, context, styles, 'f'.repeat(64))).toEqual({ ok: false, failures: [expect.objectContaining({ check: 'shown-tracking-code' })] });
    const tampered = clone(honest) as Mutable<SpoiledBallotJson>;
    tampered.ballot.voterBinding = 'ab'.repeat(32);
    expect(auditSpoiledBallot(tampered, context, styles).ok).toBe(false);
    const badNonce = clone(honest) as Mutable<SpoiledBallotJson>;
    badNonce.nonces[0][0] = 'zz';
    expect(auditSpoiledBallot(badNonce, context, styles)).toEqual({ ok: false, failures: [expect.objectContaining({ check: 'encoding', field: 'nonces[0][0]' })] });
    const extra = { ...honest, selections: { ...honest.selections, consulta: 'x' } };
    expect(auditSpoiledBallot(extra, context, styles)).toEqual({ ok: false, failures: [expect.objectContaining({ check: 'selection', contest: 'consulta' })] });
    for (const junk of [null, 1, {}, { ...honest, nonces: 'x' }, { ...honest, nonces: [] }, { ...honest, selections: { presidencia: 3 } }]) {
      expect(auditSpoiledBallot(junk, context, styles).ok).toBe(false);
    }
  });

  it('the published spoiled ballot names no voter: no pseudonym, no binding nonce, a binding that differs per encryption', () => {
    const selections = { presidencia: 'presidencia-opt1', senado: 'senado-opt2', diputacion: 'diputacion-opt0' };
    const first = encryptBallot({ context, tables, style: styleA, credential, pseudonym: 'seudonimo-benaloh', selections });
    const again = encryptBallot({ context, tables, style: styleA, credential, pseudonym: 'seudonimo-benaloh', selections });
    const published = JSON.stringify(spoilBallot(first.ballot, first.secrets));
    expect(published).not.toContain('seudonimo-benaloh');
    expect(published).not.toContain(first.secrets.bindingNonce);
    expect(Object.keys(JSON.parse(published) as object).sort()).toEqual(['ballot', 'format', 'nonces', 'selections']);
    // The re-encryption after an audit has a fresh binding: the spoiled ballot links to nothing cast.
    expect(again.secrets.bindingNonce).not.toBe(first.secrets.bindingNonce);
    expect(again.ballot.voterBinding).not.toBe(first.ballot.voterBinding);
  });

  it('a spoiled ballot with a nonce of 0 (α = identity) does not audit: degenerate-ciphertext', () => {
    // Built by hand: the prover never draws 0, but a hostile booth might.
    const zero = encryptBallot({ context, tables, style: styleA, credential, pseudonym: 'p', selections: { presidencia: 'presidencia-opt0', senado: 'senado-opt0', diputacion: 'diputacion-opt0' }, random: (() => {
      let n = 0;
      return () => (n++ === 1 ? 0n : randomScalar()); // draw 0: binding nonce, then presidencia option 0's nonce
    })() });
    const audit = auditSpoiledBallot(spoilBallot(zero.ballot, zero.secrets), context, styles);
    expect(audit).toEqual({ ok: false, failures: [expect.objectContaining({ check: 'degenerate-ciphertext', contest: 'presidencia', option: 0 })] });
  });

  it('ballotCiphertexts lists every α and β, and tolerates junk', () => {
    const s = spoil({ presidencia: 'presidencia-opt1', senado: 'senado-opt2', diputacion: 'diputacion-opt0' });
    expect(ballotCiphertexts(s.ballot)).toHaveLength(2 * (4 + 3 + 2));
    expect(ballotCiphertexts(s.ballot)).toContain(s.ballot.contests[2].options[1].beta);
    for (const junk of [null, 1, {}, { contests: 'x' }, { contests: [null, { options: [null, { alpha: 1 }] }] }]) expect(ballotCiphertexts(junk)).toEqual([]);
  });
});
