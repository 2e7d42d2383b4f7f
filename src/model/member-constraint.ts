import { ValidationException } from '../errors.js';
import { showValue } from './show-value.js';

/**
 * A request member that breaks one of AWS's model constraints, in AWS's words: "1 validation error detected:
 * Value '<value>' at '<member>' failed to satisfy constraint: Member must <constraint>".
 */
export function constraintViolation(value: unknown, member: string, constraint: string): ValidationException {
  return new ValidationException(`1 validation error detected: Value '${showValue(value)}' at '${member}' failed to satisfy constraint: Member must ${constraint}`);
}

/** A string member within the model's length bounds; a value that is not a string breaks the lower one (as in DynamoDB Local). */
export function checkLength(value: unknown, member: string, min: number, max: number): asserts value is string {
  if (typeof value !== 'string' || value.length < min) throw constraintViolation(value, member, `have length greater than or equal to ${min}`);
  if (value.length > max) throw constraintViolation(value, member, `have length less than or equal to ${max}`);
}
