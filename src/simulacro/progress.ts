import { text } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';

/**
 * Progress for long steps: a redrawn bar on a terminal, and on a pipe (CI, logs) one line
 * every 10 % so the output stays readable. Writes to stderr; results go to stdout.
 */
export class Progress {
  private done = 0;
  private lastDecile = -1;
  private readonly started = Date.now();
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly label: string, private readonly total: number) {
    this.render();
  }

  tick(n = 1): void {
    this.done += n;
    this.render();
  }

  finish(summary = ''): void {
    this.done = this.total;
    this.render(true);
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const done = text(cliMessages, 'simulacro.progressDone', 'es', { label: this.label, total: this.total, seconds });
    process.stderr.write(`${this.tty ? '\n' : ''}  ✓ ${done}${summary ? ` — ${summary}` : ''}\n`);
  }

  private render(final = false): void {
    const ratio = this.total === 0 ? 1 : this.done / this.total;
    if (this.tty) {
      const width = 30;
      const filled = Math.round(ratio * width);
      process.stderr.write(`\r  ${this.label} [${'█'.repeat(filled)}${'·'.repeat(width - filled)}] ${this.done}/${this.total}`);
      return;
    }
    const decile = Math.floor(ratio * 10);
    if (!final && decile !== this.lastDecile) {
      this.lastDecile = decile;
      process.stderr.write(`  ${this.label}: ${this.done}/${this.total} (${Math.round(ratio * 100)} %)\n`);
    }
  }
}

export function step(title: string): void {
  process.stderr.write(`\n▶ ${title}\n`);
}
