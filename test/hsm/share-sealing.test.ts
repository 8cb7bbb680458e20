/** Trustee shares sealed under AES-256 keys inside five real SoftHSM tokens (the key ceremony's
 * "smart cards"), each with its own PIN. */
import { randomBytes } from 'node:crypto';
import * as pkcs11js from 'pkcs11js';
import {
  KeyInvalidError,
  PinIncorrectError,
  SealedShareBindingMismatchError,
  SealedShareTamperedError,
  WrongTokenError,
} from '../../src/hsm/hsm-errors';
import { decodeShareAad, sealedShareFromJson, sealedShareToJson, shareKeyId, shareKeyLabel, type SealedShare } from '../../src/hsm/sealed-share';
import { sealShare, unsealShare } from '../../src/hsm/share-sealing';
import { withTokenSession } from '../../src/hsm/token-session';
import { createSoftHsmFixture, type SoftHsmFixture, type TestToken } from './softhsm-fixture';

const ELECTION = 'pef-2024';
const trusteeId = (i: number) => `custodio-${i + 1}`;

let hsm: SoftHsmFixture;
const shares: Uint8Array[] = [];
const sealed: SealedShare[] = [];

beforeAll(async () => {
  hsm = createSoftHsmFixture('share-sealing', 5);
  for (const [i, token] of hsm.trustees.entries()) {
    shares[i] = new Uint8Array(randomBytes(32));
    sealed[i] = await sealShare(token.label, token.pin, shares[i], { electionId: ELECTION, trusteeId: trusteeId(i) });
  }
});
afterAll(() => hsm.dispose());

const copy = (s: SealedShare): SealedShare => sealedShareFromJson(JSON.parse(JSON.stringify(sealedShareToJson(s))));

describe('sealing a share in each trustee token', () => {
  it('records the token serial, the key label, a 12-byte IV, ciphertext + 16-byte tag and the AAD', () => {
    sealed.forEach((s, i) => {
      expect(s.tokenSerial).toBe(hsm.trustees[i].serialNumber);
      expect(s.keyLabel).toBe(shareKeyLabel({ electionId: ELECTION, trusteeId: trusteeId(i) }));
      expect(s.iv).toHaveLength(12);
      expect(s.ciphertext).toHaveLength(32 + 16);
      expect(decodeShareAad(s.aad)).toEqual({ electionId: ELECTION, trusteeId: trusteeId(i), tokenSerial: s.tokenSerial });
      expect(Buffer.from(s.ciphertext.subarray(0, 32)).equals(Buffer.from(shares[i]))).toBe(false);
    });
  });

  it('unseals every share with its own token and PIN (also after a JSON round trip)', async () => {
    for (const [i, token] of hsm.trustees.entries()) {
      const plain = await unsealShare(token.label, token.pin, copy(sealed[i]), { electionId: ELECTION, trusteeId: trusteeId(i) });
      expect(Buffer.from(plain).equals(Buffer.from(shares[i]))).toBe(true);
      plain.fill(0);
    }
  });

  it('uses a fresh IV each time and reuses the same token key for the same election and trustee', async () => {
    const t = hsm.trustees[0];
    const again = await sealShare(t.label, t.pin, shares[0], { electionId: ELECTION, trusteeId: trusteeId(0) });
    expect(Buffer.from(again.iv).equals(Buffer.from(sealed[0].iv))).toBe(false);
    withTokenSession(t.label, t.pin, (s) => {
      const keys = s.findObjects([{ type: pkcs11js.CKA_ID, value: Buffer.from(shareKeyId({ electionId: ELECTION, trusteeId: trusteeId(0) })) }]);
      expect(keys).toHaveLength(1);
    });
    expect(Buffer.from(await unsealShare(t.label, t.pin, again)).equals(Buffer.from(shares[0]))).toBe(true);
  });

  it('keeps the AES key inside the token: token object, sensitive, never extractable, encrypt/decrypt only', () => {
    const t = hsm.trustees[3];
    withTokenSession(t.label, t.pin, (s) => {
      const [key] = s.findObjects([
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_LABEL, value: sealed[3].keyLabel },
      ]);
      expect(key).toBeDefined();
      const attrs = [
        pkcs11js.CKA_TOKEN,
        pkcs11js.CKA_SENSITIVE,
        pkcs11js.CKA_EXTRACTABLE,
        pkcs11js.CKA_NEVER_EXTRACTABLE,
        pkcs11js.CKA_ENCRYPT,
        pkcs11js.CKA_DECRYPT,
        pkcs11js.CKA_WRAP,
        pkcs11js.CKA_UNWRAP,
      ];
      const values = s.pkcs11.C_GetAttributeValue(s.handle, key, attrs.map((type) => ({ type }))).map((a) => a.value[0]);
      expect(values).toEqual([1, 1, 0, 1, 1, 1, 0, 0]);
      expect(() => s.pkcs11.C_GetAttributeValue(s.handle, key, [{ type: pkcs11js.CKA_VALUE }])).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
    });
  });
});

describe('refusals', () => {
  const trustee = (i: number): TestToken => hsm.trustees[i];

  it('wrong PIN', async () => {
    await expect(unsealShare(trustee(1).label, trustee(2).pin, sealed[1])).rejects.toThrow(PinIncorrectError);
    await expect(sealShare(trustee(1).label, 'not-the-pin', shares[1], { electionId: ELECTION, trusteeId: 'x' })).rejects.toThrow(PinIncorrectError);
  });

  it('wrong token: names the expected and the presented serial numbers', async () => {
    const promise = unsealShare(trustee(2).label, trustee(2).pin, sealed[1]);
    await expect(promise).rejects.toThrow(WrongTokenError);
    await expect(promise).rejects.toMatchObject({ expectedSerial: trustee(1).serialNumber, presentedSerial: trustee(2).serialNumber });
    await expect(promise).rejects.toThrow(new RegExp(`${trustee(1).serialNumber}.*${trustee(2).serialNumber}`));
  });

  it('tampered ciphertext, tag or IV fail the GCM check inside the token', async () => {
    for (const field of ['ciphertext', 'iv'] as const) {
      for (const at of field === 'ciphertext' ? [0, 40] : [5]) {
        const bad = copy(sealed[4]);
        bad[field][at] ^= 0x01;
        await expect(unsealShare(trustee(4).label, trustee(4).pin, bad)).rejects.toThrow(SealedShareTamperedError);
      }
    }
    // The token still works afterwards (the failed session was closed, not reused).
    expect((await unsealShare(trustee(4).label, trustee(4).pin, sealed[4])).length).toBe(32);
  });

  it('tampered AAD or record fields disagreeing with the AAD are rejected', async () => {
    const aad = copy(sealed[4]);
    aad.aad[aad.aad.length - 1] ^= 0x01; // last character of the token serial inside the AAD
    await expect(unsealShare(trustee(4).label, trustee(4).pin, aad)).rejects.toThrow(SealedShareTamperedError);
    const label = { ...copy(sealed[4]), keyLabel: shareKeyLabel({ electionId: ELECTION, trusteeId: trusteeId(0) }) };
    await expect(unsealShare(trustee(4).label, trustee(4).pin, label)).rejects.toThrow(SealedShareTamperedError);
  });

  it('a share sealed for another election or trustee than expected', async () => {
    await expect(unsealShare(trustee(0).label, trustee(0).pin, sealed[0], { electionId: ELECTION, trusteeId: trusteeId(1) })).rejects.toThrow(
      SealedShareBindingMismatchError,
    );
  });

  it('an existing key under the share key id that could leave the token is refused', async () => {
    const t = trustee(2);
    const binding = { electionId: 'planted', trusteeId: trusteeId(2) };
    // Someone with the PIN planted a readable key under the id our key would have.
    withTokenSession(t.label, t.pin, (s) => {
      s.pkcs11.C_GenerateKey(s.handle, { mechanism: pkcs11js.CKM_AES_KEY_GEN }, [
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_SECRET_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_AES },
        { type: pkcs11js.CKA_VALUE_LEN, value: 32 },
        { type: pkcs11js.CKA_TOKEN, value: true },
        { type: pkcs11js.CKA_SENSITIVE, value: false },
        { type: pkcs11js.CKA_EXTRACTABLE, value: true },
        { type: pkcs11js.CKA_ID, value: Buffer.from(shareKeyId(binding)) },
      ]);
    });
    await expect(sealShare(t.label, t.pin, shares[2], binding)).rejects.toThrow(KeyInvalidError);
  });
});
