import { messagesOf } from '../messages/catalog';
import { simulacroMessages } from '../messages/simulacro.messages';
import { threadTime, type ThreadTime } from './thread-time';

/** The simulacro's phases, in the order they run (the summary keeps that order). */
export type PhaseName =
  | 'database' | 'configuration' | 'roll' | 'credentials' | 'ceremony' | 'opening' | 'service'
  | 'casting' | 'keepOpen' | 'closing' | 'tally' | 'preservation' | 'verification' | 'results';

const m = messagesOf(simulacroMessages);

/**
 * Wall-clock time of each phase: starting one ends the one before. What the targets are
 * measured against (issue 17: a 1,000-voter simulacro in 60 s), printed at the end and written
 * into the result JSON, so that a slow phase is named rather than guessed.
 */
export class PhaseClock {
  private readonly seconds = new Map<PhaseName, number>();
  /** Per phase, the clock's thread's (the service's, in the simulacro) time on a core and
   * waiting for one (Linux; thread-time.ts). */
  private readonly thread = new Map<PhaseName, ThreadTime>();
  private current?: { name: PhaseName; started: number; thread?: ThreadTime };
  private readonly started = performance.now();

  /** `readThreadTime`: where this thread's time is read (tests give their own). */
  constructor(private readonly readThreadTime: () => ThreadTime | undefined = () => threadTime()) {}

  start(name: PhaseName): void {
    this.end();
    this.current = { name, started: performance.now(), thread: this.readThreadTime() };
  }

  end(): void {
    if (!this.current) return;
    const { name, started, thread } = this.current;
    this.seconds.set(name, (this.seconds.get(name) ?? 0) + (performance.now() - started) / 1000);
    const ended = thread && this.readThreadTime();
    if (thread && ended) {
      const sum = this.thread.get(name) ?? { running: 0, waiting: 0 };
      this.thread.set(name, { running: sum.running + ended.running - thread.running, waiting: sum.waiting + ended.waiting - thread.waiting });
    }
    this.current = undefined;
  }

  /** Seconds per phase (0.1 s), and the total since the clock was made; with `thread`, the
   * clock's thread's seconds on a core and waiting for one, per phase, where the system says. */
  times(): { phases: Partial<Record<PhaseName, number>>; total: number; thread: Partial<Record<PhaseName, ThreadTime>> } {
    const round = (s: number) => Math.round(s * 10) / 10;
    const phases: Partial<Record<PhaseName, number>> = {};
    for (const [name, s] of this.seconds) phases[name] = round(s);
    const thread: Partial<Record<PhaseName, ThreadTime>> = {};
    for (const [name, t] of this.thread) thread[name] = { running: round(t.running), waiting: round(t.waiting) };
    return { phases, total: round((performance.now() - this.started) / 1000), thread };
  }

  /** One line per phase, "es / en" label, seconds and share of the total. */
  summary(): string {
    const { phases, total } = this.times();
    const lines = Object.entries(phases).map(([name, s]) => {
      const label = m.both(`phase.${name as PhaseName}`);
      const share = total > 0 ? Math.round((100 * s) / total) : 0;
      return `  ${label.padEnd(60)} ${s.toFixed(1).padStart(7)} s ${String(share).padStart(3)} %`;
    });
    return [`${m.both('phases.title')}:`, ...lines, `  ${m.both('phases.total').padEnd(60)} ${total.toFixed(1).padStart(7)} s`].join('\n');
  }
}
