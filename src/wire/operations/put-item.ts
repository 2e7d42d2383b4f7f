import type { Database } from '../../database.js';
import { ValidationException } from '../../errors.js';
import type { Condition, PutItemInput } from '../../table/item-operations.js';
import { EXPRESSION_MEMBERS, METRICS_MEMBERS, TABLE_NAME } from '../common-members.js';
import { decodeExpected, expectedToCondition } from '../expected.js';
import { decodeAttributeMap } from '../json-codec.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../validation.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html */
export const putItemValidation: ValidationTable = [
  TABLE_NAME,
  // "Item to put in PutItem cannot be null" (DynamoDB Local's text) comes from the typed API.
  { member: 'Item', type: 'Map' },
  // A value outside the enum is "Return values set to invalid value" (DynamoDB Local), from the typed API.
  { member: 'ReturnValues', type: 'String' },
  { member: 'ReturnValuesOnConditionCheckFailure', type: 'String' },
  ...EXPRESSION_MEMBERS,
  ...METRICS_MEMBERS,
];

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

export const putItem: WireOperation = {
  validation: putItemValidation,
  run: (db, input) => {
    const Item = decodeAttributeMap(input.Item);
    return db.putItem({ ...writeRequest(input), Item } as PutItemInput & { TableName: string });
  },
};

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
