import { ValidationException } from '../errors.js';
import { getAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { canonicalValue } from '../model/frozen-item.js';
import { valuesEqual } from '../model/item-equality.js';
import { compareKeyValues, satisfiesOrder, type OrderOperator } from './key-order.js';

/**
 * One legacy `Condition` (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Condition.html): a
 * `ComparisonOperator` and its `AttributeValueList`, applied to one attribute. `Expected` (conditional writes),
 * `QueryFilter` and `ScanFilter` share it. Where the documentation is silent (NOT_CONTAINS on an absent attribute,
 * CONTAINS on a number), DynamoDB Local 2.x's answers decide (test/wire/expected-operators.test.ts).
 */
export type ConditionTest = (item: AttributeMap | undefined) => boolean;

/** How many values each operator takes (IN takes one or more). */
const ARGUMENTS: Record<string, number> = { EQ: 1, NE: 1, LT: 1, LE: 1, GT: 1, GE: 1, BEGINS_WITH: 1, BETWEEN: 2, NULL: 0, NOT_NULL: 0, CONTAINS: 1, NOT_CONTAINS: 1 };

export const invalidParameter = (text: string): ValidationException => new ValidationException(`One or more parameter values were invalid: ${text}`);

/** The test for `name` under `operator` with `rawList` (AttributeValues, validated here). */
export function comparisonTest(name: string, operator: unknown, rawList: unknown): ConditionTest {
  const op = String(operator);
  const count = op === 'IN' ? undefined : ARGUMENTS[op];
  // DynamoDB Local's text for an operator it does not know.
  if (op !== 'IN' && (count === undefined || !Object.hasOwn(ARGUMENTS, op))) throw new ValidationException('Comparison type does not exist in DynamoDB');
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
    if (type === undefined) throw invalidParameter(`ComparisonOperator ${op} is not valid for ${Object.keys(first)[0]} AttributeValue type`);
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
  if (type === undefined || (op === 'BEGINS_WITH' && type === 'N')) throw invalidParameter(`ComparisonOperator ${op} is not valid for ${Object.keys(first)[0]} AttributeValue type`);
  // BETWEEN's upper bound: a scalar too, and of the lower bound's type (DynamoDB Local 2.9.30's texts and order).
  if (second !== undefined) {
    const upper = scalarType(second);
    if (upper === undefined) throw invalidParameter(`ComparisonOperator ${op} is not valid for ${Object.keys(second)[0]} AttributeValue type`);
    if (upper !== type) throw invalidParameter('AttributeValues inside AttributeValueList must be of same type');
    // The same text as for KeyConditions (table-reads.ts), in a filter or Expected too (DynamoDB Local 2.9.30).
    if (compareKeyValues(type, first, second) > 0) throw new ValidationException('The BETWEEN condition was provided a range where the lower bound is greater than the upper bound');
  }
  return (item) => {
    const current = attribute(item);
    // AWS: a comparison with an absent attribute, or one of another type, is false.
    if (current === undefined || scalarType(current) !== type) return false;
    return satisfiesOrder(type, current, op as OrderOperator, first, second);
  };
}

/** IN: the attribute equals one of the values, which must be scalars of one type. */
function inTest(values: AttributeValue[], attribute: (item: AttributeMap | undefined) => AttributeValue | undefined): ConditionTest {
  // Every value must be a scalar before they must agree (DynamoDB Local 2.9.30: [N, BOOL] is "not valid for BOOL").
  const notScalar = values.find((value) => scalarType(value) === undefined);
  if (notScalar !== undefined) throw invalidParameter(`ComparisonOperator IN is not valid for ${Object.keys(notScalar)[0]} AttributeValue type`);
  const type = scalarType(values[0] as AttributeValue);
  if (values.some((value) => scalarType(value) !== type)) throw invalidParameter('AttributeValues inside AttributeValueList must be of same type');
  return (item) => {
    const current = attribute(item);
    return current !== undefined && values.some((value) => valuesEqual(current, value));
  };
}

/**
 * CONTAINS: a substring of a string, a subsequence of a binary, a member of a set, or an element of a list
 * equal to the value. Any other type (a number, a map, ...) contains nothing.
 */
function contains(current: AttributeValue, needle: AttributeValue): boolean {
  if (current.S !== undefined) return needle.S !== undefined && current.S.includes(needle.S);
  if (current.B !== undefined) return needle.B !== undefined && Buffer.from(current.B).includes(Buffer.from(needle.B));
  if (current.SS !== undefined) return needle.S !== undefined && current.SS.includes(needle.S);
  if (current.NS !== undefined) return needle.N !== undefined && current.NS.some((n) => valuesEqual({ N: n }, needle));
  if (current.BS !== undefined) return needle.B !== undefined && current.BS.some((b) => valuesEqual({ B: b }, needle));
  if (current.L !== undefined) return current.L.some((element) => valuesEqual(element, needle));
  return false;
}

function scalarType(value: AttributeValue): 'S' | 'N' | 'B' | undefined {
  if (value.S !== undefined) return 'S';
  if (value.N !== undefined) return 'N';
  if (value.B !== undefined) return 'B';
  return undefined;
}

/**
 * DynamoDB Local's text (2.9.30) for a ConditionalOperator with fewer than two conditions to combine, in Expected,
 * QueryFilter or ScanFilter.
 */
export function rejectLoneOperator(conditions: number, conditionalOperator: unknown): void {
  if (conditionalOperator !== undefined && conditionalOperator !== null && conditions < 2) {
    throw new ValidationException('ConditionalOperator can only be used when Filter or Expected has two or more elements');
  }
}
