/**
 * TransactWriteItems (db.transactWriteItems) and its document form (db.transactWrite): all or nothing, with
 * DynamoDB Local's messages and cancellation reasons (docs/ddb-local-observed-core.md, section 9; the
 * Put/Update/Delete reasons observed on DynamoDB Local 1.25.1).
 */
import { describe, expect, it } from 'vitest';
import {
  ResourceNotFoundException,
  TransactionCanceledException,
  ValidationException,
  type AttributeMap,
  type TransactWriteItem,
} from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

const SAME_ITEM = 'Transaction request cannot include multiple operations on one item';
const cancelled = (codes: string) =>
  `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes}]`;
const exists = (current: AttributeMap | undefined) => current !== undefined;
const notExists = (current: AttributeMap | undefined) => current === undefined;

async function batch9() {
  const fixture = await makeDb();
  const table = makeTable(fixture.db, { name: 'Batch9' });
  table.putItem({ Item: { id: { S: 'b1' } } });
  return { ...fixture, table };
}

const put = (id: string, table = 'Batch9'): TransactWriteItem => ({
  Put: { TableName: table, Item: { id: { S: id } } },
});

describe('db.transactWriteItems: request shape', () => {
  it('accepts 100 items and rejects 101', async () => {
    const { db, table } = await batch9();
    expectRejected(
      db,
      () => db.transactWriteItems({ TransactItems: Array.from({ length: 101 }, (_, i) => put(`t${i}`)) }),
      ValidationException,
      'Member must have length less than or equal to 100',
    );
    expect(db.transactWriteItems({ TransactItems: Array.from({ length: 100 }, (_, i) => put(`t${i}`)) })).toEqual({});
    expect(table.itemCount).toBe(101);
  });

  it('rejects an empty or missing list', async () => {
    const { db } = await batch9();
    const message =
      "Value [] at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1";
    expectRejected(db, () => db.transactWriteItems({ TransactItems: [] }), ValidationException, message);
    expectRejected(db, () => db.transactWriteItems({} as never), ValidationException, message);
  });

  it('rejects an item with no operation, and an item with two', async () => {
    const { db } = await batch9();
    expectRejected(
      db,
      () => db.transactWriteItems({ TransactItems: [{}] }),
      ValidationException,
      'Invalid Request: TransactWriteRequest should contain Delete or Put or Update request',
    );
    expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            {
              Put: { TableName: 'Batch9', Item: { id: { S: 'p' } } },
              Delete: { TableName: 'Batch9', Key: { id: { S: 'q' } } },
            },
          ],
        }),
      ValidationException,
      'TransactItems can only contain one of Check, Put, Update or Delete',
    );
  });

  it('rejects two operations on one item: Put + Put, Put + Delete, ConditionCheck + Put, number forms', async () => {
    const { db } = await batch9();
    expectRejected(
      db,
      () => db.transactWriteItems({ TransactItems: [put('same'), put('same')] }),
      ValidationException,
      SAME_ITEM,
    );
    expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [put('same'), { Delete: { TableName: 'Batch9', Key: { id: { S: 'same' } } } }],
        }),
      ValidationException,
      SAME_ITEM,
    );
    expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            { ConditionCheck: { TableName: 'Batch9', Key: { id: { S: 'b1' } }, condition: exists } },
            put('b1'),
          ],
        }),
      ValidationException,
      SAME_ITEM,
    );
    makeTable(db, { name: 'Nums', partitionKey: { name: 'n', type: 'N' } });
    expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            { Put: { TableName: 'Nums', Item: { n: { N: '1' } } } },
            { Put: { TableName: 'Nums', Item: { n: { N: '1.00' } } } },
          ],
        }),
      ValidationException,
      SAME_ITEM,
    );
  });

  it('rejects a nonexistent table', async () => {
    const { db } = await batch9();
    expectRejected(
      db,
      () => db.transactWriteItems({ TransactItems: [put('a', 'NoSuchTable')] }),
      ResourceNotFoundException,
      'Cannot do operations on a non-existent table',
    );
    expectRejected(
      db,
      () => db.transactWriteItems({ TransactItems: [put('a'), put('b', 'NoSuchTable')] }),
      ResourceNotFoundException,
      'Cannot do operations on a non-existent table',
    );
  });

  it('rejects a ConditionCheck without a condition function', async () => {
    const { db } = await batch9();
    expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [{ ConditionCheck: { TableName: 'Batch9', Key: { id: { S: 'b1' } } } as never }],
        }),
      ValidationException,
      'A ConditionCheck needs a ConditionExpression or `condition`, a predicate',
    );
  });
});

describe('db.transactWriteItems: conditions', () => {
  it('a failed ConditionCheck cancels the transaction with DynamoDB Local’s message and reasons', async () => {
    const { db } = await batch9();
    const error = expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            { ConditionCheck: { TableName: 'Batch9', Key: { id: { S: 'absent' } }, condition: exists } },
            put('tx-other'),
          ],
        }),
      TransactionCanceledException,
      cancelled('ConditionalCheckFailed, None'),
    );
    expect(error.CancellationReasons).toEqual([
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed.' },
      { Code: 'None' },
    ]);
  });

  it('with ReturnValuesOnConditionCheckFailure ALL_OLD the reason carries the item, first', async () => {
    const { db } = await batch9();
    const error = expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            put('tx-other2'),
            {
              ConditionCheck: {
                TableName: 'Batch9',
                Key: { id: { S: 'b1' } },
                condition: notExists,
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
          ],
        }),
      TransactionCanceledException,
      cancelled('None, ConditionalCheckFailed'),
    );
    // DynamoDB Local: {"Code":"None"},{"Item":{"id":{"S":"b1"}},"Code":"ConditionalCheckFailed","Message":"The conditional request failed."}
    expect(error.CancellationReasons).toEqual([
      { Code: 'None' },
      { Item: { id: { S: 'b1' } }, Code: 'ConditionalCheckFailed', Message: 'The conditional request failed.' },
    ]);
    expect(Object.keys(error.CancellationReasons[1]!)).toEqual(['Item', 'Code', 'Message']);
  });

  it('a failed Put, Update or Delete condition has no full stop in its reason (DynamoDB Local)', async () => {
    const { db } = await batch9();
    db.table('Batch9').putItem({ Item: { id: { S: 'a' }, v: { S: '1' } } });
    const error = expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            {
              Put: {
                TableName: 'Batch9',
                Item: { id: { S: 'a' }, q: { S: '1' } },
                condition: notExists,
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            { Delete: { TableName: 'Batch9', Key: { id: { S: 'b1' } }, condition: notExists } },
            {
              Update: {
                TableName: 'Batch9',
                Key: { id: { S: 'new' } },
                update: () => ({}),
                condition: exists,
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            { ConditionCheck: { TableName: 'Batch9', Key: { id: { S: 'absent' } }, condition: notExists } },
          ],
        }),
      TransactionCanceledException,
      cancelled('ConditionalCheckFailed, ConditionalCheckFailed, ConditionalCheckFailed, None'),
    );
    expect(error.CancellationReasons).toEqual([
      {
        Item: { id: { S: 'a' }, v: { S: '1' } },
        Code: 'ConditionalCheckFailed',
        Message: 'The conditional request failed',
      },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      // ALL_OLD on an absent item: no Item.
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
      { Code: 'None' },
    ]);
  });

  it('conditions see the items as they were before the transaction', async () => {
    const { db } = await batch9();
    const seen: (AttributeMap | undefined)[] = [];
    db.transactWriteItems({
      TransactItems: [
        {
          Put: {
            TableName: 'Batch9',
            Item: { id: { S: 'b1' }, v: { S: 'new' } },
            condition: (current) => (seen.push(current), true),
          },
        },
        {
          ConditionCheck: {
            TableName: 'Batch9',
            Key: { id: { S: 'x' } },
            condition: (current) => (seen.push(current), true),
          },
        },
      ],
    });
    expect(seen).toEqual([{ id: { S: 'b1' } }, undefined]);
  });

  it('is all or nothing across two tables: one failed condition, no write anywhere', async () => {
    const { db, table } = await batch9();
    const other = makeTable(db, { name: 'Other', sortKey: 'N', viewType: 'KEYS_ONLY' });
    other.putItem({ Item: { id: { S: 'o' }, sk: { N: '1' }, n: { N: '1' } } });
    other.putItem({ Item: { id: { S: 'o' }, sk: { N: '3' }, n: { N: '1' } } });
    const items: TransactWriteItem[] = [
      put('t1'),
      { Delete: { TableName: 'Batch9', Key: { id: { S: 'b1' } } } },
      {
        Update: {
          TableName: 'Other',
          Key: { id: { S: 'o' }, sk: { N: '1' } },
          update: (current) => ({ ...current, n: { N: '2' } }),
        },
      },
      { Put: { TableName: 'Other', Item: { id: { S: 'o' }, sk: { N: '2' } } } },
      {
        ConditionCheck: {
          TableName: 'Other',
          Key: { id: { S: 'o' }, sk: { N: '3' } },
          condition: (current) => current?.n?.N === '5',
        },
      },
    ];
    expectRejected(
      db,
      () => db.transactWriteItems({ TransactItems: items }),
      TransactionCanceledException,
      cancelled('None, None, None, None, ConditionalCheckFailed'),
    );
    // The same transaction with a condition that holds writes everything.
    items[4] = {
      ConditionCheck: {
        TableName: 'Other',
        Key: { id: { S: 'o' }, sk: { N: '3' } },
        condition: (current) => current?.n?.N === '1',
      },
    };
    expect(db.transactWriteItems({ TransactItems: items })).toEqual({});
    expect([...table.items()]).toEqual([{ id: { S: 't1' } }]);
    expect(other.getItem({ Key: { id: { S: 'o' }, sk: { N: '1' } } }).Item).toEqual({
      id: { S: 'o' },
      sk: { N: '1' },
      n: { N: '2' },
    });
    expect(other.itemCount).toBe(3);
    expect(recordsOf(db, table).map((record) => record.eventName)).toEqual(['INSERT', 'INSERT', 'REMOVE']);
    expect(recordsOf(db, other).map((record) => record.eventName)).toEqual(['INSERT', 'INSERT', 'MODIFY', 'INSERT']);
  });

  it('an invalid item fails the whole request before any condition is reported', async () => {
    const { db } = await batch9();
    expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            { Delete: { TableName: 'Batch9', Key: { id: { S: 'b1' } }, condition: notExists } },
            { Put: { TableName: 'Batch9', Item: { id: { S: 'a' }, q: { N: 'x' } } } },
          ],
        }),
      ValidationException,
      'A value provided cannot be converted into a number',
    );
  });
});

describe('db.transactWrite (document API)', () => {
  it('puts, updates, deletes and checks plain objects, all at once', async () => {
    const { db, table } = await batch9();
    table.put({ id: 'counter', n: 1 });
    db.transactWrite([
      { put: { table: 'Batch9', item: { id: 'p', tags: new Set(['a']) } } },
      {
        update: {
          table: 'Batch9',
          key: { id: 'counter' },
          update: (item) => ({ ...item, n: (item?.n as number) + 1 }),
        },
      },
      { delete: { table: 'Batch9', key: { id: 'b1' }, condition: (item) => item !== undefined } },
      { conditionCheck: { table: 'Batch9', key: { id: 'absent' }, condition: (item) => item === undefined } },
    ]);
    expect(table.get({ id: 'p' })).toEqual({ id: 'p', tags: new Set(['a']) });
    expect(table.get({ id: 'counter' })).toEqual({ id: 'counter', n: 2 });
    expect(table.get({ id: 'b1' })).toBeUndefined();
  });

  it('cancels with the same reasons when a condition fails', async () => {
    const { db } = await batch9();
    const error = expectRejected(
      db,
      () =>
        db.transactWrite([
          { put: { table: 'Batch9', item: { id: 'p' } } },
          { conditionCheck: { table: 'Batch9', key: { id: 'b1' }, condition: (item) => item === undefined } },
          { delete: { table: 'Batch9', key: { id: 'absent' }, condition: (item) => item !== undefined } },
        ]),
      TransactionCanceledException,
      cancelled('None, ConditionalCheckFailed, ConditionalCheckFailed'),
    );
    expect(error.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed.' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
  });

  it('rejects a second operation on one item', async () => {
    const { db } = await batch9();
    expectRejected(
      db,
      () =>
        db.transactWrite([
          { put: { table: 'Batch9', item: { id: 'x' } } },
          { update: { table: 'Batch9', key: { id: 'x' }, update: (item) => ({ ...item }) } },
        ]),
      ValidationException,
      SAME_ITEM,
    );
  });
});

describe('TransactionCanceledException', () => {
  it('is a DynamoDB client error with the AWS wire type', async () => {
    const { db } = await batch9();
    const error = expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [{ ConditionCheck: { TableName: 'Batch9', Key: { id: { S: 'b1' } }, condition: notExists } }],
        }),
      TransactionCanceledException,
      cancelled('ConditionalCheckFailed'),
    );
    expect(error.wireType).toBe('com.amazonaws.dynamodb.v20120810#TransactionCanceledException');
    expect(error.statusCode).toBe(400);
    expect(error.fault).toBe('client');
    expect(error.retryable).toBe(false);
  });
});
