import { ValidationException } from '../../errors.js';
import { valueType, type AttributeValue } from '../../model/attribute-value.js';
import { canonicalValue } from '../../model/frozen-item.js';
import { compareKeyValues, scalarType } from '../../conditions/comparison.js';
import type { Comparator, ConditionNode, DocumentPath, Operand } from '../syntax-tree.js';

/**
 * One legacy `Condition` (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Condition.html), shared by
 * Expected, QueryFilter and ScanFilter, as the syntax tree a condition expression parses to (path `[name]`: a name
 * with a dot is one attribute), so the one evaluator tests it. Where the documentation is silent (NOT_CONTAINS on an
 * absent attribute, CONTAINS on a number), DynamoDB Local 2.x's answers decide (test/wire/expected-operators.test.ts).
 */

/** How many values each operator takes (IN takes one or more). */
const ARGUMENTS: Record<string, number> = {
  EQ: 1,
  NE: 1,
  LT: 1,
  LE: 1,
  GT: 1,
  GE: 1,
  BEGINS_WITH: 1,
  BETWEEN: 2,
  NULL: 0,
  NOT_NULL: 0,
  CONTAINS: 1,
  NOT_CONTAINS: 1,
};

export const invalidParameter = (text: string): ValidationException =>
  new ValidationException(`One or more parameter values were invalid: ${text}`);

/** The condition on `name` under `operator` with `rawList` (AttributeValues, validated here). */
export function comparisonNode(name: string, operator: unknown, rawList: unknown): ConditionNode {
  const op = String(operator);
  const count = op === 'IN' ? undefined : ARGUMENTS[op];
  // DynamoDB Local's text for an operator it does not know.
  if (op !== 'IN' && (count === undefined || !Object.hasOwn(ARGUMENTS, op)))
    throw new ValidationException('Comparison type does not exist in DynamoDB');
  const list = rawList === undefined || rawList === null ? [] : rawList;
  // IN takes one or more values; every other operator a fixed number.
  if (!Array.isArray(list) || (count === undefined ? list.length === 0 : list.length !== count)) {
    throw invalidParameter(`Invalid number of argument(s) for the ${op} ComparisonOperator`);
  }
  const values = list.map((value: unknown) => canonicalValue(value).value);
  const path: DocumentPath = [name];
  const attribute: Operand = { kind: 'path', path };
  if (op === 'IN') return inNode(attribute, values);
  if (op === 'NULL') return { kind: 'attribute_not_exists', path };
  if (op === 'NOT_NULL') return { kind: 'attribute_exists', path };
  const [first, second] = values as [AttributeValue, AttributeValue | undefined];
  const value: Operand = { kind: 'value', value: first };
  const type = scalarType(first);
  if (op === 'CONTAINS' || op === 'NOT_CONTAINS') {
    if (type === undefined)
      throw invalidParameter(`ComparisonOperator ${op} is not valid for ${valueType(first)} AttributeValue type`);
    const node: ConditionNode = { kind: 'contains', subject: attribute, operand: value };
    if (op === 'CONTAINS') return node;
    // NOT_CONTAINS needs the attribute, where `NOT contains(a, :v)` holds for an absent `a` (DynamoDB Local 2.x).
    return { kind: 'and', left: { kind: 'attribute_exists', path }, right: { kind: 'not', operand: node } };
  }
  // EQ is false and NE true on an absent attribute, as `=` and `<>` are.
  if (op === 'EQ' || op === 'NE')
    return { kind: 'compare', comparator: op === 'EQ' ? '=' : '<>', left: attribute, right: value };
  if (type === undefined || (op === 'BEGINS_WITH' && type === 'N'))
    throw invalidParameter(`ComparisonOperator ${op} is not valid for ${valueType(first)} AttributeValue type`);
  // BETWEEN's upper bound: a scalar too, and of the lower bound's type (DynamoDB Local 2.9.30's texts and order).
  if (second !== undefined) {
    const upper = scalarType(second);
    if (upper === undefined)
      throw invalidParameter(`ComparisonOperator ${op} is not valid for ${valueType(second)} AttributeValue type`);
    if (upper !== type) throw invalidParameter('AttributeValues inside AttributeValueList must be of same type');
    // The same text as for KeyConditions (key-conditions.ts), in a filter or Expected too (DynamoDB Local 2.9.30).
    if (compareKeyValues(type, first, second) > 0)
      throw new ValidationException(
        'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound',
      );
    return { kind: 'between', subject: attribute, low: value, high: { kind: 'value', value: second } };
  }
  // An ordering is false on an absent attribute or one of another type, as the evaluator compares.
  if (op === 'BEGINS_WITH') return { kind: 'begins_with', subject: attribute, prefix: value };
  return { kind: 'compare', comparator: ORDER[op] as Comparator, left: attribute, right: value };
}

/** The legacy ordering operators as the expression comparators. */
const ORDER: Record<string, Comparator> = { LT: '<', LE: '<=', GT: '>', GE: '>=' };

/** IN: the attribute equals one of the values, which must be scalars of one type. */
function inNode(attribute: Operand, values: AttributeValue[]): ConditionNode {
  // Every value must be a scalar before they must agree (DynamoDB Local 2.9.30: [N, BOOL] is "not valid for BOOL").
  const notScalar = values.find((value) => scalarType(value) === undefined);
  if (notScalar !== undefined)
    throw invalidParameter(`ComparisonOperator IN is not valid for ${valueType(notScalar)} AttributeValue type`);
  const type = scalarType(values[0] as AttributeValue);
  if (values.some((value) => scalarType(value) !== type))
    throw invalidParameter('AttributeValues inside AttributeValueList must be of same type');
  return { kind: 'in', subject: attribute, list: values.map((value) => ({ kind: 'value', value })) };
}
