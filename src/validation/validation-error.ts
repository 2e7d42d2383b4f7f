import { ValidationException } from '../errors.js';
import { showValue } from '../model/show-value.js';

/**
 * The one builder of AWS's validation text: "1 validation error detected: Value '<value>' at '<member>' failed
 * to satisfy constraint: Member must <constraint>", or "N validation errors detected: <one>; <two>" for several.
 * It builds text only, so a caller with its own error class (Lambda's) throws its own.
 */

/** One broken model constraint. */
export interface Violation {
  /** The value as AWS shows it: `'abc'` (see `quoted`), `null`, `'[...]'`. */
  readonly shown: string;
  /** The member's path in the request, in lowerCamelCase: `limit`, `transactItems.1.member.update.key`. */
  readonly at: string;
  /** What follows "Member must": `not be null`, `have length less than or equal to 36`. */
  readonly constraint: string;
}

/** A caller's value as AWS quotes it in a violation. */
export function quoted(value: unknown): string {
  return `'${showValue(value)}'`;
}

/** AWS's text for one violation or several (in the order given). */
export function validationMessage(violations: readonly Violation[]): string {
  const count =
    violations.length === 1 ? '1 validation error detected' : `${violations.length} validation errors detected`;
  return `${count}: ${violations.map(violationText).join('; ')}`;
}

function violationText({ shown, at, constraint }: Violation): string {
  return `Value ${shown} at '${at}' failed to satisfy constraint: Member must ${constraint}`;
}

/** The ValidationException for one or several violations. */
export function validationError(violations: readonly Violation[]): ValidationException {
  return new ValidationException(validationMessage(violations));
}

/** The ValidationException for one value that breaks one constraint: `constraintViolation(0, 'limit', 'have value greater than or equal to 1')`. */
export function constraintViolation(value: unknown, at: string, constraint: string): ValidationException {
  return validationError([{ shown: quoted(value), at, constraint }]);
}

/** A member missing where the model requires it: "Value null at '<member>' ... Member must not be null". */
export function missingMember(at: string): ValidationException {
  return validationError([{ shown: 'null', at, constraint: 'not be null' }]);
}
