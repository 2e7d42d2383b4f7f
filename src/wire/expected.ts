import { ValidationException } from '../errors.js';
import { getAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { freezeValue } from '../model/frozen-item.js';
import { valuesEqual } from '../model/item-equality.js';
import type { Condition } from '../table/item-operations.js';
import { beginsWith, compareKeyValues } from '../table/key-order.js';
import { decodeAttributeValue } from './json-codec.js';

/**
 * The legacy `Expected` parameter of PutItem, DeleteItem and UpdateItem as a `condition` predicate for the typed
 * API (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.Expected.html):
 * `Exists`/`Value`, or a `ComparisonOperator` on scalars (EQ, NE, LT, LE, GT, GE, BEGINS_WITH, BETWEEN, NULL,
 * NOT_NULL), joined by `ConditionalOperator` AND (default) or OR. IN, CONTAINS and NOT_CONTAINS are rejected by name.
 */
type Test = (item: AttributeMap | undefined) => boolean;

const ARGUMENTS: Record<string, number> = { EQ: 1, NE: 1, LT: 1, LE: 1, GT: 1, GE: 1, BEGINS_WITH: 1, BETWEEN: 2, NULL: 0, NOT_NULL: 0 };

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
  const count = ARGUMENTS[op];
  if (count === undefined || !Object.hasOwn(ARGUMENTS, op)) {
    throw new ValidationException(`ComparisonOperator ${op} in Expected is not supported by shardline yet`);
  }
  const list = rawList === undefined || rawList === null ? [] : rawList;
  if (!Array.isArray(list) || list.length !== count) throw invalid(`Invalid number of argument(s) for the ${op} ComparisonOperator`);
  const values = list.map((value) => freezeValue(decodeAttributeValue(value)).value);
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
    const order = compareKeyValues(type, current, first);
    switch (op) {
      case 'LT':
        return order < 0;
      case 'LE':
        return order <= 0;
      case 'GT':
        return order > 0;
      case 'GE':
        return order >= 0;
      case 'BEGINS_WITH':
        return beginsWith(type, current, first);
      default:
        return order >= 0 && compareKeyValues(type, current, second as AttributeValue) <= 0;
    }
  };
}

function scalarType(value: AttributeValue): 'S' | 'N' | 'B' | undefined {
  if (value.S !== undefined) return 'S';
  if (value.N !== undefined) return 'N';
  if (value.B !== undefined) return 'B';
  return undefined;
}
