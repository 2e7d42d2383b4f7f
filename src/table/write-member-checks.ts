import { ValidationException } from '../errors.js';
import { constraintViolation } from '../validation/validation-error.js';
import type { ReturnValue } from './item-operations.js';
import { unsupportedParameter } from './unsupported-parameter.js';

/** The members of a write request the typed API checks before it reads the table. */

/** The legacy members the wire turns into a condition or update (src/wire/item-members.ts). */
const LEGACY_MEMBERS = ['Expected', 'AttributeUpdates', 'ConditionalOperator'] as const;

/**
 * Refuses the legacy Expected, AttributeUpdates and ConditionalOperator, which the typed API does not take yet (the
 * wire turns them into a condition and an update), rather than run a write without them.
 */
export function rejectLegacyMembers(input: object | undefined): void {
  if (input === undefined || input === null) return;
  const given = input as Record<string, unknown>;
  // The common case with fixed property names (V8's fast path); the loop below finds which one.
  if (given.Expected === undefined && given.AttributeUpdates === undefined && given.ConditionalOperator === undefined)
    return;
  for (const name of LEGACY_MEMBERS) {
    if (given[name] !== undefined) {
      throw unsupportedParameter(
        name,
        `${name} is not supported by shardline's typed API yet: pass ConditionExpression or UpdateExpression instead`,
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
