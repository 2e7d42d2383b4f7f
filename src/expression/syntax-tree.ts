import type { AttributeValue } from '../model/attribute-value.js';

/*
 * The syntax tree every DynamoDB expression parses to, and that the legacy parameters (Expected, AttributeUpdates,
 * KeyConditions, QueryFilter/ScanFilter, AttributesToGet) translate to, so one evaluator serves both
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.html). Placeholders are resolved when
 * the tree is built: a path holds attribute names, an operand holds the AttributeValue itself. Nodes are plain
 * readonly objects, so a cached tree is shared safely.
 */

/** One step of a document path: a map key (an attribute name at the top) or a list index. */
export type PathElement = string | number;

/**
 * A document path, `a.b[3].#c` resolved to `['a', 'b', 3, 'c']`. The first element is always a name.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.Attributes.html#Expressions.Attributes.NestedElements.DocumentPathExamples
 */
export type DocumentPath = readonly PathElement[];

/** What a comparison or function compares: an attribute at a path, a `:value`, or `size(path)`. */
export type Operand =
  | { readonly kind: 'path'; readonly path: DocumentPath }
  | { readonly kind: 'value'; readonly value: AttributeValue }
  | { readonly kind: 'size'; readonly path: DocumentPath };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

/**
 * A condition (ConditionExpression, FilterExpression, KeyConditionExpression): comparisons, BETWEEN, IN, the boolean
 * operators and the condition functions.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */
export type ConditionNode =
  | { readonly kind: 'compare'; readonly comparator: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly subject: Operand; readonly low: Operand; readonly high: Operand }
  | { readonly kind: 'in'; readonly subject: Operand; readonly list: readonly Operand[] }
  | { readonly kind: 'and'; readonly left: ConditionNode; readonly right: ConditionNode }
  | { readonly kind: 'or'; readonly left: ConditionNode; readonly right: ConditionNode }
  | { readonly kind: 'not'; readonly operand: ConditionNode }
  | { readonly kind: 'attribute_exists'; readonly path: DocumentPath }
  | { readonly kind: 'attribute_not_exists'; readonly path: DocumentPath }
  | { readonly kind: 'attribute_type'; readonly path: DocumentPath; readonly type: Operand }
  | { readonly kind: 'begins_with'; readonly subject: Operand; readonly prefix: Operand }
  | { readonly kind: 'contains'; readonly subject: Operand; readonly operand: Operand };

/**
 * The right-hand side of a SET action: an operand (path or value), `if_not_exists(path, value)`,
 * `list_append(a, b)`, or `a + b` / `a - b`.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.UpdateExpressions.html#Expressions.UpdateExpressions.SET
 */
export type SetValue =
  | { readonly kind: 'path'; readonly path: DocumentPath }
  | { readonly kind: 'value'; readonly value: AttributeValue }
  | { readonly kind: 'if_not_exists'; readonly path: DocumentPath; readonly fallback: SetValue }
  | { readonly kind: 'list_append'; readonly first: SetValue; readonly second: SetValue }
  | { readonly kind: 'plus' | 'minus'; readonly left: SetValue; readonly right: SetValue };

export interface SetAction {
  readonly path: DocumentPath;
  readonly value: SetValue;
}

/** ADD and DELETE take a path and a value (a number or a set for ADD, a set for DELETE). */
export interface ValueAction {
  readonly path: DocumentPath;
  readonly value: AttributeValue;
}

/**
 * An UpdateExpression: each clause at most once, its actions in the order written. The legacy AttributeUpdates
 * translate to this too (PUT as SET, DELETE without a value as REMOVE).
 */
export interface UpdateTree {
  readonly set: readonly SetAction[];
  readonly remove: readonly DocumentPath[];
  readonly add: readonly ValueAction[];
  readonly delete: readonly ValueAction[];
}

/** A ProjectionExpression (or AttributesToGet): the paths to keep, in the order given. */
export type ProjectionTree = readonly DocumentPath[];

/**
 * A KeyConditionExpression (or KeyConditions) checked against the key schema: the partition key's value, and the
 * sort key's condition, a compare/between/begins_with over the path `[name]` (the key on the left), so the
 * evaluator can test an item with it.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.KeyConditionExpressions.html
 */
export interface KeyConditionTree {
  readonly partitionKey: { readonly name: string; readonly value: AttributeValue };
  readonly sortKey?: { readonly name: string; readonly condition: ConditionNode };
}
