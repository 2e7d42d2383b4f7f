/**
 * Every map of a request or a response holds any key. Each operation of the wire registry runs a scenario that
 * puts names of Object.prototype's members (`__proto__`, `constructor`, `toString`, ...) in every map-typed
 * member it has: table names (RequestItems, Responses), attribute names (Item, Key, ExclusiveStartKey,
 * LastEvaluatedKey, Attributes, AttributeUpdates, Expected, KeyConditions, QueryFilter, ScanFilter,
 * ExpressionAttributeNames, M values nested in items, stream Keys, NewImage and OldImage) and key schema names.
 * The same scenario runs again with ordinary names of the same lengths, in the same order; the answers and the
 * tables and streams afterwards must be the same, name for name.
 *
 * It runs through `dispatch` (the JSON text that HTTP and `createAwsHandler` answer) and through the AWS SDK as
 * the suite's mode has it (test/support/sdk-clients.ts, `sdkMode`). Through the plain SDK stack the SDK's own response
 * parser loses the value under a `__proto__` key (README, "Known differences"), so there the answers are compared
 * without their `__proto__` entries; what the calls did is compared in full on every path.
 *
 * A new operation in the registry fails the first test until it has a scenario here.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database, ManualClock, type AttributeValue, type DynamoDBRecord } from '../../src/index.js';
import { dispatch } from '../../src/wire/index.js';
import {
  DYNAMODB_OPERATIONS,
  STREAMS_OPERATIONS,
  type DynamoDBOperationName,
  type StreamsOperationName,
} from '../../src/wire/registry.js';
import { shardRecords } from '../support/stream-reads.js';
import { SDK_MODE, clientConfig, sdkMode, withoutMetadata } from '../support/sdk-clients.js';
import { T0 } from '../support/time.js';

type Operation = DynamoDBOperationName | StreamsOperationName;

/** Three distinct attribute or table names, in ascending order of their ordinary counterparts too. */
interface Names {
  A: string;
  B: string;
  C: string;
}

/** Runs one operation; returns its answer (an error as `{ error, message, ... }`). */
type Call = (operation: Operation, input: Record<string, unknown>) => Promise<Record<string, unknown>>;

interface Context {
  n: Names;
  call: Call;
  db: Database;
  /**
   * What a failed condition asks back: ALL_OLD, except through the AWS SDK, whose error parser fails on an
   * item with `__proto__` in a map value (test/wire/prototype-keys.test.ts pins it; README, "Known differences").
   */
  onFailure: 'ALL_OLD' | 'NONE';
}

type Scenario = (context: Context) => Promise<void>;

/** Names of Object.prototype's members in the three roles, `__proto__` in each of them once. */
const RUNS: Names[] = [
  { A: '__proto__', B: 'constructor', C: 'toString' },
  { A: 'hasOwnProperty', B: 'valueOf', C: '__proto__' },
  { A: 'isPrototypeOf', B: '__proto__', C: 'propertyIsEnumerable' },
];

/**
 * An ordinary name of the same length (sizes, page limits and stream records depend on it) that sorts as the
 * original does among the other names (ListTables answers in name order): the first letter kept, the rest `x`.
 */
function ordinary(name: string): string {
  return name.replace(
    /^(_*[A-Za-z])(.*)$/,
    (_whole, head: string, rest: string) => head + rest.replace(/[A-Za-z]/g, 'x'),
  );
}

const S = (value: string): AttributeValue => ({ S: value });
const N = (value: number): AttributeValue => ({ N: String(value) });

/** A key of table Qkeys: its partition key is named A, its sort key B. */
const keyOf = (n: Names, partition: string, sort: number): Record<string, AttributeValue> => ({
  [n.A]: S(partition),
  [n.B]: N(sort),
});

/** A value with the names in maps at every depth: M, L of M. */
const nested = (n: Names): AttributeValue => ({
  M: { [n.A]: { L: [{ M: { [n.C]: { BOOL: true } } }] }, [n.B]: { NULL: true } },
});

const STREAM = { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' } as const;

/**
 * Tables `Qkeys` (partition key A, sort key B), `Qattrs` (key `id`; A, B and C as plain attributes), and tables
 * named A and B (key `id`), all with NEW_AND_OLD_IMAGES streams and a few items.
 */
function fixture(db: Database, n: Names): void {
  db.createTable({
    TableName: 'Qkeys',
    KeySchema: [
      { AttributeName: n.A, KeyType: 'HASH' },
      { AttributeName: n.B, KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: n.A, AttributeType: 'S' },
      { AttributeName: n.B, AttributeType: 'N' },
    ],
    StreamSpecification: STREAM,
  });
  for (const name of ['Qattrs', n.A, n.B]) {
    db.createTable({
      TableName: name,
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: STREAM,
    });
  }
  db.table('Qkeys').putItem({ Item: { ...keyOf(n, 'p', 1), [n.C]: nested(n) } });
  db.table('Qkeys').putItem({ Item: { ...keyOf(n, 'p', 2), [n.C]: S('two') } });
  db.table('Qkeys').putItem({ Item: keyOf(n, 'q', 1) });
  db.table('Qattrs').putItem({ Item: { id: S('i1'), [n.A]: S('a'), [n.B]: N(5), [n.C]: nested(n) } });
  db.table('Qattrs').putItem({ Item: { id: S('i2'), [n.C]: S('z') } });
  for (const name of [n.A, n.B]) db.table(name).putItem({ Item: { id: S('r1'), [n.C]: S('c') } });
}

const streamArnOf = (db: Database, table: string): string => db.table(table).stream?.arn ?? '';
const firstShardOf = (db: Database, streamArn: string): string =>
  db.describeStream({ StreamArn: streamArn }).StreamDescription.Shards[0]?.ShardId ?? '';

const SCENARIOS: Record<Operation, Scenario> = {
  CreateTable: async ({ n, call }) => {
    const definition = {
      KeySchema: [
        { AttributeName: n.A, KeyType: 'HASH' },
        { AttributeName: n.C, KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: n.A, AttributeType: 'S' },
        { AttributeName: n.C, AttributeType: 'B' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    };
    await call('CreateTable', { TableName: n.C, ...definition });
    await call('CreateTable', { TableName: n.C, ...definition });
    await call('CreateTable', {
      TableName: 'Qhalf',
      ...definition,
      AttributeDefinitions: [{ AttributeName: n.A, AttributeType: 'S' }],
    });
  },
  DescribeTable: async ({ n, call }) => {
    for (const name of ['Qkeys', n.A, n.B, 'Qnone']) await call('DescribeTable', { TableName: name });
  },
  UpdateTable: async ({ n, call }) => {
    await call('UpdateTable', { TableName: n.A, StreamSpecification: { StreamEnabled: false } });
    await call('UpdateTable', {
      TableName: n.A,
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    });
    await call('UpdateTable', { TableName: 'Qkeys', StreamSpecification: { StreamEnabled: false } });
  },
  UpdateTimeToLive: async ({ n, call }) => {
    // Attribute names and table names from user data: the setting holds any name.
    await call('UpdateTimeToLive', { TableName: n.A, TimeToLiveSpecification: { Enabled: true, AttributeName: n.B } });
    await call('UpdateTimeToLive', { TableName: n.A, TimeToLiveSpecification: { Enabled: true, AttributeName: n.C } });
    await call('UpdateTimeToLive', { TableName: n.B, TimeToLiveSpecification: { Enabled: false, AttributeName: n.A } });
  },
  DescribeTimeToLive: async ({ n, call }) => {
    await call('UpdateTimeToLive', { TableName: n.B, TimeToLiveSpecification: { Enabled: true, AttributeName: n.A } });
    for (const name of [n.A, n.B, 'Qnone']) await call('DescribeTimeToLive', { TableName: name });
  },
  DeleteTable: async ({ n, call }) => {
    for (const name of [n.A, 'Qkeys', n.A]) await call('DeleteTable', { TableName: name });
  },
  ListTables: async ({ n, call }) => {
    await call('ListTables', {});
    await call('ListTables', { ExclusiveStartTableName: n.A });
    await call('ListTables', { ExclusiveStartTableName: n.A, Limit: 1 });
    await call('ListTables', { Limit: 2 });
  },
  PutItem: async ({ n, call, onFailure }) => {
    await call('PutItem', {
      TableName: 'Qattrs',
      Item: { id: S('i3'), [n.A]: S('x'), [n.B]: N(1), [n.C]: nested(n) },
      Expected: { [n.A]: { Exists: false } },
      ReturnValues: 'ALL_OLD',
    });
    await call('PutItem', {
      TableName: 'Qattrs',
      Item: { id: S('i1'), [n.C]: S('replaced') },
      Expected: { [n.A]: { Value: S('a') }, [n.C]: { ComparisonOperator: 'NOT_NULL' } },
      ConditionalOperator: 'AND',
      ReturnValues: 'ALL_OLD',
    });
    await call('PutItem', {
      TableName: 'Qattrs',
      Item: { id: S('i3') },
      Expected: { [n.B]: { Value: N(999) } },
      ReturnValuesOnConditionCheckFailure: onFailure,
    });
    await call('PutItem', {
      TableName: 'Qkeys',
      Item: { ...keyOf(n, 'r', 3), [n.C]: nested(n) },
      ReturnValues: 'ALL_OLD',
    });
    await call('PutItem', {
      TableName: 'Qkeys',
      Item: { ...keyOf(n, 'r', 3), [n.C]: S('again') },
      ReturnValues: 'ALL_OLD',
    });
    await call('PutItem', { TableName: 'Qkeys', Item: { [n.A]: S('r'), [n.C]: S('no sort key') } });
    await call('PutItem', { TableName: n.A, Item: { id: S('r2'), [n.A]: S('own name') } });
  },
  GetItem: async ({ n, call }) => {
    await call('GetItem', { TableName: 'Qkeys', Key: keyOf(n, 'p', 1) });
    await call('GetItem', { TableName: 'Qkeys', Key: keyOf(n, 'p', 1), AttributesToGet: [n.C, n.A] });
    await call('GetItem', { TableName: 'Qkeys', Key: { [n.A]: S('p') } });
    await call('GetItem', { TableName: 'Qattrs', Key: { id: S('i1') }, AttributesToGet: [n.B, n.C] });
    await call('GetItem', { TableName: n.B, Key: { id: S('r1') } });
  },
  DeleteItem: async ({ n, call, onFailure }) => {
    await call('DeleteItem', {
      TableName: 'Qkeys',
      Key: keyOf(n, 'p', 1),
      Expected: { [n.C]: { ComparisonOperator: 'NOT_NULL' } },
      ReturnValues: 'ALL_OLD',
    });
    await call('DeleteItem', {
      TableName: 'Qattrs',
      Key: { id: S('i1') },
      Expected: { [n.A]: { Exists: true, Value: S('b') } },
      ReturnValuesOnConditionCheckFailure: onFailure,
    });
    await call('DeleteItem', {
      TableName: 'Qattrs',
      Key: { id: S('i1') },
      Expected: { [n.A]: { Exists: true, Value: S('a') } },
      ReturnValues: 'ALL_OLD',
    });
    await call('DeleteItem', { TableName: n.B, Key: { id: S('r1') }, ReturnValues: 'ALL_OLD' });
  },
  UpdateItem: async ({ n, call }) => {
    await call('UpdateItem', {
      TableName: 'Qattrs',
      Key: { id: S('i1') },
      AttributeUpdates: {
        [n.A]: { Action: 'PUT', Value: S('new') },
        [n.B]: { Action: 'ADD', Value: N(1) },
        [n.C]: { Action: 'DELETE' },
      },
      Expected: { [n.A]: { Value: S('a') } },
      ReturnValues: 'UPDATED_OLD',
    });
    await call('UpdateItem', {
      TableName: 'Qattrs',
      Key: { id: S('i1') },
      AttributeUpdates: { [n.C]: { Action: 'ADD', Value: { SS: ['m', 'n'] } } },
      ReturnValues: 'UPDATED_NEW',
    });
    await call('UpdateItem', {
      TableName: 'Qattrs',
      Key: { id: S('i1') },
      AttributeUpdates: { [n.C]: { Action: 'DELETE', Value: { SS: ['m'] } } },
      ReturnValues: 'ALL_NEW',
    });
    await call('UpdateItem', {
      TableName: 'Qattrs',
      Key: { id: S('i9') },
      AttributeUpdates: { [n.B]: { Action: 'PUT', Value: nested(n) } },
      ReturnValues: 'ALL_NEW',
    });
    await call('UpdateItem', {
      TableName: 'Qkeys',
      Key: keyOf(n, 'p', 2),
      AttributeUpdates: { [n.C]: { Action: 'PUT', Value: nested(n) } },
      ReturnValues: 'ALL_OLD',
    });
    await call('UpdateItem', {
      TableName: 'Qkeys',
      Key: keyOf(n, 'p', 2),
      AttributeUpdates: { [n.A]: { Action: 'PUT', Value: S('key') } },
    });
    await call('UpdateItem', {
      TableName: 'Qattrs',
      Key: { id: S('i2') },
      AttributeUpdates: { [n.C]: { Action: 'ADD', Value: N(1) } },
    });
  },
  BatchWriteItem: async ({ n, call }) => {
    await call('BatchWriteItem', {
      RequestItems: {
        [n.A]: [
          { PutRequest: { Item: { id: S('w1'), [n.C]: nested(n) } } },
          { DeleteRequest: { Key: { id: S('r1') } } },
        ],
        [n.B]: [{ PutRequest: { Item: { id: S('w2'), [n.A]: S('b') } } }],
        Qkeys: [
          { DeleteRequest: { Key: keyOf(n, 'q', 1) } },
          { PutRequest: { Item: { ...keyOf(n, 'w', 1), [n.C]: S('w') } } },
        ],
      },
    });
    await call('BatchWriteItem', { RequestItems: { [n.B]: [{ PutRequest: { Item: { id: S('w3') } } }] } });
    await call('BatchWriteItem', {
      RequestItems: {
        Qkeys: [{ PutRequest: { Item: keyOf(n, 'd', 1) } }, { DeleteRequest: { Key: keyOf(n, 'd', 1) } }],
      },
    });
  },
  BatchGetItem: async ({ n, call }) => {
    await call('BatchGetItem', {
      RequestItems: {
        [n.A]: { Keys: [{ id: S('r1') }], AttributesToGet: [n.C, 'id'] },
        [n.B]: { Keys: [{ id: S('r1') }, { id: S('none') }] },
        Qkeys: { Keys: [keyOf(n, 'p', 1), keyOf(n, 'p', 2)], ConsistentRead: true },
      },
    });
    await call('BatchGetItem', { RequestItems: { [n.A]: { Keys: [{ id: S('r1') }] } } });
    await call('BatchGetItem', { RequestItems: { [n.B]: { Keys: [{ id: S('r1') }, { id: S('r1') }] } } });
  },
  TransactWriteItems: async ({ n, call }) => {
    await call('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: n.A, Item: { id: S('t1'), [n.C]: nested(n) } } },
        { Delete: { TableName: 'Qkeys', Key: keyOf(n, 'q', 1) } },
        { Put: { TableName: 'Qattrs', Item: { id: S('t2'), [n.A]: S('x'), [n.B]: N(2) } } },
      ],
    });
    await call('TransactWriteItems', {
      TransactItems: [
        { Put: { TableName: n.B, Item: { id: S('x') } } },
        { Delete: { TableName: n.B, Key: { id: S('x') } } },
      ],
    });
    await call('TransactWriteItems', {
      TransactItems: [
        {
          Put: {
            TableName: n.B,
            Item: { id: S('y') },
            ConditionExpression: 'attribute_not_exists(#a)',
            ExpressionAttributeNames: { '#a': n.A },
            ExpressionAttributeValues: { ':v': S('v') },
          },
        },
      ],
    });
  },
  TransactGetItems: async ({ n, call }) => {
    await call('TransactGetItems', {
      TransactItems: [
        { Get: { TableName: n.A, Key: { id: S('r1') } } },
        {
          Get: {
            TableName: 'Qattrs',
            Key: { id: S('i1') },
            ProjectionExpression: '#a, #c.#b',
            ExpressionAttributeNames: { '#a': n.A, '#b': n.B, '#c': n.C },
          },
        },
        { Get: { TableName: n.B, Key: { id: S('none') } } },
      ],
    });
  },
  Query: async ({ n, call }) => {
    const partition = { [n.A]: { ComparisonOperator: 'EQ', AttributeValueList: [S('p')] } };
    await call('Query', {
      TableName: 'Qkeys',
      KeyConditions: { ...partition, [n.B]: { ComparisonOperator: 'GT', AttributeValueList: [N(0)] } },
      Limit: 1,
    });
    await call('Query', { TableName: 'Qkeys', KeyConditions: partition, ExclusiveStartKey: keyOf(n, 'p', 1) });
    await call('Query', {
      TableName: 'Qkeys',
      KeyConditions: partition,
      QueryFilter: { [n.C]: { ComparisonOperator: 'NOT_NULL' } },
      AttributesToGet: [n.C, n.B],
      ScanIndexForward: false,
    });
    await call('Query', {
      TableName: 'Qkeys',
      KeyConditions: { [n.B]: { ComparisonOperator: 'EQ', AttributeValueList: [N(1)] } },
    });
    await call('Query', {
      TableName: 'Qkeys',
      KeyConditions: partition,
      QueryFilter: { [n.A]: { ComparisonOperator: 'NOT_NULL' } },
    });
    await call('Query', { TableName: 'Qkeys', KeyConditions: partition, Select: 'COUNT' });
  },
  Scan: async ({ n, call }) => {
    await call('Scan', {
      TableName: 'Qattrs',
      ScanFilter: { [n.C]: { ComparisonOperator: 'NOT_NULL' }, [n.B]: { ComparisonOperator: 'NULL' } },
      ConditionalOperator: 'OR',
      AttributesToGet: [n.A, n.C],
    });
    await call('Scan', { TableName: 'Qkeys', Limit: 2 });
    await call('Scan', { TableName: 'Qkeys', ExclusiveStartKey: keyOf(n, 'p', 1) });
    await call('Scan', { TableName: n.A });
    await call('Scan', { TableName: 'Qkeys', Segment: 0, TotalSegments: 2 });
  },
  ListStreams: async ({ n, call }) => {
    await call('ListStreams', {});
    await call('ListStreams', { TableName: n.A });
    await call('ListStreams', { TableName: n.B, Limit: 1 });
  },
  DescribeStream: async ({ n, call, db }) => {
    for (const table of ['Qkeys', n.A]) await call('DescribeStream', { StreamArn: streamArnOf(db, table) });
  },
  GetShardIterator: async ({ n, call, db }) => {
    const arn = streamArnOf(db, n.A);
    await call('GetShardIterator', {
      StreamArn: arn,
      ShardId: firstShardOf(db, arn),
      ShardIteratorType: 'TRIM_HORIZON',
    });
    const keys = streamArnOf(db, 'Qkeys');
    await call('GetShardIterator', { StreamArn: keys, ShardId: firstShardOf(db, keys), ShardIteratorType: 'LATEST' });
  },
  GetRecords: async ({ n, call, db }) => {
    // A MODIFY and a REMOVE, for OldImage.
    db.table('Qkeys').putItem({ Item: { ...keyOf(n, 'p', 1), [n.C]: S('modified') } });
    db.table('Qattrs').deleteItem({ Key: { id: S('i1') } });
    for (const table of ['Qkeys', 'Qattrs', n.A]) {
      const arn = streamArnOf(db, table);
      for (const { ShardId } of db.describeStream({ StreamArn: arn }).StreamDescription.Shards) {
        const { ShardIterator } = await call('GetShardIterator', {
          StreamArn: arn,
          ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        });
        await call('GetRecords', { ShardIterator, Limit: 2 });
        await call('GetRecords', { ShardIterator });
      }
    }
  },
};

const STREAMS_NAMES = new Set<string>(Object.keys(STREAMS_OPERATIONS));

/** The answer of one wire request, as its JSON text parsed, an error as `{ error, message, ... }`. */
function wireCall(db: Database): Call {
  return async (operation, input) => {
    const service = STREAMS_NAMES.has(operation) ? 'DynamoDBStreams_20120810' : 'DynamoDB_20120810';
    const response = dispatch(db, `${service}.${operation}`, JSON.stringify(input));
    const body = JSON.parse(response.body) as Record<string, unknown>;
    if (response.statusCode === 200) return body;
    const { __type: type, message, Message, ...rest } = body;
    return { error: String(type).split('#')[1], message: message ?? Message, ...rest };
  };
}

const COMMANDS = {
  CreateTable: CreateTableCommand,
  DeleteTable: DeleteTableCommand,
  DescribeTable: DescribeTableCommand,
  UpdateTable: UpdateTableCommand,
  UpdateTimeToLive: UpdateTimeToLiveCommand,
  DescribeTimeToLive: DescribeTimeToLiveCommand,
  ListTables: ListTablesCommand,
  PutItem: PutItemCommand,
  GetItem: GetItemCommand,
  DeleteItem: DeleteItemCommand,
  UpdateItem: UpdateItemCommand,
  BatchWriteItem: BatchWriteItemCommand,
  BatchGetItem: BatchGetItemCommand,
  TransactWriteItems: TransactWriteItemsCommand,
  TransactGetItems: TransactGetItemsCommand,
  Query: QueryCommand,
  Scan: ScanCommand,
  ListStreams: ListStreamsCommand,
  DescribeStream: DescribeStreamCommand,
  GetShardIterator: GetShardIteratorCommand,
  GetRecords: GetRecordsCommand,
} as const;

/** The answer of one call through the AWS SDK clients (handler or plugin, as the suite runs). */
function sdkCall(db: Database): Call {
  const client = sdkMode(new DynamoDBClient(clientConfig(db)), db);
  const streams = sdkMode(new DynamoDBStreamsClient(clientConfig(db)), db);
  return async (operation, input) => {
    const Command = COMMANDS[operation] as unknown as new (input: Record<string, unknown>) => never;
    try {
      const output = STREAMS_NAMES.has(operation)
        ? await streams.send(new Command(input))
        : await client.send(new Command(input));
      return withoutMetadata(output as object) as Record<string, unknown>;
    } catch (thrown) {
      const error = thrown as Error & Record<string, unknown>;
      return {
        error: error.name,
        message: error.message,
        Item: error.Item,
        CancellationReasons: error.CancellationReasons,
      };
    }
  };
}

/** Everything the calls left behind: each table's description and items (in key order), each stream's records. */
function state(db: Database): unknown {
  return {
    tables: db.listTables().TableNames.map((name) => ({
      description: db.describeTable({ TableName: name }).Table,
      items: db.scan({ TableName: name }).Items,
    })),
    streams: db.listStreams().Streams.map(({ StreamArn }) => {
      const description = db.describeStream({ StreamArn }).StreamDescription;
      return {
        description,
        records: description.Shards.map((shard): DynamoDBRecord[] => shardRecords(db, StreamArn, shard.ShardId)),
      };
    }),
  };
}

interface Run {
  answers: string;
  state: string;
  /** The operations called, each with whether it answered without an error. */
  calls: [Operation, boolean][];
}

/**
 * JSON text with binary as base64 and iterators left out (their signed part covers the stream ARN, which names
 * the table). `without` leaves out the entries under that key.
 */
function render(value: unknown, without?: string): string {
  return JSON.stringify(value, (key, member: unknown) => {
    if (key === without) return undefined;
    if ((key === 'ShardIterator' || key === 'NextShardIterator') && typeof member === 'string') return '<iterator>';
    return member instanceof Uint8Array ? Buffer.from(member).toString('base64') : member;
  });
}

async function run(scenario: Scenario, n: Names, path: 'wire' | 'sdk'): Promise<Run> {
  const db = await Database.create({ seed: 42, clock: new ManualClock(T0) });
  fixture(db, n);
  const call = path === 'wire' ? wireCall(db) : sdkCall(db);
  const answers: unknown[] = [];
  const calls: [Operation, boolean][] = [];
  await scenario({
    n,
    db,
    onFailure: path === 'wire' ? 'ALL_OLD' : 'NONE',
    call: async (operation, input) => {
      const answer = await call(operation, input);
      answers.push({ [operation]: answer });
      calls.push([operation, answer.error === undefined]);
      return answer;
    },
  });
  // Through the plain SDK stack, the SDK's parser loses the value under a `__proto__` key (see the file comment).
  const protoKey = Object.values(n).find((name) => name === '__proto__' || name === ordinary('__proto__'));
  return {
    answers: render(answers, path === 'sdk' && SDK_MODE === 'handler' ? protoKey : undefined),
    state: render(state(db)),
    calls,
  };
}

/** The text with each name replaced by its ordinary counterpart (in JSON strings, ARNs and messages alike). */
function renamed(text: string, n: Names): string {
  return Object.values(n).reduce((renaming, name) => renaming.replaceAll(name, ordinary(name)), text);
}

let prototypeNames: string[];
beforeEach(() => {
  prototypeNames = Object.getOwnPropertyNames(Object.prototype);
});
afterEach(() => {
  // Nothing was added to, or replaced on, Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeNames);
});

describe('every wire operation holds any key in every map', () => {
  it('has a scenario for every operation of the registry', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(
      [...Object.keys(DYNAMODB_OPERATIONS), ...Object.keys(STREAMS_OPERATIONS)].sort(),
    );
  });

  it('the ordinary names keep the lengths and the order of the names they stand for', () => {
    for (const n of RUNS) {
      const names = Object.values(n);
      expect(names.map((name) => ordinary(name).length)).toEqual(names.map((name) => name.length));
      expect(names.map(ordinary).every((name) => !(name in Object.prototype))).toBe(true);
      const renaming = (name: string) => (names.includes(name) ? ordinary(name) : name);
      const all = [...names, 'Qkeys', 'Qattrs', 'Qhalf', 'Qnone'];
      expect(all.sort().map(renaming)).toEqual(all.map(renaming).sort());
    }
  });

  describe.each(['wire', 'sdk'] as const)('through %s', (path) => {
    it.each(Object.keys(SCENARIOS) as Operation[])(
      '%s answers and acts alike for prototype names and ordinary ones',
      async (operation) => {
        const scenario = SCENARIOS[operation];
        for (const n of RUNS) {
          const special = await run(scenario, n, path);
          const plain = await run(scenario, { A: ordinary(n.A), B: ordinary(n.B), C: ordinary(n.C) }, path);
          // The scenario ran its operation, and at least once it succeeded.
          expect(special.calls).toContainEqual([operation, true]);
          expect(special.calls).toEqual(plain.calls);
          expect(renamed(special.answers, n)).toEqual(plain.answers);
          expect(renamed(special.state, n)).toEqual(plain.state);
        }
      },
    );
  });
});
