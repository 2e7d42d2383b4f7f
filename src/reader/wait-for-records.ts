import type { StreamSource } from './stream-source.js';

export function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

/**
 * The async iterator's wait after a poll that found nothing: until the poll interval has passed on the
 * source's clock, the source says records may be readable, or the signal aborts, whichever comes first.
 */
export function waitForRecords(
  source: StreamSource,
  pollIntervalMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  // An abort while the poll was in flight has already fired its event: do not wait for the clock.
  if (aborted(signal)) return Promise.resolve();
  return new Promise((resolve) => {
    let settled = false;
    const cleanups: (() => void)[] = [];
    const done = (): void => {
      if (settled) return;
      settled = true;
      for (const cleanup of cleanups) cleanup();
      resolve();
    };
    const timer = source.schedule(source.now() + pollIntervalMs, done);
    cleanups.push(() => timer.cancel());
    const unsubscribe = source.onRecords?.(done);
    if (unsubscribe !== undefined) cleanups.push(unsubscribe);
    if (signal !== undefined) {
      signal.addEventListener('abort', done, { once: true });
      cleanups.push(() => signal.removeEventListener('abort', done));
      // Aborted while the wait was being set up (by the source's schedule, say): 'abort' has fired already.
      if (signal.aborted) done();
    }
  });
}
