/**
 * A call that throws changes nothing (ARCHITECTURE.md, invariant 8): after every rejected PutItem,
 * DeleteItem, UpdateItem, BatchWriteItem and TransactWriteItems, the tables (items, ItemCount,
 * TableSizeBytes) and the streams (shards, records) are exactly as before, and the next write is numbered
 * as if the rejected call had never been made.
 */
import { describe, expect, it } from 'vitest';
import {
  ConditionalCheckFailedException,
  ResourceNotFoundException,
  TransactionCanceledException,
  ValidationException,
  type AttributeMap,
  type Database,
  type DynamoDBError,
} from '../../src/index.js';
import { expectRejected, thrownBy } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { snapshot } from '../support/database-snapshot.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

const TOO_BIG = 'Item size has exceeded the maximum allowed size';
const NAN = 'A value provided cannot be converted into a number';

/** Two tables with a stream each, a few items, a few records. */
function setup(db: Database): void {
  const users = makeTable(db, { name: 'users' });
  const orders = makeTable(db, { name: 'orders', sortKey: 'N', viewType: 'NEW_IMAGE' });
  makeTable(db, { name: 'plain', viewType: null });
  users.putItem({ Item: { id: { S: 'u1' }, name: { S: 'Ann' }, tags: { SS: ['a', 'b'] } } });
  users.putItem({ Item: { id: { S: 'u2' }, name: { S: 'Bob' } } });
  orders.putItem({ Item: { id: { S: 'u1' }, sk: { N: '1' }, total: { N: '9.5' } } });
  db.table('plain').putItem({ Item: { id: { S: 'p1' } } });
}

type ErrorClass = abstract new (...args: never[]) => DynamoDBError;
type BadCall = [label: string, call: (db: Database) => unknown, type: ErrorClass, message: string];

const updateTo = (item: AttributeMap) => () => item;

const badCalls: BadCall[] = [
  // PutItem
  [
    'PutItem: invalid number',
    (db) => db.putItem({ TableName: 'users', Item: { id: { S: 'u1' }, n: { N: 'x' } } }),
    ValidationException,
    NAN,
  ],
  [
    'PutItem: missing key',
    (db) => db.putItem({ TableName: 'users', Item: { name: { S: 'x' } } }),
    ValidationException,
    'One of the required keys was not given a value',
  ],
  [
    'PutItem: too big',
    (db) => db.putItem({ TableName: 'users', Item: { id: { S: 'u1' }, d: { S: 'x'.repeat(409600) } } }),
    ValidationException,
    TOO_BIG,
  ],
  [
    'PutItem: ReturnValues ALL_NEW',
    (db) => db.putItem({ TableName: 'users', Item: { id: { S: 'u3' } }, ReturnValues: 'ALL_NEW' as never }),
    ValidationException,
    'Return values set to invalid value',
  ],
  [
    'PutItem: failed condition',
    (db) =>
      db.putItem({ TableName: 'users', Item: { id: { S: 'u1' } }, condition: (current) => current === undefined }),
    ConditionalCheckFailedException,
    'The conditional request failed',
  ],
  [
    'PutItem: a ConditionExpression that does not hold',
    (db) => db.putItem({ TableName: 'users', Item: { id: { S: 'u9' } }, ConditionExpression: 'attribute_exists(id)' }),
    ConditionalCheckFailedException,
    'The conditional request failed',
  ],
  [
    'PutItem: a ConditionExpression with a syntax error',
    (db) => db.putItem({ TableName: 'users', Item: { id: { S: 'u9' } }, ConditionExpression: 'attribute_exists(id' }),
    ValidationException,
    'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "id"',
  ],
  [
    'UpdateItem: arithmetic on an attribute the item does not have',
    (db) =>
      db.updateItem({
        TableName: 'users',
        Key: { id: { S: 'u1' } },
        UpdateExpression: 'SET #n = :v, visits = visits + :one',
        ExpressionAttributeNames: { '#n': 'name' },
        ExpressionAttributeValues: { ':v': { S: 'Anne' }, ':one': { N: '1' } },
      }),
    ValidationException,
    'The provided expression refers to an attribute that does not exist in the item',
  ],
  [
    'UpdateItem: an UpdateExpression whose result passes 400 KB',
    (db) =>
      db.updateItem({
        TableName: 'users',
        Key: { id: { S: 'u1' } },
        UpdateExpression: 'SET a = :big, b = :big',
        ExpressionAttributeValues: { ':big': { S: 'x'.repeat(250_000) } },
      }),
    ValidationException,
    'Item size to update has exceeded the maximum allowed size',
  ],
  [
    'PutItem: ReturnValuesOnConditionCheckFailure BOGUS',
    (db) =>
      db.putItem({
        TableName: 'users',
        Item: { id: { S: 'u9' } },
        ReturnValuesOnConditionCheckFailure: 'BOGUS' as never,
      }),
    ValidationException,
    "1 validation error detected: Value 'BOGUS' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]",
  ],
  [
    'PutItem: unknown table',
    (db) => db.putItem({ TableName: 'nope', Item: { id: { S: 'u1' } } }),
    ResourceNotFoundException,
    'Cannot do operations on a non-existent table',
  ],
  [
    'PutItem (document): NaN',
    (db) => db.table('users').put({ id: 'u1', n: Number.NaN }),
    ValidationException,
    'One or more parameter values were invalid: Special numeric value NaN is not allowed',
  ],
  // DeleteItem
  [
    'DeleteItem: key of the wrong type',
    (db) => db.deleteItem({ TableName: 'users', Key: { id: { N: '1' } } }),
    ValidationException,
    'One or more parameter values were invalid: Type mismatch for key',
  ],
  [
    'DeleteItem: ReturnValues ALL_NEW',
    (db) => db.deleteItem({ TableName: 'users', Key: { id: { S: 'u1' } }, ReturnValues: 'ALL_NEW' as never }),
    ValidationException,
    'Return values set to invalid value',
  ],
  [
    'DeleteItem: failed condition',
    (db) => db.deleteItem({ TableName: 'users', Key: { id: { S: 'u1' } }, condition: () => false }),
    ConditionalCheckFailedException,
    'The conditional request failed',
  ],
  [
    'DeleteItem (document): failed condition',
    (db) => db.table('users').delete({ id: 'u1' }, { condition: (item) => item?.name === 'Zed' }),
    ConditionalCheckFailedException,
    'The conditional request failed',
  ],
  // UpdateItem
  [
    'UpdateItem: changes a key attribute',
    (db) => db.updateItem({ TableName: 'users', Key: { id: { S: 'u1' } }, update: updateTo({ id: { S: 'u7' } }) }),
    ValidationException,
    'One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key',
  ],
  [
    'UpdateItem: new item invalid',
    (db) => db.updateItem({ TableName: 'users', Key: { id: { S: 'u1' } }, update: updateTo({ s: { SS: [] } }) }),
    ValidationException,
    'One or more parameter values were invalid: An string set  may not be empty',
  ],
  [
    "UpdateItem: new item too big (UpdateItem's own wording)",
    (db) =>
      db.updateItem({
        TableName: 'users',
        Key: { id: { S: 'u1' } },
        update: updateTo({ d: { S: 'x'.repeat(409600) } }),
      }),
    ValidationException,
    'Item size to update has exceeded the maximum allowed size',
  ],
  [
    'UpdateItem: failed condition',
    (db) =>
      db.updateItem({ TableName: 'users', Key: { id: { S: 'u1' } }, update: updateTo({}), condition: () => false }),
    ConditionalCheckFailedException,
    'The conditional request failed',
  ],
  [
    'UpdateItem: ReturnValues BOGUS',
    (db) =>
      db.updateItem({
        TableName: 'users',
        Key: { id: { S: 'u1' } },
        update: updateTo({}),
        ReturnValues: 'BOGUS' as never,
      }),
    ValidationException,
    'Return values set to invalid value',
  ],
  [
    'UpdateItem: update returns nothing',
    (db) => db.updateItem({ TableName: 'users', Key: { id: { S: 'u1' } }, update: () => undefined as never }),
    ValidationException,
    'The update function must return the new item (an AttributeValue map)',
  ],
  [
    'UpdateItem (document): key missing from Key',
    (db) => db.table('orders').update({ id: 'u1' }, (item) => ({ ...item })),
    ValidationException,
    'The number of conditions on the keys is invalid',
  ],
  // BatchWriteItem
  [
    'BatchWriteItem: 26 requests',
    (db) =>
      db.batchWriteItem({
        RequestItems: {
          users: Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { id: { S: `b${i}` } } } })),
        },
      }),
    ValidationException,
    'Too many items requested for the BatchWriteItem call',
  ],
  [
    'BatchWriteItem: bad item after good ones',
    (db) =>
      db.batchWriteItem({
        RequestItems: {
          users: [{ PutRequest: { Item: { id: { S: 'b1' } } } }, { DeleteRequest: { Key: { id: { S: 'u1' } } } }],
          orders: [{ PutRequest: { Item: { id: { S: 'b2' }, sk: { N: 'x' } } } }],
        },
      }),
    ValidationException,
    NAN,
  ],
  [
    'BatchWriteItem: a put and a delete of one key',
    (db) =>
      db.batchWriteItem({
        RequestItems: {
          users: [
            { PutRequest: { Item: { id: { S: 'u1' }, v: { S: '1' } } } },
            { DeleteRequest: { Key: { id: { S: 'u1' } } } },
          ],
        },
      }),
    ValidationException,
    'Provided list of item keys contains duplicates',
  ],
  [
    'BatchWriteItem: unknown second table',
    (db) =>
      db.batchWriteItem({
        RequestItems: {
          users: [{ DeleteRequest: { Key: { id: { S: 'u2' } } } }],
          nope: [{ PutRequest: { Item: { id: { S: 'a' } } } }],
        },
      }),
    ResourceNotFoundException,
    'Cannot do operations on a non-existent table',
  ],
  [
    'BatchWriteItem (document): duplicate keys',
    (db) => db.table('users').batchWrite([{ put: { id: 'z' } }, { delete: { id: 'u1' } }, { put: { id: 'z', v: 2 } }]),
    ValidationException,
    'Provided list of item keys contains duplicates',
  ],
  // TransactWriteItems
  [
    'TransactWriteItems: one failed condition among good writes',
    (db) =>
      db.transactWriteItems({
        TransactItems: [
          { Put: { TableName: 'users', Item: { id: { S: 't1' } } } },
          { Delete: { TableName: 'orders', Key: { id: { S: 'u1' }, sk: { N: '1' } } } },
          { ConditionCheck: { TableName: 'users', Key: { id: { S: 'u2' } }, condition: () => false } },
        ],
      }),
    TransactionCanceledException,
    'Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]',
  ],
  [
    'TransactWriteItems: bad item',
    (db) =>
      db.transactWriteItems({
        TransactItems: [
          { Put: { TableName: 'users', Item: { id: { S: 't1' } } } },
          { Put: { TableName: 'plain', Item: { id: { S: '' } } } },
        ],
      }),
    ValidationException,
    'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id',
  ],
  [
    'TransactWriteItems: same item twice',
    (db) =>
      db.transactWriteItems({
        TransactItems: [
          { Put: { TableName: 'users', Item: { id: { S: 'u2' } } } },
          { Delete: { TableName: 'users', Key: { id: { S: 'u2' } } } },
        ],
      }),
    ValidationException,
    'Transaction request cannot include multiple operations on one item',
  ],
  [
    'TransactWriteItems: 101 items',
    (db) =>
      db.transactWriteItems({
        TransactItems: Array.from({ length: 101 }, (_, i) => ({
          Put: { TableName: 'users', Item: { id: { S: `t${i}` } } },
        })),
      }),
    ValidationException,
    'Member must have length less than or equal to 100',
  ],
  [
    'TransactWriteItems: a ConditionExpression that does not hold, after a write that would succeed',
    (db) =>
      db.transactWriteItems({
        TransactItems: [
          {
            Update: {
              TableName: 'users',
              Key: { id: { S: 'u2' } },
              UpdateExpression: 'SET visits = if_not_exists(visits, :zero) + :one',
              ExpressionAttributeValues: { ':zero': { N: '0' }, ':one': { N: '1' } },
            },
          },
          {
            Delete: {
              TableName: 'users',
              Key: { id: { S: 'u1' } },
              ConditionExpression: 'attribute_not_exists(id)',
            },
          },
        ],
      }),
    TransactionCanceledException,
    'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
  ],
  [
    'TransactWriteItems: unknown table',
    (db) =>
      db.transactWriteItems({
        TransactItems: [
          { Put: { TableName: 'users', Item: { id: { S: 't1' } } } },
          { Put: { TableName: 'nope', Item: { id: { S: 't2' } } } },
        ],
      }),
    ResourceNotFoundException,
    'Cannot do operations on a non-existent table',
  ],
  [
    'transactWrite (document): failed condition',
    (db) =>
      db.transactWrite([
        { put: { table: 'plain', item: { id: 'p2' } } },
        {
          update: {
            table: 'users',
            key: { id: 'u1' },
            update: (item) => ({ ...item, name: 'Anne' }),
            condition: (item) => item?.name === 'Zed',
          },
        },
      ]),
    TransactionCanceledException,
    'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
  ],
];

describe('a rejected write leaves tables and streams exactly as they were', () => {
  it.each(badCalls)('%s', async (_label, call, type, message) => {
    const { db } = await makeDb();
    setup(db);
    expectRejected(db, () => call(db), type, message);
  });
});

describe('a rejected write leaves no trace in what comes next', () => {
  it.each(badCalls)('%s: the next writes are numbered as if it had never been made', async (_label, call) => {
    const a = await makeDb();
    const b = await makeDb();
    setup(a.db);
    setup(b.db);
    thrownBy(() => call(a.db));
    for (const { db } of [a, b]) {
      db.table('users').putItem({ Item: { id: { S: 'after' } } });
      db.table('orders').updateItem({
        Key: { id: { S: 'u1' }, sk: { N: '1' } },
        update: (current) => ({ ...current, total: { N: '10' } }),
      });
    }
    expect(snapshot(a.db)).toEqual(snapshot(b.db));
  });
});

describe('exceptions thrown by the caller’s own functions', () => {
  it('a condition or an updater that throws propagates its error and changes nothing', async () => {
    const { db } = await makeDb();
    setup(db);
    const before = snapshot(db);
    const boom = new Error('boom');
    const fail = () => {
      throw boom;
    };
    expect(thrownBy(() => db.putItem({ TableName: 'users', Item: { id: { S: 'u1' } }, condition: fail }))).toBe(boom);
    expect(thrownBy(() => db.updateItem({ TableName: 'users', Key: { id: { S: 'u1' } }, update: fail }))).toBe(boom);
    expect(
      thrownBy(() =>
        db.transactWriteItems({
          TransactItems: [
            { Put: { TableName: 'users', Item: { id: { S: 'x' } } } },
            { Update: { TableName: 'orders', Key: { id: { S: 'u1' }, sk: { N: '1' } }, update: fail } },
          ],
        }),
      ),
    ).toBe(boom);
    expect(
      thrownBy(() =>
        db.transactWriteItems({
          TransactItems: [
            { Put: { TableName: 'users', Item: { id: { S: 'x' } } } },
            { ConditionCheck: { TableName: 'orders', Key: { id: { S: 'u1' }, sk: { N: '1' } }, condition: fail } },
          ],
        }),
      ),
    ).toBe(boom);
    expect(snapshot(db)).toEqual(before);
  });
});

describe('the snapshot helper sees every kind of change', () => {
  it('an item, a record, a table: each changes the snapshot', async () => {
    const { db } = await makeDb();
    setup(db);
    const before = snapshot(db);
    db.table('plain').putItem({ Item: { id: { S: 'p2' } } }); // no stream: only the items and the description change
    expect(snapshot(db)).not.toEqual(before);
    const middle = snapshot(db);
    db.table('users').putItem({ Item: { id: { S: 'u1' }, name: { S: 'Ann' }, tags: { SS: ['a', 'c'] } } });
    expect(snapshot(db)).not.toEqual(middle);
    expect(recordsOf(db, db.table('users'))).toHaveLength(3);
  });
});
