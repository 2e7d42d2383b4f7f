/** Whether a handler or a source answered with a promise (anything with a `then` method), or synchronously. */
export function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
