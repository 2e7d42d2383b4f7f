import { checkExpressionParameterMix } from '../expression/parameter-mix.js';
import { setAttribute } from '../model/attribute-value.js';
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
 * The members a conditional write passes on to the typed API: the expressions with their values decoded, or the
 * legacy Expected (values decoded) with its ConditionalOperator, which the typed API reads into the same syntax tree.
 * Mixing the two is refused here, before anything else of the request is read past its JSON types.
 */
export function conditionalWriteMembers(
  input: Record<string, unknown>,
  expected: Record<string, unknown> | undefined,
): Record<string, unknown> {
  checkExpressionParameterMix(input);
  const members = pick(input, WRITE_MEMBERS);
  if (input.ExpressionAttributeValues !== undefined)
    members.ExpressionAttributeValues = decodeAttributeMap(input.ExpressionAttributeValues);
  if (expected !== undefined) members.Expected = expected;
  return members;
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
