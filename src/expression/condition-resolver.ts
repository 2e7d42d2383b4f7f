import type { ConditionNode, DocumentPath, Operand } from './syntax-tree.js';
import { ExpressionProblem } from './expression-problem.js';
import { sizeOf } from './condition-evaluator.js';
import { checkNodeTypes, incorrectOperandType } from './operand-types.js';
import { valueType } from '../model/attribute-value.js';
import type { RawCondition, RawOperand } from './parse-tree.js';
import type { Placeholders } from './placeholders.js';
import { checkArity, checkDistinct, requiresPath, resolvePath } from './resolve-paths.js';

/*
 * A RawCondition to a ConditionNode, in DynamoDB Local 2.9.30's order of checks:
 *   1. where each function is used (size only as an operand, attribute_exists and its kin only as conditions,
 *      if_not_exists and list_append never);
 *   2. one walk in source order: placeholders, operand counts, distinct operands and the operand types known from
 *      :values, node by node, so the first problem in the text is the one reported.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */

/** Functions only an update's SET may call. */
const UPDATE_FUNCTIONS: ReadonlySet<string> = new Set(['if_not_exists', 'list_append']);

export function resolveCondition(raw: RawCondition, placeholders: Placeholders): ConditionNode {
  checkUsage(raw);
  return resolve(raw, placeholders);
}

export function checkUsage(raw: RawCondition): void {
  switch (raw.kind) {
    case 'compare':
      return [raw.left, raw.right].forEach(checkOperandUsage);
    case 'between':
      return [raw.subject, raw.low, raw.high].forEach(checkOperandUsage);
    case 'in':
      return [raw.subject, ...raw.list].forEach(checkOperandUsage);
    case 'and':
    case 'or':
      checkUsage(raw.left);
      return checkUsage(raw.right);
    case 'not':
      return checkUsage(raw.operand);
    case 'function':
      if (UPDATE_FUNCTIONS.has(raw.call.name)) throw notInCondition(raw.call.name);
      if (raw.call.name === 'size') throw notThisWay(raw.call.name);
      return raw.call.args.forEach(checkOperandUsage);
  }
}

function checkOperandUsage(raw: RawOperand): void {
  if (raw.kind !== 'call') return;
  if (UPDATE_FUNCTIONS.has(raw.name)) throw notInCondition(raw.name);
  if (raw.name !== 'size') throw notThisWay(raw.name);
  raw.args.forEach(checkOperandUsage);
}

function resolve(raw: RawCondition, placeholders: Placeholders): ConditionNode {
  const node = resolveNode(raw, placeholders);
  checkNodeTypes(node);
  return node;
}

function resolveNode(raw: RawCondition, placeholders: Placeholders): ConditionNode {
  const operand = (o: RawOperand): Operand => resolveOperand(o, placeholders);
  switch (raw.kind) {
    case 'compare': {
      const left = operand(raw.left);
      const right = operand(raw.right);
      checkDistinct(raw.comparator, left, [right]);
      return { kind: 'compare', comparator: raw.comparator, left, right };
    }
    case 'between': {
      const subject = operand(raw.subject);
      const low = operand(raw.low);
      const high = operand(raw.high);
      checkDistinct('BETWEEN', subject, [low, high]);
      return { kind: 'between', subject, low, high };
    }
    case 'in': {
      const subject = operand(raw.subject);
      const list = raw.list.map(operand);
      checkDistinct('IN', subject, list);
      return { kind: 'in', subject, list };
    }
    case 'and':
    case 'or':
      return {
        kind: raw.kind,
        left: resolve(raw.left, placeholders),
        right: resolve(raw.right, placeholders),
      };
    case 'not':
      return { kind: 'not', operand: resolve(raw.operand, placeholders) };
    case 'function':
      return resolveFunction(raw.call, placeholders);
  }
}

function resolveFunction(call: RawOperand & { kind: 'call' }, placeholders: Placeholders): ConditionNode {
  const { name, args } = call;
  switch (name) {
    case 'attribute_exists':
    case 'attribute_not_exists':
      checkArity(call, 1);
      return { kind: name, path: pathArgument(name, args[0]!, placeholders) };
    case 'attribute_type': {
      checkArity(call, 2);
      const path = pathArgument(name, args[0]!, placeholders);
      return { kind: name, path, type: resolveOperand(args[1]!, placeholders) };
    }
    case 'begins_with': {
      checkArity(call, 2);
      const subject = resolveOperand(args[0]!, placeholders);
      const prefix = resolveOperand(args[1]!, placeholders);
      checkDistinct(name, subject, [prefix]);
      return { kind: name, subject, prefix };
    }
    default: {
      // contains: the parser refused unknown names.
      checkArity(call, 2);
      const subject = resolveOperand(args[0]!, placeholders);
      const operand = resolveOperand(args[1]!, placeholders);
      checkDistinct(name, subject, [operand]);
      return { kind: 'contains', subject, operand };
    }
  }
}

function pathArgument(name: string, arg: RawOperand, placeholders: Placeholders): DocumentPath {
  if (arg.kind !== 'path') throw requiresPath(name);
  return resolvePath(arg.path, placeholders);
}

/**
 * An operand of a comparison or function: a path, a `:value`, or `size(path)`. `size(:value)` is known when the
 * request is read, so it becomes the number it is (DynamoDB Local 2.9.30 takes it; of a number, a boolean or null it
 * is an operand of the wrong type).
 */
export function resolveOperand(raw: RawOperand, placeholders: Placeholders): Operand {
  switch (raw.kind) {
    case 'path':
      return { kind: 'path', path: resolvePath(raw.path, placeholders) };
    case 'value':
      return { kind: 'value', value: placeholders.value(raw.ref) };
    case 'call':
      // checkUsage let only size through.
      checkArity(raw, 1);
      if (raw.args[0]!.kind === 'value') {
        const value = placeholders.value(raw.args[0]!.ref);
        const size = sizeOf(value);
        if (size === undefined) throw incorrectOperandType('size', valueType(value));
        return { kind: 'value', value: { N: String(size) } };
      }
      return { kind: 'size', path: pathArgument('size', raw.args[0]!, placeholders) };
    default:
      // `+` and `-` are parsed only on an update's SET side.
      throw new ExpressionProblem(`The operator is not allowed in a condition expression; operator: ${raw.kind}`);
  }
}

function notInCondition(name: string): ExpressionProblem {
  return new ExpressionProblem(`The function is not allowed in a condition expression; function: ${name}`);
}

function notThisWay(name: string): ExpressionProblem {
  return new ExpressionProblem(`The function is not allowed to be used this way in an expression; function: ${name}`);
}
