import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { joinBoth, pair } from '../messages/catalog';
import { cliMessages } from '../messages/cli.messages';
import type { DataLayout } from './data-layout';

/**
 * Data folders made before the one layout (data-layout.ts) kept `urna setup`'s database in
 * postgres/data and its checkpoint key in log-signing.key at the root. Such a folder is moved
 * to the layout on the first start of any command (a rename each, nothing copied, nothing
 * rewritten); a folder holding both an old and a new one is refused, since only a person can
 * say which ledger or which key is the election's.
 */
export class LegacyLayoutError extends Error {
  readonly code = 'DATA_LAYOUT_CONFLICT';
  constructor(readonly es: string, readonly en: string) {
    super(joinBoth({ es, en }));
    this.name = 'LegacyLayoutError';
  }
}

interface Move {
  from: string;
  to: string;
}

function legacyMoves(layout: DataLayout): Move[] {
  const oldCluster = join(layout.root, 'postgres', 'data');
  return [
    { from: oldCluster, to: layout.postgresCluster },
    { from: `${oldCluster}.password`, to: `${layout.postgresCluster}.password` },
    { from: join(layout.root, 'log-signing.key'), to: layout.logKeyFile },
  ];
}

/** Moves what an old folder holds to the layout; returns each move made ("from → to"). */
export function migrateLegacyLayout(layout: DataLayout, options: { logKeyFile?: string } = {}): string[] {
  const moves = legacyMoves(layout).filter((m) => existsSync(m.from));
  // An explicit URNA_LOG_KEY_FILE is the operator's choice: the old default key is left alone.
  const relevant = moves.filter((m) => m.to !== layout.logKeyFile || options.logKeyFile === undefined);
  for (const m of relevant) {
    if (existsSync(m.to)) {
      const message = pair(cliMessages, 'layout.conflict', { from: m.from, to: m.to });
      throw new LegacyLayoutError(message.es, message.en);
    }
  }
  for (const m of relevant) {
    mkdirSync(dirname(m.to), { recursive: true });
    renameSync(m.from, m.to);
  }
  return relevant.map((m) => `${m.from} → ${m.to}`);
}
