import { conditionHolds } from '../expression/condition-evaluator.js';
import { expectedToCondition } from '../expression/legacy/expected.js';
import { checkExpressionParameterMix } from '../expression/parameter-mix.js';
import { ValidationException } from '../errors.js';
import { setAttribute } from '../model/attribute-value.js';
import type { Condition } from '../table/item-operations.js';
import { decodeAttributeMap, decodeAttributeValue } from './json-codec.js';
import { decodeExpected } from './legacy-values.js';
import { pick } from './operation.js';

/**
 * What several item operations read from a request alike (their validation rules are in common-members.ts): the
 * members a conditional write passes on, the legacy conditions of Query and Scan, the projection reads refuse.
 * Operation files import these from here, never from one another.
 */

/** The members of a conditional write passed on to the typed API. */
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

/** A write's legacy Expected with its values decoded (their JSON types are read with the rest of the body's). */
export function decodedExpected(input: Record<string, unknown>): Record<string, unknown> | undefined {
  return input.Expected === undefined ? undefined : (decodeExpected(input.Expected) as Record<string, unknown>);
}

/**
 * When a write reports what is wrong with its Expected beyond JSON types (DynamoDB Local 2.9.30): a PutItem once its
 * item has been checked, when the condition is evaluated; a DeleteItem or UpdateItem at once, once its table is found.
 */
export type ExpectedErrors = 'whenEvaluated' | 'now';

/**
 * The members a conditional write passes on to the typed API: the expressions with their values decoded, or the
 * legacy Expected (with its ConditionalOperator) as its `condition` predicate, never both.
 */
export function conditionalWriteMembers(
  input: Record<string, unknown>,
  expected: Record<string, unknown> | undefined,
  expectedErrors: ExpectedErrors,
): Record<string, unknown> {
  checkExpressionParameterMix(input);
  const members = pick(input, WRITE_MEMBERS);
  if (input.ExpressionAttributeValues !== undefined)
    members.ExpressionAttributeValues = decodeAttributeMap(input.ExpressionAttributeValues);
  if (expected !== undefined && input.ConditionExpression === undefined) {
    const build = () => expectedCondition(expected, input.ConditionalOperator);
    members.condition = expectedErrors === 'now' ? build() : throwingWhenEvaluated(build);
    delete members.Expected;
    delete members.ConditionalOperator;
  } else if (input.ConditionalOperator !== undefined && input.ConditionExpression === undefined) {
    // A ConditionalOperator with nothing to combine: refused where the condition would be evaluated, after the item
    // or key has been checked (DynamoDB Local 2.9.30 reports an empty key first).
    members.condition = () => {
      throw new ValidationException('ConditionalOperator cannot be used without Filter or Expected');
    };
    delete members.ConditionalOperator;
  }
  return members;
}

/** An Expected as the predicate of its syntax tree, which the one evaluator tests (an empty Expected always holds). */
function expectedCondition(expected: Record<string, unknown>, conditionalOperator: unknown): Condition {
  const node = expectedToCondition(expected, conditionalOperator);
  return node === undefined ? () => true : (item) => conditionHolds(node, item);
}

/** The condition `build` makes or, when `build` throws, a condition that throws that error when it is evaluated. */
function throwingWhenEvaluated(build: () => Condition): Condition {
  try {
    return build();
  } catch (error) {
    return () => {
      throw error;
    };
  }
}

/** KeyConditions, QueryFilter and ScanFilter: each condition's AttributeValueList from JSON (other shapes pass on, to be rejected there). */
export function decodeConditions(conditions: unknown): unknown {
  if (conditions === null || typeof conditions !== 'object' || Array.isArray(conditions)) return conditions;
  const decoded: Record<string, unknown> = {};
  for (const name of Object.keys(conditions)) {
    const condition = (conditions as Record<string, unknown>)[name];
    const list = (condition as { AttributeValueList?: unknown } | null)?.AttributeValueList;
    setAttribute(
      decoded,
      name,
      Array.isArray(list)
        ? { ...(condition as object), AttributeValueList: list.map(decodeAttributeValue) }
        : condition,
    );
  }
  return decoded;
}
