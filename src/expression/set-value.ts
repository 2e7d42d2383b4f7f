import type { AttributeMap, AttributeValue } from '../model/attribute-value.js';
import { readPath } from './document-path.js';
import { difference, sum } from './number-arithmetic.js';
import type { SetValue } from './syntax-tree.js';
import { incorrectOperandType, missingAttribute } from './update-errors.js';

/*
 * The right-hand side of a SET action, computed from the item as it was before the update (every right-hand side
 * is read before any action writes: `SET a = b, b = a` swaps them, as on DynamoDB Local 2.9.30).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html#Expressions.UpdateExpressions.SET
 * Operands are read left to right, each checked as it is read: in `b + a` a string `b` is reported before a
 * missing `a` (DynamoDB Local 2.9.30).
 */
export function setValueOf(value: SetValue, item: AttributeMap | undefined): AttributeValue {
  switch (value.kind) {
    case 'value':
      return value.value;
    case 'path': {
      const found = readPath(item, value.path);
      if (found === undefined) throw missingAttribute();
      return found;
    }
    case 'if_not_exists':
      // A path through a value of another type (`m.x` on a string `m`) does not exist either.
      return readPath(item, value.path) ?? setValueOf(value.fallback, item);
    case 'list_append': {
      const first = listOperand(value.first, item);
      const second = listOperand(value.second, item);
      return { L: first.concat(second) };
    }
    case 'plus':
    case 'minus': {
      const left = numberOperand(value.left, item);
      const right = numberOperand(value.right, item);
      // Exact decimal arithmetic, checked like a stored number (38 digits, the magnitude limits).
      return { N: value.kind === 'plus' ? sum(left, right) : difference(left, right) };
    }
  }
}

function listOperand(operand: SetValue, item: AttributeMap | undefined): AttributeValue[] {
  const list = setValueOf(operand, item).L;
  if (list === undefined) throw incorrectOperandType();
  return list;
}

function numberOperand(operand: SetValue, item: AttributeMap | undefined): string {
  const number = setValueOf(operand, item).N;
  if (number === undefined) throw incorrectOperandType();
  return number;
}
