/**
 * The one trust policy every page of this origin applies to a checkpoint (docs/spec/log.md
 * §8.6): the log key and the election's witnesses remembered in this browser the first time
 * (witness-trust.ts), and the quorum's cosignatures. The board and the booth share it, and share
 * the pins: a key that changes between the booth that issued a receipt and the board that checks
 * it fails loudly on either page.
 */
import { ApiError, getJson } from './api';
import { witnessQuorumTrust, type PinStore, type PublishedWitnesses, type WitnessTrust } from './witness-trust';

/** localStorage when the browser allows it (private modes may refuse): pins then last the page's life. */
function pinStore(): PinStore | undefined {
  try {
    const probe = 'urna.pin.probe';
    window.localStorage.setItem(probe, '1');
    window.localStorage.removeItem(probe);
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The published witnesses; a server without the endpoint has none (a remembered policy still catches a downgrade). */
async function publishedWitnesses(): Promise<PublishedWitnesses> {
  try {
    return await getJson<PublishedWitnesses>('/log/witnesses');
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return { quorum: 0, witnesses: [] };
    throw err;
  }
}

export function pinnedTrust(): WitnessTrust {
  return witnessQuorumTrust(publishedWitnesses, pinStore());
}
