import { ValidationException } from '../errors.js';
import { constraintViolation } from '../validation/validation-error.js';
import type { ReturnValue } from './item-operations.js';
import { checkUpdateActions } from '../expression/legacy/attribute-updates.js';
import { expectedToCondition } from '../expression/legacy/expected.js';
import { checkExpressionParameterMix } from '../expression/parameter-mix.js';
import { canonicalItem } from '../model/frozen-item.js';
import { keyOfKeyParameter, type KeySchema } from '../model/key-schema.js';
import type { WriteMembers } from './write-plan.js';

/** The members of a write request the typed API checks before it reads the table. */

/**
 * DeleteItem's and UpdateItem's legacy members that DynamoDB Local 2.9.30 reads as soon as the table is found, before
 * the key and ReturnValues: Expected whole (writePlan reads it again to test it: it is pure); for an UpdateItem
 * without an UpdateExpression or `update`, the Key against the schema and then each AttributeUpdates Action (the
 * rest of AttributeUpdates is read when the update is applied, after the condition). PutItem reads its Expected
 * when the condition is evaluated, after the item.
 */
export function checkLegacyMembersFirst(
  input: (WriteMembers & { Key?: unknown }) | undefined,
  keySchema: KeySchema,
  operation: 'DeleteItem' | 'UpdateItem',
): void {
  if (input === undefined || input === null) return;
  // The common case with fixed property names (V8's fast path).
  if (input.Expected == null && input.ConditionalOperator == null && input.AttributeUpdates == null) {
    if (operation === 'DeleteItem' || input.UpdateExpression !== undefined || input.update !== undefined) return;
  } else {
    checkExpressionParameterMix(input as Record<string, unknown>);
  }
  if (input.Expected != null) expectedToCondition(input.Expected as Record<string, unknown>, input.ConditionalOperator);
  if (operation === 'DeleteItem' || input.UpdateExpression !== undefined || input.update !== undefined) return;
  const key = input.Key;
  // Not a map: left for the update itself, which names it.
  if (key !== null && typeof key === 'object' && !Array.isArray(key))
    keyOfKeyParameter(keySchema, canonicalItem(key).item);
  const updates = input.AttributeUpdates;
  if (updates !== null && typeof updates === 'object') checkUpdateActions(updates as Record<string, unknown>);
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
