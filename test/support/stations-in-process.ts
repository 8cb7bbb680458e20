/**
 * Trustee stations in the test's own process, talking to the services directly: for tests of
 * the ceremony's and the tally's rules only. It makes one process hold every trustee's secrets,
 * which an election never does (src/setup/trustee-processes.ts runs one `urna trustee` process
 * per trustee, each with its own token, over HTTP).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandBus } from '@nestjs/cqrs';
import { joinBoth } from '../../src/messages/catalog';
import type { CeremonyService } from '../../src/ceremony/ceremony-service';
import { toDomainEvent } from '../../src/command-path/stream-state';
import { ceremonyStream, type CeremonyEvent, type TrusteeShareSealed } from '../../src/domain/ceremony/events';
import { signingKeyFingerprint } from '../../src/domain/ceremony/trustee-signature';
import type { EventStore } from '../../src/ledger/event-store';
import type { CeremonyTrustees, TrusteeEnrolmentCard } from '../../src/setup/election-setup-service';
import { ledgerBallotBoxStream, type BallotBoxSource } from '../../src/tally/ballot-box-source';
import type { TrusteeFailure } from '../../src/tally/tally-errors';
import { TallyService, type TallyTrustees } from '../../src/tally/tally-service';
import type { RecomputedBallotBox } from '../../src/tally/trustee-totals-check';
import { CeremonyStation } from '../../src/trustee-station/ceremony-station';
import { runStationsInTurn } from '../../src/trustee-station/in-process-trustees';
import { initStation } from '../../src/trustee-station/init-station';
import { ENROLMENT_FORMAT, STATION_FORMAT, StationFolder } from '../../src/trustee-station/station-folder';
import { ServiceRefusedError } from '../../src/trustee-station/station-errors';
import { StationToken } from '../../src/trustee-station/station-token';
import { TallyStation, type TallyPort } from '../../src/trustee-station/tally-station';

export interface TrusteeCard {
  name: string;
  tokenLabel: string;
  pin: string;
}

/** Every trustee's ceremony station, each with its own folder under `dir`. */
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

export interface TallyStationsOptions {
  /** Where the stations' folders go (one per token). */
  dir: string;
  /** Where each station reads the exported box (default: the bytes the board serves). */
  ballotBox?: BallotBoxSource;
  workers?: number;
}

/** The tally port a station in this process uses: the service's view and submissions directly. */
function inProcessTallyPort(store: EventStore, commands: CommandBus, electionId: string, options: Omit<TallyStationsOptions, 'dir'>): TallyPort {
  const service = new TallyService(store, commands, { workers: options.workers });
  return {
    view: () => service.trusteeView(electionId),
    ballotBox: async () => (options.ballotBox ?? ledgerBallotBoxStream(store))(electionId),
    submit: async (s) => {
      const failure = await service.submit(s);
      if (failure) throw new ServiceRefusedError(422, failure.code, { es: failure.message, en: failure.message });
    },
  };
}

/** One trustee's tally station: its folder holds what its ceremony station would have left
 * (station.json with its token's enrolled key, and share.json: its sealed share, here read from
 * the ledger's TrusteeShareSealed). */
export async function tallyStationFor(
  store: EventStore, commands: CommandBus, electionId: string, token: { trusteeIndex: number; tokenLabel: string; pin: string },
  options: TallyStationsOptions & { cache?: Map<string, RecomputedBallotBox> },
): Promise<TallyStation> {
  const ceremony = (await store.readStream(ceremonyStream(electionId))).map((e) => toDomainEvent<CeremonyEvent>(e));
  const folder = stationFolderFor(options.dir, electionId, token, ceremony);
  return new TallyStation(folder, new StationToken(token.tokenLabel, token.pin), inProcessTallyPort(store, commands, electionId, options), { workers: options.workers, cache: options.cache });
}

/** The trustees present at a fixture's tally, each a station in this process. */
export function tallyStationsInProcess(store: EventStore, commands: CommandBus, electionId: string, tokens: { trusteeIndex: number; tokenLabel: string; pin: string }[], options: TallyStationsOptions): TallyTrustees {
  // The first station recomputes the box; the others, under the same hash, only hash their own
  // reading of it (each still checking hash, count and totals itself).
  const cache = new Map<string, RecomputedBallotBox>();
  const ballotBox: BallotBoxSource = options.ballotBox ?? ledgerBallotBoxStream(store);
  return {
    async decrypt(say) {
      const failures: TrusteeFailure[] = [];
      for (const t of tokens) {
        try {
          const outcome = await (await tallyStationFor(store, commands, electionId, t, { ...options, ballotBox, cache })).decrypt();
          say(`  trustee ${t.trusteeIndex}: ${outcome.posted.length} contests posted`);
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          failures.push({ trusteeIndex: t.trusteeIndex, code: typeof code === 'string' ? code : 'STATION_FAILED', message: (err as Error).message });
        }
      }
      return failures;
    },
  };
}

/** `urna trustee check-box` at each present trustee's station, as soon as the box is exported:
 * each keeps its check, sealed by its token, in its folder under `dir` (the tally's stations,
 * given the same `dir`, then decrypt on it). The first recomputes the box; the others, under the
 * same hash, only hash their own reading of it. */
export async function checkBoxesInProcess(store: EventStore, commands: CommandBus, electionId: string, tokens: { trusteeIndex: number; tokenLabel: string; pin: string }[], options: TallyStationsOptions): Promise<string[]> {
  const cache = new Map<string, RecomputedBallotBox>();
  const ballotBox: BallotBoxSource = options.ballotBox ?? ledgerBallotBoxStream(store);
  const files: string[] = [];
  for (const t of tokens) files.push((await (await tallyStationFor(store, commands, electionId, t, { ...options, ballotBox, cache })).checkBox()).file);
  return files;
}

export function stationFolderFor(dir: string, electionId: string, t: { trusteeIndex: number; tokenLabel: string; pin: string }, ceremony: CeremonyEvent[]): StationFolder {
  const folder = new StationFolder(join(dir, `trustee-${t.trusteeIndex}`));
  mkdirSync(folder.dir, { recursive: true });
  const enrolled = ceremony.find((e) => e.type === 'TrusteeEnrolled' && e.data.trusteeIndex === t.trusteeIndex);
  const signingKey = enrolled?.type === 'TrusteeEnrolled' ? enrolled.data.signingKey ?? '' : '';
  const tokenSerial = enrolled?.type === 'TrusteeEnrolled' ? enrolled.data.tokenSerial : '';
  folder.create(
    { format: STATION_FORMAT, electionId, tokenLabel: t.tokenLabel, tokenSerial, signingKey },
    { format: ENROLMENT_FORMAT, electionId, tokenSerial, signingKey, fingerprint: signingKey ? signingKeyFingerprint(signingKey) : '' },
  );
  const sealed = ceremony.find((e): e is TrusteeShareSealed => e.type === 'TrusteeShareSealed' && e.data.trusteeIndex === t.trusteeIndex);
  if (sealed && enrolled?.type === 'TrusteeEnrolled') {
    folder.saveShare({ electionId, trusteeIndex: t.trusteeIndex, trusteeId: enrolled.data.trusteeId, verificationKey: sealed.data.verificationKey, sealed: sealed.data.sealed });
  }
  return folder;
}
