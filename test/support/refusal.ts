/** The error a promise is refused with; fails the test when it resolves instead. */
export async function refusal(p: Promise<unknown>): Promise<Error & { code?: string; status?: number; check?: string }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { code?: string; status?: number; check?: string };
  }
  throw new Error('expected a refusal');
}
