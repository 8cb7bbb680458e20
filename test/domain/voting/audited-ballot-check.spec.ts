/**
 * The independent check of an audited ballot (src/domain/voting/audited-ballot-check.ts), as the
 * board page and `urna check-audited` run it: an honest published ballot reads back as its
 * choices in words; a disclosure that claims other choices, another election key, a stated base
 * hash that is not this key's, or a published code that is not the ballot's, are each refused.
 */
import { encryptBallot } from '../../../src/domain/crypto/ballot/encrypt-ballot';
import { spoilBallot } from '../../../src/domain/crypto/ballot/benaloh';
import { toHex } from '../../../src/domain/crypto/hash';
import { group } from '../../../src/domain/crypto/active-group';
import { checkAuditedBallot, type AuditedElectionFacts } from '../../../src/domain/voting/audited-ballot-check';
import { clone, context, credential, publicKey, styleA, tables } from '../crypto/ballot/fixtures';

const facts: AuditedElectionFacts = {
  manifestHash: toHex(context.manifestHash),
  publicKey: toHex(group.encode(publicKey)),
  baseHash: toHex(context.baseHash),
  contests: styleA.contests.map((c) => ({ id: c.id, label: `Contienda ${c.id}`, options: c.optionIds.map((o) => ({ id: o, label: `Opción ${o}`, candidate: null })) })),
  ballotStyles: [{ id: styleA.id, contests: styleA.contests.map((c) => c.id) }],
};
const selections = { presidencia: 'presidencia-opt2', senado: 'senado-opt0', diputacion: 'diputacion-opt1' };
const { ballot, secrets } = encryptBallot({ context, tables, style: styleA, credential, pseudonym: 'seudonimo-auditado', selections });
const spoiled = spoilBallot(ballot, secrets);
const published = { trackingCode: ballot.trackingCode, ballot: spoiled.ballot, disclosure: { selections: spoiled.selections, nonces: spoiled.nonces } };

describe('audited ballot check (board page and CLI)', () => {
  it('an honest published audited ballot reads back as its choices, in words', () => {
    const r = checkAuditedBallot(facts, published);
    expect(r).toEqual({
      ok: true,
      trackingCode: ballot.trackingCode,
      choices: [
        { contestId: 'presidencia', contest: 'Contienda presidencia', optionId: 'presidencia-opt2', option: 'Opción presidencia-opt2', candidate: null },
        { contestId: 'senado', contest: 'Contienda senado', optionId: 'senado-opt0', option: 'Opción senado-opt0', candidate: null },
        { contestId: 'diputacion', contest: 'Contienda diputacion', optionId: 'diputacion-opt1', option: 'Opción diputacion-opt1', candidate: null },
      ],
    });
  });

  it('a disclosure that claims other choices than were encrypted is refused', () => {
    const lying = clone(published) as typeof published & { disclosure: { selections: Record<string, string> } };
    lying.disclosure.selections.presidencia = 'presidencia-opt0';
    const r = checkAuditedBallot(facts, lying);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.failures.some((f) => f.check === 'ciphertext' && f.contest === 'presidencia')).toBe(true);
  });

  it('another election key, a base hash that is not this key\'s, or a published code that is not the ballot\'s, are refused', () => {
    const otherKey = { ...facts, publicKey: toHex(group.encode(group.mul(group.generator, 7n))), baseHash: undefined };
    expect(checkAuditedBallot(otherKey, published).ok).toBe(false);
    expect(checkAuditedBallot({ ...facts, baseHash: '00'.repeat(32) }, published)).toMatchObject({ ok: false, failures: [{ check: 'election' }] });
    expect(checkAuditedBallot(facts, { ...published, trackingCode: '11'.repeat(32) })).toMatchObject({ ok: false, failures: [{ check: 'tracking-code' }] });
    expect(checkAuditedBallot({ ...facts, manifestHash: undefined }, published)).toMatchObject({ ok: false, failures: [{ check: 'election' }] });
  });
});
