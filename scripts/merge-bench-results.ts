/**
 * Merges the per-benchmark JSON files into the result files the issues ask for. Each merged
 * file keeps its parts' fields at the top level (as the issues name them) and records which
 * part files it came from.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '..', 'bench', 'results');
const merges: Record<string, string[]> = {
  'ledger.json': ['ledger-append.json', 'merkle.json'],
  'crypto.json': ['crypto-ballot.json', 'crypto-tally.json'],
};

for (const [target, parts] of Object.entries(merges)) {
  const present = parts.filter((p) => existsSync(join(dir, p)));
  if (present.length === 0) continue;
  const merged: Record<string, unknown> = { merged_from: present, merged_at: new Date().toISOString() };
  for (const p of present) {
    const data = JSON.parse(readFileSync(join(dir, p), 'utf8')) as Record<string, unknown>;
    for (const [k, v] of Object.entries(data)) {
      if (k in merged && k !== 'machine') merged[`${p.replace('.json', '')}.${k}`] = v;
      else merged[k] = v;
    }
  }
  writeFileSync(join(dir, target), JSON.stringify(merged, null, 2) + '\n');
  console.log(`wrote bench/results/${target} from ${present.join(', ')}`);
}
