/**
 * Secondary indexes kept up to date by every write path (put, update, delete, batch, transaction): sparse, in index
 * order, never a stream record of their own; a write whose index key cannot be one is refused and changes nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  TransactionCanceledException,
  ValidationException,
  type AttributeMap,
  type Database,
  type Table,
} from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';

/** A table `shop` (pk, sk) with a GSI `byStatus` (status, at: N, ALL), a KEYS_ONLY GSI `byOwner` (owner) and an INCLUDE LSI `byPrice` (price: N). */
function shop(db: Database): Table {
  return db.createTable({
    TableName: 'shop',
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'status', AttributeType: 'S' },
      { AttributeName: 'at', AttributeType: 'N' },
      { AttributeName: 'owner', AttributeType: 'B' },
      { AttributeName: 'price', AttributeType: 'N' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'byStatus',
        KeySchema: [
          { AttributeName: 'status', KeyType: 'HASH' },
          { AttributeName: 'at', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      {
        IndexName: 'byOwner',
        KeySchema: [{ AttributeName: 'owner', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'byPrice',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'price', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['title'] },
      },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
}

/** An index's entries, in its order, as `pk/sk` names. */
function entries(table: Table, name: string): string[] {
  const index = table.indexes.get(name);
  if (index === undefined) throw new Error(`no index ${name}`);
  return index.ordered().map((item) => `${item.pk?.S}/${item.sk?.S}`);
}

const order = (pk: string, sk: string, extra: AttributeMap = {}): AttributeMap => ({
  pk: { S: pk },
  sk: { S: sk },
  ...extra,
});

describe('secondary index maintenance', () => {
  it('holds only the items that have every index key attribute (sparse), in index key then table key order', async () => {
    const { db } = await makeDb();
    const table = shop(db);
    table.putItem({ Item: order('c1', 'o2', { status: { S: 'open' }, at: { N: '5' } }) });
    table.putItem({ Item: order('c1', 'o1', { status: { S: 'open' }, at: { N: '5' } }) });
    table.putItem({ Item: order('c2', 'o3', { status: { S: 'open' }, at: { N: '-1' } }) });
    table.putItem({ Item: order('c2', 'o4', { status: { S: 'done' } }) }); // no `at`: not in byStatus
    table.putItem({ Item: order('c3', 'o5', { price: { N: '10' }, title: { S: 't' }, other: { S: 'x' } }) });
    expect(entries(table, 'byStatus')).toEqual(['c2/o3', 'c1/o1', 'c1/o2']);
    expect(entries(table, 'byOwner')).toEqual([]);
    expect(entries(table, 'byPrice')).toEqual(['c3/o5']);
    expect(table.indexes.get('byStatus')?.count).toBe(3);
  });

  it('follows updates that add, change and remove index keys, and deletes', async () => {
    const { db } = await makeDb();
    const table = shop(db);
    table.putItem({ Item: order('c1', 'o1') });
    expect(entries(table, 'byStatus')).toEqual([]);
    table.updateItem({
      Key: order('c1', 'o1'),
      UpdateExpression: 'SET #s = :s, #a = :a',
      ExpressionAttributeNames: { '#s': 'status', '#a': 'at' },
      ExpressionAttributeValues: { ':s': { S: 'open' }, ':a': { N: '2' } },
    });
    table.putItem({ Item: order('c0', 'o0', { status: { S: 'open' }, at: { N: '3' } }) });
    expect(entries(table, 'byStatus')).toEqual(['c1/o1', 'c0/o0']);
    // Changing the index sort key moves the entry.
    table.updateItem({
      Key: order('c1', 'o1'),
      UpdateExpression: 'SET #a = :a',
      ExpressionAttributeNames: { '#a': 'at' },
      ExpressionAttributeValues: { ':a': { N: '9' } },
    });
    expect(entries(table, 'byStatus')).toEqual(['c0/o0', 'c1/o1']);
    // A change of a non-key attribute keeps the place and shows the new item.
    table.updateItem({
      Key: order('c1', 'o1'),
      UpdateExpression: 'SET note = :n',
      ExpressionAttributeValues: { ':n': { S: 'hi' } },
    });
    expect(table.indexes.get('byStatus')?.ordered()[1]?.note).toEqual({ S: 'hi' });
    // Removing an index key attribute takes the item out of the index.
    table.updateItem({
      Key: order('c1', 'o1'),
      UpdateExpression: 'REMOVE #a',
      ExpressionAttributeNames: { '#a': 'at' },
    });
    expect(entries(table, 'byStatus')).toEqual(['c0/o0']);
    table.deleteItem({ Key: order('c0', 'o0') });
    expect(entries(table, 'byStatus')).toEqual([]);
    expect(table.indexes.get('byStatus')?.count).toBe(0);
  });

  it('is kept by batch writes and transactions', async () => {
    const { db } = await makeDb();
    const table = shop(db);
    db.batchWriteItem({
      RequestItems: {
        shop: [
          { PutRequest: { Item: order('a', '1', { owner: { B: new Uint8Array([2]) } }) } },
          { PutRequest: { Item: order('b', '1', { owner: { B: new Uint8Array([1]) } }) } },
        ],
      },
    });
    expect(entries(table, 'byOwner')).toEqual(['b/1', 'a/1']);
    db.transactWriteItems({
      TransactItems: [
        { Delete: { TableName: 'shop', Key: order('b', '1') } },
        {
          Update: {
            TableName: 'shop',
            Key: order('a', '1'),
            UpdateExpression: 'SET price = :p',
            ExpressionAttributeValues: { ':p': { N: '7' } },
          },
        },
      ],
    });
    expect(entries(table, 'byOwner')).toEqual(['a/1']);
    expect(entries(table, 'byPrice')).toEqual(['a/1']);
  });

  it('projects on read: KEYS_ONLY holds the table and index keys, INCLUDE adds its attributes, ALL is the item itself', async () => {
    const { db } = await makeDb();
    const table = shop(db);
    const item = order('a', '1', {
      owner: { B: new Uint8Array([1]) },
      price: { N: '3' },
      title: { S: 't' },
      status: { S: 's' },
      at: { N: '1' },
      extra: { S: 'x' },
    });
    table.putItem({ Item: item });
    const stored = table.indexes.get('byStatus')?.ordered()[0] as AttributeMap;
    expect(table.indexes.get('byStatus')?.project(stored)).toBe(stored);
    expect(Object.keys(table.indexes.get('byOwner')?.project(stored) ?? {}).sort()).toEqual(['owner', 'pk', 'sk']);
    expect(Object.keys(table.indexes.get('byPrice')?.project(stored) ?? {}).sort()).toEqual([
      'pk',
      'price',
      'sk',
      'title',
    ]);
  });

  it('never produces stream records of its own', async () => {
    const { db } = await makeDb();
    const table = shop(db);
    table.putItem({ Item: order('a', '1', { status: { S: 's' }, at: { N: '1' } }) });
    table.updateItem({
      Key: order('a', '1'),
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': { S: 't' } },
    });
    table.deleteItem({ Key: order('a', '1') });
    expect(recordsOf(db, table).map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
  });
});

describe('a write whose index key cannot be one', () => {
  const mismatch = (name: string, expected: string, actual: string, index: string) =>
    `One or more parameter values were invalid: Type mismatch for Index Key ${name} Expected: ${expected} Actual: ${actual} IndexName: ${index}`;

  const cases: { name: string; item: AttributeMap; message: string }[] = [
    { name: 'GSI partition key', item: { status: { N: '1' } }, message: mismatch('status', 'S', 'N', 'byStatus') },
    { name: 'GSI sort key', item: { at: { S: '1' } }, message: mismatch('at', 'N', 'S', 'byStatus') },
    { name: 'NULL', item: { owner: { NULL: true } }, message: mismatch('owner', 'B', 'NULL', 'byOwner') },
    { name: 'LSI sort key', item: { price: { SS: ['1'] } }, message: mismatch('price', 'N', 'SS', 'byPrice') },
    {
      name: 'empty string',
      item: { status: { S: '' } },
      message:
        'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: byStatus, IndexKey: status',
    },
    {
      name: 'empty binary',
      item: { owner: { B: new Uint8Array() } },
      message:
        'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty binary value. IndexName: byOwner, IndexKey: owner',
    },
    {
      name: 'partition key over 2048 bytes (before a type mismatch)',
      item: { status: { S: 'é'.repeat(1025) }, at: { S: 'x' } },
      message: 'One or more parameter values were invalid: Size limit exceeded',
    },
  ];

  for (const { name, item, message } of cases) {
    it(`is refused on put, batch and update: ${name}`, async () => {
      const { db } = await makeDb();
      const table = shop(db);
      table.putItem({ Item: order('a', '1', { status: { S: 'ok' }, at: { N: '1' } }) });
      const before = entries(table, 'byStatus');
      expectRejected(db, () => table.putItem({ Item: order('a', '1', item) }), ValidationException, message);
      expectRejected(
        db,
        () => db.batchWriteItem({ RequestItems: { shop: [{ PutRequest: { Item: order('b', '1', item) } }] } }),
        ValidationException,
        message,
      );
      const [attribute, value] = Object.entries(item)[0] as [string, NonNullable<AttributeMap[string]>];
      const updateMessage = message.replace(
        /A value specified for a secondary index key is not supported\. (.*) value\. IndexName: .*$/,
        'The update expression attempted to update a secondary index key to a value that is not supported. $1 value.',
      );
      expectRejected(
        db,
        () =>
          table.updateItem({
            Key: order('a', '1'),
            UpdateExpression: 'SET #k = :v',
            ExpressionAttributeNames: { '#k': attribute },
            ExpressionAttributeValues: { ':v': value },
          }),
        ValidationException,
        updateMessage,
      );
      expect(entries(table, 'byStatus')).toEqual(before);
    });
  }

  it('the sort key limit is 1024 bytes, the partition key limit 2048', async () => {
    const { db } = await makeDb();
    const table = shop(db);
    table.putItem({ Item: order('a', '1', { status: { S: 'x'.repeat(2048) }, at: { N: '1' } }) });
    table.putItem({ Item: order('a', '2', { price: { N: '1' }, status: { S: 'y' }, at: { N: '1' } }) });
    expect(entries(table, 'byStatus')).toHaveLength(2);
  });

  it('in a transaction: a Put is a ValidationError reason, other items evaluated; nothing is written', async () => {
    const { db } = await makeDb();
    const table = shop(db);
    const error = expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            { Put: { TableName: 'shop', Item: order('a', '1'), ConditionExpression: 'attribute_exists(zz)' } },
            { Put: { TableName: 'shop', Item: order('b', '1', { status: { N: '1' } }) } },
          ],
        }),
      TransactionCanceledException,
      'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, ValidationError]',
    );
    expect(error.CancellationReasons?.[1]).toEqual({
      Code: 'ValidationError',
      Message: mismatch('status', 'S', 'N', 'byStatus'),
    });
    // DynamoDB Local 2.9.30: a refused Put's key does not count as a second operation on the item.
    expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            { Put: { TableName: 'shop', Item: order('b', '1', { status: { N: '1' } }) } },
            { Put: { TableName: 'shop', Item: order('b', '1') } },
          ],
        }),
      TransactionCanceledException,
      'Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError, None]',
    );
    expect(table.itemCount).toBe(0);
  });

  it('in a transaction: an Update whose new item has a bad index key is a ValidationError reason', async () => {
    const { db } = await makeDb();
    const table = shop(db);
    table.putItem({ Item: order('a', '1') });
    expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            {
              Update: {
                TableName: 'shop',
                Key: order('a', '1'),
                UpdateExpression: 'SET #s = :s',
                ExpressionAttributeNames: { '#s': 'status' },
                ExpressionAttributeValues: { ':s': { BOOL: true } },
              },
            },
          ],
        }),
      TransactionCanceledException,
      'Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError]',
    );
    expect(entries(table, 'byStatus')).toEqual([]);
  });
});

describe('an index built later or read late', () => {
  it('a GSI added by UpdateTable leaves out items whose key value cannot be one; they can still be written and deleted', async () => {
    const { db } = await makeDb();
    const table = shop(db);
    table.putItem({ Item: order('a', '1', { region: { N: '1' } }) }); // N where the new GSI wants S
    table.putItem({ Item: order('b', '1', { region: { S: '' } }) }); // empty
    table.putItem({ Item: order('c', '1', { region: { S: 'eu' } }) });
    db.updateTable({
      TableName: 'shop',
      AttributeDefinitions: [{ AttributeName: 'region', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: 'byRegion',
            KeySchema: [{ AttributeName: 'region', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'ALL' },
          },
        },
      ],
    });
    expect(table.indexes.get('byRegion')?.count).toBe(1);
    expect(entries(table, 'byRegion')).toEqual(['c/1']);
    // Fixing the violation puts the item in; deleting a violating item leaves the index alone.
    table.putItem({ Item: order('a', '1', { region: { S: 'us' } }) });
    table.deleteItem({ Key: order('b', '1') });
    expect(entries(table, 'byRegion')).toEqual(['c/1', 'a/1']);
    expect(table.indexes.get('byRegion')?.count).toBe(2);
  });

  it('counts writes made before its first read, then sorts once and keeps order from there', async () => {
    const { db } = await makeDb();
    const table = shop(db);
    const ats = [5, 3, 9, 1, 7, 3];
    ats.forEach((at, i) =>
      table.putItem({ Item: order(`c${i}`, 'o', { status: { S: 'open' }, at: { N: String(at) } }) }),
    );
    table.deleteItem({ Key: order('c2', 'o') });
    table.updateItem({
      Key: order('c0', 'o'),
      UpdateExpression: 'SET #a = :a',
      ExpressionAttributeNames: { '#a': 'at' },
      ExpressionAttributeValues: { ':a': { N: '0' } },
    });
    const index = table.indexes.get('byStatus');
    expect(index?.count).toBe(5);
    expect(entries(table, 'byStatus')).toEqual(['c0/o', 'c3/o', 'c1/o', 'c5/o', 'c4/o']);
    table.putItem({ Item: order('c9', 'o', { status: { S: 'open' }, at: { N: '2' } }) });
    expect(entries(table, 'byStatus')).toEqual(['c0/o', 'c3/o', 'c9/o', 'c1/o', 'c5/o', 'c4/o']);
    expect(index?.partition({ S: 'open' })).toHaveLength(6);
  });
});
