/** The checkpoint signer's Ed25519 key inside a real SoftHSM token. */
import { ed25519 } from '@noble/curves/ed25519.js';
import * as pkcs11js from 'pkcs11js';
import { KeyNotFoundError, PinIncorrectError } from '../../src/hsm/hsm-errors';
import { CKK_EC_EDWARDS } from '../../src/hsm/pkcs11-constants';
import { Pkcs11NoteSigner, type NoteSigner } from '../../src/hsm/pkcs11-note-signer';
import { withTokenSession } from '../../src/hsm/token-session';
import { formatCheckpointText, openCheckpoint } from '../../src/ledger/checkpoint/checkpoint-format';
import { formatVerifierKey, parseVerifierKey, signNote } from '../../src/ledger/checkpoint/signed-note';
import { createSoftHsmFixture, type SoftHsmFixture } from './softhsm-fixture';

const KEY_LABEL = 'urna-log-checkpoint-key';
const NAME = 'log.urna.example/pef-2024';

let hsm: SoftHsmFixture;
let signer: Pkcs11NoteSigner;
beforeAll(async () => {
  hsm = createSoftHsmFixture('note-signer', 1);
  signer = await Pkcs11NoteSigner.open({ tokenLabel: 'urna-log', pin: hsm.logToken.pin, keyLabel: KEY_LABEL, name: NAME, key: 'generate-if-missing' });
});
afterAll(() => {
  signer?.close();
  hsm.dispose();
});

const text = (s: string) => new TextEncoder().encode(s);

describe('Pkcs11NoteSigner', () => {
  it('has the NoteSigner shape: name, 32-byte public key, async sign', () => {
    const asInterface: NoteSigner = signer;
    expect(asInterface.name).toBe(NAME);
    expect(asInterface.publicKey).toHaveLength(32);
    expect(signer.keyCreated).toBe(true);
    expect(signer.tokenSerial).toBe(hsm.logToken.serialNumber);
  });

  it('produces pure Ed25519 signatures that noble verifies (and rejects for another message)', async () => {
    const message = text('log.urna.example/pef-2024\n42\nq0Ch8nLSUM0uZ1fO3wqUN1OmZ2iA7mOTpXtSXRmKu1k=\n');
    const signature = await signer.sign(message);
    expect(signature).toHaveLength(64);
    expect(ed25519.verify(signature, message, signer.publicKey)).toBe(true);
    expect(ed25519.verify(signature, text('another checkpoint'), signer.publicKey)).toBe(false);
  });

  it('signs a checkpoint that the log\'s own signed-note verifier opens', async () => {
    const root = new Uint8Array(32).fill(0xab);
    const note = await signNote(formatCheckpointText(NAME, 7, root), signer);
    const checkpoint = openCheckpoint(note, parseVerifierKey(formatVerifierKey(NAME, signer.publicKey)));
    expect(checkpoint.size).toBe(7);
  });

  it('signs concurrent requests correctly', async () => {
    const messages = Array.from({ length: 20 }, (_, i) => text(`checkpoint ${i}`));
    const signatures = await Promise.all(messages.map((m) => signer.sign(m)));
    signatures.forEach((sig, i) => expect(ed25519.verify(sig, messages[i], signer.publicKey)).toBe(true));
  });

  it('keeps the private key inside the token: sensitive, never extractable, CKA_VALUE unreadable', () => {
    signer.close(); // one logged-in session per token at a time
    withTokenSession('urna-log', hsm.logToken.pin, (s) => {
      const [key] = s.findObjects([
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: CKK_EC_EDWARDS },
        { type: pkcs11js.CKA_LABEL, value: KEY_LABEL },
      ]);
      expect(key).toBeDefined();
      const flags = s.pkcs11
        .C_GetAttributeValue(s.handle, key, [
          { type: pkcs11js.CKA_TOKEN },
          { type: pkcs11js.CKA_SENSITIVE },
          { type: pkcs11js.CKA_EXTRACTABLE },
          { type: pkcs11js.CKA_NEVER_EXTRACTABLE },
        ])
        .map((a) => a.value[0]);
      expect(flags).toEqual([1, 1, 0, 1]);
      expect(() => s.pkcs11.C_GetAttributeValue(s.handle, key, [{ type: pkcs11js.CKA_VALUE }])).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
    });
  });

  it('finds the existing key by label after re-opening (same public key, nothing generated)', async () => {
    const publicKey = signer.publicKey;
    signer = await Pkcs11NoteSigner.open({ tokenLabel: 'urna-log', pin: hsm.logToken.pin, keyLabel: KEY_LABEL, name: NAME });
    expect(signer.keyCreated).toBe(false);
    expect(Buffer.from(signer.publicKey).equals(Buffer.from(publicKey))).toBe(true);
    const m = text('after reopening');
    expect(ed25519.verify(await signer.sign(m), m, publicKey)).toBe(true);
  });

  it('refuses to sign once closed, and fails clearly for a missing key or a wrong PIN', async () => {
    signer.close();
    await expect(signer.sign(text('x'))).rejects.toMatchObject({ code: 'HSM_OPERATION_FAILED' });
    await expect(Pkcs11NoteSigner.open({ tokenLabel: 'urna-log', pin: hsm.logToken.pin, keyLabel: 'no-such-key', name: NAME })).rejects.toThrow(
      KeyNotFoundError,
    );
    await expect(Pkcs11NoteSigner.open({ tokenLabel: 'urna-log', pin: 'wrong-pin', keyLabel: KEY_LABEL, name: NAME })).rejects.toThrow(PinIncorrectError);
  });
});
