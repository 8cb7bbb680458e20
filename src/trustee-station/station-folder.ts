/**
 * The trustee station's own data folder (mode 0700), on the trustee's machine:
 *   station.json             which election, which token, the enrolled signing key, the service
 *   enrolment.json           what the trustee hands the officials to be enrolled (public)
 *   ceremony/<ceremonyId>.json  round-1 message and the ceremony secrets sealed by the token,
 *                            kept between rounds; removed once the final share is sealed
 *   share.json               the final share sealed by the token (its copy also goes to the
 *                            ledger, sealed, for preservation) and its verification key
 *   box-checks/<sha256>.json the station's check of the exported ballot box, its digest sealed
 *                            by the token (saved-box-check.ts)
 * Sealed records are AES-256-GCM under keys that never leave the token: a copy of this folder
 * opens nothing without the token and its PIN.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Round1Message } from '../domain/crypto/ceremony/messages';
import type { SealedRecordJson } from '../domain/ceremony/events';
import type { SavedBoxCheck } from './saved-box-check';
import { StationError } from './station-errors';

export const STATION_FORMAT = 'urna.trustee-station/1';
export const ENROLMENT_FORMAT = 'urna.trustee-enrolment/1';

export interface StationConfig {
  format: typeof STATION_FORMAT;
  electionId: string;
  tokenLabel: string;
  tokenSerial: string;
  /** The Ed25519 public key generated inside the token (hex). */
  signingKey: string;
  /** Base URL of the service's trustee API, when the station is online. */
  service?: string;
}

/** What the officials enrol (TrusteeEnrolled): the token's serial and the public key. */
export interface Enrolment {
  format: typeof ENROLMENT_FORMAT;
  electionId: string;
  tokenSerial: string;
  signingKey: string;
  fingerprint: string;
}

export interface CeremonyWork {
  ceremonyId: string;
  trusteeIndex: number;
  round1: Round1Message;
  /** TrusteeSecrets as JSON, sealed by the token (binding trusteeId + "/dkg-secrets"). */
  sealedSecrets: SealedRecordJson;
}

export interface SealedShareFile {
  electionId: string;
  trusteeIndex: number;
  trusteeId: string;
  verificationKey: string;
  sealed: SealedRecordJson;
}

export class StationFolder {
  constructor(readonly dir: string) {}

  private path(name: string): string {
    return join(this.dir, name);
  }

  /** Writes whole or not at all (temporary file, then rename), readable by the owner only. */
  private write(name: string, value: unknown): void {
    const path = this.path(name);
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const temporary = `${path}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temporary, 0o600);
    renameSync(temporary, path);
  }

  private read<T>(name: string): T | undefined {
    const path = this.path(name);
    if (!existsSync(path)) return undefined;
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  }

  create(config: StationConfig, enrolment: Enrolment): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    chmodSync(this.dir, 0o700);
    const existing = this.read<StationConfig>('station.json');
    if (existing && (existing.electionId !== config.electionId || existing.signingKey !== config.signingKey)) {
      throw new StationError('STATION_FOLDER_IN_USE', 'station.error.folderInUse', { dir: this.dir, electionId: existing.electionId });
    }
    this.write('station.json', config);
    this.write('enrolment.json', enrolment);
  }

  config(): StationConfig {
    const config = this.read<StationConfig>('station.json');
    if (!config || config.format !== STATION_FORMAT) throw new StationError('STATION_NOT_INITIALISED', 'station.error.notInitialised', { dir: this.dir });
    return config;
  }

  enrolment(): Enrolment | undefined {
    return this.read<Enrolment>('enrolment.json');
  }

  ceremonyWork(ceremonyId: string): CeremonyWork | undefined {
    return this.read<CeremonyWork>(join('ceremony', `${encodeURIComponent(ceremonyId)}.json`));
  }

  saveCeremonyWork(work: CeremonyWork): void {
    this.write(join('ceremony', `${encodeURIComponent(work.ceremonyId)}.json`), work);
  }

  /** Once the final share is sealed the ceremony secrets serve nothing: their sealed copy goes. */
  dropCeremonyWork(ceremonyId: string): void {
    rmSync(this.path(join('ceremony', `${encodeURIComponent(ceremonyId)}.json`)), { force: true });
  }

  share(): SealedShareFile | undefined {
    return this.read<SealedShareFile>('share.json');
  }

  saveShare(share: SealedShareFile): void {
    this.write('share.json', share);
  }

  /** The kept check's name in this folder; undefined for a name that is not a SHA-256 in
   * lower-case hex (the hash comes from the service: never a path of its choosing). */
  private boxCheckName(sha256: string): string | undefined {
    return /^[0-9a-f]{64}$/.test(sha256) ? join('box-checks', `${sha256}.json`) : undefined;
  }

  /** The kept check of that box and where it is, if any; a file that is not JSON is an altered one. */
  boxCheck(sha256: string): { check: SavedBoxCheck; file: string } | undefined {
    const name = this.boxCheckName(sha256);
    if (!name) return undefined;
    const file = this.path(name);
    try {
      const check = this.read<SavedBoxCheck>(name);
      return check && { check, file };
    } catch {
      throw new StationError('STATION_BOX_CHECK_ALTERED', 'station.error.boxCheckAltered', { file });
    }
  }

  /** Keeps a check under its box's hash; returns where. */
  saveBoxCheck(check: SavedBoxCheck): string {
    const name = this.boxCheckName(check.sha256);
    if (!name) throw new TypeError(`not a SHA-256: ${check.sha256}`);
    this.write(name, check);
    return this.path(name);
  }
}
