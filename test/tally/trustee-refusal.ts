import { TrusteeTotalsRefusedError } from '../../src/tally/tally-errors';

/** The refusal `promise` ends with (fails the test when it resolves or fails otherwise). */
export async function refusal(promise: Promise<unknown>): Promise<TrusteeTotalsRefusedError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TrusteeTotalsRefusedError) return err;
    throw err;
  }
  throw new Error('the trustee did not refuse');
}
