import { setAttribute } from '../model/attribute-value.js';

/** An asymmetric matcher (`expect.anything()`, `expect.objectContaining(...)`), in vitest and in jest. */
function isAsymmetric(value: unknown): value is { asymmetricMatch(other: unknown): boolean } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === 'function'
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The received value with every part an asymmetric matcher of `expected` accepts replaced by that matcher, so
 * that a diff shows only what differs (`expect.anything()` against `'a'` is not a difference). Jest does the same
 * for its own matchers' diffs; `this.utils.diff` alone does not.
 */
export function alignForDiff(received: unknown, expected: unknown): unknown {
  if (isAsymmetric(expected)) return expected.asymmetricMatch(received) ? expected : received;
  if (Array.isArray(received) && Array.isArray(expected))
    return received.map((value, index) => (index < expected.length ? alignForDiff(value, expected[index]) : value));
  if (isPlainObject(received) && isPlainObject(expected)) {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(received)) {
      const value = received[name];
      setAttribute(out, name, Object.hasOwn(expected, name) ? alignForDiff(value, expected[name]) : value);
    }
    return out;
  }
  return received;
}
