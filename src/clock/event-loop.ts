/**
 * One turn of the event loop, for callers that wait on work outside the microtask queue (an I/O callback, such
 * as an HTTP answer from a real server). Every pending microtask runs before it resolves.
 *
 * Through a MessageChannel, not `setImmediate` or `setTimeout`: a test's fake timers (vitest's and jest's, both
 * @sinonjs/fake-timers) own those, also through `node:timers`, and a wait on them never ends until the test
 * advances them. Callers should wait with microtasks first and come here only when those make no progress.
 * Without a MessageChannel (an unusual runtime), it resolves after a microtask.
 */
export function turnEventLoop(): Promise<void> {
  if (typeof MessageChannel !== 'function') return Promise.resolve();
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    // The web API, which Node's MessagePort has too (its types only declare the EventEmitter one).
    (port1 as unknown as { onmessage: (() => void) | null }).onmessage = () => {
      // Closing one end closes both, so nothing keeps the process alive.
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}
