import type { Database } from '../database.js';
import { ValidationException } from '../errors.js';
import { setAttribute } from '../model/attribute-value.js';
import type { Condition } from '../table/item-operations.js';
import { decodeExpected, expectedToCondition } from './expected.js';
import { decodeAttributeValue } from './json-codec.js';
import { pick } from './operation.js';

/**
 * What several item operations read from a request alike (their validation rules are in common-members.ts): the
 * members a conditional write passes on, the legacy conditions of Query and Scan, the projection reads refuse.
 * Operation files import these from here, never from one another.
 */

/** The members passed on to the typed API: the expression ones too, which it rejects by name. */
export const WRITE_MEMBERS = [
  'TableName',
  'ReturnValues',
  'ReturnValuesOnConditionCheckFailure',
  'ConditionExpression',
  'ExpressionAttributeNames',
  'ExpressionAttributeValues',
  'Expected',
  'ConditionalOperator',
] as const;

/**
 * The members passed on to the typed API, with the legacy `Expected` (and its ConditionalOperator) turned into
 * its `condition` predicate. With ConditionExpression too, the typed API rejects the expression by name.
 *
 * Expected's values are decoded here, with the rest of the request's (their JSON types come first, as AWS reads a
 * body). Where its other problems are reported depends on the operation, as DynamoDB Local 2.9.30 orders them: a
 * PutItem's after its item (they are thrown when the condition is evaluated), a DeleteItem's or UpdateItem's once
 * `table` has been found and before anything else (keyedWriteRequest).
 */
export function writeRequest(input: Record<string, unknown>): Record<string, unknown> {
  return buildWriteRequest(input, undefined);
}

/**
 * writeRequest for DeleteItem and UpdateItem: the table is looked up, then Expected is read whole, before the Key,
 * ReturnValues and the updates (DynamoDB Local 2.9.30: an Expected value over 400 KB, or an entry with too many
 * values, is reported before a key of the wrong type, a missing Key or a bad ReturnValues).
 */
export function keyedWriteRequest(db: Database, input: Record<string, unknown>): Record<string, unknown> {
  return buildWriteRequest(input, () => db.table(input.TableName as string));
}

/** `findTable`: for DeleteItem and UpdateItem, looks the table up before Expected is read (and throws if absent). */
function buildWriteRequest(input: Record<string, unknown>, findTable: (() => unknown) | undefined): Record<string, unknown> {
  const request = pick(input, WRITE_MEMBERS);
  const expected = input.Expected === undefined ? undefined : (decodeExpected(input.Expected) as Record<string, unknown>);
  findTable?.();
  if (expected !== undefined && input.ConditionExpression === undefined) {
    const build = () => expectedToCondition(expected, input.ConditionalOperator);
    request.condition = findTable === undefined ? deferErrors(build) : build();
    delete request.Expected;
    delete request.ConditionalOperator;
  } else if (input.ConditionalOperator !== undefined && input.ConditionExpression === undefined) {
    // A ConditionalOperator with nothing to combine: refused where the condition would be evaluated, after the item
    // or key has been checked (DynamoDB Local 2.9.30 reports an empty key first).
    request.condition = () => {
      throw new ValidationException('ConditionalOperator cannot be used without Filter or Expected');
    };
    delete request.ConditionalOperator;
  }
  return request;
}

/**
 * The condition `build` makes, or, when `build` finds the Expected parameter invalid, a condition that throws that
 * error when it is evaluated: DynamoDB Local 2.9.30 checks the item (its values and key) before Expected, so an
 * empty key is reported before an Expected entry with the wrong number of values.
 */
function deferErrors(build: () => Condition): Condition {
  try {
    return build();
  } catch (error) {
    return () => {
      throw error;
    };
  }
}

/** Projection expressions are not evaluated yet: a read that asks for one is rejected rather than answered in full. */
export function rejectProjection(input: Record<string, unknown>): void {
  for (const member of ['ProjectionExpression', 'ExpressionAttributeNames']) {
    if (input[member] !== undefined) throw new ValidationException(`${member} is not supported by shardline yet`);
  }
}

/** KeyConditions, QueryFilter and ScanFilter: each condition's AttributeValueList from JSON (other shapes pass on, to be rejected there). */
export function decodeConditions(conditions: unknown): unknown {
  if (conditions === null || typeof conditions !== 'object' || Array.isArray(conditions)) return conditions;
  const decoded: Record<string, unknown> = {};
  for (const name of Object.keys(conditions)) {
    const condition = (conditions as Record<string, unknown>)[name];
    const list = (condition as { AttributeValueList?: unknown } | null)?.AttributeValueList;
    setAttribute(decoded, name, Array.isArray(list) ? { ...(condition as object), AttributeValueList: list.map(decodeAttributeValue) } : condition);
  }
  return decoded;
}
