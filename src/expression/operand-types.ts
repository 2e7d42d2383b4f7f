import { numberAsGiven } from './placeholders.js';
import { compareKeyValues, scalarType } from '../conditions/comparison.js';
import { valueType, type AttributeValue } from '../model/attribute-value.js';
import type { ConditionNode, Operand } from './syntax-tree.js';
import { ExpressionProblem } from './expression-problem.js';

/*
 * The type checks AWS makes before reading any item: an operand given as a `:value` has a known type, and a
 * comparison, BETWEEN, begins_with or attribute_type that cannot hold for it is refused with AWS's text.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */

/** attribute_type's type names, in the order DynamoDB Local 2.9.30 prints them (a Java HashSet's). */
const TYPE_NAMES = ['N', 'BS', 'L', 'B', 'NULL', 'M', 'S', 'SS', 'NS', 'BOOL'];
/** DynamoDB Local's text when attribute_type's second operand is a path (every type its engine knows). */
const ANY_TYPE = '{NS,DOUBLESET,N,L,HD,FS,BOOL,FLOAT,M,DECIMAL,B,HDS,DOUBLE,SS,INTSET,DECIMALSET,INT,S,NULL,BS,DICT}';

export function incorrectOperandType(operator: string, type: string): ExpressionProblem {
  return new ExpressionProblem(
    `Incorrect operand type for operator or function; operator or function: ${operator}, operand type: ${type}`,
  );
}

/** Checks one resolved node's `:value` operands (its children were checked as they were resolved). */
export function checkNodeTypes(node: ConditionNode): void {
  switch (node.kind) {
    case 'compare':
      if (node.comparator !== '=' && node.comparator !== '<>') {
        orderable(node.comparator, node.left);
        orderable(node.comparator, node.right);
      }
      return;
    case 'between':
      orderable('BETWEEN', node.subject);
      orderable('BETWEEN', node.low);
      orderable('BETWEEN', node.high);
      checkBounds(node.low, node.high);
      return;
    case 'begins_with':
      for (const operand of [node.subject, node.prefix]) {
        if (operand.kind === 'value' && operand.value.S === undefined && operand.value.B === undefined) {
          throw incorrectOperandType('begins_with', valueType(operand.value));
        }
      }
      return;
    case 'attribute_type':
      checkTypeName(node.type);
      return;
    default:
      return;
  }
}

/** `<`, `<=`, `>`, `>=` and BETWEEN order strings, numbers and binaries only. */
function orderable(operator: string, operand: Operand): void {
  if (operand.kind === 'value' && scalarType(operand.value) === undefined) {
    throw incorrectOperandType(operator, valueType(operand.value));
  }
}

function checkBounds(low: Operand, high: Operand): void {
  if (low.kind !== 'value' || high.kind !== 'value') return;
  const type = scalarType(low.value);
  const bounds = `lower bound operand: ${showValue(low.value)}, upper bound operand: ${showValue(high.value)}`;
  if (type === undefined || scalarType(high.value) !== type) {
    throw new ExpressionProblem(`The BETWEEN operator requires same data type for lower and upper bounds; ${bounds}`);
  }
  if (compareKeyValues(type, low.value, high.value) > 0) {
    throw new ExpressionProblem(
      `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${bounds}`,
    );
  }
}

/** `AttributeValue: {N:1}`, a scalar as DynamoDB's BETWEEN messages print it (binary in base64). */
function showValue(value: AttributeValue): string {
  const type = valueType(value);
  // A number as the request wrote it: DynamoDB quotes `{N:01}`, not `{N:1}`.
  const text = value.B !== undefined ? Buffer.from(value.B).toString('base64') : (value.S ?? numberAsGiven(value));
  return `AttributeValue: {${type}:${text}}`;
}

function checkTypeName(operand: Operand): void {
  if (operand.kind !== 'value') throw incorrectOperandType('attribute_type', ANY_TYPE);
  const name = operand.value.S;
  if (name === undefined) throw incorrectOperandType('attribute_type', valueType(operand.value));
  if (!TYPE_NAMES.includes(name)) {
    throw new ExpressionProblem(
      `Invalid attribute type name found; type: ${name}, valid types: {${TYPE_NAMES.join(',')}}`,
    );
  }
}
