import { ValidationException } from '../../errors.js';
import type { AttributeValue } from '../../model/attribute-value.js';
import { canonicalValue } from '../../model/frozen-item.js';
import { itemTooLarge } from '../../model/item-limits.js';
import { MAX_ITEM_SIZE_BYTES, utf8Length } from '../../model/item-size.js';
import type { ConditionNode } from '../syntax-tree.js';
import { comparisonNode } from './condition.js';
import { combineNodes, rejectLoneOperator } from './conditional-operator.js';

/*
 * The legacy `Expected` of PutItem, DeleteItem and UpdateItem as a condition's syntax tree: `Exists`/`Value`, or a
 * Condition (condition.ts) (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.Expected.html).
 */

/**
 * The condition of an Expected (values decoded), undefined for an empty one. Entries are read in order as DynamoDB
 * Local 2.9.30 reads them: shape, values, size so far, operator arguments. Names and values count against 400 KB
 * together, as an item's do.
 */
export function expectedToCondition(
  expected: Record<string, unknown>,
  conditionalOperator: unknown,
): ConditionNode | undefined {
  const counted = { bytes: 0 };
  const nodes = Object.keys(expected).map((name) => parseExpectation(name, expected[name], counted));
  // After the conditions themselves (DynamoDB Local 2.9.30 reports a bad condition first).
  rejectLoneOperator(nodes.length, conditionalOperator);
  return combineNodes(nodes, conditionalOperator);
}

/** Adds an entry's name and values to the bytes counted so far, refusing the request once they pass 400 KB. */
function count(counted: { bytes: number }, name: string, valueBytes: number): void {
  counted.bytes += utf8Length(name) + valueBytes;
  if (counted.bytes > MAX_ITEM_SIZE_BYTES) throw itemTooLarge();
}

function parseExpectation(name: string, raw: unknown, counted: { bytes: number }): ConditionNode {
  const invalid = (text: string) => new ValidationException(`One or more parameter values were invalid: ${text}`);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw invalid(`Expected of ${name} must be an object`);
  const {
    Exists: exists,
    Value: rawValue,
    ComparisonOperator: operator,
    AttributeValueList: rawList,
  } = raw as Record<string, unknown>;
  const given = rawValue !== undefined && rawValue !== null;
  const listed = rawList !== undefined && rawList !== null;
  // The order of checks and their texts are AWS's (dynalite's validations, recorded against AWS) and DynamoDB Local
  // 2.9.30's (probed): the two ways of giving values first, then the operator's companions.
  if (given && listed) throw invalid(`Value and AttributeValueList cannot be used together for Attribute: ${name}`);
  if (operator === undefined || operator === null) {
    if (listed) throw invalid(`AttributeValueList can only be used with a ComparisonOperator for Attribute: ${name}`);
    // The shape before the value (DynamoDB Local 2.9.30: {Exists: false, Value: {}} is this error, not the value's).
    if (exists === false && given) throw invalid(`Value cannot be used when Exists is false for Attribute: ${name}`);
    if (exists !== false && !given) {
      const shown = exists === undefined || exists === null ? 'null' : String(exists);
      throw invalid(`Value must be provided when Exists is ${shown} for Attribute: ${name}`);
    }
    const frozen = given ? canonicalValue(rawValue) : undefined;
    count(counted, name, frozen?.size ?? 0);
    if (frozen === undefined) return { kind: 'attribute_not_exists', path: [name] };
    return {
      kind: 'compare',
      comparator: '=',
      left: { kind: 'path', path: [name] },
      right: { kind: 'value', value: frozen.value },
    };
  }
  if (exists !== undefined && exists !== null)
    throw invalid(`Exists and ComparisonOperator cannot be used together for Attribute: ${name}`);
  // An operator that compares with something, given nothing (DynamoDB Local 2.9.30's text, Expected only).
  if (!listed && !given && operator !== 'NULL' && operator !== 'NOT_NULL') {
    throw invalid(
      `Value or AttributeValueList must be used with ComparisonOperator: ${String(operator)} for Attribute: ${name}`,
    );
  }
  // A Value with an operator is its one argument: {Value: v, ComparisonOperator: 'GT'} is {AttributeValueList: [v]}.
  const rawValues = given ? [rawValue] : rawList;
  // The values and their size before the operator is looked at, as DynamoDB Local 2.9.30 reads an entry.
  const values: AttributeValue[] | undefined = Array.isArray(rawValues) ? [] : undefined;
  let valueBytes = 0;
  if (values !== undefined) {
    for (const element of rawValues as unknown[]) {
      const frozen = canonicalValue(element);
      values.push(frozen.value);
      valueBytes += frozen.size;
    }
  }
  count(counted, name, valueBytes);
  return comparisonNode(name, operator, values ?? rawValues);
}
