/**
 * A caller's value as text for an error message. `String(value)` itself throws for objects whose
 * `toString` is not callable (`{ toString: 0 }`, `Object.create(null)`), which would turn a validation
 * error into a TypeError; a call that is given a bad value must still answer with its ValidationException.
 */
export function showValue(value: unknown): string {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return '[unprintable value]';
    }
  }
}
