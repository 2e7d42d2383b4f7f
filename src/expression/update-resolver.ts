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
 *   1. the paths the actions write, their #names resolved, must not overlap or conflict;
 *   2. the right-hand sides, in source order: functions allowed in SET and their operand counts, placeholders;
 *   3. the operand types known from :values (list_append, +, -, ADD, DELETE).
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html
 */
export function resolveUpdate(raw: RawUpdate, placeholders: Placeholders): UpdateTree {
  const targets = raw.actions.map((action) => resolvePath(action.path, placeholders));
  checkPathsApart(targets);
  const tree = {
    set: [] as SetAction[],
    remove: [] as DocumentPath[],
    add: [] as ValueAction[],
    delete: [] as ValueAction[],
  };
  raw.actions.forEach((action, i) => {
    const path = targets[i]!;
    if (action.clause === 'REMOVE') tree.remove.push(path);
    else if (action.clause === 'SET') tree.set.push({ path, value: resolveSetValue(action.value!, placeholders) });
    else {
      const value = resolveSetValue(action.value!, placeholders) as { value: AttributeValue };
      (action.clause === 'ADD' ? tree.add : tree.delete).push({ path, value: value.value });
    }
  });
  for (const action of raw.actions) checkActionTypes(action.clause, action.value, placeholders);
  return tree;
}

function resolveSetValue(raw: RawOperand, placeholders: Placeholders): SetValue {
  switch (raw.kind) {
    case 'path':
      return { kind: 'path', path: resolvePath(raw.path, placeholders) };
    case 'value':
      return { kind: 'value', value: placeholders.value(raw.ref) };
    case 'plus':
    case 'minus':
      return {
        kind: raw.kind,
        left: resolveSetValue(raw.left, placeholders),
        right: resolveSetValue(raw.right, placeholders),
      };
    case 'call':
      if (raw.name === 'if_not_exists') {
        checkArity(raw, 2);
        const first = raw.args[0]!;
        if (first.kind !== 'path') throw requiresPath(raw.name);
        const path = resolvePath(first.path, placeholders);
        return { kind: 'if_not_exists', path, fallback: resolveSetValue(raw.args[1]!, placeholders) };
      }
      if (raw.name === 'list_append') {
        checkArity(raw, 2);
        const first = resolveSetValue(raw.args[0]!, placeholders);
        return { kind: 'list_append', first, second: resolveSetValue(raw.args[1]!, placeholders) };
      }
      throw new ExpressionProblem(`The function is not allowed in an update expression; function: ${raw.name}`);
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

function checkActionTypes(clause: string, raw: RawOperand | undefined, placeholders: Placeholders): void {
  if (raw === undefined) return;
  if (clause === 'SET') return checkSetTypes(raw, placeholders);
  const type = valueType(placeholders.value((raw as { ref: string }).ref));
  const allowed = clause === 'ADD' ? ['N', 'SS', 'NS', 'BS'] : ['SS', 'NS', 'BS'];
  if (allowed.includes(type)) return;
  throw new ExpressionProblem(
    `Incorrect operand type for operator or function; operator: ${clause}, operand type: ${TYPE_WORDS[type] ?? type}, ` +
      `typeSet: ALLOWED_FOR_${clause}_OPERAND`,
  );
}

/** list_append takes lists, `+` and `-` numbers: a `:value` of another type is refused before any item is read. */
function checkSetTypes(raw: RawOperand, placeholders: Placeholders): void {
  if (raw.kind === 'plus' || raw.kind === 'minus') {
    for (const side of [raw.left, raw.right]) {
      checkSetTypes(side, placeholders);
      expectType(side, 'N', raw.kind === 'plus' ? '+' : '-', placeholders);
    }
  } else if (raw.kind === 'call') {
    for (const arg of raw.args) {
      checkSetTypes(arg, placeholders);
      if (raw.name === 'list_append') expectType(arg, 'L', raw.name, placeholders);
    }
  }
}

function expectType(raw: RawOperand, type: string, operator: string, placeholders: Placeholders): void {
  if (raw.kind !== 'value') return;
  const actual = valueType(placeholders.value(raw.ref));
  if (actual !== type) throw incorrectOperandType(operator, actual);
}
