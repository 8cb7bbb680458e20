/**
 * How many large downloads run at once: at most `perAddress` for one client address and
 * `total` for the whole instance. A download holds its slot from the request until the
 * response closes (sent, or the client gone).
 *
 * Why: the board's large files (the ballot box: about 33 MB per 1,000 voters) are public. One
 * address opening hundreds of slow downloads would hold memory and sockets that the board's
 * other readers need; the proxy's limits (plan-de-seguridad §3.1) are the first guard, this is
 * the service's own. In memory, per instance: it bounds work here, it is not a ledger budget.
 */
export interface DownloadSlotLimits {
  perAddress: number;
  total: number;
}

/** Four per address: the trustees of one ceremony room, behind one address, download together. */
export const BOARD_DOWNLOAD_SLOTS: DownloadSlotLimits = { perAddress: 4, total: 32 };

export type SlotTaken = { ok: true; release: () => void } | { ok: false; full: 'address' | 'instance' };

export class DownloadSlots {
  private readonly byAddress = new Map<string, number>();
  private running = 0;

  constructor(private readonly limits: DownloadSlotLimits) {
    if (!(limits.perAddress >= 1) || !(limits.total >= 1)) throw new Error(`invalid download slots ${JSON.stringify(limits)}`);
  }

  take(address: string): SlotTaken {
    const mine = this.byAddress.get(address) ?? 0;
    if (mine >= this.limits.perAddress) return { ok: false, full: 'address' };
    if (this.running >= this.limits.total) return { ok: false, full: 'instance' };
    this.byAddress.set(address, mine + 1);
    this.running++;
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        const left = (this.byAddress.get(address) ?? 1) - 1;
        if (left > 0) this.byAddress.set(address, left);
        else this.byAddress.delete(address);
      },
    };
  }

  /** Downloads in progress (for /metrics and tests). */
  get inUse(): number {
    return this.running;
  }
}
