/**
 * Random writes for the secondary-index property tests, on every write path (PutItem, UpdateItem with an
 * expression, DeleteItem, BatchWriteItem, TransactWriteItems), with conditions that hold or fail and index key
 * values of the wrong type, and the model of what each does to the table: the items after it, or the error it must
 * end with (having changed nothing).
 */
import fc from 'fast-check';
import type { AttributeMap, AttributeValue, Database, Table, TransactWriteItem } from '../../src/index.js';
import {
  attributeNames,
  itemOf,
  itemText,
  keyOf,
  keyText,
  tableKeys,
  valueFor,
  wrongValueFor,
  type Layout,
} from './index-reference.js';

/** A condition on the item a write finds: it exists, it does not, or its `a` is this value. */
export type Cond = { kind: 'exists' } | { kind: 'absent' } | { kind: 'aIs'; value: AttributeValue };

/** An UpdateExpression's actions: SET to values, SET one attribute to another's value (a copy), REMOVE. */
export interface UpdateActions {
  set: [string, AttributeValue][];
  copy?: [string, string];
  remove: string[];
}

export type TransactRequest =
  | { kind: 'Put'; item: AttributeMap; cond?: Cond }
  | { kind: 'Update'; key: AttributeMap; actions: UpdateActions; cond?: Cond }
  | { kind: 'Delete'; key: AttributeMap; cond?: Cond }
  | { kind: 'ConditionCheck'; key: AttributeMap; cond: Cond };

export type Write =
  | { kind: 'put'; item: AttributeMap; cond?: Cond }
  | { kind: 'update'; key: AttributeMap; actions: UpdateActions; cond?: Cond }
  | { kind: 'delete'; key: AttributeMap; cond?: Cond }
  | { kind: 'batch'; requests: ({ put: AttributeMap } | { delete: AttributeMap })[] }
  | { kind: 'transact'; requests: TransactRequest[] };

/** What a write must end with: the table's items after it, or an error (and the items unchanged). */
export type Outcome =
  | { ok: true; items: Map<string, AttributeMap> }
  | { ok: false; error: 'mismatch' | 'condition' | 'missing-operand' | 'transaction' };

// ------------------------------------------------------------------ arbitraries

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 2 });

const cond: fc.Arbitrary<Cond> = fc.oneof(
  fc.constant<Cond>({ kind: 'exists' }),
  fc.constant<Cond>({ kind: 'absent' }),
  valueFor(undefined).map((value): Cond => ({ kind: 'aIs', value })),
);

/** A valid item, or one with an index key attribute of the wrong type (one in five). */
function maybeBadItem(layout: Layout): fc.Arbitrary<AttributeMap> {
  const keyed = [...attributeNames(layout)].filter(([, type]) => type !== undefined) as [string, 'S' | 'N' | 'B'][];
  const bad = fc
    .tuple(itemOf(layout), fc.constantFrom(...keyed))
    .chain(([item, [name, type]]) => wrongValueFor(type).map((value) => ({ ...item, [name]: value })));
  return fc.oneof({ weight: 4, arbitrary: itemOf(layout) }, { weight: 1, arbitrary: bad });
}

function actionsOf(layout: Layout): fc.Arbitrary<UpdateActions> {
  const names = [...attributeNames(layout)];
  const setOne = fc
    .constantFrom(...names)
    .chain(([name, type]) =>
      (type === undefined
        ? valueFor(undefined)
        : fc.oneof({ weight: 5, arbitrary: valueFor(type) }, { weight: 1, arbitrary: wrongValueFor(type) })
      ).map((value): [string, AttributeValue] => [name, value]),
    );
  const nameList = names.map(([name]) => name);
  return fc
    .record({
      set: fc.uniqueArray(setOne, { maxLength: 3, selector: ([name]) => name }),
      copy: maybe(fc.tuple(fc.constantFrom(...nameList), fc.constantFrom(...nameList))),
      remove: fc.uniqueArray(fc.constantFrom(...nameList), { maxLength: 2 }),
    })
    .map(({ set, copy, remove }) => {
      // Each path once in the expression (overlapping paths are a different error, not what is tested here).
      const used = new Set(set.map(([name]) => name));
      const kept: UpdateActions = { set, remove: [] };
      if (copy !== undefined && !used.has(copy[0]) && copy[0] !== copy[1]) {
        kept.copy = copy;
        used.add(copy[0]);
      }
      kept.remove = remove.filter((name) => !used.has(name));
      return kept;
    })
    .filter((actions) => actions.set.length + actions.remove.length + (actions.copy ? 1 : 0) > 0);
}

export function writeOf(layout: Layout): fc.Arbitrary<Write> {
  const key = keyOf(layout);
  const byKey = (request: { item?: AttributeMap; key?: AttributeMap; put?: AttributeMap; delete?: AttributeMap }) =>
    keyText(layout, (request.item ?? request.key ?? request.put ?? request.delete) as AttributeMap);
  // Conditions rarer than elsewhere: one that fails cancels the whole transaction.
  const rareCond = fc.option(cond, { nil: undefined, freq: 4 });
  const transactRequest: fc.Arbitrary<TransactRequest> = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('Put' as const), item: maybeBadItem(layout), cond: rareCond }),
    },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('Update' as const), key, actions: actionsOf(layout), cond: rareCond }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('Delete' as const), key, cond: rareCond }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('ConditionCheck' as const), key, cond }) },
  );
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ kind: fc.constant('put' as const), item: maybeBadItem(layout), cond: maybe(cond) }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('update' as const),
        key,
        actions: actionsOf(layout),
        cond: maybe(cond),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key, cond: maybe(cond) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('batch' as const),
        requests: fc.uniqueArray(
          fc.oneof(
            { weight: 3, arbitrary: maybeBadItem(layout).map((put) => ({ put })) },
            { weight: 1, arbitrary: key.map((k) => ({ delete: k })) },
          ),
          { minLength: 1, maxLength: 4, selector: byKey },
        ),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('transact' as const),
        requests: fc.uniqueArray(transactRequest, { minLength: 1, maxLength: 4, selector: byKey }),
      }),
    },
  );
}

// ------------------------------------------------------------------ the model

/** Whether an item has an index key attribute of the wrong type (or an empty string or binary one). */
export function hasBadIndexKey(layout: Layout, item: AttributeMap): boolean {
  for (const [name, type] of attributeNames(layout)) {
    const value = item[name];
    if (type === undefined || value === undefined) continue;
    const actual = Object.keys(value)[0];
    if (actual !== type) return true;
    if ((type === 'S' && value.S === '') || (type === 'B' && (value.B as Uint8Array).length === 0)) return true;
  }
  return false;
}

function holds(cond: Cond | undefined, old: AttributeMap | undefined): boolean {
  if (cond === undefined) return true;
  if (cond.kind === 'exists') return old !== undefined;
  if (cond.kind === 'absent') return old === undefined;
  return old?.a !== undefined && itemText({ a: old.a }) === itemText({ a: cond.value });
}

const keyPart = (layout: Layout, item: AttributeMap): AttributeMap =>
  Object.fromEntries(tableKeys(layout).map((k) => [k.name, item[k.name] as AttributeValue]));

/** The item an update makes, or 'missing-operand' when it copies an attribute the item does not have. */
function updated(
  layout: Layout,
  key: AttributeMap,
  old: AttributeMap | undefined,
  actions: UpdateActions,
): AttributeMap | 'missing-operand' {
  const item: AttributeMap = { ...(old ?? keyPart(layout, key)) };
  if (actions.copy !== undefined) {
    const source = old?.[actions.copy[1]];
    if (source === undefined) return 'missing-operand';
  }
  // SET's operands are read from the item before the update.
  if (actions.copy !== undefined) item[actions.copy[0]] = old?.[actions.copy[1]] as AttributeValue;
  for (const [name, value] of actions.set) item[name] = value;
  for (const name of actions.remove) delete item[name];
  return item;
}

/** What a write does to the table whose items (by key text) are `items`. */
export function expected(layout: Layout, items: ReadonlyMap<string, AttributeMap>, write: Write): Outcome {
  const next = new Map(items);
  const old = (item: AttributeMap) => items.get(keyText(layout, item));
  switch (write.kind) {
    case 'put':
      // The item's index keys are checked before its condition (as a request's values are validated first).
      if (hasBadIndexKey(layout, write.item)) return { ok: false, error: 'mismatch' };
      if (!holds(write.cond, old(write.item))) return { ok: false, error: 'condition' };
      next.set(keyText(layout, write.item), write.item);
      return { ok: true, items: next };
    case 'update': {
      // The condition first: the new item is made only once it holds (table.ts, DynamoDB Local 2.9.30).
      if (!holds(write.cond, old(write.key))) return { ok: false, error: 'condition' };
      const item = updated(layout, write.key, old(write.key), write.actions);
      if (item === 'missing-operand') return { ok: false, error: 'missing-operand' };
      if (hasBadIndexKey(layout, item)) return { ok: false, error: 'mismatch' };
      next.set(keyText(layout, write.key), item);
      return { ok: true, items: next };
    }
    case 'delete':
      if (!holds(write.cond, old(write.key))) return { ok: false, error: 'condition' };
      next.delete(keyText(layout, write.key));
      return { ok: true, items: next };
    case 'batch':
      for (const request of write.requests) {
        if ('put' in request) {
          if (hasBadIndexKey(layout, request.put)) return { ok: false, error: 'mismatch' };
          next.set(keyText(layout, request.put), request.put);
        } else next.delete(keyText(layout, request.delete));
      }
      return { ok: true, items: next };
    case 'transact':
      for (const request of write.requests) {
        const target = request.kind === 'Put' ? request.item : request.key;
        if (request.kind === 'Put' && hasBadIndexKey(layout, request.item)) return { ok: false, error: 'transaction' };
        if (!holds(request.cond, old(target))) return { ok: false, error: 'transaction' };
        if (request.kind === 'Put') next.set(keyText(layout, target), request.item);
        if (request.kind === 'Delete') next.delete(keyText(layout, target));
        if (request.kind === 'Update') {
          const item = updated(layout, request.key, old(target), request.actions);
          if (item === 'missing-operand' || hasBadIndexKey(layout, item)) return { ok: false, error: 'transaction' };
          next.set(keyText(layout, target), item);
        }
      }
      return { ok: true, items: next };
  }
}

// ------------------------------------------------------------------ running a write

function conditionMembers(cond: Cond | undefined, layout: Layout) {
  if (cond === undefined) return {};
  if (cond.kind === 'aIs')
    return { ConditionExpression: '#ca = :ca', names: { '#ca': 'a' }, values: { ':ca': cond.value } };
  return {
    ConditionExpression: `${cond.kind === 'exists' ? 'attribute_exists' : 'attribute_not_exists'}(#ck)`,
    names: { '#ck': layout.hash.name },
    values: {},
  };
}

/** A request's expressions and their placeholder maps (left out when empty, as AWS requires). */
function expressions(layout: Layout, cond: Cond | undefined, actions?: UpdateActions) {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  let UpdateExpression: string | undefined;
  if (actions !== undefined) {
    const sets = actions.set.map(([name, value], i) => {
      names[`#s${i}`] = name;
      values[`:s${i}`] = value;
      return `#s${i} = :s${i}`;
    });
    if (actions.copy !== undefined) {
      names['#c0'] = actions.copy[0];
      names['#c1'] = actions.copy[1];
      sets.push('#c0 = #c1');
    }
    const removes = actions.remove.map((name, i) => {
      names[`#r${i}`] = name;
      return `#r${i}`;
    });
    UpdateExpression = [
      sets.length > 0 ? `SET ${sets.join(', ')}` : '',
      removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
    ]
      .filter((part) => part !== '')
      .join(' ');
  }
  const condition = conditionMembers(cond, layout);
  Object.assign(names, condition.names ?? {});
  Object.assign(values, condition.values ?? {});
  return {
    ...(UpdateExpression === undefined ? {} : { UpdateExpression }),
    ...(condition.ConditionExpression === undefined ? {} : { ConditionExpression: condition.ConditionExpression }),
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

/** Runs a write through the typed API's AWS-shaped calls. */
export function runWrite(db: Database, table: Table, layout: Layout, write: Write): void {
  const TableName = table.name;
  switch (write.kind) {
    case 'put':
      table.putItem({ Item: write.item, ...expressions(layout, write.cond) });
      return;
    case 'update':
      table.updateItem({ Key: keyPart(layout, write.key), ...expressions(layout, write.cond, write.actions) });
      return;
    case 'delete':
      table.deleteItem({ Key: keyPart(layout, write.key), ...expressions(layout, write.cond) });
      return;
    case 'batch':
      db.batchWriteItem({
        RequestItems: {
          [TableName]: write.requests.map((request) =>
            'put' in request
              ? { PutRequest: { Item: request.put } }
              : { DeleteRequest: { Key: keyPart(layout, request.delete) } },
          ),
        },
      });
      return;
    case 'transact':
      db.transactWriteItems({
        TransactItems: write.requests.map((request): TransactWriteItem => {
          switch (request.kind) {
            case 'Put':
              return { Put: { TableName, Item: request.item, ...expressions(layout, request.cond) } };
            case 'Update':
              return {
                Update: {
                  TableName,
                  Key: keyPart(layout, request.key),
                  ...expressions(layout, request.cond, request.actions),
                },
              };
            case 'Delete':
              return { Delete: { TableName, Key: keyPart(layout, request.key), ...expressions(layout, request.cond) } };
            case 'ConditionCheck':
              return {
                ConditionCheck: { TableName, Key: keyPart(layout, request.key), ...expressions(layout, request.cond) },
              };
          }
        }),
      });
      return;
  }
}
