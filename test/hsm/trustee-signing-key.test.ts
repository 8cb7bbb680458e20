/**
 * A trustee's signing key inside a real SoftHSM token (src/hsm/trustee-signing-key.ts): generated
 * once per election, found again, never extractable, and its signatures are what the deciders
 * and `urna verify` accept as the trustee's (crypto-ceremony-tally.md §7).
 */
import * as pkcs11js from 'pkcs11js';
import { statementBytes, verifyTrusteeSignature, type TrusteeStatement } from '../../src/domain/ceremony/trustee-signature';
import { toHex } from '../../src/domain/crypto/hash';
import { KeyNotFoundError, PinIncorrectError } from '../../src/hsm/hsm-errors';
import { CKK_EC_EDWARDS } from '../../src/hsm/pkcs11-constants';
import { withTokenSession } from '../../src/hsm/token-session';
import { openTrusteeSigningKey, signWithTrusteeKey, trusteeSigningKeyLabel } from '../../src/hsm/trustee-signing-key';
import { createSoftHsmFixture, type SoftHsmFixture } from './softhsm-fixture';

let hsm: SoftHsmFixture;
beforeAll(() => {
  hsm = createSoftHsmFixture('trustee-signing', 2);
});
afterAll(() => hsm.dispose());

const statement: TrusteeStatement = { electionId: 'firmas-2027', scope: 'firmas-2027.dkg.1', kind: 'CeremonySharesChecked', trusteeIndex: 1, message: { trusteeIndex: 1, complaints: [] } };

describe("a trustee's signing key in its token", () => {
  it('is generated once per election and found again; another election has none until generated', () => {
    const [one] = hsm.trustees;
    const created = openTrusteeSigningKey(one.label, one.pin, 'firmas-2027', { generate: true });
    expect(created).toMatchObject({ created: true, tokenSerial: one.serialNumber });
    expect(created.publicKey).toHaveLength(32);
    const again = openTrusteeSigningKey(one.label, one.pin, 'firmas-2027', { generate: true });
    expect([again.created, toHex(again.publicKey)]).toEqual([false, toHex(created.publicKey)]);
    expect(() => openTrusteeSigningKey(one.label, one.pin, 'otra-2027')).toThrow(KeyNotFoundError);
    const other = openTrusteeSigningKey(one.label, one.pin, 'otra-2027', { generate: true });
    expect(toHex(other.publicKey)).not.toBe(toHex(created.publicKey));
  });

  it('keeps its private half sensitive and never extractable, under its label', () => {
    const [one] = hsm.trustees;
    const attributes = withTokenSession(one.label, one.pin, (session) => {
      const [key] = session.findObjects([
        { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
        { type: pkcs11js.CKA_KEY_TYPE, value: CKK_EC_EDWARDS },
        { type: pkcs11js.CKA_LABEL, value: trusteeSigningKeyLabel('firmas-2027') },
      ]);
      return session.pkcs11.C_GetAttributeValue(session.handle, key, [{ type: pkcs11js.CKA_SENSITIVE }, { type: pkcs11js.CKA_EXTRACTABLE }]).map((a) => a.value[0]);
    });
    expect(attributes).toEqual([1, 0]);
  });

  it("signs inside the token what the verifier accepts as this trustee's, and only with the PIN", () => {
    const [one, two] = hsm.trustees;
    const key = toHex(openTrusteeSigningKey(one.label, one.pin, 'firmas-2027').publicKey);
    const { signature } = signWithTrusteeKey(one.label, one.pin, 'firmas-2027', statementBytes(statement));
    expect(verifyTrusteeSignature(key, toHex(signature), statement)).toBe(true);
    expect(verifyTrusteeSignature(key, toHex(signature), { ...statement, trusteeIndex: 2 })).toBe(false);
    // Trustee 2's token has its own key: its signature is not trustee 1's.
    openTrusteeSigningKey(two.label, two.pin, 'firmas-2027', { generate: true });
    const byTwo = signWithTrusteeKey(two.label, two.pin, 'firmas-2027', statementBytes(statement)).signature;
    expect(verifyTrusteeSignature(key, toHex(byTwo), statement)).toBe(false);
    expect(() => signWithTrusteeKey(one.label, 'not-the-pin', 'firmas-2027', statementBytes(statement))).toThrow(PinIncorrectError);
  });
});
