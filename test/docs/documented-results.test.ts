import { describe, expect, it } from 'vitest';
import {
  ConditionalCheckFailedException,
  Database,
  DynamoDBError,
  ExpiredIteratorException,
  ManualClock,
  ResourceNotFoundException,
  TransactionCanceledException,
  TrimmedDataAccessException,
  type AttributeMap,
  type DynamoDBRecord,
  type Shard,
  type Stream,
  type Table,
} from '../../src/index.js';

/**
 * What the examples of docs/ and README.md show, asserted. The examples themselves run and are type-checked
 * (doc-examples.test.ts) but state most of their results in comments; these tests hold those results, each on
 * the example's own setup.
 */

const START = Date.UTC(2026, 0, 1);

/** What most examples start from: the `clock`, `db` and `orders` of docs/tables-and-items.md, "Tables". */
async function setup(): Promise<{ clock: ManualClock; db: Database; orders: Table }> {
  const clock = new ManualClock(START);
  const db = await Database.create({ clock, seed: 42 });
  const orders = db.createTable({
    TableName: 'orders',
    KeySchema: [
      { AttributeName: 'customer', KeyType: 'HASH' },
      { AttributeName: 'orderId', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'customer', AttributeType: 'S' },
      { AttributeName: 'orderId', AttributeType: 'N' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  return { clock, db, orders };
}

function readShard(db: Database, StreamArn: string, ShardId: string): DynamoDBRecord[] {
  const { ShardIterator } = db.getShardIterator({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' });
  return db.getRecords({ ShardIterator }).Records;
}

describe("what the docs' examples show", () => {
  it('Database.create', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1)); // the default start, too
    const db = await Database.create({
      clock, // default: the system clock
      seed: 42, // default: a random seed, readable as db.seed
      region: 'eu-west-1', // default 'us-east-1': in ARNs and in records' awsRegion
      accountId: '123456789012', // default '000000000000', as DynamoDB Local
      streamDefaults: { retention: { hours: 24 }, initialShards: 2 }, // for every stream (see docs/stream.md, "Shards")
    });

    expect(db.seed).toBe(42);
    expect(db.region).toBe('eu-west-1');
    expect(db.accountId).toBe('123456789012');
    const table = db.createTable({
      TableName: 'things',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    });
    expect(table.stream?.arn).toBe(
      'arn:aws:dynamodb:eu-west-1:123456789012:table/things/stream/2026-01-01T00:00:00.000',
    );
    expect(table.stream?.listShards()).toHaveLength(2);
  });

  it('ManualClock', () => {
    const clock = new ManualClock(); // starts at 2026-01-01T00:00:00.000Z

    const t0 = clock.now();
    const fired: string[] = [];
    const timer = clock.schedule(t0 + 1_000, () => fired.push(`a at +${clock.now() - t0} ms`));
    clock.schedule(t0 + 500, () => fired.push(`b at +${clock.now() - t0} ms`));
    clock.advance({ seconds: 2 }); // fires b, then a, each seeing now() equal to its own due time
    // fired: ['b at +500 ms', 'a at +1000 ms']
    timer.cancel(); // does nothing once fired; cancels it before

    clock.advance({ hours: 25, minutes: 30 }); // { hours, minutes, seconds, ms }, or a number of ms
    clock.set(Date.UTC(2026, 0, 3)); // jump to an instant
    // clock.set(0) throws a RangeError: time never goes backwards

    expect(fired).toEqual(['b at +500 ms', 'a at +1000 ms']);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 3));
    expect(clock.pendingTimers).toBe(0);
    expect(() => clock.set(0)).toThrow(RangeError);
  });

  it('createTable', async () => {
    const clock = new ManualClock();
    const db = await Database.create({ clock, seed: 42 });

    const orders = db.createTable({
      TableName: 'orders',
      KeySchema: [
        { AttributeName: 'customer', KeyType: 'HASH' },
        { AttributeName: 'orderId', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'customer', AttributeType: 'S' },
        { AttributeName: 'orderId', AttributeType: 'N' },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      // shardline's own, optional: this table's stream options (over the Database's streamDefaults).
      streamOptions: { initialShards: 4 },
    });

    const stream = orders.stream!; // undefined when the table has no enabled stream
    const arn = stream.arn; // 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-01-01T00:00:00.000'
    const { Table } = db.describeTable({ TableName: 'orders' }); // Table.LatestStreamArn === arn
    const same = db.table('orders'); // === orders
    const { TableNames } = db.listTables(); // ['orders']

    expect(arn).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-01-01T00:00:00.000');
    expect(Table.LatestStreamArn).toBe(arn);
    expect(Table.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(same).toBe(orders);
    expect(TableNames).toEqual(['orders']);
    expect(stream.listShards()).toHaveLength(4);
  });

  it('AWS-shaped items', async () => {
    const { db } = await setup();

    const key = { customer: { S: 'ann' }, orderId: { N: '1' } };

    // Instead of ConditionExpression, `condition`: a predicate on the item as it is now (undefined if absent).
    db.putItem({
      TableName: 'orders',
      Item: { ...key, status: { S: 'placed' }, total: { N: '42' } },
      condition: (current) => current === undefined,
    });

    // Instead of UpdateExpression, `update`: the whole new item from the current one (key attributes may be
    // left out; changing one is a ValidationException, as in AWS).
    const { Attributes } = db.updateItem({
      TableName: 'orders',
      Key: key,
      update: (current) => ({ ...current, status: { S: 'paid' } }),
      condition: (current) => current?.status?.S === 'placed',
      ReturnValues: 'UPDATED_NEW', // NONE | ALL_OLD | ALL_NEW | UPDATED_OLD | UPDATED_NEW
    });
    // Attributes: { status: { S: 'paid' } }

    const { Item } = db.getItem({ TableName: 'orders', Key: key });
    // Item: { customer: { S: 'ann' }, orderId: { N: '1' }, status: { S: 'paid' }, total: { N: '42' } }

    try {
      db.putItem({
        TableName: 'orders',
        Item: { ...key, status: { S: 'placed' } },
        condition: (current) => current === undefined,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // error.message: 'The conditional request failed'. With ALL_OLD the error also carries the item as
      // it was; the class does not declare it yet, hence the cast.
      const { Item: current } = error as ConditionalCheckFailedException & { Item?: AttributeMap };
      expect(current).toEqual(Item);
    }

    const { Attributes: deleted } = db.deleteItem({ TableName: 'orders', Key: key, ReturnValues: 'ALL_OLD' });
    // deleted: the item as it was; put and delete take NONE | ALL_OLD

    expect(Attributes).toEqual({ status: { S: 'paid' } });
    expect(Item).toEqual({ customer: { S: 'ann' }, orderId: { N: '1' }, status: { S: 'paid' }, total: { N: '42' } });
    expect(deleted).toEqual({ customer: { S: 'ann' }, orderId: { N: '1' }, status: { S: 'paid' }, total: { N: '42' } });
    expect(db.getItem({ TableName: 'orders', Key: key }).Item).toBeUndefined();
    const failed = (() => {
      try {
        db.putItem({
          TableName: 'orders',
          Item: key,
          condition: () => false,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failed).toBeInstanceOf(ConditionalCheckFailedException);
    // Absent item: no `Item` on the error.
    expect((failed as { Item?: AttributeMap }).Item).toBeUndefined();
    db.putItem({ TableName: 'orders', Item: key });
    try {
      db.putItem({
        TableName: 'orders',
        Item: key,
        condition: () => false,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
      expect.unreachable();
    } catch (error) {
      expect((error as { Item?: AttributeMap }).Item).toEqual(key);
    }
  });

  it('Expressions (docs/expressions.md): writes, reads and the document style', async () => {
    const { db, orders } = await setup();
    const key = { customer: { S: 'ann' }, orderId: { N: '1' } };
    db.putItem({
      TableName: 'orders',
      Item: { ...key, status: { S: 'placed' }, price: { N: '42' }, products: { L: [{ S: 'book' }] } },
      ConditionExpression: 'attribute_not_exists(customer)',
    });
    const { Attributes } = db.updateItem({
      TableName: 'orders',
      Key: key,
      UpdateExpression: 'SET #s = :paid, price = price + :tip, products = list_append(products, :more) REMOVE note',
      ConditionExpression: '#s = :placed',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: {
        ':paid': { S: 'paid' },
        ':placed': { S: 'placed' },
        ':tip': { N: '3' },
        ':more': { L: [{ S: 'pen' }] },
      },
      ReturnValues: 'UPDATED_NEW',
    });
    expect(Attributes).toEqual({
      status: { S: 'paid' },
      price: { N: '45' },
      products: { L: [{ S: 'book' }, { S: 'pen' }] },
    });
    let failed: unknown;
    try {
      db.deleteItem({
        TableName: 'orders',
        Key: key,
        ConditionExpression: '#s = :placed',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':placed': { S: 'placed' } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
    } catch (error) {
      failed = error;
    }
    expect(failed).toBeInstanceOf(ConditionalCheckFailedException);
    expect((failed as { Item?: AttributeMap }).Item?.status).toEqual({ S: 'paid' });

    for (const orderId of [2, 3, 4])
      db.putItem({
        TableName: 'orders',
        Item: { customer: { S: 'ann' }, orderId: { N: String(orderId) }, price: { N: String(orderId * 10) } },
      });
    expect(
      db.query({
        TableName: 'orders',
        KeyConditionExpression: 'customer = :c AND orderId BETWEEN :from AND :to',
        FilterExpression: 'price > :min',
        ProjectionExpression: 'orderId, price',
        ExpressionAttributeValues: { ':c': { S: 'ann' }, ':from': { N: '2' }, ':to': { N: '4' }, ':min': { N: '25' } },
      }),
    ).toEqual({
      Items: [
        { orderId: { N: '3' }, price: { N: '30' } },
        { orderId: { N: '4' }, price: { N: '40' } },
      ],
      Count: 2,
      ScannedCount: 3,
    });
    expect(
      db.transactGetItems({
        TransactItems: [
          {
            Get: {
              TableName: 'orders',
              Key: { customer: { S: 'ann' }, orderId: { N: '2' } },
              ProjectionExpression: 'price',
            },
          },
          { Get: { TableName: 'orders', Key: { customer: { S: 'bob' }, orderId: { N: '1' } } } },
        ],
      }),
    ).toEqual({ Responses: [{ Item: { price: { N: '20' } } }, {}] });

    orders.put(
      { customer: 'cy', orderId: 1, visits: 0, tags: new Set(['new']) },
      { ConditionExpression: 'attribute_not_exists(customer)' },
    );
    const updated = orders.update(
      { customer: 'cy', orderId: 1 },
      {
        UpdateExpression: 'ADD visits :one, tags :vip',
        ConditionExpression: 'visits < :max',
        ExpressionAttributeValues: { ':one': 1, ':vip': new Set(['vip']), ':max': 10 },
      },
    );
    expect(updated).toEqual({ customer: 'cy', orderId: 1, visits: 1, tags: new Set(['new', 'vip']) });
  });

  it('Document-style items', async () => {
    const { db, orders } = await setup();

    orders.put({ customer: 'bob', orderId: 7, status: 'placed', tags: new Set(['gift']) });
    const bob = orders.get({ customer: 'bob', orderId: 7 });
    // bob: { customer: 'bob', orderId: 7, status: 'placed', tags: Set { 'gift' } }

    const updated = orders.update(
      { customer: 'bob', orderId: 7 },
      (order) => ({ ...order, status: 'shipped' }), // gets undefined when the item is absent
      { condition: (order) => order?.status === 'placed' },
    );
    // updated: the new item

    const removed = orders.delete({ customer: 'bob', orderId: 7 }); // the old item, or undefined

    // Up to 25 puts and deletes, all validated before any is applied.
    orders.batchWrite([
      { put: { customer: 'bob', orderId: 8, status: 'placed' } },
      { put: { customer: 'cy', orderId: 1, status: 'placed' } },
      { put: { customer: 'dee', orderId: 1, status: 'placed' } },
      { delete: { customer: 'bob', orderId: 7 } }, // already gone: no record
    ]);

    // Across tables, all or nothing.
    db.transactWrite([
      {
        put: {
          table: 'orders',
          item: { customer: 'cy', orderId: 2, status: 'placed' },
          condition: (o) => o === undefined,
        },
      },
      { update: { table: 'orders', key: { customer: 'bob', orderId: 8 }, update: (o) => ({ ...o, status: 'paid' }) } },
      { delete: { table: 'orders', key: { customer: 'dee', orderId: 1 } } },
      { conditionCheck: { table: 'orders', key: { customer: 'cy', orderId: 1 }, condition: (o) => o !== undefined } },
    ]);

    expect(bob).toEqual({ customer: 'bob', orderId: 7, status: 'placed', tags: new Set(['gift']) });
    expect(updated).toEqual({ customer: 'bob', orderId: 7, status: 'shipped', tags: new Set(['gift']) });
    expect(removed).toEqual(updated);
    expect(orders.get({ customer: 'bob', orderId: 8 })).toEqual({ customer: 'bob', orderId: 8, status: 'paid' });
    expect(orders.get({ customer: 'dee', orderId: 1 })).toBeUndefined();
    expect(orders.get({ customer: 'cy', orderId: 2 })).toEqual({ customer: 'cy', orderId: 2, status: 'placed' });
    expect(orders.itemCount).toBe(3);
    const events = readShard(db, orders.stream!.arn, orders.stream!.listShards()[0]!.shardId).map(
      (record) => record.eventName,
    );
    expect(events).toEqual(['INSERT', 'MODIFY', 'REMOVE', 'INSERT', 'INSERT', 'INSERT', 'INSERT', 'MODIFY', 'REMOVE']);
    expect(() => orders.put({ customer: 'cy', orderId: 2 }, { condition: (o) => o === undefined })).toThrow(
      ConditionalCheckFailedException,
    );
  });

  it('batchWriteItem and transactWriteItems', async () => {
    const { db, orders } = await setup();

    db.batchWriteItem({
      RequestItems: {
        orders: [
          { PutRequest: { Item: { customer: { S: 'ann' }, orderId: { N: '1' }, status: { S: 'placed' } } } },
          { PutRequest: { Item: { customer: { S: 'ann' }, orderId: { N: '2' }, status: { S: 'placed' } } } },
        ],
      },
    }); // { UnprocessedItems: {} }: shardline never throttles

    try {
      db.transactWriteItems({
        TransactItems: [
          {
            Update: {
              TableName: 'orders',
              Key: { customer: { S: 'ann' }, orderId: { N: '1' } },
              update: (current) => ({ ...current, status: { S: 'paid' } }),
            },
          },
          {
            ConditionCheck: {
              TableName: 'orders',
              Key: { customer: { S: 'ann' }, orderId: { N: '2' } },
              condition: (current) => current?.status?.S === 'paid',
            },
          },
        ],
      });
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons; // one per item, in request order:
      // [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed.' }]
      // and nothing was written: order 1 is still 'placed'.
      expect(reasons).toEqual([
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed.' },
      ]);
    }

    expect(orders.itemCount).toBe(2);
    expect(orders.get({ customer: 'ann', orderId: 1 })?.status).toBe('placed');
    expect(() =>
      db.transactWriteItems({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: 'orders',
              Key: { customer: { S: 'ann' }, orderId: { N: '2' } },
              condition: () => false,
            },
          },
        ],
      }),
    ).toThrow(TransactionCanceledException);
    try {
      db.transactWriteItems({
        TransactItems: [
          {
            Update: {
              TableName: 'orders',
              Key: { customer: { S: 'ann' }, orderId: { N: '1' } },
              update: (c) => ({ ...c, status: { S: 'paid' } }),
            },
          },
          {
            ConditionCheck: {
              TableName: 'orders',
              Key: { customer: { S: 'ann' }, orderId: { N: '2' } },
              condition: () => false,
            },
          },
        ],
      });
    } catch (error) {
      expect((error as TransactionCanceledException).CancellationReasons).toEqual([
        { Code: 'None' },
        { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed.' },
      ]);
      expect((error as TransactionCanceledException).message).toBe(
        'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
      );
    }
    expect(readShard(db, orders.stream!.arn, orders.stream!.listShards()[0]!.shardId)).toHaveLength(2);
  });

  it("describeStream: every shard, page by page, and a shard's children", async () => {
    const { db, orders } = await setup();
    const stream = orders.stream!;
    const [first] = stream.listShards();
    stream.splitShard(first!.shardId);
    const parentId = first!.shardId;
    const StreamArn = stream.arn;

    // DescribeStream pages hold at most 100 shards (Limit lowers that).
    const shards: Shard[] = [];
    let ExclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = db.describeStream({ StreamArn, Limit: 2, ExclusiveStartShardId });
      shards.push(...StreamDescription.Shards);
      ExclusiveStartShardId = StreamDescription.LastEvaluatedShardId;
    } while (ExclusiveStartShardId !== undefined);

    // The shards a parent split or rolled over into (both parents of a merge list the child).
    const children = db.describeStream({ StreamArn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: parentId } })
      .StreamDescription.Shards;

    expect(shards.map((shard) => shard.ShardId)).toEqual(stream.listShards().map((shard) => shard.shardId));
    expect(shards).toHaveLength(3);
    expect(shards[0]!.SequenceNumberRange.EndingSequenceNumber).toBeDefined();
    expect(children.map((shard) => shard.ParentShardId)).toEqual([parentId, parentId]);
  });

  it('getShardIterator and getRecords', async () => {
    const { clock, db, orders } = await setup();
    orders.put({ customer: 'ann', orderId: 1 });
    orders.put({ customer: 'ann', orderId: 2 });
    orders.put({ customer: 'ann', orderId: 3 });
    const checkpoint = readShard(db, orders.stream!.arn, orders.stream!.listShards()[0]!.shardId)[0]!.dynamodb
      .SequenceNumber;

    const StreamArn = orders.stream!.arn;
    const ShardId = db.describeStream({ StreamArn }).StreamDescription.Shards[0]!.ShardId;
    const iterator = (ShardIteratorType: 'TRIM_HORIZON' | 'LATEST') =>
      db.getShardIterator({ StreamArn, ShardId, ShardIteratorType }).ShardIterator;
    const oldest = iterator('TRIM_HORIZON'); // at the oldest record still retained
    const latest = iterator('LATEST'); // just after the newest: only records written from now on
    // `checkpoint`: a record's dynamodb.SequenceNumber, say the last one a consumer processed.
    const at = db.getShardIterator({
      StreamArn,
      ShardId,
      ShardIteratorType: 'AT_SEQUENCE_NUMBER',
      SequenceNumber: checkpoint,
    });
    const after = db.getShardIterator({
      StreamArn,
      ShardId,
      ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
      SequenceNumber: checkpoint,
    });

    const page = db.getRecords({ ShardIterator: oldest, Limit: 2 }); // Limit 1..1000; at most 1 MB a page
    const rest = db.getRecords({ ShardIterator: page.NextShardIterator! }); // the third and last record
    const none = db.getRecords({ ShardIterator: latest }); // no records, but a NextShardIterator: the shard is open

    expect(page.Records.map((record) => record.dynamodb.NewImage?.orderId?.N)).toEqual(['1', '2']);
    expect(rest.Records).toHaveLength(1);
    expect(rest.NextShardIterator).toBeDefined();
    expect(none.Records).toEqual([]);
    expect(none.NextShardIterator).toBeDefined();
    expect(db.getRecords({ ShardIterator: at.ShardIterator }).Records[0]!.dynamodb.SequenceNumber).toBe(checkpoint);
    expect(db.getRecords({ ShardIterator: after.ShardIterator }).Records[0]!.dynamodb.NewImage?.orderId?.N).toBe('2');

    clock.advance({ minutes: 16 });
    // db.getRecords({ ShardIterator: oldest }) now throws ExpiredIteratorException: iterators live 15 minutes

    expect(() => db.getRecords({ ShardIterator: oldest })).toThrow(ExpiredIteratorException);
    expect(() => db.getRecords({ ShardIterator: latest })).toThrow(ExpiredIteratorException);
  });

  it('NextShardIterator: present on an open shard, absent once a closed shard is read to its end', async () => {
    const { db, orders } = await setup();
    const stream = orders.stream!;
    orders.put({ customer: 'ann', orderId: 1 });
    const [parent] = stream.listShards();

    stream.splitShard(parent!.shardId); // closes the parent
    const { ShardIterator } = stream.getShardIterator({ ShardId: parent!.shardId, ShardIteratorType: 'TRIM_HORIZON' });
    const last = stream.getRecords({ ShardIterator }); // the one record, and NextShardIterator undefined

    expect(last.Records).toHaveLength(1);
    expect(last.NextShardIterator).toBeUndefined();
    expect(
      db.getShardIterator({ StreamArn: stream.arn, ShardId: parent!.shardId, ShardIteratorType: 'LATEST' })
        .ShardIterator,
    ).toContain(stream.arn);
  });

  it('reading a whole stream, parents before children', async () => {
    const { db, orders } = await setup();
    const written: number[] = [];

    /** Every retained record of a stream, each shard after its parents, so each key's records are in write order. */
    function readAll(stream: Stream): DynamoDBRecord[] {
      const shards = stream.listShards();
      const live = new Set(shards.map((shard) => shard.shardId));
      const done = new Set<string>();
      const records: DynamoDBRecord[] = [];
      while (done.size < shards.length) {
        for (const shard of shards) {
          const ready = shard.parentShardIds.every((parent) => done.has(parent) || !live.has(parent));
          if (done.has(shard.shardId) || !ready) continue;
          let iterator: string | undefined = stream.getShardIterator({
            ShardId: shard.shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }).ShardIterator;
          while (iterator !== undefined) {
            const page = stream.getRecords({ ShardIterator: iterator });
            records.push(...page.Records);
            // A closed shard ends with no NextShardIterator; an open one always has one, so stop when it is empty.
            iterator = page.Records.length === 0 && shard.status === 'OPEN' ? undefined : page.NextShardIterator;
          }
          done.add(shard.shardId);
        }
      }
      return records;
    }

    const stream = orders.stream!;
    for (let i = 1; i <= 20; i++) {
      orders.put({ customer: `c${i % 5}`, orderId: i });
      written.push(i);
      if (i === 5) stream.splitShard(stream.listShards()[0]!.shardId);
      if (i === 12) {
        const open = stream.listShards().filter((shard) => shard.status === 'OPEN');
        stream.mergeShards(open[0]!.shardId, open[1]!.shardId);
      }
    }
    const records = readAll(stream);
    expect(records).toHaveLength(20);
    for (let c = 0; c < 5; c++) {
      const ids = records
        .filter((record) => record.dynamodb.Keys.customer?.S === `c${c}`)
        .map((record) => Number(record.dynamodb.Keys.orderId?.N));
      expect(ids).toEqual(written.filter((i) => i % 5 === c));
    }
    expect(db.listStreams().Streams).toHaveLength(1);
  });

  it('Shards: split, merge, roll over, list', async () => {
    const { orders } = await setup();

    const stream = orders.stream!;
    const [first] = stream.listShards();
    const [low, high] = stream.splitShard(first!.shardId); // at the middle of the range; or splitShard(id, at), at a bigint
    const merged = stream.mergeShards(low.shardId, high.shardId); // two adjacent open shards into one
    const next = stream.rolloverShard(merged.shardId); // closed, and continued by one child over the same range

    const lineage = stream
      .listShards()
      .map((shard) => `${shard.origin} ${shard.status} parents: ${shard.parentShardIds.length}`);
    // ['stream-created CLOSED parents: 0', 'split CLOSED parents: 1', 'split CLOSED parents: 1',
    //  'merge CLOSED parents: 2', 'rollover OPEN parents: 1']

    expect(low.hashKeyRange).toEqual({ start: 0n, end: 2n ** 63n - 1n });
    expect(high.hashKeyRange).toEqual({ start: 2n ** 63n, end: 2n ** 64n - 1n });
    expect(merged.parentShardIds).toEqual([low.shardId, high.shardId]);
    expect(next.parentShardIds).toEqual([merged.shardId]);
    expect(next.origin).toBe('rollover');
    expect(lineage).toEqual([
      'stream-created CLOSED parents: 0',
      'split CLOSED parents: 1',
      'split CLOSED parents: 1',
      'merge CLOSED parents: 2',
      'rollover OPEN parents: 1',
    ]);
    const [a, b] = stream.splitShard(next.shardId, 1n << 60n);
    expect(a.hashKeyRange.end).toBe((1n << 60n) - 1n);
    expect(b.hashKeyRange.start).toBe(1n << 60n);
  });

  it('Shards: automatic policies', async () => {
    const clock = new ManualClock();
    const db = await Database.create({ clock, seed: 42 });

    const logs = db.createTable({
      TableName: 'logs',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      streamOptions: {
        initialShards: 1,
        rolloverAfter: { hours: 4 }, // false: never
        splitOnWriteRate: false, // or { writesPerSecond: 1000, windowMs: 1000 }
        maxRecordsPerShard: 100,
        retention: { hours: 24 },
        iteratorLifetime: { minutes: 15 },
      },
    });
    for (let i = 0; i < 100; i++) logs.put({ id: `line-${i}` }); // the 100th record splits the shard
    clock.advance({ hours: 4 }); // both children roll over

    const shards = logs.stream!.listShards();
    expect(shards.map((shard) => [shard.origin, shard.status])).toEqual([
      ['stream-created', 'CLOSED'],
      ['split', 'CLOSED'],
      ['split', 'CLOSED'],
      ['rollover', 'OPEN'],
      ['rollover', 'OPEN'],
    ]);
    expect(shards[0]!.retainedRecords).toBe(100);
  });

  it('Shards: a frozen clock and the write-rate split', async () => {
    const db = await Database.create({ clock: new ManualClock(), seed: 42 });
    const hits = db.createTable({
      TableName: 'hits',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    });

    for (let i = 0; i < 1001; i++) hits.put({ id: `hit-${i}` }); // 1001 writes in the same instant
    const origins = hits.stream!.listShards().map((shard) => shard.origin); // ['stream-created', 'split', 'split']

    expect(origins).toEqual(['stream-created', 'split', 'split']);
  });

  it('Stream lifecycle', async () => {
    const { clock, db } = await setup();

    const before = db.describeTable({ TableName: 'orders' }).Table.LatestStreamArn!;
    db.updateTable({ TableName: 'orders', StreamSpecification: { StreamEnabled: false } });
    const old = db.stream(before); // old.status === 'DISABLED': shards closed, readable for 24 hours

    const { TableDescription } = db.updateTable({
      TableName: 'orders',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    });
    const { Streams } = db.listStreams({ TableName: 'orders' }); // the new stream (new label and ARN), then the old

    const deleted = db.deleteTable({ TableName: 'orders' }); // TableDescription.TableStatus: 'DELETING', as AWS
    clock.advance({ hours: 24, seconds: 1 });
    const after = db.listStreams(); // Streams: []: both streams expired with their retention

    expect(old.status).toBe('DISABLED');
    expect(TableDescription.LatestStreamArn).not.toBe(before);
    expect(Streams.map((stream) => stream.StreamArn)).toEqual([TableDescription.LatestStreamArn, before]);
    expect(deleted.TableDescription.TableStatus).toBe('DELETING');
    expect(after.Streams).toEqual([]);
    expect(() => db.stream(before)).toThrow(ResourceNotFoundException);
  });

  it('Stream lifecycle: statuses along the way', async () => {
    const { db } = await setup();
    const before = db.describeTable({ TableName: 'orders' }).Table.LatestStreamArn!;
    db.updateTable({ TableName: 'orders', StreamSpecification: { StreamEnabled: false } });
    expect(db.stream(before).status).toBe('DISABLED');
    expect(db.describeTable({ TableName: 'orders' }).Table.StreamSpecification).toBeUndefined();
    const { TableDescription } = db.updateTable({
      TableName: 'orders',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    });
    // Same frozen instant: the label moves on by 1 ms to stay unique.
    expect(TableDescription.LatestStreamLabel).toBe('2026-01-01T00:00:00.001');
    expect(db.listStreams({ TableName: 'orders' }).Streams.map((s) => s.StreamArn)).toEqual([
      TableDescription.LatestStreamArn,
      before,
    ]);
    expect(db.deleteTable({ TableName: 'orders' }).TableDescription.TableStatus).toBe('DELETING');
    expect(db.listStreams().Streams).toHaveLength(2);
    expect(db.stream(TableDescription.LatestStreamArn!).status).toBe('DISABLED');
  });

  it('Events', async () => {
    const { clock, db, orders } = await setup();
    const stream = orders.stream!;

    const log: string[] = [];
    const stop = db.on('record', ({ tableName, shardId, record }) => {
      log.push(`${tableName} ${record.eventName} ${record.dynamodb.SequenceNumber} in ${shardId}`);
    });
    stream.on('shardClosed', ({ shard, reason }) => log.push(`closed ${shard.shardId} (${reason})`));
    stream.on('shardOpened', ({ shard }) => log.push(`opened ${shard.shardId} (${shard.origin})`));
    db.on('shardExpired', ({ shardId }) => log.push(`expired ${shardId}`));
    db.on('streamStatus', ({ streamArn, status }) => log.push(`${streamArn} is ${status}`));
    db.on('listenerError', ({ event, error }) => log.push(`a '${event}' listener threw ${String(error)}`));

    orders.put({ customer: 'ann', orderId: 1 }); // 'record', before put() returns
    clock.advance({ hours: 4 }); // 'shardClosed' (rollover), then 'shardOpened'
    stop(); // every on() returns its unsubscribe

    expect(log).toHaveLength(3);
    expect(log[0]).toMatch(/^orders INSERT 100000000000000000001 in shardId-00000001767225600000-[0-9a-f]{8}$/);
    expect(log[1]).toMatch(/^closed shardId-\d{20}-[0-9a-f]{8} \(rollover\)$/);
    expect(log[2]).toMatch(/^opened shardId-00000001767240000000-[0-9a-f]{8} \(rollover\)$/);
    orders.put({ customer: 'ann', orderId: 2 });
    expect(log).toHaveLength(3);
    db.on('record', () => {
      throw new Error('boom');
    });
    orders.put({ customer: 'ann', orderId: 3 });
    expect(log[3]).toBe("a 'record' listener threw Error: boom");
    clock.advance({ hours: 24 });
    expect(log.filter((line) => line.startsWith('expired'))).toHaveLength(1);
  });

  it('Errors', async () => {
    const { clock, db, orders } = await setup();
    const stream = orders.stream!;
    const ShardId = stream.listShards()[0]!.shardId;
    // ShardIterator: issued 25 hours ago.
    orders.put({ customer: 'ann', orderId: 1 });
    const { ShardIterator } = db.getShardIterator({
      StreamArn: stream.arn,
      ShardId,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    clock.advance({ hours: 25 });

    try {
      db.getRecords({ ShardIterator });
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException)) throw error; // or test error.name
      const { name, message, statusCode, retryable, wireType } = error;
      // 'ExpiredIteratorException', 'The provided iterator exceeds the maximum age allowed.', 400, false,
      // 'com.amazonaws.dynamodb.v20120810#ExpiredIteratorException'
      expect([name, message, statusCode, retryable, wireType]).toEqual([
        'ExpiredIteratorException',
        'The provided iterator exceeds the maximum age allowed.',
        400,
        false,
        'com.amazonaws.dynamodb.v20120810#ExpiredIteratorException',
      ]);
      expect(error).toBeInstanceOf(DynamoDBError);
    }

    let caught: unknown;
    try {
      db.getRecords({ ShardIterator });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpiredIteratorException);
    expect(caught).toMatchObject({
      name: 'ExpiredIteratorException',
      message: 'The provided iterator exceeds the maximum age allowed.',
      statusCode: 400,
      retryable: false,
      wireType: 'com.amazonaws.dynamodb.v20120810#ExpiredIteratorException',
    });
    expect(() => db.getShardIterator({ StreamArn: stream.arn, ShardId, ShardIteratorType: 'TRIM_HORIZON' })).toThrow(
      TrimmedDataAccessException,
    );
    expect(() => db.table('nope')).toThrow(
      new ResourceNotFoundException('Cannot do operations on a non-existent table'),
    );
  });

  it('Determinism', async () => {
    async function run(seed: number): Promise<string[]> {
      const db = await Database.create({ clock: new ManualClock(), seed });
      const table = db.createTable({
        TableName: 'orders',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      });
      table.put({ id: 'a' });
      const [shard] = table.stream!.listShards();
      const { ShardIterator } = table.stream!.getShardIterator({
        ShardId: shard!.shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      });
      const [record] = table.stream!.getRecords({ ShardIterator }).Records;
      return [shard!.shardId, record!.eventID, record!.dynamodb.SequenceNumber, ShardIterator];
    }

    const [first, second] = [await run(7), await run(7)]; // equal: shard id, eventID, sequence number, iterator

    expect(first).toEqual(second);
    expect((await run(8))[0]).not.toBe((await run(7))[0]);
  });

  it('How it matches AWS: one record', async () => {
    const clock = new ManualClock();
    const db = await Database.create({ clock, seed: 42 });
    const orders = db.createTable({
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    clock.advance({ ms: 1_500 });
    orders.put({ id: 'order-1', status: 'placed', total: 42 });
    clock.advance({ seconds: 1 });
    orders.update({ id: 'order-1' }, (order) => ({ ...order, status: 'paid' }));

    const [shard] = orders.stream!.listShards();
    const { ShardIterator } = orders.stream!.getShardIterator({
      ShardId: shard!.shardId,
      ShardIteratorType: 'TRIM_HORIZON',
    });
    const [, modify] = orders.stream!.getRecords({ ShardIterator }).Records;

    expect(modify).toEqual({
      eventID: '0a39a5e639b0872f125f270e3a60e23d',
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'us-east-1',
      dynamodb: {
        ApproximateCreationDateTime: new Date('2026-01-01T00:00:02.000Z'),
        Keys: { id: { S: 'order-1' } },
        NewImage: { id: { S: 'order-1' }, status: { S: 'paid' }, total: { N: '42' } },
        OldImage: { id: { S: 'order-1' }, status: { S: 'placed' }, total: { N: '42' } },
        SequenceNumber: '100000000000000000002',
        SizeBytes: 63,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    });
    expect(modify!.eventID).toMatch(/^[0-9a-f]{32}$/);
    expect(Object.keys(modify!.dynamodb)).toEqual([
      'ApproximateCreationDateTime',
      'Keys',
      'NewImage',
      'OldImage',
      'SequenceNumber',
      'SizeBytes',
      'StreamViewType',
    ]);
    expect(shard!.shardId).toMatch(/^shardId-00000001767225600000-[0-9a-f]{8}$/);
    // SizeBytes = Keys (2 + 7) + NewImage (9 + 6 + 4 + 5 + 2) + OldImage (9 + 6 + 6 + 5 + 2)
    expect(9 + (9 + 6 + 4 + 5 + 2) + (9 + 6 + 6 + 5 + 2)).toBe(63);
  });
});
