import { ValidationException } from '../errors.js';

/*
 * The run-time errors of an UpdateExpression, found only against the item (DynamoDB Local 2.9.30's texts; the same
 * texts are recorded from AWS by public suites, see docs/aws-fidelity.md). Errors about the expression itself (a
 * `:value` of the wrong type for `+`, ADD or DELETE) are found when it is checked, before any item is read.
 */

/** A path read by SET (`a + :one`, `list_append(a, :l)`, `= a`) that the item does not have. */
export function missingAttribute(): ValidationException {
  return new ValidationException('The provided expression refers to an attribute that does not exist in the item');
}

/** `+`/`-` on a non-number, `list_append` of a non-list, ADD or DELETE against an attribute of another type. */
export function incorrectOperandType(): ValidationException {
  return new ValidationException('An operand in the update expression has an incorrect data type');
}
