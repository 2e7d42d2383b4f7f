/**
 * Builds expression syntax trees (src/expression/syntax-tree.ts) by hand, so the evaluator's tests need no parser:
 * `path('a.b[3]')` is ['a', 'b', 3]; operands and nodes are made by the functions below.
 */
import type { AttributeValue } from '../../src/model/attribute-value.js';
import type {
  Comparator,
  ConditionNode,
  DocumentPath,
  Operand,
  SetValue,
  UpdateTree,
  ValueAction,
} from '../../src/expression/syntax-tree.js';

/** `a.b[3][0].c` as a path; names hold no `.` or `[` here (a test wanting one writes the array itself). */
export function path(text: string): DocumentPath {
  const out: (string | number)[] = [];
  for (const part of text.split('.')) {
    const match = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (match === null) throw new Error(`not a test path: ${text}`);
    if (match[1] !== '') out.push(match[1] as string);
    for (const index of (match[2] as string).matchAll(/\[(\d+)\]/g)) out.push(Number(index[1]));
  }
  return out;
}

const asPath = (p: string | DocumentPath): DocumentPath => (typeof p === 'string' ? path(p) : p);

/** Operands: an attribute, a `:value`, `size(path)`. */
export const attr = (p: string | DocumentPath): Operand => ({ kind: 'path', path: asPath(p) });
export const val = (value: AttributeValue): Operand => ({ kind: 'value', value });
export const size = (p: string | DocumentPath): Operand => ({ kind: 'size', path: asPath(p) });

/** Conditions. */
export const cmp = (left: Operand, comparator: Comparator, right: Operand): ConditionNode => ({
  kind: 'compare',
  comparator,
  left,
  right,
});
export const between = (subject: Operand, low: Operand, high: Operand): ConditionNode => ({
  kind: 'between',
  subject,
  low,
  high,
});
export const isIn = (subject: Operand, ...list: Operand[]): ConditionNode => ({ kind: 'in', subject, list });
export const and = (left: ConditionNode, right: ConditionNode): ConditionNode => ({ kind: 'and', left, right });
export const or = (left: ConditionNode, right: ConditionNode): ConditionNode => ({ kind: 'or', left, right });
export const not = (operand: ConditionNode): ConditionNode => ({ kind: 'not', operand });
export const exists = (p: string): ConditionNode => ({ kind: 'attribute_exists', path: path(p) });
export const notExists = (p: string): ConditionNode => ({ kind: 'attribute_not_exists', path: path(p) });
export const typeIs = (p: string, type: string): ConditionNode => ({
  kind: 'attribute_type',
  path: path(p),
  type: val({ S: type }),
});
export const beginsWith = (subject: Operand, prefix: Operand): ConditionNode => ({
  kind: 'begins_with',
  subject,
  prefix,
});
export const contains = (subject: Operand, operand: Operand): ConditionNode => ({ kind: 'contains', subject, operand });

/** SET right-hand sides. */
export const from = (p: string): SetValue => ({ kind: 'path', path: path(p) });
export const lit = (value: AttributeValue): SetValue => ({ kind: 'value', value });
export const ifNotExists = (p: string, fallback: SetValue): SetValue => ({
  kind: 'if_not_exists',
  path: path(p),
  fallback,
});
export const listAppend = (first: SetValue, second: SetValue): SetValue => ({ kind: 'list_append', first, second });
export const plus = (left: SetValue, right: SetValue): SetValue => ({ kind: 'plus', left, right });
export const minus = (left: SetValue, right: SetValue): SetValue => ({ kind: 'minus', left, right });

/** An update: `set` is [path, value] pairs, `add`/`delete` [path, AttributeValue] pairs, `remove` paths. */
export function update(clauses: {
  set?: [string, SetValue][];
  remove?: string[];
  add?: [string, AttributeValue][];
  delete?: [string, AttributeValue][];
}): UpdateTree {
  const actions = (pairs: [string, AttributeValue][] = []): ValueAction[] =>
    pairs.map(([p, value]) => ({ path: path(p), value }));
  return {
    set: (clauses.set ?? []).map(([p, value]) => ({ path: path(p), value })),
    remove: (clauses.remove ?? []).map(path),
    add: actions(clauses.add),
    delete: actions(clauses.delete),
  };
}
