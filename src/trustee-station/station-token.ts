/**
 * The trustee's token as the station uses it: the PIN is typed (or read) on the trustee's own
 * machine and never leaves this process. Four things happen inside the token: generating the
 * election's signing key, signing, and sealing / unsealing with the AES key of a binding
 * (docs/spec/tokens.md, "Trustee token").
 */
import { readTokenSerial } from '../hsm/token-session';
import { sealShare, unsealShare } from '../hsm/share-sealing';
import { sealedShareFromJson, sealedShareToJson, type ShareBinding } from '../hsm/sealed-share';
import { openTrusteeSigningKey, signWithTrusteeKey } from '../hsm/trustee-signing-key';
import { toHex } from '../domain/crypto/hash';
import { statementBytes, type TrusteeStatement } from '../domain/ceremony/trustee-signature';
import type { SealedRecordJson } from '../domain/ceremony/events';
import { StationError } from './station-errors';

export class StationToken {
  constructor(
    readonly tokenLabel: string,
    private readonly pin: string,
  ) {}

  serial(): string {
    return readTokenSerial(this.tokenLabel);
  }

  /** The election's signing key (hex), generated inside the token on first use when `generate`. */
  signingKey(electionId: string, generate = false): { signingKey: string; tokenSerial: string; created: boolean } {
    const key = openTrusteeSigningKey(this.tokenLabel, this.pin, electionId, { generate });
    return { signingKey: toHex(key.publicKey), tokenSerial: key.tokenSerial, created: key.created };
  }

  /** Signs a statement inside the token; refuses when the token's key is not `expectedKey`
   * (another trustee's token in the reader, or a station folder of another election). */
  sign(statement: TrusteeStatement, expectedKey: string): string {
    const { signature, publicKey } = signWithTrusteeKey(this.tokenLabel, this.pin, statement.electionId, statementBytes(statement));
    if (toHex(publicKey) !== expectedKey) throw new StationError('STATION_WRONG_TOKEN', 'station.error.wrongToken', { tokenLabel: this.tokenLabel });
    return toHex(signature);
  }

  async seal(bytes: Uint8Array, binding: ShareBinding): Promise<SealedRecordJson> {
    return sealedShareToJson(await sealShare(this.tokenLabel, this.pin, bytes, binding)) as unknown as SealedRecordJson;
  }

  /** The plaintext; wipe it with fill(0) once used. */
  async unseal(record: SealedRecordJson, binding: ShareBinding): Promise<Uint8Array> {
    return unsealShare(this.tokenLabel, this.pin, sealedShareFromJson(record as never), binding);
  }
}

