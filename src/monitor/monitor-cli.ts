/**
 * `urna monitor --url <service> --vkey <log key> --state <dir> [--stale-after 120] [--once] [--json]`:
 * a log monitor anyone can run (party representatives, observers, auditors). It needs the
 * log's key from the opening report, never the one the server serves. Each round's anomalies
 * go to stdout, in Spanish and English (or one JSON line each with --json); the state is saved
 * after every round, so a restart resumes where the last complete round ended.
 * Exit codes: 0 no anomaly, 1 an anomaly (with --once; without it the monitor keeps watching),
 * 2 usage (no key, an unreadable state, a state built with another key).
 */
import { Command, InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { parseCosignerKey, type CosignerKey } from '../ledger/checkpoint/cosignature';
import { parseVerifierKey } from '../ledger/checkpoint/signed-note';
import { messagesOf } from '../messages/catalog';
import { monitorMessages } from '../messages/monitor.messages';
import type { Anomaly } from './anomaly';
import { LogReader } from './log-reader';
import { initialState, monitorRound, type RoundOutcome } from './monitor-round';
import { loadState, saveState, type MonitorState } from './monitor-state';

const m = messagesOf(monitorMessages);

export interface MonitorOptions {
  url: string;
  vkey?: string;
  state: string;
  staleAfter: number;
  /** Witness keys (cosignature/v1 vkeys) whose cosignatures are reported, and the quorum (default all). */
  witness?: string[];
  quorum?: number;
  once?: boolean;
  json?: boolean;
  interval?: number;
  /** Lines go here (default stdout). */
  write?: (line: string) => void;
  now?: () => Date;
  /** Ends a watching monitor (tests; the command stops on SIGINT/SIGTERM). */
  signal?: AbortSignal;
}

export interface MonitorRun {
  exitCode: number;
  rounds: RoundOutcome[];
}

export async function runMonitor(o: MonitorOptions): Promise<MonitorRun> {
  const write = o.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const usage = (line: string): MonitorRun => {
    write(o.json ? JSON.stringify({ type: 'usage', message: line }) : line);
    return { exitCode: 2, rounds: [] };
  };
  const vkey = o.vkey?.trim();
  if (!vkey) return usage(m.both('usage.vkeyMissing'));
  let key;
  try {
    key = parseVerifierKey(vkey);
  } catch (err) {
    return usage(m.both('usage.vkeyInvalid', { reason: (err as Error).message }));
  }
  let witnesses: CosignerKey[];
  try {
    witnesses = (o.witness ?? []).map((w) => parseCosignerKey(w.trim()));
  } catch (err) {
    return usage(m.both('usage.witnessInvalid', { reason: (err as Error).message }));
  }
  const quorum = o.quorum ?? witnesses.length;
  const dir = resolve(o.state);
  let state: MonitorState;
  try {
    state = loadState(dir) ?? initialState(vkey);
  } catch (err) {
    return usage(m.both('usage.stateUnreadable', { dir, reason: (err as Error).message }));
  }
  if (state.vkey !== vkey) return usage(m.both('usage.stateOtherKey', { dir }));

  const reader = new LogReader(o.url);
  const rounds: RoundOutcome[] = [];
  // A watching monitor says each anomaly once, not every round while it lasts.
  const said = new Set<string>();
  for (;;) {
    const outcome = await monitorRound(state, { reader, key, vkey, staleAfterSeconds: o.staleAfter, now: o.now, witnesses, quorum });
    saveState(dir, outcome.state);
    state = outcome.state;
    rounds.push(outcome);
    const fresh = o.once ? outcome.anomalies : outcome.anomalies.filter((a) => !said.has(`${a.code}\n${a.message.en}`));
    for (const a of fresh) said.add(`${a.code}\n${a.message.en}`);
    print(write, o.json === true, outcome, fresh, (o.now ?? (() => new Date()))(), quorum);
    if (o.once) return { exitCode: outcome.anomalies.length > 0 ? 1 : 0, rounds };
    if (await pause((o.interval ?? 10) * 1000, o.signal)) return { exitCode: 0, rounds };
  }
}

function print(write: (line: string) => void, json: boolean, outcome: RoundOutcome, anomalies: Anomaly[], at: Date, quorum: number): void {
  const { state } = outcome;
  if (json) {
    for (const a of anomalies) write(JSON.stringify({ type: 'anomaly', at: at.toISOString(), code: a.code, ...(a.index === undefined ? {} : { index: a.index }), es: a.message.es, en: a.message.en }));
    write(JSON.stringify({
      type: 'round', at: at.toISOString(), from: outcome.from, to: outcome.to, size: state.size, rootHash: state.rootHash,
      ballots: outcome.ballots, anomalies: anomalies.length, counters: state.counters,
      ...(outcome.cosigners ? { cosigners: outcome.cosigners, quorum, quorumMet: outcome.cosigners.length >= quorum } : {}),
    }));
    return;
  }
  for (const a of anomalies) {
    write(`${m.text('label.anomaly', 'es')}: ${a.message.es}`);
    write(`${m.text('label.anomaly', 'en')}: ${a.message.en}`);
  }
  write(outcome.to > outcome.from ? m.both('status.followed', { from: outcome.from, size: outcome.to, ballots: outcome.ballots }) : m.both('status.unchanged', { size: state.size }));
  if (outcome.cosigners) {
    write(outcome.cosigners.length > 0
      ? m.both('status.cosigned', { witnesses: outcome.cosigners.join(', '), count: outcome.cosigners.length, quorum })
      : m.both('status.notCosigned', { quorum }));
  }
  write(m.both('status.summary', { size: state.size, ballots: state.counters.ballots, anomalies: state.counters.anomalies }));
}

/** Waits `ms`; true when the signal ended the wait. */
function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', stop);
      done(false);
    }, ms);
    const stop = () => {
      clearTimeout(timer);
      done(true);
    };
    signal?.addEventListener('abort', stop, { once: true });
  });
}

const wholeNumber = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`--${name}: ${value}`);
  return n;
};

const seconds = (name: string) => (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`--${name}: ${value}`);
  return n;
};

export function monitorCommand(): Command {
  return new Command('monitor')
    .description(m.both('monitor.description'))
    .requiredOption('--url <url>', m.both('option.url'))
    .option('--vkey <key>', m.both('option.vkey'))
    .option('--state <dir>', m.both('option.state'), 'monitor-estado')
    .option('--stale-after <seconds>', m.both('option.staleAfter'), seconds('stale-after'), 120)
    .option('--interval <seconds>', m.both('option.interval'), seconds('interval'), 10)
    .option('--witness <vkey>', m.both('option.witness'), (value: string, all: string[]) => [...all, value], [] as string[])
    .option('--quorum <k>', m.both('option.quorum'), wholeNumber('quorum'))
    .option('--once', m.both('option.once'))
    .option('--json', m.both('option.json'))
    .action(async (o: { url: string; vkey?: string; state: string; staleAfter: number; interval: number; witness: string[]; quorum?: number; once?: boolean; json?: boolean }) => {
      const stop = new AbortController();
      const end = () => stop.abort();
      process.once('SIGINT', end);
      process.once('SIGTERM', end);
      try {
        const run = await runMonitor({ ...o, signal: stop.signal });
        process.exitCode = run.exitCode;
      } finally {
        process.off('SIGINT', end);
        process.off('SIGTERM', end);
      }
    });
}
