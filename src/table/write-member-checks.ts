import { ValidationException } from '../errors.js';
import { constraintViolation } from '../validation/validation-error.js';
import type { ReturnValue } from './item-operations.js';
import { unsupportedParameter } from './unsupported-parameter.js';

/** The members of a write request the typed API checks before it reads the table. */

const NOT_SUPPORTED_YET = [
  'ConditionExpression',
  'UpdateExpression',
  'ExpressionAttributeNames',
  'ExpressionAttributeValues',
  'Expected',
  'AttributeUpdates',
  'ConditionalOperator',
];

/**
 * Refuses what the typed API does not take: expressions (not evaluated yet) and the legacy Expected, AttributeUpdates and
 * ConditionalOperator (the wire turns them into `condition` and `update`), rather than run a write without them.
 */
export function rejectExpressionAndLegacyMembers(input: object | undefined): void {
  if (input === undefined || input === null) return;
  const given = input as Record<string, unknown>;
  // The common case first, with fixed property names (V8's fast path); the loop below finds which one.
  if (
    given.ConditionExpression === undefined &&
    given.UpdateExpression === undefined &&
    given.ExpressionAttributeNames === undefined &&
    given.ExpressionAttributeValues === undefined &&
    given.Expected === undefined &&
    given.AttributeUpdates === undefined &&
    given.ConditionalOperator === undefined
  ) {
    return;
  }
  for (const name of NOT_SUPPORTED_YET) {
    if ((input as Record<string, unknown>)[name] !== undefined) {
      throw unsupportedParameter(
        name,
        `${name} is not supported by shardline yet: pass \`condition\` (a predicate) or \`update\` (a function) instead`,
      );
    }
  }
}

/** DynamoDB Local's (and the API model's) text for a value outside the enum. */
export function checkReturnOnFailure(value: string | undefined): void {
  if (value === undefined || value === 'NONE' || value === 'ALL_OLD') return;
  throw constraintViolation(value, 'returnValuesOnConditionCheckFailure', 'satisfy enum value set: [ALL_OLD, NONE]');
}

/** The ReturnValues an operation takes; DynamoDB Local's text for any other. */
export function checkReturnValues(value: ReturnValue | undefined, allowed: readonly ReturnValue[]): void {
  if (value === undefined || allowed.includes(value)) return;
  throw new ValidationException('Return values set to invalid value');
}
