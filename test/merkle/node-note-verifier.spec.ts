/**
 * Checkpoint signatures and witnesses' cosignatures checked by node:crypto (node-note-verifier.ts),
 * and notes signed by it (node-ed25519.ts), against @noble/curves,
 * which the browser keeps: whatever node accepts, noble accepts (never the other way round
 * unnoticed), on honest signatures, tampered ones, S + ℓ, and signatures crafted so that only
 * a cofactored check passes them (a nonce point with a small-order part added).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { concat, leBytes, leNumber, ORDER_TWO_POINT, torsionedSignature } from '../support/torsioned-signature';
import { formatVerifierKey, openSignedNote, parseVerifierKey, signNote } from '../../src/ledger/checkpoint/signed-note';
import { withNodeCosignatureCheck, withNodeSignatureCheck } from '../../src/ledger/checkpoint/node-note-verifier';
import { nodeEd25519Signer } from '../../src/ledger/checkpoint/node-ed25519';
import { cosignatureKeyId, cosignedMessage, formatCosignerKey, parseCosignerKey, verifyCosignatures } from '../../src/ledger/checkpoint/cosignature';
import { checkQuorum } from '../../src/ledger/checkpoint/witness-policy';
import { SoftwareNoteSigner } from '../../src/ledger/checkpoint/software-note-signer';

const Point = ed25519.Point;
const L = Point.Fn.ORDER;

describe('checkpoint signatures through node:crypto', () => {
  const cases: { what: string; signature: Uint8Array; message: Uint8Array; publicKey: Uint8Array }[] = [];
  const orderTwo = ORDER_TWO_POINT;
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

  it('signs exactly as noble does (deterministic Ed25519), on random seeds and messages', () => {
    for (let i = 0; i < 40; i++) {
      const seed = ed25519.utils.randomSecretKey();
      const message = new TextEncoder().encode(`urna.example/log\n${i}\n${'x'.repeat(i * 7)}\n`);
      expect(Buffer.from(nodeEd25519Signer(seed)(message)).toString('hex')).toBe(Buffer.from(ed25519.sign(message, seed)).toString('hex'));
    }
  });

  it('checks a witness\'s cosignature as noble does, refuses a tampered one and one only a cofactored check passes', () => {
    const text = 'urna.example/log\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n';
    const secret = ed25519.utils.randomSecretKey();
    const publicKey = ed25519.getPublicKey(secret);
    const name = 'testigo.example';
    const keyId = cosignatureKeyId(name, publicKey);
    const timestamp = 1_700_000_000;
    const orderTwo = ORDER_TWO_POINT;
    const message = cosignedMessage(text, timestamp);
    const line = (signature: Uint8Array) => {
      const blob = new Uint8Array(76);
      new DataView(blob.buffer).setUint32(0, keyId, false);
      new DataView(blob.buffer).setBigUint64(4, BigInt(timestamp), false);
      blob.set(signature, 12);
      return `${text}\n\u2014 ${name} ${Buffer.from(blob).toString('base64')}\n`;
    };
    const key = parseCosignerKey(formatCosignerKey(name, publicKey));
    const honest = line(ed25519.sign(message, secret));
    expect(verifyCosignatures(honest, [withNodeCosignatureCheck(key)]).map((c) => c.name)).toEqual([name]);
    expect(verifyCosignatures(honest, [key]).map((c) => c.name)).toEqual([name]);
    const flipped = ed25519.sign(message, secret);
    flipped[5] ^= 4;
    expect(() => verifyCosignatures(line(flipped), [withNodeCosignatureCheck(key)])).toThrow(/does not verify/);
    // Cofactored-only: noble's default takes it, node's does not, so the service and urna's tools refuse it.
    const crafted = line(torsionedSignature(secret, message, orderTwo));
    expect(verifyCosignatures(crafted, [key]).map((c) => c.name)).toEqual([name]);
    expect(() => verifyCosignatures(crafted, [withNodeCosignatureCheck(key)])).toThrow(/does not verify/);
    const policy = { quorum: 1, witnesses: [{ name, vkey: formatCosignerKey(name, publicKey), url: 'http://testigo.example' }] };
    expect(checkQuorum(honest, policy, withNodeCosignatureCheck).met).toBe(true);
    expect(() => checkQuorum(crafted, policy, withNodeCosignatureCheck)).toThrow(/does not verify/);
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
