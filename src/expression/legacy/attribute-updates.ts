import { ValidationException } from '../../errors.js';
import { valueType, type AttributeMap, type AttributeValue } from '../../model/attribute-value.js';
import { canonicalValue } from '../../model/frozen-item.js';
import type { KeySchema } from '../../model/key-schema.js';
import { showValue } from '../../model/show-value.js';
import type { DocumentPath, SetValue, UpdateTree, ValueAction } from '../syntax-tree.js';
import { applyUpdate } from '../update-applier.js';
import { updatedAttributes } from '../updated-attributes.js';

/*
 * UpdateItem's legacy `AttributeUpdates` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributeUpdates.html)
 * as the tree an UpdateExpression parses to, applied by the one update evaluator: PUT is SET; DELETE without a
 * value is REMOVE, with a set DELETE; ADD is ADD (absent counts as 0 or the empty set), but ADD of a list, which
 * UpdateExpression's ADD does not take, appends to the list: `SET a = list_append(if_not_exists(a, []), v)`. Each
 * path is `[name]`: a name with a dot is one attribute. Messages are AWS's, as dynalite reproduces them.
 */
type Action = 'PUT' | 'DELETE' | 'ADD';

interface AttributeUpdate {
  name: string;
  action: Action;
  value: AttributeValue | undefined;
}

const SET_TYPES = ['SS', 'NS', 'BS'] as const;

/**
 * The types ADD takes: a number, a set, and a list, appended to an existing list. AWS accepts L (dynalite's
 * validations, recorded against AWS, refuse ADD of every type but L, SS, NS, BS and N), and so does DynamoDB Local
 * 2.9.30 (probed: ADD of [y, 2] to [x] gives [x, y, 2]; to an absent attribute, the list itself).
 */
const ADD_TYPES: readonly string[] = ['N', 'L', ...SET_TYPES];

/**
 * Each update's shape and Action, checked when the request is read: the Action's values are AWS's model constraint
 * (the rest of the parameter is read by the updater, once the condition holds, as DynamoDB Local 2.9.30 reads it).
 */
export function checkUpdateActions(updates: Record<string, unknown>): void {
  for (const name of Object.keys(updates)) actionOf(name, updates[name]);
}

/** An AttributeUpdates update: the function that makes the new item, and the attributes it touched. */
export interface AttributeUpdatesUpdate {
  apply: (current: AttributeMap | undefined) => AttributeMap;
  /**
   * ReturnValues UPDATED_OLD / UPDATED_NEW of `item` (the whole item before / after): "only the updated attributes"
   * (API_UpdateItem) are every attribute the update names, also one whose value did not change (DynamoDB Local
   * returns a PUT of the same value), as the top-level paths of its tree give them; undefined when there are none.
   */
  touched: (item: AttributeMap | undefined) => AttributeMap | undefined;
}

/**
 * The update: `apply` reads the whole parameter (values, key attributes, the types each action takes) into its tree
 * and then applies it, so a bad update is refused before anything is written, after the Key and the condition
 * (DynamoDB Local 2.9.30 answers ConditionalCheckFailedException for an update with a bad value).
 */
export function attributeUpdatesToUpdate(updates: Record<string, unknown>, schema: KeySchema): AttributeUpdatesUpdate {
  let tree: UpdateTree | undefined;
  return {
    apply: (current) => {
      tree = attributeUpdatesToTree(updates, schema);
      // ADD of a list to an attribute that is not one: ADD's own text, not list_append's (DynamoDB Local 2.9.30).
      for (const { path } of tree.set) {
        const name = path[0] as string;
        const isListAdd = (updates[name] as { Action?: unknown }).Action === 'ADD';
        if (isListAdd && current !== undefined && Object.hasOwn(current, name) && current[name]?.L === undefined)
          throw typeMismatch();
      }
      return applyUpdate(tree, current, typeMismatch);
    },
    touched: (item) => (tree === undefined ? undefined : updatedAttributes(tree, item)),
  };
}

/** The whole parameter read and checked, in its order, as the tree of the update it makes. */
export function attributeUpdatesToTree(updates: Record<string, unknown>, schema: KeySchema): UpdateTree {
  const set: UpdateTree['set'][number][] = [];
  const remove: DocumentPath[] = [];
  const add: ValueAction[] = [];
  const remaining: ValueAction[] = [];
  for (const name of Object.keys(updates)) {
    const { action, value } = parseUpdate(name, updates[name], schema);
    const path = [name];
    if (value === undefined) remove.push(path);
    else if (action === 'PUT') set.push({ path, value: { kind: 'value', value } });
    else if (action === 'ADD' && value.L !== undefined) set.push({ path, value: appendToList(path, value) });
    else if (action === 'ADD') add.push({ path, value });
    else remaining.push({ path, value });
  }
  return { set, remove, add, delete: remaining };
}

/** ADD of a list: appended to the list there, or the list itself when there is none. */
function appendToList(path: DocumentPath, value: AttributeValue): SetValue {
  const current: SetValue = { kind: 'if_not_exists', path, fallback: { kind: 'value', value: { L: [] } } };
  return { kind: 'list_append', first: current, second: { kind: 'value', value } };
}

/** AttributeUpdates' text for ADD or DELETE against an attribute of another type (DynamoDB Local 2.9.30). */
function typeMismatch(): ValidationException {
  return new ValidationException('Type mismatch for attribute to update');
}

function actionOf(name: string, raw: unknown): Action {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ValidationException(
      `One or more parameter values were invalid: AttributeUpdates of ${name} must be an object with Action and Value`,
    );
  }
  const { Action: action = 'PUT' } = raw as { Action?: unknown };
  if (action !== 'PUT' && action !== 'DELETE' && action !== 'ADD') {
    throw new ValidationException(
      `1 validation error detected: Value '${showValue(action)}' at 'attributeUpdates.${name}.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]`,
    );
  }
  return action;
}

function parseUpdate(name: string, raw: unknown, schema: KeySchema): AttributeUpdate {
  const action = actionOf(name, raw);
  const { Value: rawValue } = raw as { Value?: unknown };
  if (name === schema.partitionKey.name || name === schema.sortKey?.name) {
    throw new ValidationException(
      `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`,
    );
  }
  const value = rawValue === undefined || rawValue === null ? undefined : canonicalValue(rawValue).value;
  if (value === undefined) {
    if (action !== 'DELETE')
      throw new ValidationException(
        'One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified',
      );
    return { name, action, value };
  }
  const type = valueType(value);
  if (action === 'DELETE' && !(SET_TYPES as readonly string[]).includes(type)) {
    throw new ValidationException(
      `One or more parameter values were invalid: DELETE action with value is not supported for the type ${type}`,
    );
  }
  if (action === 'ADD' && !ADD_TYPES.includes(type)) {
    throw new ValidationException(
      `One or more parameter values were invalid: ADD action is not supported for the type ${type}`,
    );
  }
  return { name, action, value };
}
