/**
 * Jest test sequencer for mutation runs only (the Stryker configs name it). Jest normally runs
 * the slowest test files first; with jest-bail.js the first failing test ends a mutant's run,
 * so the fast, focused specs written to kill mutants go first and the slow property-based ones
 * last. Files keep Jest's order within each rank.
 */
const Sequencer = require('@jest/test-sequencer').default;

/** Path fragments, fastest and most focused first; anything else runs after these. */
const FIRST = [
  'parse-ballot-exact', 'verify-ballot-exact', 'proof-binding-guards', 'forged-proofs', 'dleq-verification', 'leaf-encoding-rules', 'tree-math-ranges', 'bytes-equal',
  'cast-phases-and-audit-text', 'vectors', 'hostile-input', 'leaf-encoding', 'voting.spec', 'benaloh',
];
const rank = (path) => {
  const i = FIRST.findIndex((f) => path.includes(f));
  return i === -1 ? FIRST.length : i;
};

class MutationSequencer extends Sequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path));
  }
}

module.exports = MutationSequencer;
