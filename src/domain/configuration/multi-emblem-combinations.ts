/**
 * The multi-emblem marks a voter may make for one coalition (or common candidacy): every set
 * of two or more of its parties. A 2-party coalition gives 1, a 3-party one gives 4 (three
 * pairs and the triple), n parties give 2^n - n - 1. Order: by size, then in ballot order
 * (each combination lists its parties in the order they appear in `ballotOrder`).
 */
export function multiEmblemCombinations(parties: readonly string[], ballotOrder: readonly string[]): string[][] {
  const ordered = [...parties].sort((a, b) => rank(ballotOrder, a) - rank(ballotOrder, b));
  const n = ordered.length;
  if (n > 16) throw new RangeError(`a grouping of ${n} parties would give ${2 ** n - n - 1} combinations`);
  const combos: string[][] = [];
  for (let size = 2; size <= n; size++) collect(ordered, size, 0, [], combos);
  return combos;
}

function rank(order: readonly string[], id: string): number {
  const i = order.indexOf(id);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}

/** Lexicographic k-subsets by position, so (A,B),(A,C),(B,C) for [A,B,C]. */
function collect(items: readonly string[], size: number, start: number, prefix: string[], out: string[][]): void {
  if (prefix.length === size) {
    out.push([...prefix]);
    return;
  }
  for (let i = start; i <= items.length - (size - prefix.length); i++) {
    prefix.push(items[i]);
    collect(items, size, i + 1, prefix, out);
    prefix.pop();
  }
}
