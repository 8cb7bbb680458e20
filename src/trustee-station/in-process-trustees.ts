import type { TrusteeStep } from '../domain/ceremony/progress';
import type { CeremonyStation } from './ceremony-station';

const ACTING: TrusteeStep[] = ['round1', 'deal', 'check', 'seal'];

/**
 * Several stations driven in turn from one process: for tests of the ceremony's rules only.
 * An election runs each station in its own process on its trustee's machine (`urna trustee
 * ceremony`), so that no process ever holds two trustees' secrets.
 */
export async function runStationsInTurn(stations: CeremonyStation[], after?: (k: number, step: TrusteeStep) => Promise<void> | void): Promise<void> {
  for (;;) {
    let acted = false;
    for (const [k, station] of stations.entries()) {
      const step = await station.next();
      if (ACTING.includes(step)) {
        acted = true;
        await after?.(k, step);
      }
    }
    if (!acted) return;
  }
}
