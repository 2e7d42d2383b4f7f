import { ValidationException } from '../../errors.js';
import { valueType, type AttributeValue } from '../../model/attribute-value.js';
import { canonicalValue } from '../../model/frozen-item.js';
import type { KeyAttribute, KeySchema } from '../../model/key-schema.js';
import { compareKeyValues, type OrderOperator } from '../../conditions/comparison.js';
import type { Comparator, ConditionNode, KeyConditionTree, Operand } from '../syntax-tree.js';

/** KeyConditions' operators: EQ on the partition key; any of these on the sort key. */
const RANGE_OPERATORS: readonly OrderOperator[] = ['EQ', 'LE', 'LT', 'GE', 'GT', 'BEGINS_WITH', 'BETWEEN'];

/** A key attribute's condition, validated. */
interface KeyCondition {
  operator: OrderOperator;
  values: AttributeValue[];
}

/**
 * Query's legacy KeyConditions, validated with AWS's messages (as dynalite reproduces them): EQ on the partition key,
 * and on the sort key one of EQ, LE, LT, GE, GT, BEGINS_WITH, BETWEEN, each with the right number of values of the
 * key's type (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.KeyConditions.html),
 * as the tree a KeyConditionExpression parses to.
 */
export function keyConditionsToTree(schema: KeySchema, conditions: unknown): KeyConditionTree {
  if (conditions === undefined || conditions === null) {
    throw new ValidationException(
      'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
    );
  }
  if (typeof conditions !== 'object')
    throw new ValidationException('KeyConditions must be a map of attribute names to conditions');
  const names = Object.keys(conditions);
  if (names.length === 0 || names.length > 2) throw new ValidationException('Conditions can be of length 1 or 2 only');
  const { partitionKey, sortKey } = schema;
  if (!Object.hasOwn(conditions, partitionKey.name))
    throw new ValidationException(`Query condition missed key schema element: ${partitionKey.name}`);
  for (const name of names) {
    if (name !== partitionKey.name && name !== sortKey?.name) {
      throw new ValidationException(`Query condition missed key schema element: ${sortKey?.name ?? partitionKey.name}`);
    }
  }
  const byName = conditions as Record<string, unknown>;
  const hash = checkCondition(partitionKey, byName[partitionKey.name]);
  if (hash.operator !== 'EQ') throw new ValidationException('Query key condition not supported');
  const sort =
    sortKey !== undefined && Object.hasOwn(conditions, sortKey.name)
      ? checkCondition(sortKey, byName[sortKey.name])
      : undefined;
  const partition = { name: partitionKey.name, value: hash.values[0] as AttributeValue };
  if (sort === undefined || sortKey === undefined) return { partitionKey: partition };
  return { partitionKey: partition, sortKey: { name: sortKey.name, condition: sortKeyNode(sortKey.name, sort) } };
}

function checkCondition(key: KeyAttribute, condition: unknown): KeyCondition {
  if (condition === null || typeof condition !== 'object')
    throw new ValidationException('Query key condition not supported');
  const { ComparisonOperator: operator, AttributeValueList: list } = condition as {
    ComparisonOperator?: unknown;
    AttributeValueList?: unknown;
  };
  if (!RANGE_OPERATORS.includes(operator as OrderOperator))
    throw new ValidationException('Query key condition not supported');
  const op = operator as OrderOperator;
  const expected = op === 'BETWEEN' ? 2 : 1;
  if (!Array.isArray(list) || list.length !== expected) {
    throw new ValidationException(
      `One or more parameter values were invalid: Invalid number of argument(s) for the ${op} ComparisonOperator`,
    );
  }
  const values = list.map((value) => canonicalValue(value).value);
  for (const value of values) {
    if (valueType(value) !== key.type)
      throw new ValidationException(
        'One or more parameter values were invalid: Condition parameter type does not match schema type',
      );
  }
  if (op === 'BEGINS_WITH' && key.type === 'N') {
    throw new ValidationException(
      'One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type',
    );
  }
  if (op === 'BETWEEN' && compareKeyValues(key.type, values[0] as AttributeValue, values[1] as AttributeValue) > 0) {
    // DynamoDB Local 2.9.30's text, as AWS's legacy API words it (AWS in 2014 said "bigger" for "greater"); the
    // expression form, KeyConditionExpression, has its own.
    throw new ValidationException(
      'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound',
    );
  }
  return { operator: op, values };
}

const COMPARATORS: Partial<Record<OrderOperator, Comparator>> = { EQ: '=', LT: '<', LE: '<=', GT: '>', GE: '>=' };

/** The sort key's condition, over the path `[name]`: its values are of the key's type (checkCondition). */
function sortKeyNode(name: string, { operator, values }: KeyCondition): ConditionNode {
  const subject: Operand = { kind: 'path', path: [name] };
  const [first, second] = values.map((value): Operand => ({ kind: 'value', value })) as [Operand, Operand];
  if (operator === 'BEGINS_WITH') return { kind: 'begins_with', subject, prefix: first };
  if (operator === 'BETWEEN') return { kind: 'between', subject, low: first, high: second };
  return { kind: 'compare', comparator: COMPARATORS[operator] as Comparator, left: subject, right: first };
}
