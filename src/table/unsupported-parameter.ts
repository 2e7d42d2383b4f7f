import { ValidationException } from '../errors.js';

/**
 * A request member that shardline does not implement yet is refused by name rather than ignored: a write run
 * without its ConditionExpression would succeed where AWS refuses it. The reason and the member ride on the error
 * (not enumerable, so it still equals `new ValidationException(message)`), for the wire to reword the typed API's
 * advice for its own callers (src/wire/unsupported-parameter-text.ts).
 */
export function unsupportedParameter(parameter: string, message: string): ValidationException {
  return new ValidationException(message, 'unsupportedParameter', parameter);
}
