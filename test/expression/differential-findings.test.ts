/**
 * What the random differential suite (conformance/random-expressions.test.ts) found shardline answering otherwise
 * than DynamoDB Local 2.9.30, each pinned here so it runs in `npm test` without DynamoDB Local.
 */
import { describe, expect, it } from 'vitest';
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
  ValidationException,
  type Database,
} from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { makeTable } from '../support/tables.js';

const KEY = { id: { S: 'a' }, sk: { N: '1' } };
const SCALARS = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key:";

async function withItem(): Promise<Database> {
  const { db } = await makeDb();
  makeTable(db, { sortKey: 'N' }).putItem({ Item: { ...KEY, n: { N: '5' } } });
  return db;
}

describe('found by the differential suite', () => {
  it('a path into a key attribute is refused wherever it is read, the partition key named first', async () => {
    const db = await withItem();
    const table = db.table('items');
    expectRejected(
      db,
      () => table.putItem({ Item: KEY, ConditionExpression: 'attribute_exists(sk.p)' }),
      ValidationException,
      `${SCALARS} sk`,
    );
    expectRejected(
      db,
      () => table.getItem({ Key: KEY, ProjectionExpression: 'sk.p, id.q' }),
      ValidationException,
      `${SCALARS} id`,
    );
    expectRejected(
      db,
      () => table.updateItem({ Key: KEY, UpdateExpression: 'SET x = if_not_exists(id.a, n)' }),
      ValidationException,
      `${SCALARS} id`,
    );
    // A transaction's ConditionCheck is evaluated: the path does not exist.
    const cancelled = expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            { ConditionCheck: { TableName: 'items', Key: KEY, ConditionExpression: 'attribute_exists(sk.p)' } },
          ],
        }),
      TransactionCanceledException,
      'Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed]',
    );
    expect(cancelled.CancellationReasons[0]?.Code).toBe('ConditionalCheckFailed');
  });

  it('an update of a key attribute is refused when applied: after the condition, and in a transaction as a reason', async () => {
    const db = await withItem();
    const table = db.table('items');
    expectRejected(
      db,
      () =>
        table.updateItem({ Key: KEY, UpdateExpression: 'REMOVE sk', ConditionExpression: 'attribute_not_exists(id)' }),
      ConditionalCheckFailedException,
      'The conditional request failed',
    );
    expectRejected(
      db,
      () => table.updateItem({ Key: KEY, UpdateExpression: 'REMOVE sk' }),
      ValidationException,
      'One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key',
    );
    const cancelled = expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            { Update: { TableName: 'items', Key: KEY, UpdateExpression: 'SET sk = n' } },
            { Put: { TableName: 'items', Item: { ...KEY, sk: { N: '2' } } } },
          ],
        }),
      TransactionCanceledException,
      'Transaction cancelled, please refer cancellation reasons for specific reasons [ValidationError]',
    );
    expect(cancelled.CancellationReasons).toEqual([
      {
        Code: 'ValidationError',
        Message:
          'One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key',
      },
    ]);
  });

  it('a transaction checks every item before it evaluates any', async () => {
    const db = await withItem();
    expectRejected(
      db,
      () =>
        db.transactWriteItems({
          TransactItems: [
            { Update: { TableName: 'items', Key: KEY, UpdateExpression: 'SET x = nothere + n' } },
            {
              Update: { TableName: 'items', Key: { ...KEY, sk: { N: '2' } }, UpdateExpression: 'SET a = n SET b = n' },
            },
          ],
        }),
      ValidationException,
      'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
    );
  });

  it('key conditions: no empty key value; the partition key missed before a value type; bounds quoted as written', async () => {
    const db = await withItem();
    const table = db.table('items');
    const query = (KeyConditionExpression: string, values: Record<string, { S: string } | { N: string }>) => () =>
      table.query({ KeyConditionExpression, ExpressionAttributeValues: values });
    expectRejected(
      db,
      query('id = :v', { ':v': { S: '' } }),
      ValidationException,
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id',
    );
    expectRejected(
      db,
      query('sk = :v', { ':v': { S: 'x' } }),
      ValidationException,
      'Query condition missed key schema element: id',
    );
    expectRejected(
      db,
      query('id = :v AND sk BETWEEN :lo AND :hi', { ':v': { S: 'a' }, ':lo': { N: '2' }, ':hi': { N: '01' } }),
      ValidationException,
      'Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:2}, upper bound operand: AttributeValue: {N:01}',
    );
  });

  it('updates: reserved words before a clause used twice; size and convert are names; a bare SET operand before REMOVE', async () => {
    const db = await withItem();
    const table = db.table('items');
    expectRejected(
      db,
      () => table.updateItem({ Key: KEY, UpdateExpression: 'SET a = n SET b = status' }),
      ValidationException,
      'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status',
    );
    expectRejected(
      db,
      () =>
        table.putItem({
          Item: KEY,
          ConditionExpression: 'attribute_exists(n) AND size(n) AND attribute_exists(status)',
        }),
      ValidationException,
      'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size',
    );
    table.updateItem({ Key: KEY, UpdateExpression: 'SET size = n, convert = n' });
    expect(table.getItem({ Key: KEY, ProjectionExpression: 'size, convert' }).Item).toEqual({
      size: { N: '5' },
      convert: { N: '5' },
    });
    expectRejected(
      db,
      () => table.updateItem({ Key: KEY, UpdateExpression: 'SET m = nothere REMOVE nothere.p' }),
      ValidationException,
      'The provided expression refers to an attribute that does not exist in the item',
    );
  });

  it('size(:value) is the size of the value; of a boolean it is an operand of the wrong type', async () => {
    const db = await withItem();
    const table = db.table('items');
    const put = (values: Record<string, unknown>) => () =>
      table.putItem({ Item: KEY, ConditionExpression: 'size(:v) = :w', ExpressionAttributeValues: values as never });
    put({ ':v': { S: 'abc' }, ':w': { N: '3' } })();
    expectRejected(
      db,
      put({ ':v': { S: 'abc' }, ':w': { N: '4' } }),
      ConditionalCheckFailedException,
      'The conditional request failed',
    );
    expectRejected(
      db,
      put({ ':v': { BOOL: true }, ':w': { N: '4' } }),
      ValidationException,
      'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: BOOL',
    );
  });
});
