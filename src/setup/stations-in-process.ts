import { join } from 'node:path';
import { joinBoth } from '../messages/catalog';
import type { CeremonyService } from '../ceremony/ceremony-service';
import { CeremonyStation } from '../trustee-station/ceremony-station';
import { runStationsInTurn } from '../trustee-station/in-process-trustees';
import { initStation } from '../trustee-station/init-station';
import { StationFolder } from '../trustee-station/station-folder';
import { StationToken } from '../trustee-station/station-token';
import type { CeremonyTrustees, TrusteeEnrolmentCard } from './election-setup-service';

export interface TrusteeCard {
  name: string;
  tokenLabel: string;
  pin: string;
}

/**
 * Every trustee's station in this one process, each with its own folder under `dir`, talking
 * to the ceremony service directly. Only for tests and the in-process simulacro: it makes one
 * process hold every trustee's secrets, which a real ceremony never does.
 */
export class StationsInProcess implements CeremonyTrustees {
  private readonly stations: { card: TrusteeCard; folder: StationFolder; token: StationToken }[];

  constructor(private readonly electionId: string, cards: TrusteeCard[], dir: string, private readonly ceremony: CeremonyService) {
    this.stations = cards.map((card, k) => ({ card, folder: new StationFolder(join(dir, `trustee-${k + 1}`)), token: new StationToken(card.tokenLabel, card.pin) }));
  }

  /** `urna trustee init` for each: the enrolment cards the officials enrol. */
  init(): TrusteeEnrolmentCard[] {
    return this.stations.map(({ card, folder, token }) => {
      const enrolment = initStation(folder, token, this.electionId);
      return { name: card.name, tokenSerial: enrolment.tokenSerial, signingKey: enrolment.signingKey };
    });
  }

  station(k: number): CeremonyStation {
    const s = this.stations[k];
    return new CeremonyStation(s.folder, s.token, this.ceremony);
  }

  async runCeremony(say: (line: string) => void): Promise<void> {
    await runStationsInTurn(this.stations.map((_, k) => this.station(k)), async (k) => {
      say(`  [${this.stations[k].card.name}] ${joinBoth((await this.ceremony.progress()).standing)}`);
    });
  }
}
