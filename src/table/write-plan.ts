import { ValidationException } from '../errors.js';
import { conditionHolds } from '../expression/condition-evaluator.js';
import { attributeUpdatesToUpdate } from '../expression/legacy/attribute-updates.js';
import { expectedToCondition } from '../expression/legacy/expected.js';
import { checkExpressionParameterMix } from '../expression/parameter-mix.js';
import { parseRequestExpressions } from '../expression/request-expressions.js';
import type { ConditionNode, UpdateTree } from '../expression/syntax-tree.js';
import { applyUpdate } from '../expression/update-applier.js';
import { keyAttributeUpdated, updatedKeyAttribute } from '../expression/key-update.js';
import { updatedAttributes } from '../expression/updated-attributes.js';
import type { AttributeMap } from '../model/attribute-value.js';
import { itemForCaller } from '../model/frozen-item.js';
import type { KeySchema } from '../model/key-schema.js';
import type { Condition, ExpressionPlaceholders, Updater } from './item-operations.js';

/*
 * A write's condition and update in one shape, whether they came from expressions, from the legacy Expected and
 * AttributeUpdates (translated to the same syntax tree), or from the typed API's predicate and function (the escape
 * hatch): the table runs them alike. Expressions see the stored item; a caller's function
 * gets its own copy, so it can neither change the table nor keep a handle on it.
 */

/** Whether a write may go ahead, given the item as it is now (undefined when absent). */
export type ItemCheck = (item: AttributeMap | undefined) => boolean;

/** What an update makes of the current item. */
export interface ItemUpdate {
  /** The new item from the current one (undefined when absent); key attributes may be left out. */
  apply(current: AttributeMap | undefined): AttributeMap;
  /**
   * ReturnValues UPDATED_OLD / UPDATED_NEW: the attributes the update touched, as they are in `item`. An update
   * function has none: the table then returns the attributes that changed.
   */
  touched?(item: AttributeMap | undefined): AttributeMap | undefined;
  /** Whether the new item keeps the current one's key attributes as they are (an expression cannot change them). */
  keepsKey?: boolean;
}

/** The members a write's condition and update come from. */
export interface WriteMembers extends ExpressionPlaceholders {
  ConditionExpression?: string;
  UpdateExpression?: string;
  condition?: Condition;
  update?: Updater;
  Expected?: object;
  ConditionalOperator?: unknown;
  AttributeUpdates?: object;
}

export interface WritePlan {
  check: ItemCheck | undefined;
  update: ItemUpdate | undefined;
}

/** A plain write's plan: nothing to check, nothing to compute. */
const NOTHING: WritePlan = { check: undefined, update: undefined };

/** The writes that take a condition or an update. */
export type WriteOperation = 'PutItem' | 'DeleteItem' | 'UpdateItem' | 'ConditionCheck';

/**
 * The write's condition and update, its expressions parsed and checked (placeholders, reserved words, key attributes
 * in an update, AWS's texts). Called once the item or key has been checked, as AWS orders its answers.
 */
export function writePlan(input: WriteMembers, keySchema: KeySchema, operation: WriteOperation): WritePlan {
  const { condition, update } = input;
  const legacy = input.Expected != null || input.ConditionalOperator != null || input.AttributeUpdates != null;
  if (legacy) checkExpressionParameterMix(input as Record<string, unknown>);
  const expressions =
    input.ConditionExpression === undefined &&
    input.UpdateExpression === undefined &&
    input.ExpressionAttributeNames === undefined &&
    input.ExpressionAttributeValues === undefined
      ? undefined
      : parseRequestExpressions(input, { keySchema, operation });
  if (expressions === undefined && condition === undefined && update === undefined && !legacy) return NOTHING;
  if (condition !== undefined && input.ConditionExpression !== undefined)
    throw new ValidationException('Pass either `condition` (a predicate) or ConditionExpression, not both');
  if (update !== undefined && input.UpdateExpression !== undefined)
    throw new ValidationException('Pass either `update` (a function) or UpdateExpression, not both');
  if (condition !== undefined && input.Expected != null)
    throw new ValidationException('Pass either `condition` (a predicate) or Expected, not both');
  if (update !== undefined && input.AttributeUpdates != null)
    throw new ValidationException('Pass either `update` (a function) or AttributeUpdates, not both');
  if (expressions !== undefined && condition === undefined && update === undefined && !legacy) {
    // A compiled request (the request cache hands the same trees back) has one plan, made once.
    let plan = plans.get(expressions);
    if (plan === undefined) {
      plan = {
        check: expressions.condition === undefined ? undefined : expressionCheck(expressions.condition),
        update: expressions.update === undefined ? undefined : expressionUpdate(expressions.update, keySchema),
      };
      plans.set(expressions, plan);
    }
    return plan;
  }
  return {
    check:
      expressions?.condition !== undefined
        ? expressionCheck(expressions.condition)
        : legacy
          ? expectedCheck(input)
          : predicateCheck(condition),
    update:
      expressions?.update !== undefined
        ? expressionUpdate(expressions.update, keySchema)
        : input.AttributeUpdates != null
          ? attributeUpdatesToUpdate(input.AttributeUpdates as Record<string, unknown>, keySchema)
          : functionUpdate(update),
  };
}

/** The plan of each parsed request, while the request is cached (its trees are the key). */
const plans = new WeakMap<object, WritePlan>();

/** The members a PutItem's, DeleteItem's or ConditionCheck's condition comes from (any others are not its). */
export function conditionMembers(input: WriteMembers): WriteMembers {
  // Most inputs have nothing else: no copy for them (a conditional put is on the hot path).
  if (input.UpdateExpression === undefined && input.update === undefined && input.AttributeUpdates === undefined)
    return input;
  const { ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues, condition } = input;
  const { Expected, ConditionalOperator } = input;
  return {
    ConditionExpression,
    ExpressionAttributeNames,
    ExpressionAttributeValues,
    condition,
    Expected,
    ConditionalOperator,
  };
}

/**
 * The legacy Expected (with its ConditionalOperator) as its syntax tree, tested by the one evaluator; an empty one is
 * no condition. A ConditionalOperator alone has nothing to combine (DynamoDB Local 2.9.30's text, reported where the
 * condition is evaluated: after the item or key).
 */
function expectedCheck({ Expected, ConditionalOperator }: WriteMembers): ItemCheck | undefined {
  if (Expected == null) {
    if (ConditionalOperator == null) return undefined;
    throw new ValidationException('ConditionalOperator cannot be used without Filter or Expected');
  }
  const node = expectedToCondition(Expected as Record<string, unknown>, ConditionalOperator);
  return node === undefined ? undefined : expressionCheck(node);
}

function expressionCheck(node: ConditionNode): ItemCheck {
  return (item) => conditionHolds(node, item);
}

function predicateCheck(condition: Condition | undefined): ItemCheck | undefined {
  if (condition === undefined) return undefined;
  if (typeof condition !== 'function')
    throw new ValidationException('`condition` must be a function from the current item to a boolean');
  return (item) => condition(item === undefined ? undefined : itemForCaller(item)) === true;
}

function expressionUpdate(tree: UpdateTree, keySchema: KeySchema): ItemUpdate {
  // Known once per plan; refused when applied, after the condition.
  const keyName = updatedKeyAttribute(tree, keySchema);
  return {
    apply: (current) => {
      if (keyName !== undefined) throw keyAttributeUpdated(keyName);
      return applyUpdate(tree, current);
    },
    touched: (item) => updatedAttributes(tree, item),
    keepsKey: true,
  };
}

function functionUpdate(update: Updater | undefined): ItemUpdate | undefined {
  if (update === undefined) return undefined;
  if (typeof update !== 'function')
    throw new ValidationException('`update` must be a function from the current item to the new one');
  return { apply: (current) => update(current === undefined ? undefined : itemForCaller(current)) };
}
