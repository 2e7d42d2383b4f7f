import { valueType, type AttributeValue } from '../model/attribute-value.js';
import type { DocumentPath, SetAction, SetValue, UpdateTree, ValueAction } from './syntax-tree.js';
import { ExpressionProblem } from './expression-problem.js';
import { incorrectOperandType } from './operand-types.js';
import type { RawOperand, RawUpdate } from './parse-tree.js';
import { checkPathsApart } from './path-overlap.js';
import type { Placeholders } from './placeholders.js';
import { checkArity, requiresPath, resolvePath } from './resolve-paths.js';

/*
 * A RawUpdate to an UpdateTree, in DynamoDB Local 2.9.30's order of checks:
 *   1. the functions each SET may call (before anything else of the right-hand sides);
 *   2. the paths the actions write, their #names resolved, must not overlap or conflict;
 *   3. the actions from the LAST to the first (as DynamoDB walks them), each left to right: placeholders, operand
 *      counts, and the operand types known from :values (list_append, +, -, ADD, DELETE).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 */
export function resolveUpdate(raw: RawUpdate, placeholders: Placeholders): UpdateTree {
  for (const action of raw.actions) if (action.value !== undefined) checkFunctions(action.value);
  const targets = raw.actions.map((action) => resolvePath(action.path, placeholders));
  checkPathsApart(targets);
  const resolved: (SetValue | AttributeValue | undefined)[] = [];
  for (let i = raw.actions.length - 1; i >= 0; i--) {
    const action = raw.actions[i]!;
    if (action.clause === 'SET') resolved[i] = resolveSetValue(action.value!, placeholders);
    else if (action.clause !== 'REMOVE') resolved[i] = actionValue(action.clause, action.value!, placeholders);
  }
  const tree = {
    set: [] as SetAction[],
    remove: [] as DocumentPath[],
    add: [] as ValueAction[],
    delete: [] as ValueAction[],
  };
  raw.actions.forEach((action, i) => {
    const path = targets[i]!;
    if (action.clause === 'REMOVE') tree.remove.push(path);
    else if (action.clause === 'SET') tree.set.push({ path, value: resolved[i] as SetValue });
    else (action.clause === 'ADD' ? tree.add : tree.delete).push({ path, value: resolved[i] as AttributeValue });
  });
  return tree;
}

/** SET may call if_not_exists and list_append only. */
function checkFunctions(raw: RawOperand): void {
  if (raw.kind === 'plus' || raw.kind === 'minus') {
    checkFunctions(raw.left);
    checkFunctions(raw.right);
  } else if (raw.kind === 'call') {
    if (raw.name !== 'if_not_exists' && raw.name !== 'list_append') {
      throw new ExpressionProblem(`The function is not allowed in an update expression; function: ${raw.name}`);
    }
    raw.args.forEach(checkFunctions);
  }
}

/** A SET right-hand side, with the type each `:value` operand of list_append, `+` and `-` must have. */
function resolveSetValue(raw: RawOperand, placeholders: Placeholders, operator?: string, type?: string): SetValue {
  switch (raw.kind) {
    case 'path':
      return { kind: 'path', path: resolvePath(raw.path, placeholders) };
    case 'value': {
      const value = placeholders.value(raw.ref);
      if (operator !== undefined && valueType(value) !== type) throw incorrectOperandType(operator, valueType(value));
      return { kind: 'value', value };
    }
    case 'plus':
    case 'minus': {
      const sign = raw.kind === 'plus' ? '+' : '-';
      const left = resolveSetValue(raw.left, placeholders, sign, 'N');
      return { kind: raw.kind, left, right: resolveSetValue(raw.right, placeholders, sign, 'N') };
    }
    case 'call':
      if (raw.name === 'if_not_exists') {
        checkArity(raw, 2);
        const first = raw.args[0]!;
        if (first.kind !== 'path') throw requiresPath(raw.name);
        const path = resolvePath(first.path, placeholders);
        return { kind: 'if_not_exists', path, fallback: resolveSetValue(raw.args[1]!, placeholders) };
      }
      checkArity(raw, 2);
      return {
        kind: 'list_append',
        first: resolveSetValue(raw.args[0]!, placeholders, raw.name, 'L'),
        second: resolveSetValue(raw.args[1]!, placeholders, raw.name, 'L'),
      };
  }
}

/** DynamoDB's names for a value's type in ADD's and DELETE's messages. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  BOOL: 'BOOLEAN',
  NULL: 'NULL',
  L: 'LIST',
  M: 'MAP',
  SS: 'STRING_SET',
  NS: 'NUMBER_SET',
  BS: 'BINARY_SET',
};

/** ADD takes a number or a set, DELETE a set. */
function actionValue(clause: 'ADD' | 'DELETE', raw: RawOperand, placeholders: Placeholders): AttributeValue {
  const value = placeholders.value((raw as { ref: string }).ref);
  const type = valueType(value);
  const allowed = clause === 'ADD' ? ['N', 'SS', 'NS', 'BS'] : ['SS', 'NS', 'BS'];
  if (allowed.includes(type)) return value;
  throw new ExpressionProblem(
    `Incorrect operand type for operator or function; operator: ${clause}, operand type: ${TYPE_WORDS[type] ?? type}, ` +
      `typeSet: ALLOWED_FOR_${clause}_OPERAND`,
  );
}
