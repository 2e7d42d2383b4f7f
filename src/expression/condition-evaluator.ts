import type { AttributeMap, AttributeValue } from '../model/attribute-value.js';
import { valuesEqual } from '../model/item-equality.js';
import { beginsWith, compareKeyValues, contains, scalarType } from '../conditions/comparison.js';
import { readPath } from './document-path.js';
import type { Comparator, ConditionNode, Operand } from './syntax-tree.js';

/*
 * Whether a condition (ConditionExpression, FilterExpression, KeyConditionExpression, or a translated legacy
 * parameter) holds for an item: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html.
 * Where the guide is silent, DynamoDB Local 2.9.30's answers decide (test/expression/condition-evaluator.test.ts):
 * an absent operand, or operands of different types, make every comparison false except `<>`, which is true;
 * `size()` of a number, boolean or null is absent; a function on a type it does not take is false. Nothing here
 * fails at run time: the type errors AWS reports are about `:values`, found when the expression is checked.
 */

/** Whether `node` holds for `item` (undefined: no item, every attribute absent). AND and OR stop early. */
export function conditionHolds(node: ConditionNode, item: AttributeMap | undefined): boolean {
  switch (node.kind) {
    case 'compare':
      return compare(node.comparator, operandValue(node.left, item), operandValue(node.right, item));
    case 'and':
      return conditionHolds(node.left, item) && conditionHolds(node.right, item);
    case 'or':
      return conditionHolds(node.left, item) || conditionHolds(node.right, item);
    case 'not':
      return !conditionHolds(node.operand, item);
    case 'attribute_exists':
      return readPath(item, node.path) !== undefined;
    case 'attribute_not_exists':
      return readPath(item, node.path) === undefined;
    case 'between':
      return between(operandValue(node.subject, item), operandValue(node.low, item), operandValue(node.high, item));
    case 'in': {
      const subject = operandValue(node.subject, item);
      if (subject === undefined) return false;
      for (const operand of node.list) {
        const candidate = operandValue(operand, item);
        if (candidate !== undefined && valuesEqual(subject, candidate)) return true;
      }
      return false;
    }
    case 'attribute_type': {
      const value = readPath(item, node.path);
      const type = operandValue(node.type, item);
      return value !== undefined && type?.S !== undefined && typeName(value) === type.S;
    }
    case 'begins_with':
      return startsWith(operandValue(node.subject, item), operandValue(node.prefix, item));
    case 'contains': {
      const subject = operandValue(node.subject, item);
      const needle = operandValue(node.operand, item);
      return subject !== undefined && needle !== undefined && contains(subject, needle);
    }
  }
}

/** An operand's value: the attribute at a path, a `:value`, or `size(path)` as a number; undefined when absent. */
export function operandValue(operand: Operand, item: AttributeMap | undefined): AttributeValue | undefined {
  if (operand.kind === 'value') return operand.value;
  const value = readPath(item, operand.path);
  if (operand.kind === 'path' || value === undefined) return value;
  const size = sizeOf(value);
  return size === undefined ? undefined : { N: String(size) };
}

/**
 * `size()`: a string's length in UTF-16 code units ("é𝄞" has size 3 on AWS, ExtendDB/extenddb#67; "a😀b" 4 on
 * DynamoDB Local 2.9.30), a binary's bytes, a
 * set's members, a list's elements, a map's entries. A number, boolean or null has none: the comparison it is in
 * sees an absent operand (DynamoDB Local: `size(n) = :one` false and `size(n) <> :one` true).
 */
export function sizeOf(value: AttributeValue): number | undefined {
  if (value.S !== undefined) return value.S.length;
  if (value.B !== undefined) return value.B.byteLength;
  if (value.SS !== undefined) return value.SS.length;
  if (value.NS !== undefined) return value.NS.length;
  if (value.BS !== undefined) return value.BS.length;
  if (value.L !== undefined) return value.L.length;
  if (value.M !== undefined) return Object.keys(value.M).length;
  return undefined;
}

function compare(comparator: Comparator, left: AttributeValue | undefined, right: AttributeValue | undefined): boolean {
  if (left === undefined || right === undefined) return comparator === '<>';
  if (comparator === '=') return valuesEqual(left, right);
  if (comparator === '<>') return !valuesEqual(left, right);
  // Only numbers, strings and binaries are ordered, and only against their own type.
  const type = scalarType(left);
  if (type === undefined || scalarType(right) !== type) return false;
  const order = compareKeyValues(type, left, right);
  switch (comparator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

/** BETWEEN: all three of one scalar type, low <= subject <= high (bounds the wrong way round: false, not an error). */
function between(
  subject: AttributeValue | undefined,
  low: AttributeValue | undefined,
  high: AttributeValue | undefined,
): boolean {
  if (subject === undefined || low === undefined || high === undefined) return false;
  const type = scalarType(subject);
  if (type === undefined || scalarType(low) !== type || scalarType(high) !== type) return false;
  return compareKeyValues(type, low, subject) <= 0 && compareKeyValues(type, subject, high) <= 0;
}

/** begins_with: a string prefix of a string, or a byte prefix of a binary; anything else is false. */
function startsWith(subject: AttributeValue | undefined, prefix: AttributeValue | undefined): boolean {
  if (subject === undefined || prefix === undefined) return false;
  if (subject.S !== undefined) return prefix.S !== undefined && subject.S.startsWith(prefix.S);
  if (subject.B !== undefined) return prefix.B !== undefined && beginsWith('B', subject, prefix);
  return false;
}

/** The data type name `attribute_type` compares with: S, N, B, SS, NS, BS, M, L, NULL or BOOL. */
export function typeName(value: AttributeValue): string {
  if (value.S !== undefined) return 'S';
  if (value.N !== undefined) return 'N';
  if (value.B !== undefined) return 'B';
  if (value.M !== undefined) return 'M';
  if (value.L !== undefined) return 'L';
  if (value.BOOL !== undefined) return 'BOOL';
  if (value.NULL !== undefined) return 'NULL';
  if (value.SS !== undefined) return 'SS';
  if (value.NS !== undefined) return 'NS';
  return 'BS';
}
