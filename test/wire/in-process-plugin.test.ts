/**
 * inProcessPlugin(db): the same outputs and errors as the whole SDK stack, without it. The property runs random
 * sequences of calls (items of every AttributeValue type, conditions that fail, bad input, the Streams API) on two
 * databases made alike: one through a client with only shardline's request handler (the JSON on the wire), one
 * through a client with the plugin, and compares every answer, `$metadata` and error classes included.
 */
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeLimitsCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand as DocScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Database, ManualClock } from '../../src/index.js';
import { inProcessClientConfig, inProcessPlugin, type AwsHandler } from '../../src/public/wire.js';
import { clientConfig } from '../support/sdk-clients.js';
import { T0 } from '../support/time.js';

interface Side {
  db: Database;
  clock: ManualClock;
  client: DynamoDBClient;
  streams: DynamoDBStreamsClient;
}

/** A table keyed by `pk` (S) and `sk` (N), on demand, with a NEW_AND_OLD_IMAGES stream. */
function pkSkTable(TableName: string): CreateTableCommand {
  return new CreateTableCommand({
    TableName,
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
}

async function side(withPlugin: boolean): Promise<Side> {
  const clock = new ManualClock(T0);
  const db = await Database.create({ seed: 7, clock });
  const client = new DynamoDBClient(clientConfig(db));
  const streams = new DynamoDBStreamsClient(clientConfig(db));
  if (withPlugin) {
    client.middlewareStack.use(inProcessPlugin(db));
    streams.middlewareStack.use(inProcessPlugin(db));
  }
  await client.send(pkSkTable('tbl'));
  return { db, clock, client, streams };
}

/** What a caller can observe of an answer: the output, or the error's class, own fields and message. */
async function observe(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { output: await call() };
  } catch (error) {
    const e = error as Error & Record<string, unknown>;
    const fields: Record<string, unknown> = {};
    for (const name of Object.keys(e)) if (name !== '$response') fields[name] = e[name];
    return { error: e.constructor.name, name: e.name, message: e.message, fields };
  }
}

/**
 * Where two answers differ: prototypes, own keys (symbols and non-enumerable ones too), values, Dates' times.
 *
 * One difference is expected, and skipped: an attribute named `__proto__`. The SDK's response parser loses it (the
 * SDK 3.1164 answers a GetItem of `{ pk, __proto__: { S: 'p' } }` with `__proto__: undefined` and a changed
 * prototype); the plugin hands it back intact, as shardline's own API does. README, "Known differences".
 */
function differences(actual: unknown, expected: unknown, path: string): string[] {
  if (Object.is(actual, expected)) return [];
  if (actual === null || expected === null || typeof actual !== 'object' || typeof expected !== 'object')
    return [`${path}: ${String(actual)} vs ${String(expected)}`];
  const out: string[] = [];
  const holdsProto = Object.hasOwn(actual, '__proto__');
  if (!holdsProto && Object.getPrototypeOf(actual) !== Object.getPrototypeOf(expected))
    out.push(`${path}: a ${actual.constructor?.name} vs a ${expected.constructor?.name}`);
  if (actual instanceof Date && expected instanceof Date && actual.getTime() !== expected.getTime())
    out.push(`${path}: ${actual.toISOString()} vs ${expected.toISOString()}`);
  for (const name of new Set([...Reflect.ownKeys(actual), ...Reflect.ownKeys(expected)])) {
    if (name === '__proto__') continue;
    const [x, y] = [(actual as Record<PropertyKey, unknown>)[name], (expected as Record<PropertyKey, unknown>)[name]];
    if (Object.hasOwn(actual, name) !== Object.hasOwn(expected, name))
      out.push(`${path}.${String(name)}: own ${Object.hasOwn(actual, name)} vs ${Object.hasOwn(expected, name)}`);
    else out.push(...differences(x, y, `${path}.${String(name)}`));
  }
  return out;
}

// ------------------------------------------------------------------ arbitraries

const bytes = fc.uint8Array({ minLength: 0, maxLength: 4 }).map((b) => new Uint8Array(b));
const numberText = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.constantFrom('1.50', '0', '-0.0', '1e3', '007'),
);
const scalar: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.string({ maxLength: 4 }).map((S) => ({ S })),
  numberText.map((N) => ({ N })),
  bytes.map((B) => ({ B })),
  fc.boolean().map((BOOL) => ({ BOOL })),
  fc.constant({ NULL: true }),
  // Sets, empty ones included (a ValidationException, the same on both sides).
  fc.uniqueArray(fc.string({ maxLength: 3 }), { maxLength: 3 }).map((SS) => ({ SS })),
  fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { maxLength: 3 }).map((ns) => ({ NS: ns.map(String) })),
  fc
    .uniqueArray(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 3 })
    .map((bs) => ({ BS: bs.map((b) => new Uint8Array([b])) })),
);
const value: fc.Arbitrary<AttributeValue> = fc.oneof(
  { weight: 4, arbitrary: scalar },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.constantFrom('a', 'b', '__proto__'), scalar, { maxKeys: 2 }).map((M) => ({ M })),
  },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 2 }).map((L) => ({ L })) },
);
const pk = fc.constantFrom('p1', 'p2', '');
const sk = fc.integer({ min: 0, max: 3 }).map(String);
const key = fc.record({ pk, sk }).map(({ pk, sk }) => ({ pk: { S: pk }, sk: { N: sk } }));
const item = fc
  .tuple(key, fc.dictionary(fc.constantFrom('x', 'y', 'constructor', 'B', '__proto__'), value, { maxKeys: 3 }))
  .map(([k, rest]) => ({ ...rest, ...k }) as Record<string, AttributeValue>);

type Call = (s: Side) => Promise<unknown>;

const call: fc.Arbitrary<Call> = fc.oneof(
  fc.record({ item, old: fc.boolean() }).map(
    ({ item, old }) =>
      (s: Side) =>
        s.client.send(new PutItemCommand({ TableName: 'tbl', Item: item, ReturnValues: old ? 'ALL_OLD' : undefined })),
  ),
  fc.record({ item, old: fc.boolean() }).map(
    ({ item, old }) =>
      (s: Side) =>
        s.client.send(
          new PutItemCommand({
            TableName: 'tbl',
            Item: item,
            Expected: { pk: { Exists: false } },
            ReturnValuesOnConditionCheckFailure: old ? 'ALL_OLD' : undefined,
          }),
        ),
  ),
  key.map((Key) => (s: Side) => s.client.send(new GetItemCommand({ TableName: 'tbl', Key }))),
  key.map(
    (Key) => (s: Side) => s.client.send(new DeleteItemCommand({ TableName: 'tbl', Key, ReturnValues: 'ALL_OLD' })),
  ),
  fc.record({ Key: key, v: value }).map(
    ({ Key, v }) =>
      (s: Side) =>
        s.client.send(
          new UpdateItemCommand({
            TableName: 'tbl',
            Key,
            AttributeUpdates: { x: { Action: 'PUT', Value: v } },
            ReturnValues: 'UPDATED_OLD',
          }),
        ),
  ),
  fc.record({ p: pk, forward: fc.boolean(), limit: fc.integer({ min: 1, max: 3 }) }).map(
    ({ p, forward, limit }) =>
      (s: Side) =>
        s.client.send(
          new QueryCommand({
            TableName: 'tbl',
            KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: p }] } },
            ScanIndexForward: forward,
            Limit: limit,
          }),
        ),
  ),
  fc.constant((s: Side) => s.client.send(new ScanCommand({ TableName: 'tbl' }))),
  fc
    .array(item, { minLength: 1, maxLength: 3 })
    .map(
      (items) => (s: Side) =>
        s.client.send(
          new BatchWriteItemCommand({ RequestItems: { tbl: items.map((Item) => ({ PutRequest: { Item } })) } }),
        ),
    ),
  fc
    .uniqueArray(key, { minLength: 1, maxLength: 3, selector: (k) => `${k.pk.S}/${k.sk.N}` })
    .map((Keys) => (s: Side) => s.client.send(new BatchGetItemCommand({ RequestItems: { tbl: { Keys } } }))),
  fc.record({ a: item, b: key }).map(
    ({ a, b }) =>
      (s: Side) =>
        s.client.send(
          new TransactWriteItemsCommand({
            TransactItems: [
              { Put: { TableName: 'tbl', Item: a } },
              { ConditionCheck: { TableName: 'tbl', Key: b, ConditionExpression: 'attribute_exists(pk)' } },
            ],
          }),
        ),
  ),
  fc.constant((s: Side) => s.client.send(new DescribeTableCommand({ TableName: 'tbl' }))),
  fc.constant((s: Side) => s.client.send(new DescribeTableCommand({ TableName: 'missing' }))),
  fc.constant((s: Side) => s.client.send(new DescribeLimitsCommand({}))),
  fc
    .constantFrom('TRIM_HORIZON', 'LATEST')
    .map((type) => (s: Side) => readStream(s, type as 'TRIM_HORIZON' | 'LATEST')),
  fc.constant(async (s: Side) => s.clock.advance({ minutes: 20 })),
);

/** DescribeStream, an iterator of `type` on each shard, and one GetRecords on it: records with their Dates. */
async function readStream(s: Side, type: 'TRIM_HORIZON' | 'LATEST'): Promise<unknown> {
  const table = await s.client.send(new DescribeTableCommand({ TableName: 'tbl' }));
  const StreamArn = table.Table?.LatestStreamArn as string;
  const { StreamDescription } = await s.streams.send(new DescribeStreamCommand({ StreamArn }));
  const answers: unknown[] = [StreamDescription];
  for (const shard of StreamDescription?.Shards ?? []) {
    const { ShardIterator } = await s.streams.send(
      new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId as string, ShardIteratorType: type }),
    );
    answers.push(await s.streams.send(new GetRecordsCommand({ ShardIterator, Limit: 5 })));
  }
  return answers;
}

describe('inProcessPlugin(db): what the whole SDK stack answers', () => {
  it('answers every call exactly as the request handler does (outputs, $metadata, error classes and fields)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 12 }), async (calls) => {
        const viaHandler = await side(false);
        const viaPlugin = await side(true);
        for (const run of calls) {
          const expected = await observe(() => run(viaHandler));
          const actual = await observe(() => run(viaPlugin));
          // Not toStrictEqual: it takes an attribute named `constructor` (which the items here may hold) for the
          // object's class, and calls two equal items of different classes.
          expect(differences(actual, expected, 'answer')).toEqual([]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives the SDK exception classes, with their members, for a failed call', async () => {
    const s = await side(true);
    const Item = { pk: { S: 'a' }, sk: { N: '1' }, b: { B: new Uint8Array([7]) } };
    await s.client.send(new PutItemCommand({ TableName: 'tbl', Item }));
    const failed = s.client.send(
      new PutItemCommand({
        TableName: 'tbl',
        Item,
        Expected: { pk: { Exists: false } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    await expect(failed).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    await expect(failed).rejects.toMatchObject({
      $fault: 'client',
      Item,
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
  });

  it('skips the rest of the stack on success, and takes it for a failed call', async () => {
    const s = await side(true);
    const seen: string[] = [];
    s.client.middlewareStack.add(
      (next, context) => async (args) => {
        seen.push(context.commandName as string);
        return next(args);
      },
      { step: 'build', name: 'spy' },
    );
    await s.client.send(new PutItemCommand({ TableName: 'tbl', Item: { pk: { S: 'a' }, sk: { N: '1' } } }));
    await expect(s.client.send(new GetItemCommand({ TableName: 'missing', Key: { pk: { S: 'a' } } }))).rejects.toThrow(
      'Cannot do operations on a non-existent table',
    );
    expect(seen).toEqual(['GetItemCommand']);
    // The failed call ran once: its request id is the next one, not two further on.
    const after = await s.client.send(
      new GetItemCommand({ TableName: 'tbl', Key: { pk: { S: 'a' }, sk: { N: '1' } } }),
    );
    expect(after.$metadata.requestId).toBe('SHARDLINE0000000000000000000000000000000000000000004');
  });

  it('answers in process whatever requestHandler the client has', async () => {
    const clock = new ManualClock(T0);
    const db = await Database.create({ clock });
    const refusing: AwsHandler = {
      metadata: { handlerProtocol: 'http/1.1' },
      handle: async () => {
        throw new Error('the request handler was used');
      },
      updateHttpClientConfig() {},
      httpHandlerConfigs: () => ({}),
      destroy() {},
    };
    const client = new DynamoDBClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      requestHandler: refusing,
      maxAttempts: 1,
    });
    client.middlewareStack.use(inProcessPlugin(db));
    await client.send(
      new CreateTableCommand({
        TableName: 'xxx',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await expect(
      client.send(new GetItemCommand({ TableName: 'xxx', Key: { nope: { S: 'a' } } })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
        requestHandler: refusing,
        maxAttempts: 1,
      }),
    );
    doc.middlewareStack.use(inProcessPlugin(db));
    await doc.send(new PutCommand({ TableName: 'xxx', Item: { id: 'd', n: 1 } }));
    expect((await doc.send(new GetCommand({ TableName: 'xxx', Key: { id: 'd' } }))).Item).toEqual({ id: 'd', n: 1 });
  });

  it('hands out fresh objects: changing an output or a sent input changes nothing stored', async () => {
    const s = await side(true);
    const Item = { pk: { S: 'a' }, sk: { N: '1' }, list: { L: [{ S: 'x' }] }, b: { B: new Uint8Array([1]) } };
    await s.client.send(new PutItemCommand({ TableName: 'tbl', Item }));
    (Item.list.L[0] as { S: string }).S = 'changed after the call';
    Item.b.B[0] = 99;
    const first = await s.client.send(
      new GetItemCommand({ TableName: 'tbl', Key: { pk: { S: 'a' }, sk: { N: '1' } } }),
    );
    expect(first.Item).toEqual({
      pk: { S: 'a' },
      sk: { N: '1' },
      list: { L: [{ S: 'x' }] },
      b: { B: new Uint8Array([1]) },
    });
    (first.Item?.list?.L?.[0] as { S: string }).S = 'changed output';
    (first.Item?.b?.B as Uint8Array)[0] = 42;
    const second = await s.client.send(
      new GetItemCommand({ TableName: 'tbl', Key: { pk: { S: 'a' }, sk: { N: '1' } } }),
    );
    expect(second.Item).toEqual({
      pk: { S: 'a' },
      sk: { N: '1' },
      list: { L: [{ S: 'x' }] },
      b: { B: new Uint8Array([1]) },
    });
  });

  it('works beside inProcessClientConfig, and DynamoDBDocumentClient commands take the whole stack', async () => {
    const clock = new ManualClock(T0);
    const db = await Database.create({ clock });
    const client = new DynamoDBClient({ ...inProcessClientConfig(db), cacheMiddleware: false });
    client.middlewareStack.use(inProcessPlugin(db));
    const doc = DynamoDBDocumentClient.from(client);
    const serialized: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        serialized.push(context.commandName as string);
        return next(args);
      },
      { step: 'build', name: 'spy' },
    );
    await client.send(pkSkTable('doc'));
    await doc.send(
      new PutCommand({ TableName: 'doc', Item: { pk: 'a', sk: 2, tags: new Set(['x', 'y']), nested: { n: 1.5 } } }),
    );
    await doc.send(new PutCommand({ TableName: 'doc', Item: { pk: 'a', sk: 1 } }));
    const { Items } = await doc.send(new DocScanCommand({ TableName: 'doc' }));
    expect(Items).toEqual([
      { pk: 'a', sk: 1 },
      { pk: 'a', sk: 2, tags: new Set(['x', 'y']), nested: { n: 1.5 } },
    ]);
    // The plain client's CreateTable took the shortcut; the document client's calls did not.
    expect(serialized).toEqual(['PutItemCommand', 'PutItemCommand', 'ScanCommand']);
  });
});

describe('README: the in-process plugin', () => {
  it('runs a DynamoDBClient and a DynamoDBStreamsClient with the plugin', async () => {
    const db = await Database.create({ clock: new ManualClock(T0), seed: 7 });
    const client = new DynamoDBClient(inProcessClientConfig(db));
    client.middlewareStack.use(inProcessPlugin(db));
    const streams = new DynamoDBStreamsClient(inProcessClientConfig(db));
    streams.middlewareStack.use(inProcessPlugin(db));
    await client.send(
      new CreateTableCommand({
        TableName: 'orders',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    await client.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'a' } } }));
    const StreamArn = (await client.send(new DescribeTableCommand({ TableName: 'orders' }))).Table
      ?.LatestStreamArn as string;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
    const ShardId = StreamDescription?.Shards?.[0]?.ShardId as string;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records?.map((r) => [r.eventName, r.dynamodb?.NewImage, r.dynamodb?.ApproximateCreationDateTime])).toEqual([
      ['INSERT', { id: { S: 'a' } }, new Date(Math.floor(T0 / 1000) * 1000)],
    ]);
  });
});
