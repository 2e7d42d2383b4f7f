import { ValidationException } from '../errors.js';

/**
 * A request member that shardline does not implement yet is refused by name rather than ignored: a write run
 * without its ConditionExpression would succeed where AWS refuses it. The refusal is a plain
 * ValidationException; which member it names is kept beside it, so that the wire can reword it for its own
 * callers (src/wire/unsupported-parameter-text.ts): the typed API's advice, a `condition` predicate or an
 * `update` function, is no help to an AWS SDK or aws CLI caller. (Beside it, not on it: the error a typed-API
 * caller gets stays equal to `new ValidationException(message)`.)
 */
const parameters = new WeakMap<ValidationException, string>();

export function unsupportedParameter(parameter: string, message: string): ValidationException {
  const error = new ValidationException(message);
  parameters.set(error, parameter);
  return error;
}

/** The member an `unsupportedParameter` refusal names, or undefined for any other error. */
export function unsupportedParameterOf(error: unknown): string | undefined {
  return error instanceof ValidationException ? parameters.get(error) : undefined;
}
