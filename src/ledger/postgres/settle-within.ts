/**
 * Waits for `promise`, but no longer than `ms`: for shutdown steps that should finish (a
 * connection closing) yet must never hang the process if the server stops answering. The
 * timer does not keep the process alive.
 */
export async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
