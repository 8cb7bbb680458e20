/**
 * docs/spec/vectors/tally.json read as an outside implementer would: the partial decryption
 * challenge recomputed from the spec's framing alone (crypto-ceremony-tally.md §1.1, §4.3) with
 * Node's own SHA-512, and every published partial decryption verified for the published box and
 * count, and for no other.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { electionContext } from '../../../../src/domain/crypto/election-context';
import { fromHex } from '../../../../src/domain/crypto/hash';
import { readCiphertext } from '../../../../src/domain/crypto/tally/tally-wire';
import { decryptionScope, verifyPartialDecryption } from '../../../../src/domain/crypto/tally';
import { readElement } from '../../../../src/domain/crypto/ceremony/wire';

const file = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'spec', 'vectors', 'tally.json'), 'utf8'));
const ELL = 2n ** 252n + 27742317777372353535851937790883648493n;

/** §1.1, written from the text: u32(|tag|) ‖ tag ‖ u32(k) ‖ (u32(|mᵢ|) ‖ mᵢ)…, SHA-512 read little-endian, mod ℓ. */
function hashToScalarFromSpec(tag: string, parts: Buffer[]): bigint {
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const t = Buffer.from(tag, 'ascii');
  const framed = Buffer.concat([u32(t.length), t, u32(parts.length), ...parts.flatMap((p) => [u32(p.length), p])]);
  const digest = createHash('sha512').update(framed).digest();
  return BigInt(`0x${Buffer.from(digest).reverse().toString('hex')}`) % ELL;
}
const scalarLe = (hex: string) => BigInt(`0x${Buffer.from(hex, 'hex').reverse().toString('hex')}`);
const el = (hex: string) => {
  const r = readElement(hex, 'v', 'v');
  if (!r.ok) throw new Error(r.failure.reason);
  return r.value;
};

describe('tally.json, read from the file', () => {
  it('states the v2 tag and the box hash as SHA-256 of its stand-in text', () => {
    expect(file.partialDecryptionChallenge.tag).toBe('urna/v2/partial-decryption');
    expect(file.ballotBoxHash).toBe(createHash('sha256').update(file.ballotBoxStandIn, 'utf8').digest('hex'));
  });

  it('the first challenge is hashToScalar(tag, parts…) with parts baseHash, ballotBoxHash, u64(ballots), option, u32(j), β, G, Xⱼ, α, Dⱼ, A₁, A₂', () => {
    const { tag, parts, challenge } = file.partialDecryptionChallenge;
    expect(parts.slice(0, 6)).toEqual([
      file.baseHash, file.ballotBoxHash, '0000000000000005', Buffer.from('party-a', 'utf8').toString('hex'), '00000001', file.totals[0].ciphertext.beta,
    ]);
    expect(hashToScalarFromSpec(tag, parts.map((p: string) => Buffer.from(p, 'hex')))).toBe(scalarLe(challenge));
    expect(challenge).toBe(file.partialDecryptions[0].proof.challenge);
  });

  it('every published partial decryption verifies for the published box and count, and for no other', () => {
    const context = electionContext(fromHex(file.manifestHash, 32), el(file.ceremony.publicKey));
    const keys = new Map<number, ReturnType<typeof el>>(file.ceremony.verificationKeys.map((v: { trustee: number; key: string }) => [v.trustee, el(v.key)]));
    const total = (optionId: string) => {
      const r = readCiphertext(file.totals.find((t: { optionId: string }) => t.optionId === optionId).ciphertext, 'v', 'v');
      if (!r.ok) throw new Error(r.failure.reason);
      return r.value;
    };
    const scope = decryptionScope(context, file.ballotBoxHash, file.ballotCount);
    const otherCount = decryptionScope(context, file.ballotBoxHash, file.ballotCount + 1);
    for (const p of file.partialDecryptions) {
      expect(verifyPartialDecryption(scope, p.optionId, total(p.optionId), keys, p)).toMatchObject({ ok: true });
      expect(verifyPartialDecryption(otherCount, p.optionId, total(p.optionId), keys, p)).toMatchObject({ ok: false });
    }
  });
});
