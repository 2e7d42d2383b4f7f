import { ValidationException } from '../errors.js';
import { getAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { freezeValue } from '../model/frozen-item.js';
import { valuesEqual } from '../model/item-equality.js';
import type { Condition } from '../table/item-operations.js';
import { satisfiesOrder, type OrderOperator } from '../table/key-order.js';
import { decodeAttributeValue } from './json-codec.js';

/**
 * The legacy `Expected` parameter of PutItem, DeleteItem and UpdateItem as a `condition` predicate for the typed
 * API (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.Expected.html):
 * `Exists`/`Value`, or a `ComparisonOperator` (EQ, NE, LT, LE, GT, GE, BEGINS_WITH, BETWEEN, NULL, NOT_NULL,
 * CONTAINS, NOT_CONTAINS, IN; https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Condition.html),
 * joined by `ConditionalOperator` AND (default) or OR. Where the documentation is silent (NOT_CONTAINS on an
 * absent attribute, CONTAINS on a number), DynamoDB Local 2.x's answers decide (test/wire/expected-operators.test.ts).
 */
type Test = (item: AttributeMap | undefined) => boolean;

const ARGUMENTS: Record<string, number> = { EQ: 1, NE: 1, LT: 1, LE: 1, GT: 1, GE: 1, BEGINS_WITH: 1, BETWEEN: 2, NULL: 0, NOT_NULL: 0, CONTAINS: 1, NOT_CONTAINS: 1 };

export function expectedToCondition(expected: Record<string, unknown>, conditionalOperator: unknown): Condition {
  const tests = Object.keys(expected).map((name) => parseExpectation(name, expected[name]));
  const any = conditionalOperator === 'OR';
  return (current) => (any ? tests.some((test) => test(current)) : tests.every((test) => test(current)));
}

function parseExpectation(name: string, raw: unknown): Test {
  const invalid = (text: string) => new ValidationException(`One or more parameter values were invalid: ${text}`);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalid(`Expected of ${name} must be an object`);
  const { Exists: exists, Value: rawValue, ComparisonOperator: operator, AttributeValueList: rawList } = raw as Record<string, unknown>;
  const attribute = (item: AttributeMap | undefined) => (item === undefined ? undefined : getAttribute(item, name));
  if (operator === undefined || operator === null) {
    const value = rawValue === undefined || rawValue === null ? undefined : freezeValue(decodeAttributeValue(rawValue)).value;
    if (exists === false) {
      if (value !== undefined) throw invalid(`Value cannot be used when Exists is false for Attribute: ${name}`);
      return (item) => attribute(item) === undefined;
    }
    if (value === undefined) throw invalid(`Value must be provided when Exists is true for Attribute: ${name}`);
    return (item) => {
      const current = attribute(item);
      return current !== undefined && valuesEqual(current, value);
    };
  }
  if (rawValue !== undefined || exists !== undefined) throw invalid(`Value or Exists parameter cannot be used with ComparisonOperator for Attribute: ${name}`);
  const op = String(operator);
  const count = op === 'IN' ? undefined : ARGUMENTS[op];
  // DynamoDB Local's text for an operator it does not know.
  if (op !== 'IN' && (count === undefined || !Object.hasOwn(ARGUMENTS, op))) throw new ValidationException('Comparison type does not exist in DynamoDB');
  const list = rawList === undefined || rawList === null ? [] : rawList;
  // IN takes one or more values; every other operator a fixed number.
  if (!Array.isArray(list) || (count === undefined ? list.length === 0 : list.length !== count)) {
    throw invalid(`Invalid number of argument(s) for the ${op} ComparisonOperator`);
  }
  const values = list.map((value) => freezeValue(decodeAttributeValue(value)).value);
  if (op === 'IN') return inTest(values, attribute, invalid);
  if (op === 'CONTAINS' || op === 'NOT_CONTAINS') {
    const needle = values[0] as AttributeValue;
    if (scalarType(needle) === undefined) throw invalid(`ComparisonOperator ${op} is not valid for ${Object.keys(needle)[0]} AttributeValue type`);
    // Both need the attribute: NOT_CONTAINS on an absent attribute is false, as DynamoDB Local answers.
    if (op === 'CONTAINS') return (item) => { const current = attribute(item); return current !== undefined && contains(current, needle); };
    return (item) => { const current = attribute(item); return current !== undefined && !contains(current, needle); };
  }
  if (op === 'NULL') return (item) => attribute(item) === undefined;
  if (op === 'NOT_NULL') return (item) => attribute(item) !== undefined;
  const [first, second] = values as [AttributeValue, AttributeValue | undefined];
  const type = scalarType(first);
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
  if (type === undefined || (op === 'BEGINS_WITH' && type === 'N')) throw invalid(`ComparisonOperator ${op} is not valid for ${Object.keys(first)[0]} AttributeValue type`);
  return (item) => {
    const current = attribute(item);
    // AWS: a comparison with an absent attribute, or one of another type, is false.
    if (current === undefined || scalarType(current) !== type) return false;
    return satisfiesOrder(type, current, op as OrderOperator, first, second);
  };
}

function scalarType(value: AttributeValue): 'S' | 'N' | 'B' | undefined {
  if (value.S !== undefined) return 'S';
  if (value.N !== undefined) return 'N';
  if (value.B !== undefined) return 'B';
  return undefined;
}

/** IN: the attribute equals one of the values, which must be scalars of one type. */
function inTest(values: AttributeValue[], attribute: (item: AttributeMap | undefined) => AttributeValue | undefined, invalid: (text: string) => ValidationException): Test {
  const type = scalarType(values[0] as AttributeValue);
  if (type === undefined) throw invalid(`ComparisonOperator IN is not valid for ${Object.keys(values[0] as AttributeValue)[0]} AttributeValue type`);
  if (values.some((value) => scalarType(value) !== type)) throw invalid('AttributeValues inside AttributeValueList must be of same type');
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
