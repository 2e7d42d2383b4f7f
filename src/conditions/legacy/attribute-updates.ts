import { ValidationException } from '../../errors.js';
import {
  getAttribute,
  setAttribute,
  valueType,
  type AttributeMap,
  type AttributeValue,
} from '../../model/attribute-value.js';
import { binaryKeyText } from '../../model/binary-key-text.js';
import { canonicalValue } from '../../model/frozen-item.js';
import type { KeySchema } from '../../model/key-schema.js';
import { addNumbers } from '../../model/number-sum.js';
import { showValue } from '../../model/show-value.js';

/*
 * UpdateItem's legacy `AttributeUpdates` (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributeUpdates.html):
 * PUT sets; DELETE removes the attribute, or with a set those members; ADD adds to a number or unions a set (absent
 * counts as 0 or the empty set). Messages are AWS's, as dynalite reproduces them.
 */
type Action = 'PUT' | 'DELETE' | 'ADD';

interface AttributeUpdate {
  name: string;
  action: Action;
  value: AttributeValue | undefined;
}

const SET_TYPES = ['SS', 'NS', 'BS'] as const;

/**
 * Each update's shape and Action, checked when the request is read: the Action's values are AWS's model constraint
 * (the rest of the parameter is read by the updater, once the condition holds, as DynamoDB Local 2.9.30 reads it).
 */
export function checkUpdateActions(updates: Record<string, unknown>): void {
  for (const name of Object.keys(updates)) actionOf(name, updates[name]);
}

/** An AttributeUpdates update: the function that makes the new item, and the attributes the update names. */
export interface AttributeUpdatesUpdate {
  apply: (current: AttributeMap | undefined) => AttributeMap;
  attributeNames: readonly string[];
}

/**
 * The update: `apply` reads the whole parameter (values, key attributes, the types each action takes) and then
 * applies it, so a bad update is refused before anything is written, after the Key and the condition.
 */
export function attributeUpdatesToUpdate(updates: Record<string, unknown>, schema: KeySchema): AttributeUpdatesUpdate {
  const attributeNames = Object.keys(updates);
  return {
    apply: (current) => {
      const parsed: AttributeUpdate[] = attributeNames.map((name) => parseUpdate(name, updates[name], schema));
      const next: AttributeMap = {};
      if (current !== undefined)
        for (const name of Object.keys(current)) setAttribute(next, name, current[name] as AttributeValue);
      for (const update of parsed) applyUpdate(next, update);
      return next;
    },
    attributeNames,
  };
}

/**
 * UPDATED_OLD / UPDATED_NEW from the whole item before / after: "only the updated attributes" (API_UpdateItem) are
 * every attribute the update names, also one whose value did not change (DynamoDB Local returns a PUT of the same value).
 */
export function updatedAttributes(
  item: AttributeMap | undefined,
  update: AttributeUpdatesUpdate,
): { Attributes?: AttributeMap } {
  if (item === undefined) return {};
  const attributes: AttributeMap = {};
  for (const name of update.attributeNames) {
    const value = getAttribute(item, name);
    if (value !== undefined) setAttribute(attributes, name, value);
  }
  return Object.keys(attributes).length === 0 ? {} : { Attributes: attributes };
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
  if (action === 'ADD' && type !== 'N' && !(SET_TYPES as readonly string[]).includes(type)) {
    throw new ValidationException(
      `One or more parameter values were invalid: ADD action is not supported for the type ${type}`,
    );
  }
  return { name, action, value };
}

function applyUpdate(item: AttributeMap, { name, action, value }: AttributeUpdate): void {
  const existing = getAttribute(item, name);
  if (action === 'PUT') {
    setAttribute(item, name, value as AttributeValue);
    return;
  }
  if (action === 'DELETE') {
    if (value === undefined || existing === undefined) {
      if (existing !== undefined) delete item[name];
      return;
    }
    const type = valueType(value);
    if (valueType(existing) !== type) throw new ValidationException('Type mismatch for attribute to update');
    const remove = new Set(members(value).map(memberKey));
    const kept = members(existing).filter((member) => !remove.has(memberKey(member)));
    if (kept.length === 0) delete item[name];
    else setAttribute(item, name, { [type]: kept } as unknown as AttributeValue);
    return;
  }
  // ADD
  const add = value as AttributeValue;
  const type = valueType(add);
  if (existing === undefined) {
    setAttribute(item, name, add);
    return;
  }
  if (valueType(existing) !== type) throw new ValidationException('Type mismatch for attribute to update');
  if (type === 'N') {
    setAttribute<AttributeValue>(item, name, { N: addNumbers(existing.N as string, add.N as string) });
    return;
  }
  const union = [...members(existing)];
  const seen = new Set(union.map(memberKey));
  for (const member of members(add)) {
    if (!seen.has(memberKey(member))) {
      seen.add(memberKey(member));
      union.push(member);
    }
  }
  setAttribute(item, name, { [type]: union } as unknown as AttributeValue);
}

function members(set: AttributeValue): (string | Uint8Array)[] {
  return [...((set.SS ?? set.NS ?? set.BS ?? []) as (string | Uint8Array)[])];
}

/** Set members as comparable keys: numbers are canonical already (canonicalValue), bytes become latin1 text. */
function memberKey(member: string | Uint8Array): string {
  return typeof member === 'string' ? `s${member}` : `b${binaryKeyText(member)}`;
}
