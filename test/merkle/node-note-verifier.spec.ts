/**
 * Checkpoint signatures checked by node:crypto (node-note-verifier.ts) against @noble/curves,
 * which the browser keeps: whatever node accepts, noble accepts (never the other way round
 * unnoticed), on honest signatures, tampered ones, S + ℓ, and signatures crafted so that only
 * a cofactored check passes them (a nonce point with a small-order part added).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { formatVerifierKey, openSignedNote, parseVerifierKey, signNote } from '../../src/ledger/checkpoint/signed-note';
import { withNodeSignatureCheck } from '../../src/ledger/checkpoint/node-note-verifier';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';

const Point = ed25519.Point;
const L = Point.Fn.ORDER;
const leBytes = (n: bigint) => { const b = new Uint8Array(32); for (let i = 0; i < 32; i++) b[i] = Number((n >> BigInt(8 * i)) & 0xffn); return b; };
const leNumber = (b: Uint8Array) => b.reduceRight((acc, x) => (acc << 8n) + BigInt(x), 0n);
const concat = (...parts: Uint8Array[]) => { const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0)); let at = 0; for (const p of parts) { out.set(p, at); at += p.length; } return out; };

/** A signature whose nonce point carries a small-order part T: [S]B = R − T + [k]A. */
function torsionedSignature(secret: Uint8Array, message: Uint8Array, torsion: InstanceType<typeof Point>): Uint8Array {
  const { scalar, pointBytes } = ed25519.utils.getExtendedPublicKey(secret);
  const r = (leNumber(sha512(concat(secret, message))) % (L - 1n)) + 1n;
  const R = Point.BASE.multiply(r).add(torsion).toBytes();
  const k = leNumber(sha512(concat(R, pointBytes, message))) % L;
  return concat(R, leBytes((r + k * scalar) % L));
}

describe('checkpoint signatures through node:crypto', () => {
  const cases: { what: string; signature: Uint8Array; message: Uint8Array; publicKey: Uint8Array }[] = [];
  const orderTwo = Point.fromHex('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f');
  for (let i = 0; i < 40; i++) {
    const secret = ed25519.utils.randomSecretKey();
    const publicKey = ed25519.getPublicKey(secret);
    const message = new TextEncoder().encode(`urna.example/log\n${i}\nroot${i}\n`);
    const signature = ed25519.sign(message, secret);
    cases.push({ what: 'honest', signature, message, publicKey });
    const flipped = signature.slice();
    flipped[i % 64] ^= 1 << (i % 8);
    cases.push({ what: 'bit flipped', signature: flipped, message, publicKey });
    const sPlusL = leNumber(signature.subarray(32)) + L;
    if (sPlusL < 1n << 253n) cases.push({ what: 'S + ℓ', signature: concat(signature.subarray(0, 32), leBytes(sPlusL)), message, publicKey });
    cases.push({ what: 'nonce with a small-order part', signature: torsionedSignature(secret, message, orderTwo), message, publicKey });
  }

  it('accepts an honest signature and refuses a tampered one, as noble does', () => {
    for (const c of cases.filter((x) => x.what === 'honest' || x.what === 'bit flipped' || x.what === 'S + ℓ')) {
      const key = withNodeSignatureCheck({ name: 'k', keyId: 0, publicKey: c.publicKey });
      expect([c.what, key.verify!(c.signature, c.message)]).toEqual([c.what, ed25519.verify(c.signature, c.message, c.publicKey)]);
    }
  });

  it('accepts nothing that noble refuses, and refuses what only a cofactored check passes', () => {
    let cofactoredOnly = 0;
    for (const c of cases) {
      const viaNode = withNodeSignatureCheck({ name: 'k', keyId: 0, publicKey: c.publicKey }).verify!(c.signature, c.message);
      const viaNoble = ed25519.verify(c.signature, c.message, c.publicKey);
      if (viaNode) expect([c.what, viaNoble]).toEqual([c.what, true]);
      if (c.what === 'nonce with a small-order part') {
        expect(viaNode).toBe(false);
        if (viaNoble) cofactoredOnly++;
      }
    }
    // noble's default check is cofactored: the crafted signatures pass it (the reason node's is the one urna verify uses).
    expect(cofactoredOnly).toBe(40);
  });

  it('opens a signed checkpoint note with the node check, and refuses it under a key that does not decode', async () => {
    const signer = SoftwareNoteSigner.generate('urna.example/log');
    const note = await signNote('urna.example/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', signer);
    const key = withNodeSignatureCheck(parseVerifierKey(formatVerifierKey(signer.name, signer.publicKey)));
    expect(openSignedNote(note, key)).toContain('urna.example/log\n3\n');
    const broken = withNodeSignatureCheck({ ...key, publicKey: new Uint8Array(32).fill(0xff) });
    expect(() => openSignedNote(note, { ...broken, name: key.name, keyId: key.keyId })).toThrow(/does not verify/);
  });
});
