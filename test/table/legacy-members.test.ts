/**
 * The typed API takes the legacy Expected, ConditionalOperator and AttributeUpdates itself (they used to be refused
 * as "not supported by shardline's typed API yet"): translated to the syntax tree, in the order DynamoDB Local 2.9.30
 * reports their problems, as the wire does; a transaction's items ignore them, as DynamoDB Local does.
 */
import { describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException, ValidationException } from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { eventNames, recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

const key = { id: { S: 'k' } };
const FAILED = 'The conditional request failed';

async function fixture() {
  const { db } = await makeDb();
  return { db, table: makeTable(db) };
}

describe('the typed API takes the legacy members', () => {
  it('putItem: Expected Exists false makes a conditional create; the second put fails and writes nothing', async () => {
    const { db, table } = await fixture();
    const put = () => table.putItem({ Item: { ...key, a: { S: 'x' } }, Expected: { id: { Exists: false } } });
    expect(put()).toEqual({});
    expectRejected(db, put, ConditionalCheckFailedException, FAILED);
    expect(eventNames(recordsOf(db, table))).toEqual(['INSERT']);
  });

  it('deleteItem: Expected conditions combined by ConditionalOperator OR', async () => {
    const { db, table } = await fixture();
    table.putItem({ Item: { ...key, n: { N: '5' } } });
    const expected = {
      n: { ComparisonOperator: 'GT' as const, AttributeValueList: [{ N: '9' }] },
      gone: { ComparisonOperator: 'NULL' as const },
    };
    expectRejected(
      db,
      () => table.deleteItem({ Key: key, Expected: expected }),
      ConditionalCheckFailedException,
      FAILED,
    );
    expect(
      table.deleteItem({ Key: key, Expected: expected, ConditionalOperator: 'OR', ReturnValues: 'ALL_OLD' }),
    ).toEqual({ Attributes: { ...key, n: { N: '5' } } });
  });

  it('updateItem: AttributeUpdates under Expected; UPDATED_NEW is every attribute it names', async () => {
    const { table } = await fixture();
    table.putItem({ Item: { ...key, status: { S: 'open' }, note: { S: 'n' }, tags: { SS: ['a', 'b'] } } });
    const out = table.updateItem({
      Key: key,
      Expected: { status: { Value: { S: 'open' } } },
      AttributeUpdates: {
        total: { Action: 'ADD', Value: { N: '8' } },
        status: { Value: { S: 'open' } },
        note: { Action: 'DELETE' },
        tags: { Action: 'DELETE', Value: { SS: ['a'] } },
      },
      ReturnValues: 'UPDATED_NEW',
    });
    expect(out).toEqual({ Attributes: { total: { N: '8' }, status: { S: 'open' }, tags: { SS: ['b'] } } });
    expect(table.getItem({ Key: key }).Item).toEqual({
      ...key,
      status: { S: 'open' },
      total: { N: '8' },
      tags: { SS: ['b'] },
    });
  });

  it('updateItem: a type mismatch is the legacy text; a bad value under a failing condition is the condition', async () => {
    const { db, table } = await fixture();
    table.putItem({ Item: { ...key, s: { S: 'text' } } });
    expectRejected(
      db,
      () => table.updateItem({ Key: key, AttributeUpdates: { s: { Action: 'ADD', Value: { N: '1' } } } }),
      ValidationException,
      'Type mismatch for attribute to update',
    );
    expectRejected(
      db,
      () =>
        table.updateItem({
          Key: key,
          Expected: { s: { Value: { S: 'other' } } },
          AttributeUpdates: { e: { Action: 'PUT', Value: { SS: [] } } },
        }),
      ConditionalCheckFailedException,
      FAILED,
    );
  });

  it('deleteItem and updateItem read Expected before the key; mixing with an expression is AWS error', async () => {
    const { db, table } = await fixture();
    const bad = { a: { Exists: false, Value: { S: 'v' } } };
    const text =
      'One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a';
    expectRejected(db, () => table.deleteItem({ Key: { id: { N: '1' } }, Expected: bad }), ValidationException, text);
    expectRejected(db, () => table.updateItem({ Key: { id: { N: '1' } }, Expected: bad }), ValidationException, text);
    expectRejected(
      db,
      () =>
        table.putItem({ Item: key, Expected: { a: { Exists: false } }, ConditionExpression: 'attribute_exists(a)' }),
      ValidationException,
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}',
    );
    expectRejected(
      db,
      () => table.putItem({ Item: key, ConditionalOperator: 'AND' }),
      ValidationException,
      'ConditionalOperator cannot be used without Filter or Expected',
    );
  });

  it('a transaction item ignores them, as DynamoDB Local 2.9.30 does (they are not in its model)', async () => {
    const { db, table } = await fixture();
    table.putItem({ Item: key });
    db.transactWriteItems({
      TransactItems: [
        { Put: { TableName: 'items', Item: { ...key, x: { S: '1' } }, Expected: { id: { Exists: false } } } as never },
      ],
    });
    expect(table.getItem({ Key: key }).Item).toEqual({ ...key, x: { S: '1' } });
  });
});
