import type { Comparator } from './syntax-tree.js';

/*
 * What the parser makes of an expression's text before its placeholders are resolved: the shape a parse cache can
 * hold and share between requests whose ExpressionAttributeNames/Values differ. request-expressions.ts resolves it
 * into the syntax tree (syntax-tree.ts). Nodes stay in source order, so a walk meets problems in the order AWS
 * reports them.
 */

/** A path element as written: a bare name, a `#name` placeholder (starts with '#' or, after a dot, ':'), or an index. */
export type RawPathElement = string | number;
export type RawPath = readonly RawPathElement[];

/** An operand as written. `call` is any function call; which calls are allowed where is checked on resolution. */
export type RawOperand =
  | { readonly kind: 'path'; readonly path: RawPath }
  | { readonly kind: 'value'; readonly ref: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly RawOperand[] }
  | { readonly kind: 'plus' | 'minus'; readonly left: RawOperand; readonly right: RawOperand };

export type RawCondition =
  | { readonly kind: 'compare'; readonly comparator: Comparator; readonly left: RawOperand; readonly right: RawOperand }
  | { readonly kind: 'between'; readonly subject: RawOperand; readonly low: RawOperand; readonly high: RawOperand }
  | { readonly kind: 'in'; readonly subject: RawOperand; readonly list: readonly RawOperand[] }
  | { readonly kind: 'and' | 'or'; readonly left: RawCondition; readonly right: RawCondition }
  | { readonly kind: 'not'; readonly operand: RawCondition }
  | { readonly kind: 'function'; readonly call: RawOperand & { readonly kind: 'call' } };

export type UpdateClause = 'SET' | 'REMOVE' | 'ADD' | 'DELETE';

/** One update action in source order; `value` is the SET operand, or the ADD/DELETE `:value` (a `value` operand). */
export interface RawUpdateAction {
  readonly clause: UpdateClause;
  readonly path: RawPath;
  readonly value?: RawOperand;
}

export interface RawUpdate {
  readonly actions: readonly RawUpdateAction[];
}
