import { getAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import type { KeyAttribute } from '../model/key-schema.js';
import { compareBytes, compareKeyValues } from '../conditions/comparison.js';
import { conditionHolds } from '../expression/condition-evaluator.js';
import type { Comparator, ConditionNode, Operand } from '../expression/syntax-tree.js';
import { firstAfter } from './first-after.js';

/**
 * Where a sort key value stands against a Query's sort key condition: -1 before the values it holds for, 0 among
 * them, 1 after them, in the sort key's order.
 */
type Place = (value: AttributeValue) => -1 | 0 | 1;

const FLIPPED: Partial<Record<Comparator, Comparator>> = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/**
 * The items of a partition (in sort key order) whose sort key meets the Query's sort key condition. Each condition
 * a key condition allows (`= < <= > >=`, BETWEEN, begins_with:
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html) holds on one
 * run of that order, found by two binary searches: a Query costs its page, not its partition. A condition of any
 * other shape is tested item by item.
 */
export function sortKeyRun(
  partition: readonly AttributeMap[],
  sortKey: KeyAttribute,
  condition: ConditionNode,
): readonly AttributeMap[] {
  const place = placeOf(condition, sortKey);
  const valueOf = (item: AttributeMap) => getAttribute(item, sortKey.name) as AttributeValue;
  if (place === undefined)
    return partition.filter((item) => conditionHolds(condition, { [sortKey.name]: valueOf(item) }));
  const first = firstAfter(partition, (item) => place(valueOf(item)) >= 0);
  const end = firstAfter(partition, (item) => place(valueOf(item)) > 0);
  return first === 0 && end === partition.length ? partition : partition.slice(first, end);
}

/** The condition as a Place, or undefined for a shape (or a value of another type) it does not know. */
function placeOf(condition: ConditionNode, sortKey: KeyAttribute): Place | undefined {
  const { type } = sortKey;
  const valueOf = (operand: Operand): AttributeValue | undefined =>
    operand.kind === 'value' && operand.value[type] !== undefined ? operand.value : undefined;
  const isKey = (operand: Operand) =>
    operand.kind === 'path' && operand.path.length === 1 && operand.path[0] === sortKey.name;
  const compare = (a: AttributeValue, b: AttributeValue) => compareKeyValues(type, a, b);
  switch (condition.kind) {
    case 'compare': {
      const { left, right } = condition;
      const onLeft = isKey(left);
      const bound = onLeft ? valueOf(right) : isKey(right) ? valueOf(left) : undefined;
      const comparator = onLeft ? condition.comparator : FLIPPED[condition.comparator];
      if (bound === undefined || comparator === undefined) return undefined;
      return comparisonPlace(comparator, (value) => compare(value, bound));
    }
    case 'between': {
      const low = valueOf(condition.low);
      const high = valueOf(condition.high);
      if (!isKey(condition.subject) || low === undefined || high === undefined) return undefined;
      return (value) => (compare(value, low) < 0 ? -1 : compare(value, high) > 0 ? 1 : 0);
    }
    case 'begins_with': {
      const prefix = valueOf(condition.prefix);
      if (!isKey(condition.subject) || prefix === undefined || type === 'N') return undefined;
      // The values that begin with a prefix follow one another in byte order; the others are before or after all.
      return (value) => (beginsWith(value, prefix) ? 0 : compare(value, prefix) < 0 ? -1 : 1);
    }
    default:
      return undefined;
  }
}

function comparisonPlace(comparator: Comparator, against: (value: AttributeValue) => number): Place | undefined {
  switch (comparator) {
    case '=':
      return (value) => Math.sign(against(value)) as -1 | 0 | 1;
    case '<':
      return (value) => (against(value) < 0 ? 0 : 1);
    case '<=':
      return (value) => (against(value) <= 0 ? 0 : 1);
    case '>':
      return (value) => (against(value) > 0 ? 0 : -1);
    case '>=':
      return (value) => (against(value) >= 0 ? 0 : -1);
    default:
      return undefined;
  }
}

function beginsWith(value: AttributeValue, prefix: AttributeValue): boolean {
  if (prefix.S !== undefined) return (value.S as string).startsWith(prefix.S);
  const bytes = value.B as Uint8Array;
  const start = prefix.B as Uint8Array;
  return bytes.length >= start.length && compareBytes(bytes.subarray(0, start.length), start) === 0;
}
