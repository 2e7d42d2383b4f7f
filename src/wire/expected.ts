import { ValidationException } from '../errors.js';
import { getAttribute, setAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import { canonicalValue } from '../model/frozen-item.js';
import { valuesEqual } from '../model/item-equality.js';
import { itemTooLarge } from '../model/item-limits.js';
import { MAX_ITEM_SIZE_BYTES, utf8Length } from '../model/item-size.js';
import type { Condition } from '../table/item-operations.js';
import { comparisonTest, rejectLoneOperator, type ConditionTest } from '../table/comparison-condition.js';
import { decodeAttributeValue } from './json-codec.js';

/**
 * The legacy `Expected` parameter of PutItem, DeleteItem and UpdateItem as a `condition` predicate for the typed
 * API (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.Expected.html):
 * `Exists`/`Value`, or a `ComparisonOperator` with its `AttributeValueList` (comparison-condition.ts), joined by
 * `ConditionalOperator` AND (default) or OR.
 */

/**
 * Expected with its values decoded from the wire (B as bytes), their JSON types checked with the rest of the
 * request's, before anything is looked up. An entry of the wrong shape is passed on as it is, for
 * expectedToCondition to name it.
 */
export function decodeExpected(expected: unknown): unknown {
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) return expected;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(expected)) {
    const entry = (expected as Record<string, unknown>)[name];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      setAttribute(out, name, entry);
      continue;
    }
    const { Value: value, AttributeValueList: list } = entry as Record<string, unknown>;
    const decoded: Record<string, unknown> = { ...entry };
    if (value !== undefined && value !== null) decoded.Value = decodeAttributeValue(value);
    if (Array.isArray(list)) decoded.AttributeValueList = list.map(decodeAttributeValue);
    setAttribute(out, name, decoded);
  }
  return out;
}

/**
 * The condition of a decoded Expected (decodeExpected). Its entries are read in order, each as DynamoDB Local 2.9.30
 * reads it: its shape, then its values, then the size so far, then its operator's arguments. The names and values of
 * all the entries count against 400 KB together, as an item's (an entry without a value counts its name): past it
 * is "Item size has exceeded the maximum allowed size", however the values compare.
 */
export function expectedToCondition(expected: Record<string, unknown>, conditionalOperator: unknown): Condition {
  const counted = { bytes: 0 };
  const tests = Object.keys(expected).map((name) => parseExpectation(name, expected[name], counted));
  // After the conditions themselves (DynamoDB Local 2.9.30 reports a bad condition first).
  rejectLoneOperator(tests.length, conditionalOperator);
  const any = conditionalOperator === 'OR';
  return (current) => (any ? tests.some((test) => test(current)) : tests.every((test) => test(current)));
}

/** Adds an entry's name and values to the bytes counted so far, refusing the request once they pass 400 KB. */
function count(counted: { bytes: number }, name: string, valueBytes: number): void {
  counted.bytes += utf8Length(name) + valueBytes;
  if (counted.bytes > MAX_ITEM_SIZE_BYTES) throw itemTooLarge();
}

function parseExpectation(name: string, raw: unknown, counted: { bytes: number }): ConditionTest {
  const invalid = (text: string) => new ValidationException(`One or more parameter values were invalid: ${text}`);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw invalid(`Expected of ${name} must be an object`);
  const { Exists: exists, Value: rawValue, ComparisonOperator: operator, AttributeValueList: rawList } = raw as Record<string, unknown>;
  const attribute = (item: AttributeMap | undefined) => (item === undefined ? undefined : getAttribute(item, name));
  const given = rawValue !== undefined && rawValue !== null;
  if (operator === undefined || operator === null) {
    // The shape before the value (DynamoDB Local 2.9.30: {Exists: false, Value: {}} is this error, not the value's).
    if (exists === false && given) throw invalid(`Value cannot be used when Exists is false for Attribute: ${name}`);
    if (exists !== false && !given) throw invalid(`Value must be provided when Exists is true for Attribute: ${name}`);
    const frozen = given ? canonicalValue(rawValue) : undefined;
    count(counted, name, frozen?.size ?? 0);
    if (frozen === undefined) return (item) => attribute(item) === undefined;
    const value = frozen.value;
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
  // The values and their size before the operator is looked at, as DynamoDB Local 2.9.30 reads an entry.
  const values: AttributeValue[] | undefined = Array.isArray(rawList) ? [] : undefined;
  let valueBytes = 0;
  if (values !== undefined) {
    for (const element of rawList as unknown[]) {
      const frozen = canonicalValue(element);
      values.push(frozen.value);
      valueBytes += frozen.size;
    }
  }
  count(counted, name, valueBytes);
  return comparisonTest(name, operator, values ?? rawList);
}
