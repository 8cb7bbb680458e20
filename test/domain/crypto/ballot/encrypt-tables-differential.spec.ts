import { group } from '../../../../src/domain/crypto/active-group';
import { electionContext } from '../../../../src/domain/crypto/election-context';
import { encrypt, encryptionTables, encryptionTablesInSlices, type EncryptionTables } from '../../../../src/domain/crypto/elgamal';
import { fromHex, hash256, hashToScalar, toHex, utf8 } from '../../../../src/domain/crypto/hash';
import { decodeScalar } from '../../../../src/domain/crypto/scalar';
import type { BallotStyle } from '../../../../src/domain/crypto/ballot/ballot-style';
import { encryptBallot } from '../../../../src/domain/crypto/ballot/encrypt-ballot';
import { simulateOrProve } from '../../../../src/domain/crypto/ballot/prove';
import { proofBinding } from '../../../../src/domain/crypto/ballot/proof-binding';
import { deriveCredentialKey } from '../../../../src/domain/crypto/credential/credential-key';
import { BOOTH_FIXED_BASE_WINDOW, WIDE_FIXED_BASE_WINDOW } from '../../../../src/domain/crypto/ristretto255-noble-msm';

/**
 * The encrypting side's speed-ups (wide affine fixed-base tables, no table pass for a message
 * of 0 or 1) change no byte: with the same randomness, a ballot encrypted through the tables
 * equals, byte for byte, one encrypted through the reference path, where every multiple is
 * noble's constant-time multiply (Group.mul) and m·G is a multiplication like any other.
 */
const reference = (base: ReturnType<typeof group.decode>) => ({ base, mul: (k: bigint) => group.mul(base, k) });
/** What encryptionTables was before: every multiple a multiplication, m·G included. */
const referenceTables = (publicKey: ReturnType<typeof group.decode>): EncryptionTables => ({ g: reference(group.generator), k: reference(publicKey) });

/** The booth's tables, built slice by slice as its page does (counting the pauses between slices). */
function builtInSlices(key: ReturnType<typeof group.decode>, window: number): { tables: EncryptionTables; pauses: number } {
  const slices = encryptionTablesInSlices(key, { window });
  for (let pauses = 0; ; pauses++) {
    const next = slices.next();
    if (next.done) return { tables: next.value, pauses };
  }
}

function seeded(tag: string): () => bigint {
  let i = 0;
  return () => hashToScalar('urna/test/encrypt-differential', utf8(tag), utf8(String(i++)));
}

const style: BallotStyle = {
  id: 'estilo-61',
  contests: [17, 17, 15, 12].map((n, c) => ({ id: `contienda-${c}`, optionIds: Array.from({ length: n }, (_, i) => `opcion-${i}`) })),
};
const publicKey = group.mul(group.generator, hashToScalar('urna/test/encrypt-differential', utf8('election key')));
const context = electionContext(hash256('urna/test/manifest', utf8('differential')), publicKey);
const credential = deriveCredentialKey('eleccion', 'v-aaaa-bbbb-cccc', '0123456789abcdef');

describe('encryption through the fixed-base tables is byte-identical to the reference path', () => {
  const fast = encryptionTables(publicKey);
  const slow = referenceTables(publicKey);
  const wide = encryptionTables(publicKey, { window: WIDE_FIXED_BASE_WINDOW });
  const booth = builtInSlices(publicKey, BOOTH_FIXED_BASE_WINDOW);

  it('the booth builds its tables in slices: the base\'s half, then one per window, for G and for K', () => {
    const windows = Math.ceil(254 / BOOTH_FIXED_BASE_WINDOW);
    // Per table a pause after halving its base and between windows; one between the two tables.
    expect(booth.pauses).toBe(2 * windows + 1);
    expect(builtInSlices(publicKey, 5).pauses).toBe(2 * Math.ceil(254 / 5) + 1);
    // G's table is kept for the next key (as generatorBase keeps it): K's half and windows only.
    expect(builtInSlices(group.mul(publicKey, 3n), BOOTH_FIXED_BASE_WINDOW).pauses).toBe(windows + 1);
  });

  it.each([0, 5, 16])('the largest ballot (61 options), choice %i in every contest', (choice) => {
    const selections = Object.fromEntries(style.contests.map((c) => [c.id, c.optionIds[Math.min(choice, c.optionIds.length - 1)]]));
    const signatureRandomness = new Uint8Array(32).fill(choice + 1);
    const input = { context, style, pseudonym: 'seudonimo', credential, selections, signatureRandomness };
    const ours = encryptBallot({ ...input, tables: fast, random: seeded(`ballot ${choice}`) });
    const theirs = encryptBallot({ ...input, tables: slow, random: seeded(`ballot ${choice}`) });
    expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
    expect(JSON.stringify(encryptBallot({ ...input, tables: wide, random: seeded(`ballot ${choice}`) }))).toBe(JSON.stringify(theirs));
    expect(JSON.stringify(encryptBallot({ ...input, tables: booth.tables, random: seeded(`ballot ${choice}`) }))).toBe(JSON.stringify(theirs));
    // Both paths share plusMessage: each ciphertext is also recomputed here from its nonce alone,
    // α = r·G and β = m·G + r·K with m·G a multiplication.
    ours.ballot.contests.forEach((contest, c) => contest.options.forEach((option, i) => {
      const r = decodeScalar(fromHex(ours.secrets.nonces[c][i], 32));
      const m = option.optionId === selections[contest.contestId] ? 1n : 0n;
      expect(option.alpha).toBe(toHex(group.encode(group.mul(group.generator, r))));
      expect(option.beta).toBe(toHex(group.encode(group.add(group.mul(group.generator, m), group.mul(publicKey, r)))));
    }));
  });

  it('ElGamal encryption of any message, 0 and 1 included, and the forged-proof path', () => {
    for (const m of [0n, 1n, 2n, 7n, group.order - 1n]) {
      const r = hashToScalar('urna/test/encrypt-differential', utf8(`r ${m}`));
      const a = encrypt(fast, m, r);
      expect([group.encode(encrypt(booth.tables, m, r).alpha), group.encode(encrypt(booth.tables, m, r).beta)]).toEqual([group.encode(a.alpha), group.encode(a.beta)]);
      const beta = group.add(group.mul(group.generator, m), group.mul(publicKey, r));
      expect([group.encode(a.alpha), group.encode(a.beta)]).toEqual([group.encode(group.mul(group.generator, r)), group.encode(beta)]);
    }
    // simulateOrProve with a message outside {0, 1} (the tests of forged proofs use it): its
    // ciphertext recomputed independently, the rest against the reference tables.
    const binding = proofBinding(context.baseHash, style.id, new Uint8Array(32), 'contienda-0');
    for (const [m, branch] of [[0n, 0], [1n, 1], [2n, 1], [1n, 0]] as const) {
      const ours = simulateOrProve(fast, binding, 0, m, 12345n, branch, seeded(`proof ${m} ${branch}`));
      const theirs = simulateOrProve(slow, binding, 0, m, 12345n, branch, seeded(`proof ${m} ${branch}`));
      expect(ours).toEqual(theirs);
      const beta = group.add(group.mul(group.generator, m), group.mul(publicKey, 12345n));
      expect(toHex(ours.beta)).toBe(toHex(group.encode(beta)));
    }
  });
});
