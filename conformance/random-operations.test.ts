/**
 * Random sequences of item operations, on both endpoints: fast-check draws the calls (valid and invalid items,
 * keys that collide after number normalisation, conditions, batches, transactions, reads), each sequence is one
 * scenario, and the two transcripts (every answer, every error's type and text, then the table's stream) must be
 * equal. The hand-written scenarios check what we thought of; this one checks the combinations we did not.
 *
 * Deterministic: a fixed seed (CONFORMANCE_SEED overrides it, CONFORMANCE_RUNS the number of sequences), so a
 * failure names the seed and path that replay it.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
  type AttributeValueUpdate,
  type CreateTableCommandInput,
  type Condition,
  type ExpectedAttributeValue,
  type ReturnValue,
} from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { normalizeNumber } from '../src/model/number-value.js';
import { canonical } from './canonical.js';
import { deleteItemStep } from './delete-item-step.js';
import { idSkTable } from './id-sk-table.js';
import { withEverywhereDifferences, type KnownDifferenceId } from './known-differences.js';
import { expectSameOnBoth, type ScenarioContext } from './scenario.js';
import { readStream } from './stream-reading.js';

type Item = Record<string, AttributeValue>;
/** A key: `id`, and `sk` when the table has a sort key. */
type Key = Record<string, AttributeValue>;
type WriteRequest = { put: Item } | { delete: Key };
type KeyType = 'S' | 'N' | 'B';

/** The table of a sequence: its key attributes' types (`id`, and `sk` when there is a sort key). */
interface Schema {
  readonly hash: KeyType;
  readonly range?: KeyType;
}
const SCHEMAS: readonly Schema[] = [
  { hash: 'S', range: 'N' },
  { hash: 'S' },
  { hash: 'N', range: 'B' },
  { hash: 'B', range: 'S' },
];

type Op =
  | {
      kind: 'put';
      item: Item;
      returnOld: boolean;
      expected?: Record<string, ExpectedAttributeValue>;
      conditionalOperator?: 'AND' | 'OR';
    }
  | { kind: 'get'; key: Key; attributesToGet?: string[] }
  | { kind: 'delete'; key: Key; returnOld: boolean }
  | { kind: 'update'; key: Key; updates: Record<string, AttributeValueUpdate>; returnValues: ReturnValue }
  | {
      kind: 'query';
      id: AttributeValue;
      sk?: Condition;
      forward: boolean;
      limit?: number;
      filter?: Record<string, Condition>;
    }
  | { kind: 'scan'; filter?: Record<string, Condition>; conditionalOperator?: 'AND' | 'OR' }
  | { kind: 'batchWrite'; requests: WriteRequest[] }
  | { kind: 'batchGet'; keys: Key[] }
  | { kind: 'transact'; requests: WriteRequest[] };

function createTable(schema: Schema, TableName: string): CreateTableCommandInput {
  const attributes: [string, KeyType][] =
    schema.range === undefined
      ? [['id', schema.hash]]
      : [
          ['id', schema.hash],
          ['sk', schema.range],
        ];
  return {
    TableName,
    KeySchema: attributes.map(([AttributeName], i) => ({ AttributeName, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
    AttributeDefinitions: attributes.map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

// ------------------------------------------------------------------ keys as DynamoDB compares them

/** A key value's text as AWS compares keys (numbers canonical), or undefined when the value is not a valid key. */
function canonicalKeyValue(type: KeyType, value: AttributeValue | undefined): string | undefined {
  const member = (value as Record<string, unknown> | undefined)?.[type];
  if (type === 'S') return typeof member === 'string' && member !== '' ? `S:${member}` : undefined;
  if (type === 'B')
    return member instanceof Uint8Array && member.length > 0 ? `B:${Buffer.from(member).toString('hex')}` : undefined;
  if (typeof member !== 'string') return undefined;
  try {
    return `N:${normalizeNumber(member)}`;
  } catch {
    return undefined;
  }
}

/** A valid key's text with numbers canonical (`asGiven`: numbers as written), or undefined for a bad key. */
function keyText(schema: Schema, key: Key, asGiven = false): string | undefined {
  const parts = [
    ['id', schema.hash] as const,
    ...(schema.range === undefined ? [] : [['sk', schema.range] as const]),
  ].map(([name, type]) => {
    const canonicalText = canonicalKeyValue(type, key[name]);
    return canonicalText !== undefined && asGiven && type === 'N'
      ? `N:${(key[name] as { N: string }).N}`
      : canonicalText;
  });
  return parts.includes(undefined) || Object.keys(key).length !== parts.length ? undefined : parts.join('/');
}

const collides = (texts: readonly string[]) => new Set(texts).size < texts.length;

/** Valid keys, no two the same as given, but two the same once numbers are canonical ('1' and '1.0'). */
function sameKeyOnlyOnceNormalised(schema: Schema, keys: readonly Key[]): boolean {
  const canonicalTexts = keys.map((k) => keyText(schema, k));
  if (canonicalTexts.includes(undefined)) return false;
  return !collides(keys.map((k) => keyText(schema, k, true) as string)) && collides(canonicalTexts as string[]);
}

/** The key of a write request (an item's key attributes). */
function keyOfRequest(r: WriteRequest): Key {
  if (!('put' in r)) return r.delete;
  const { id, sk } = r.put;
  return sk === undefined ? { id: id as AttributeValue } : { id: id as AttributeValue, sk };
}

/**
 * Whether two requests of a transaction are on one item (numbers canonical, as AWS compares them) while DynamoDB
 * Local, which makes a Put's key canonical but compares a Delete's key as given, sees two items.
 */
function duplicateMissedByDdbLocal(schema: Schema, requests: readonly WriteRequest[]): boolean {
  // Only the requests with a valid key can meet (a bad one fails or cancels the call on its own).
  const valid = requests.filter((r) => keyText(schema, keyOfRequest(r)) !== undefined);
  const canonicalTexts = valid.map((r) => keyText(schema, keyOfRequest(r)) as string);
  const asDdbLocalSees = valid.map((r) => keyText(schema, keyOfRequest(r), !('put' in r)) as string);
  return collides(canonicalTexts) && !collides(asDdbLocalSees);
}

/** Keys that fail a BatchGetItem on their own: invalid ones, and each repeat of a key (numbers canonical). */
function badKeys(schema: Schema, keys: readonly Key[]): number {
  const valid = keys.map((k) => keyText(schema, k)).filter((text): text is string => text !== undefined);
  return keys.length - valid.length + (valid.length - new Set(valid).size);
}

// ------------------------------------------------------------------ arbitraries

/**
 * Few values of each key type, so that calls meet the same items: '1', '01', '1.0' and '10E-1' are one number.
 * The bad ones: an empty string or binary, a number that is not one.
 */
const KEY_VALUES: Record<KeyType, { good: AttributeValue[]; bad: AttributeValue }> = {
  S: { good: ['a', 'b', 'ab'].map((S) => ({ S })), bad: { S: '' } },
  N: { good: ['1', '01', '1.0', '10E-1', '2', '-0', '0', '3'].map((N) => ({ N })), bad: { N: '1x' } },
  B: { good: [[1], [1, 0], [2], [0]].map((bytes) => ({ B: new Uint8Array(bytes) })), bad: { B: new Uint8Array([]) } },
};
/** A value of another key type, for a key of the wrong type. */
const OTHER_TYPE: Record<KeyType, AttributeValue> = { S: { N: '1' }, N: { S: '1' }, B: { S: 'b' } };

const goodKeyValue = (type: KeyType) => fc.constantFrom(...KEY_VALUES[type].good);
const keyValue = (type: KeyType) =>
  fc.oneof(
    { weight: 12, arbitrary: goodKeyValue(type) },
    { weight: 1, arbitrary: fc.constant(KEY_VALUES[type].bad) },
    { weight: 1, arbitrary: fc.constant(OTHER_TYPE[type]) },
  );
const keyOf = (schema: Schema): fc.Arbitrary<Key> =>
  schema.range === undefined
    ? keyValue(schema.hash).map((id) => ({ id }))
    : fc.record({ id: keyValue(schema.hash), sk: keyValue(schema.range) });

const goodScalar: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.constantFrom('', 'x', 'é€', 'Z').map((S) => ({ S })),
  fc.constantFrom('0', '1.50', '-7', '1e3', '0.000', '99999999999999999999999999999999999999').map((N) => ({ N })),
  fc.constantFrom(new Uint8Array([]), new Uint8Array([1, 2])).map((B) => ({ B })),
  fc.boolean().map((BOOL) => ({ BOOL })),
  fc.constant({ NULL: true as const }),
  fc.constantFrom<string[]>(['x'], ['y', 'x'], ['', 'a']).map((SS) => ({ SS: [...SS] })),
  fc.constantFrom<string[]>(['1'], ['2', '1.0'], ['-3']).map((NS) => ({ NS: [...NS] })),
  fc
    .constantFrom<Uint8Array[]>([new Uint8Array([1])], [new Uint8Array([2]), new Uint8Array([1])])
    .map((BS) => ({ BS: [...BS] })),
);
/** Values DynamoDB rejects, each with its own message. */
const badScalar: fc.Arbitrary<AttributeValue> = fc.constantFrom<AttributeValue>(
  { N: 'abc' },
  { N: '' },
  { N: '1e126' },
  { SS: [] },
  { SS: ['a', 'a'] },
  { NS: ['1', '1.0'] },
  { NS: [] },
  { NULL: false } as unknown as AttributeValue,
  {} as AttributeValue,
  { S: 'x', N: '1' } as unknown as AttributeValue,
);
const value: fc.Arbitrary<AttributeValue> = fc.oneof(
  { weight: 10, arbitrary: goodScalar },
  { weight: 1, arbitrary: badScalar },
  { weight: 2, arbitrary: fc.dictionary(fc.constantFrom('p', 'q'), goodScalar, { maxKeys: 2 }).map((M) => ({ M })) },
  { weight: 2, arbitrary: fc.array(goodScalar, { maxLength: 2 }).map((L) => ({ L })) },
);
/** Attribute names of put items. `counter` and `tags` are left to UpdateItem's ADD, whose operand types must fit. */
const itemName = fc.constantFrom('x', 'y', 'z', 'long_attribute_name');

/** The legacy comparison operators (Condition, ExpectedAttributeValue), with their argument counts. */
const OPERATORS: readonly (readonly [Condition['ComparisonOperator'], number])[] = [
  ['EQ', 1],
  ['NE', 1],
  ['LE', 1],
  ['LT', 1],
  ['GE', 1],
  ['GT', 1],
  ['NOT_NULL', 0],
  ['NULL', 0],
  ['CONTAINS', 1],
  ['NOT_CONTAINS', 1],
  ['BEGINS_WITH', 1],
  ['IN', 2],
  ['BETWEEN', 2],
];
/** Scalars only: the operands CONTAINS and NOT_CONTAINS are drawn from (see `condition`). */
const scalarOperand: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.constantFrom('', 'x', 'é€', 'Z').map((S) => ({ S })),
  fc.constantFrom('0', '1.50', '-7').map((N) => ({ N })),
  fc.constantFrom(new Uint8Array([1]), new Uint8Array([1, 2])).map((B) => ({ B })),
);
/**
 * A condition on an attribute: each operator, mostly with its number of values, of any type (sets included).
 * CONTAINS and NOT_CONTAINS get scalar operands only: DynamoDB Local checks their operand's type only against an
 * item that has the attribute, where AWS (and shardline) refuse a NULL or a set operand up front
 * (known-differences.md, "Not compared").
 */
const condition: fc.Arbitrary<Condition> = fc
  .tuple(
    fc.constantFrom(...OPERATORS),
    fc.integer({ min: 0, max: 9 }),
    fc.array(goodScalar, { minLength: 3, maxLength: 3 }),
    fc.array(scalarOperand, { minLength: 3, maxLength: 3 }),
  )
  .map(([[ComparisonOperator, count], roll, anyValues, scalars]): Condition => {
    const values = ComparisonOperator === 'CONTAINS' || ComparisonOperator === 'NOT_CONTAINS' ? scalars : anyValues;
    // One time in ten, a wrong number of values.
    const n = roll === 0 ? (count + 1) % 3 : count;
    return n === 0 ? { ComparisonOperator } : { ComparisonOperator, AttributeValueList: values.slice(0, n) };
  });
/** Attributes a condition may name: the key, attributes of the items, and one that no item has. */
const conditionName = fc.constantFrom('id', 'x', 'y', 'z', 'counter', 'tags', 'absent');
const expectedValue: fc.Arbitrary<ExpectedAttributeValue> = fc.oneof(
  { weight: 3, arbitrary: condition },
  { weight: 1, arbitrary: fc.constant({ Exists: false }) },
  { weight: 1, arbitrary: goodScalar.map((Value) => ({ Value })) },
  { weight: 1, arbitrary: goodScalar.map((Value) => ({ Exists: true, Value })) },
  // Not allowed: Exists true without a Value, Exists false with one.
  {
    weight: 1,
    arbitrary: fc.constantFrom<ExpectedAttributeValue>({ Exists: true }, { Exists: false, Value: { S: 'x' } }),
  },
);
const expected: fc.Arbitrary<Record<string, ExpectedAttributeValue>> = fc.dictionary(conditionName, expectedValue, {
  minKeys: 1,
  maxKeys: 2,
});
const filter: fc.Arbitrary<Record<string, Condition>> = fc.dictionary(
  fc.constantFrom('x', 'y', 'counter', 'tags', 'absent'),
  condition,
  { minKeys: 1, maxKeys: 2 },
);
const conditionalOperator = fc.option(fc.constantFrom<'AND' | 'OR'>('AND', 'OR'), { nil: undefined });

const update: fc.Arbitrary<[string, AttributeValueUpdate]> = fc.oneof(
  fc.tuple(itemName, value).map(([name, Value]): [string, AttributeValueUpdate] => [name, { Action: 'PUT', Value }]),
  itemName.map((name): [string, AttributeValueUpdate] => [name, { Action: 'DELETE' }]),
  fc
    .integer({ min: -3, max: 3 })
    .map((n): [string, AttributeValueUpdate] => ['counter', { Action: 'ADD', Value: { N: String(n) } }]),
  fc
    .constantFrom<string[]>(['t1'], ['t2', 't1'])
    .map((SS): [string, AttributeValueUpdate] => ['tags', { Action: 'ADD', Value: { SS } }]),
  fc
    .constantFrom<string[]>(['t1'], ['t3'])
    .map((SS): [string, AttributeValueUpdate] => ['tags', { Action: 'DELETE', Value: { SS } }]),
  // Number and binary sets: members written several ways ('1', '1.0', '01'), removed until the set is gone.
  fc
    .constantFrom<string[]>(['1'], ['1.0', '2'], ['01', '-3'])
    .map((NS): [string, AttributeValueUpdate] => ['nums', { Action: 'ADD', Value: { NS } }]),
  fc
    .constantFrom<string[]>(['1'], ['2', '-3'], ['7'])
    .map((NS): [string, AttributeValueUpdate] => ['nums', { Action: 'DELETE', Value: { NS } }]),
  fc
    .constantFrom<number[][]>([[1]], [[2], [1]])
    .map((bs): [string, AttributeValueUpdate] => [
      'bins',
      { Action: 'ADD', Value: { BS: bs.map((b) => new Uint8Array(b)) } },
    ]),
  fc
    .constantFrom<number[][]>([[1]], [[3]])
    .map((bs): [string, AttributeValueUpdate] => [
      'bins',
      { Action: 'DELETE', Value: { BS: bs.map((b) => new Uint8Array(b)) } },
    ]),
  // The wrong kind of value for the action: a DELETE of a scalar, an ADD of a string. (An ADD of a list is left
  // out: DynamoDB Local appends it, and AWS's documentation names only numbers and sets for ADD.)
  fc
    .constantFrom<AttributeValueUpdate>({ Action: 'DELETE', Value: { S: 'x' } }, { Action: 'ADD', Value: { S: 'x' } })
    .map((u): [string, AttributeValueUpdate] => ['misc', u]),
);

/** A sort key condition: every operator with values of the key's type; BEGINS_WITH is rejected on a number. */
function skCondition(type: KeyType): fc.Arbitrary<Condition> {
  const one = goodKeyValue(type);
  return fc.oneof(
    fc
      .tuple(fc.constantFrom<Condition['ComparisonOperator']>('EQ', 'LT', 'LE', 'GT', 'GE', 'BEGINS_WITH'), one)
      .map(([ComparisonOperator, v]): Condition => ({ ComparisonOperator, AttributeValueList: [v] })),
    fc.tuple(one, one).map(([a, b]): Condition => ({ ComparisonOperator: 'BETWEEN', AttributeValueList: [a, b] })),
  );
}

/** The calls of a sequence on a table of `schema`. */
function opOf(schema: Schema): fc.Arbitrary<Op> {
  const key = keyOf(schema);
  const item: fc.Arbitrary<Item> = fc
    .tuple(key, fc.dictionary(itemName, value, { maxKeys: 3 }))
    .map(([k, rest]) => ({ ...rest, ...k }));
  const writeRequest: fc.Arbitrary<WriteRequest> = fc.oneof(
    item.map((put) => ({ put })),
    key.map((k) => ({ delete: k })),
  );
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record(
        {
          kind: fc.constant('put' as const),
          item,
          returnOld: fc.boolean(),
          expected: fc.option(expected, { nil: undefined }),
          conditionalOperator,
        },
        { requiredKeys: ['kind', 'item', 'returnOld'] },
      ),
    },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          kind: fc.constant('get' as const),
          key,
          attributesToGet: fc.option(fc.constantFrom<string[]>(['x'], ['x', 'sk']), { nil: undefined }),
        },
        { requiredKeys: ['kind', 'key'] },
      ),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key, returnOld: fc.boolean() }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('update' as const),
        key,
        // An update of the wrong kind (`misc`) goes alone, so that it is the error reached (`add-type-name`).
        updates: fc
          .uniqueArray(update, { minLength: 1, maxLength: 3, selector: ([name]) => name })
          .map((pairs) =>
            Object.fromEntries(
              pairs.some(([name]) => name === 'misc') ? pairs.filter(([name]) => name === 'misc') : pairs,
            ),
          ),
        returnValues: fc.constantFrom<ReturnValue>('NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record(
        {
          kind: fc.constant('query' as const),
          id: goodKeyValue(schema.hash),
          sk:
            schema.range === undefined
              ? fc.constant(undefined)
              : fc.option(skCondition(schema.range), { nil: undefined }),
          forward: fc.boolean(),
          limit: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
          filter: fc.option(filter, { nil: undefined }),
        },
        { requiredKeys: ['kind', 'id', 'forward'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.record(
        { kind: fc.constant('scan' as const), filter: fc.option(filter, { nil: undefined }), conditionalOperator },
        { requiredKeys: ['kind'] },
      ),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('batchWrite' as const),
        requests: fc.array(writeRequest, { minLength: 1, maxLength: 4 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ kind: fc.constant('batchGet' as const), keys: fc.array(key, { minLength: 1, maxLength: 3 }) })
        // At most one bad key: between two, DynamoDB Local reports the one a hash of the keys puts first.
        .filter(({ keys }) => badKeys(schema, keys) <= 1),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          kind: fc.constant('transact' as const),
          requests: fc.array(writeRequest, { minLength: 1, maxLength: 3 }),
        })
        // Not two requests on one item that DynamoDB Local takes for two items (`transact-duplicate-numbers`, below).
        .filter(({ requests }) => !duplicateMissedByDdbLocal(schema, requests)),
    },
  );
}

// ------------------------------------------------------------------ running an op on one side

async function run(
  context: ScenarioContext,
  schema: Schema,
  TableName: string,
  step: number,
  operation: Op,
): Promise<void> {
  const { client } = context;
  const label = `${step} ${operation.kind}`;
  switch (operation.kind) {
    case 'put':
      await context.step(label, () =>
        client.send(
          new PutItemCommand({
            TableName,
            Item: operation.item,
            ReturnValues: operation.returnOld ? 'ALL_OLD' : undefined,
            Expected: operation.expected,
            ConditionalOperator: operation.conditionalOperator,
          }),
        ),
      );
      return;
    case 'get':
      await context.step(label, () =>
        client.send(new GetItemCommand({ TableName, Key: operation.key, AttributesToGet: operation.attributesToGet })),
      );
      return;
    case 'delete':
      await deleteItemStep(context, label, TableName, operation.key, operation.returnOld);
      return;
    case 'update': {
      // An ADD or DELETE of the wrong kind of value (alone, the Key valid): DynamoDB Local names the type its own way
      // (`add-type-name`).
      const first = Object.keys(operation.updates)[0];
      const known: KnownDifferenceId[] =
        first === 'misc' && keyText(schema, operation.key) !== undefined ? ['add-type-name'] : [];
      await context.step(
        label,
        () =>
          client.send(
            new UpdateItemCommand({
              TableName,
              Key: operation.key,
              AttributeUpdates: operation.updates,
              ReturnValues: operation.returnValues,
            }),
          ),
        known,
      );
      return;
    }
    case 'query': {
      const KeyConditions: Record<string, Condition> = {
        id: { ComparisonOperator: 'EQ', AttributeValueList: [operation.id] },
      };
      if (operation.sk !== undefined) KeyConditions.sk = operation.sk;
      // Recorded as the first page and every item across all pages: AWS (and shardline) stop at the Limit and
      // answer a LastEvaluatedKey even when no item is left, where DynamoDB Local looks ahead and leaves it out
      // (known-differences.md, "Compared differently"), so the key itself is not compared, but where it leads is.
      if (operation.filter !== undefined && !(await anyItem(context, new QueryCommand({ TableName, KeyConditions })))) {
        context.note(`${label}: nothing to filter`, true);
        return;
      }
      await context.step(label, async () => {
        const first = await client.send(
          new QueryCommand({
            TableName,
            KeyConditions,
            ScanIndexForward: operation.forward,
            Limit: operation.limit,
            QueryFilter: operation.filter,
          }),
        );
        const all = [...(first.Items ?? [])];
        for (let next = first.LastEvaluatedKey, pages = 1; next !== undefined && pages < 20; pages++) {
          const page = await client.send(
            new QueryCommand({
              TableName,
              KeyConditions,
              ScanIndexForward: operation.forward,
              Limit: operation.limit,
              QueryFilter: operation.filter,
              ExclusiveStartKey: next,
            }),
          );
          all.push(...(page.Items ?? []));
          next = page.LastEvaluatedKey;
        }
        return { Items: first.Items, Count: first.Count, ScannedCount: first.ScannedCount, allPages: all };
      });
      return;
    }
    case 'scan':
      // Scan's order is not promised (DynamoDB Local reads in partition-hash order, shardline in key order): the
      // items are compared as a set, sorted here.
      if (operation.filter !== undefined && !(await anyItem(context, new ScanCommand({ TableName })))) {
        context.note(`${label}: nothing to filter`, true);
        return;
      }
      await context.step(label, async () => {
        const output = await client.send(
          new ScanCommand({
            TableName,
            ScanFilter: operation.filter,
            ConditionalOperator: operation.conditionalOperator,
          }),
        );
        return {
          ...output,
          Items: (output.Items ?? [])
            .map((found) => canonical(withEverywhereDifferences(context.side.name, found, label)))
            .sort(),
        };
      });
      return;
    case 'batchWrite':
      await context.step(label, () =>
        client.send(
          new BatchWriteItemCommand({
            RequestItems: {
              [TableName]: operation.requests.map((r) =>
                'put' in r ? { PutRequest: { Item: r.put } } : { DeleteRequest: { Key: r.delete } },
              ),
            },
          }),
        ),
      );
      return;
    case 'batchGet': {
      const known: KnownDifferenceId[] = sameKeyOnlyOnceNormalised(schema, operation.keys)
        ? ['batch-get-duplicate-numbers']
        : [];
      // The order of Responses is not promised: compared as a set, as Scan's items.
      await context.step(
        label,
        async () => {
          const output = await client.send(
            new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: operation.keys } } }),
          );
          const found = output.Responses?.[TableName] ?? [];
          return {
            ...output,
            Responses: {
              [TableName]: found
                .map((item) => canonical(withEverywhereDifferences(context.side.name, item, label)))
                .sort(),
            },
          };
        },
        known,
      );
      return;
    }
    case 'transact':
      await context.step(label, () =>
        client.send(
          new TransactWriteItemsCommand({
            TransactItems: operation.requests.map((r) =>
              'put' in r ? { Put: { TableName, Item: r.put } } : { Delete: { TableName, Key: r.delete } },
            ),
          }),
        ),
      );
      return;
  }
}

/**
 * Whether a read finds any item, asked without being recorded. A QueryFilter or ScanFilter is only drawn against a
 * read that finds items: DynamoDB Local checks a filter's values when it first applies it to an item, so over no
 * item it answers even a filter AWS refuses up front (`CONTAINS` a NULL); shardline checks it up front, as AWS.
 */
async function anyItem(context: ScenarioContext, read: QueryCommand | ScanCommand): Promise<boolean> {
  try {
    const output = await context.client.send(read as QueryCommand);
    return (output.Count ?? 0) > 0;
  } catch {
    return false;
  }
}

const SEED = Number(process.env.CONFORMANCE_SEED ?? 20261130);
const RUNS = Number(process.env.CONFORMANCE_RUNS ?? 25);

describe('random operation sequences', () => {
  it('answer the same on both endpoints, call by call, and leave the same stream', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom(...SCHEMAS)
          .chain((schema) => fc.tuple(fc.constant(schema), fc.array(opOf(schema), { minLength: 1, maxLength: 14 }))),
        async ([schema, ops]) => {
          await expectSameOnBoth(async (context) => {
            const TableName = context.table('random');
            await context.step('create table', () =>
              context.client.send(new CreateTableCommand(createTable(schema, TableName))),
            );
            for (let i = 0; i < ops.length; i++) await run(context, schema, TableName, i + 1, ops[i] as Op);
            await readStream(context, TableName, 'stream', { ordered: false });
          });
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('one item written two ways in one transaction', () => {
  it("is one item: 'Transaction request cannot include multiple operations on one item'", async () => {
    await expectSameOnBoth(async (context) => {
      const TableName = context.table('twice');
      await context.step('create table', () => context.client.send(new CreateTableCommand(idSkTable(TableName))));
      const put = (sk: string) => ({ Put: { TableName, Item: { id: { S: 'a' }, sk: { N: sk } } } });
      const remove = (sk: string) => ({ Delete: { TableName, Key: { id: { S: 'a' }, sk: { N: sk } } } });
      await context.step('Put 1, Put 1.0', () =>
        context.client.send(new TransactWriteItemsCommand({ TransactItems: [put('1'), put('1.0')] })),
      );
      await context.step(
        'Delete 01, Put 1',
        () => context.client.send(new TransactWriteItemsCommand({ TransactItems: [remove('01'), put('1')] })),
        ['transact-duplicate-numbers'],
      );
      await context.step(
        'Delete 0, Delete -0',
        () => context.client.send(new TransactWriteItemsCommand({ TransactItems: [remove('0'), remove('-0')] })),
        ['transact-duplicate-numbers'],
      );
    });
  });
});
