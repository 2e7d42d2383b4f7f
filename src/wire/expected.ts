import { ValidationException } from '../errors.js';
import { getAttribute, type AttributeMap } from '../model/attribute-value.js';
import { freezeValue } from '../model/frozen-item.js';
import { valuesEqual } from '../model/item-equality.js';
import type { Condition } from '../table/item-operations.js';
import { comparisonTest, rejectLoneOperator, type ConditionTest } from '../table/comparison-condition.js';
import { decodeAttributeValue } from './json-codec.js';

/**
 * The legacy `Expected` parameter of PutItem, DeleteItem and UpdateItem as a `condition` predicate for the typed
 * API (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.Expected.html):
 * `Exists`/`Value`, or a `ComparisonOperator` with its `AttributeValueList` (comparison-condition.ts), joined by
 * `ConditionalOperator` AND (default) or OR.
 */

export function expectedToCondition(expected: Record<string, unknown>, conditionalOperator: unknown): Condition {
  const tests = Object.keys(expected).map((name) => parseExpectation(name, expected[name]));
  // After the conditions themselves (DynamoDB Local 2.9.30 reports a bad condition first).
  rejectLoneOperator(tests.length, conditionalOperator);
  const any = conditionalOperator === 'OR';
  return (current) => (any ? tests.some((test) => test(current)) : tests.every((test) => test(current)));
}

function parseExpectation(name: string, raw: unknown): ConditionTest {
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
  // An operator that compares with something, given nothing (DynamoDB Local 2.9.30's text, Expected only).
  if ((rawList === undefined || rawList === null) && operator !== 'NULL' && operator !== 'NOT_NULL') {
    throw invalid(`Value or AttributeValueList must be used with ComparisonOperator: ${String(operator)} for Attribute: ${name}`);
  }
  return comparisonTest(name, operator, Array.isArray(rawList) ? rawList.map(decodeAttributeValue) : rawList);
}
