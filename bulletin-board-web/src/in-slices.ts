/**
 * Runs work that comes in slices (a generator that pauses between them, such as the booth's
 * encryption tables: encryptionTablesInSlices) without freezing the page: after each slice the
 * browser gets the main thread back to paint and to handle the voter's taps and scrolling.
 */
export async function runInSlices<T>(slices: Iterator<void, T, undefined>): Promise<T> {
  for (;;) {
    const next = slices.next();
    if (next.done) return next.value;
    await yieldToBrowser();
  }
}

/**
 * A new task as soon as the browser has handled what is pending. A message rather than
 * setTimeout(0): browsers stretch nested timeouts to at least 4 ms, which over ~80 slices would
 * add a third of a second of waiting for nothing.
 */
function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
