import { ValidationException } from '../../errors.js';
import { getAttribute, valueType, type AttributeMap, type AttributeValue } from '../../model/attribute-value.js';
import { canonicalValue } from '../../model/frozen-item.js';
import { valuesEqual } from '../../model/item-equality.js';
import { compareKeyValues, contains, isOneOf, orderHolds, scalarType, type OrderOperator } from '../comparison.js';

/**
 * One legacy `Condition` (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Condition.html), shared by
 * Expected, QueryFilter and ScanFilter. Where the documentation is silent (NOT_CONTAINS on an absent attribute,
 * CONTAINS on a number), DynamoDB Local 2.x's answers decide (test/wire/expected-operators.test.ts).
 */
export type ConditionTest = (item: AttributeMap | undefined) => boolean;

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

/** The test for `name` under `operator` with `rawList` (AttributeValues, validated here). */
export function comparisonTest(name: string, operator: unknown, rawList: unknown): ConditionTest {
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
  const attribute = (item: AttributeMap | undefined) => (item === undefined ? undefined : getAttribute(item, name));
  if (op === 'IN') return inTest(values, attribute);
  if (op === 'NULL') return (item) => attribute(item) === undefined;
  if (op === 'NOT_NULL') return (item) => attribute(item) !== undefined;
  const [first, second] = values as [AttributeValue, AttributeValue | undefined];
  const type = scalarType(first);
  if (op === 'CONTAINS' || op === 'NOT_CONTAINS') {
    if (type === undefined)
      throw invalidParameter(`ComparisonOperator ${op} is not valid for ${valueType(first)} AttributeValue type`);
    // Both need the attribute: NOT_CONTAINS on an absent attribute is false, as DynamoDB Local answers.
    const wanted = op === 'CONTAINS';
    return (item) => {
      const current = attribute(item);
      return current !== undefined && contains(current, first) === wanted;
    };
  }
  if (op === 'EQ') {
    return (item) => {
      const current = attribute(item);
      return current !== undefined && valuesEqual(current, first);
    };
  }
  if (op === 'NE') {
    return (item) => {
      const current = attribute(item);
      return current === undefined || !valuesEqual(current, first);
    };
  }
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
  }
  const order = op as OrderOperator;
  return (item) => orderHolds(attribute(item), type, order, first, second);
}

/** IN: the attribute equals one of the values, which must be scalars of one type. */
function inTest(
  values: AttributeValue[],
  attribute: (item: AttributeMap | undefined) => AttributeValue | undefined,
): ConditionTest {
  // Every value must be a scalar before they must agree (DynamoDB Local 2.9.30: [N, BOOL] is "not valid for BOOL").
  const notScalar = values.find((value) => scalarType(value) === undefined);
  if (notScalar !== undefined)
    throw invalidParameter(`ComparisonOperator IN is not valid for ${valueType(notScalar)} AttributeValue type`);
  const type = scalarType(values[0] as AttributeValue);
  if (values.some((value) => scalarType(value) !== type))
    throw invalidParameter('AttributeValues inside AttributeValueList must be of same type');
  return (item) => isOneOf(attribute(item), values);
}
