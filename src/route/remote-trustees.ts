/**
 * The trustees of a real election, each at their own machine running `urna trustee …` against
 * the address the officials give them: the officials' command cannot start their stations, so
 * it waits, reading the ledger, until they have done their part. (The simulacro and `urna setup`
 * play every trustee and start the stations themselves: src/setup/trustee-processes.ts.)
 */
import { loadState } from '../command-path/stream-state';
import { ceremonyDecider } from '../domain/ceremony/decider';
import { ceremonyStream } from '../domain/ceremony/events';
import { ceremonyPhase } from '../domain/ceremony/state';
import { tallyDecider, tallyStream } from '../domain/tally/decider';
import type { EventStore } from '../ledger/event-store';
import type { CeremonyTrustees } from '../setup/election-setup-service';
import type { TallyTrustees } from '../tally/tally-service';
import type { TrusteeFailure } from '../tally/tally-errors';
import { messagesOf } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';

const m = messagesOf(cliMessages);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface WaitOptions {
  store: EventStore;
  electionId: string;
  pollMs?: number;
  /** Give up after this long (default: wait for as long as it takes). */
  timeoutMs?: number;
}

function deadlineOf(o: WaitOptions): number {
  return o.timeoutMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + o.timeoutMs;
}

/** Resolves once every enrolled trustee has sealed their final share (the notary's turn). */
export class RemoteCeremonyTrustees implements CeremonyTrustees {
  constructor(private readonly o: WaitOptions) {}

  async runCeremony(say: (line: string) => void): Promise<void> {
    const deadline = deadlineOf(this.o);
    let last = '';
    for (;;) {
      const { state } = await loadState(this.o.store, ceremonyStream(this.o.electionId), ceremonyDecider);
      const phase = ceremonyPhase(state);
      if (phase !== last) say(`  ${m.both('route.ceremonyPhase', { phase })}`);
      last = phase;
      if (phase === 'witnessing' || phase === 'completing' || phase === 'completed') return;
      if (Date.now() > deadline) throw new Error(m.both('route.trusteesTimedOut', { phase }));
      await sleep(this.o.pollMs ?? 500);
    }
  }
}

/** Resolves once `present` trustees (at least the threshold) have posted their partial
 * decryptions of every contest. A station that fails reports it on its own screen; here it is
 * only a trustee that has not posted. */
export class RemoteTallyTrustees implements TallyTrustees {
  constructor(private readonly o: WaitOptions & { present?: number }) {}

  async decrypt(say: (line: string) => void): Promise<TrusteeFailure[]> {
    const deadline = deadlineOf(this.o);
    let reported = -1;
    for (;;) {
      const { state } = await loadState(this.o.store, tallyStream(this.o.electionId), tallyDecider);
      const wanted = Math.max(this.o.present ?? state.threshold, state.threshold);
      const byTrustee = new Map<number, number>();
      for (const contest of state.contests) {
        for (const k of state.partials.get(contest)?.keys() ?? []) byTrustee.set(k, (byTrustee.get(k) ?? 0) + 1);
      }
      const complete = [...byTrustee.values()].filter((n) => n === state.contests.length).length;
      if (complete !== reported) say(`  ${m.both('route.partialsPosted', { complete, wanted })}`);
      reported = complete;
      if (state.contests.length > 0 && complete >= wanted) return [];
      if (Date.now() > deadline) throw new Error(m.both('route.trusteesTimedOut', { phase: `${complete}/${wanted}` }));
      await sleep(this.o.pollMs ?? 500);
    }
  }
}
