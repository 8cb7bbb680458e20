/**
 * Jest set-up file for mutation runs only (the Stryker configs add it; `npm test` never loads
 * it). Jest cannot bail inside a run when Stryker drives it, yet one failing test is enough to
 * kill a mutant: once a test fails with a mutant active, every later test of that run fails at
 * once in beforeEach instead of running (the specs of the ballot group alone take ~20 s per
 * mutant otherwise). The flag lives on `process`, shared by the test files of one in-band run,
 * and is keyed by the active mutant, so the next mutant's run starts clean. Without an active
 * mutant (Stryker's initial run, or plain Jest) nothing changes.
 */
const MUTANT = '__STRYKER_ACTIVE_MUTANT__';

beforeEach(() => {
  const active = process.env[MUTANT];
  if (active !== undefined && process.urnaKilledMutant === active) throw new Error(`mutant ${active} already killed by an earlier test`);
});

/** Wraps a test function so that its failure marks the active mutant as killed. */
function tracked(body) {
  // A test taking `done` keeps its arity (Jest reads it); it is simply not tracked.
  if (typeof body !== 'function' || body.length > 0) return body;
  return async function trackedTest() {
    try {
      return await body.call(this);
    } catch (err) {
      if (process.env[MUTANT] !== undefined) process.urnaKilledMutant = process.env[MUTANT];
      throw err;
    }
  };
}

for (const name of ['it', 'test']) {
  const original = globalThis[name];
  const wrapped = (title, body, timeout) => original(title, tracked(body), timeout);
  Object.assign(wrapped, original); // .each, .only, .skip, … keep working (untracked)
  globalThis[name] = wrapped;
}
