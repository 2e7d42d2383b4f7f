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

/** A value for a developer's message: text quoted, so that `'42'` and `42` read differently; a list as `a list`. */
export function showQuoted(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  return Array.isArray(value) ? 'a list' : showValue(value);
}

/** A value for a developer's message: text quoted, objects and lists as JSON where they can be. */
export function showAsJson(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}
