/**
 * ReturnValues, conditions (predicates for now) and ReturnValuesOnConditionCheckFailure, with the answers and
 * messages DynamoDB Local gives (docs/ddb-local-observed-core.md, sections 7 and 9; UpdateItem return values
 * observed on DynamoDB Local 1.25.1).
 */
import { describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException, ValidationException, type AttributeMap } from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { recordsOf } from '../support/stream-reads.js';
import { makeTable } from '../support/tables.js';

const INVALID_RETURN = 'Return values set to invalid value';
const FAILED = 'The conditional request failed';

async function items7() {
  const fixture = await makeDb();
  const table = makeTable(fixture.db, { name: 'Items7', sortKey: 'N' });
  return { ...fixture, table };
}

const rv = { id: { S: 'rv' }, sk: { N: '1' } };

describe('PutItem ReturnValues', () => {
  it('ALL_OLD returns nothing for a new item and the old item when it replaces one; NONE returns nothing', async () => {
    const { table } = await items7();
    expect(table.putItem({ Item: { ...rv, a: { S: 'first' } }, ReturnValues: 'ALL_OLD' })).toEqual({});
    expect(table.putItem({ Item: { ...rv, a: { S: 'second' } }, ReturnValues: 'ALL_OLD' })).toEqual({
      Attributes: { sk: { N: '1' }, a: { S: 'first' }, id: { S: 'rv' } },
    });
    expect(table.putItem({ Item: { ...rv, a: { S: 'third' } }, ReturnValues: 'NONE' })).toEqual({});
    expect(table.putItem({ Item: { ...rv, a: { S: 'fourth' } } })).toEqual({});
  });

  it.each(['ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW', 'BOGUS'])('%s is not a PutItem return value', async (value) => {
    const { db, table } = await items7();
    table.putItem({ Item: { ...rv, a: { S: 'x' } } });
    expectRejected(
      db,
      () => table.putItem({ Item: { ...rv, a: { S: 'y' } }, ReturnValues: value as never }),
      ValidationException,
      INVALID_RETURN,
    );
  });
});

describe('DeleteItem ReturnValues', () => {
  it('ALL_OLD returns the deleted item, and nothing for an absent key', async () => {
    const { table } = await items7();
    table.putItem({ Item: { ...rv, a: { S: 'third' } } });
    expect(table.deleteItem({ Key: rv, ReturnValues: 'ALL_OLD' })).toEqual({
      Attributes: { sk: { N: '1' }, a: { S: 'third' }, id: { S: 'rv' } },
    });
    expect(table.deleteItem({ Key: rv, ReturnValues: 'ALL_OLD' })).toEqual({});
    table.putItem({ Item: rv });
    expect(table.deleteItem({ Key: rv, ReturnValues: 'NONE' })).toEqual({});
    expect(table.itemCount).toBe(0);
  });

  it.each(['ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW', 'BOGUS'])('%s is not a DeleteItem return value', async (value) => {
    const { db, table } = await items7();
    table.putItem({ Item: rv });
    expectRejected(
      db,
      () => table.deleteItem({ Key: rv, ReturnValues: value as never }),
      ValidationException,
      INVALID_RETURN,
    );
  });
});

describe('UpdateItem ReturnValues', () => {
  const set = (name: string, value: string) => (current: AttributeMap | undefined) => ({
    ...current,
    [name]: { S: value },
  });

  it('on an absent item: ALL_OLD and UPDATED_OLD return nothing, ALL_NEW the item, UPDATED_NEW only what was set', async () => {
    const { table } = await items7();
    const key = (id: string) => ({ id: { S: id }, sk: { N: '1' } });
    expect(table.updateItem({ Key: key('a'), update: set('x', '1'), ReturnValues: 'UPDATED_NEW' })).toEqual({
      Attributes: { x: { S: '1' } },
    });
    expect(table.updateItem({ Key: key('b'), update: set('x', '1'), ReturnValues: 'UPDATED_OLD' })).toEqual({});
    expect(table.updateItem({ Key: key('c'), update: set('x', '1'), ReturnValues: 'ALL_OLD' })).toEqual({});
    expect(table.updateItem({ Key: key('d'), update: set('x', '1'), ReturnValues: 'ALL_NEW' })).toEqual({
      Attributes: { x: { S: '1' }, id: { S: 'd' }, sk: { N: '1' } },
    });
    expect(table.updateItem({ Key: key('e'), update: set('x', '1') })).toEqual({});
    expect(table.updateItem({ Key: key('f'), update: () => ({}), ReturnValues: 'ALL_NEW' })).toEqual({
      Attributes: { id: { S: 'f' }, sk: { N: '1' } },
    });
    expect(table.updateItem({ Key: key('g'), update: () => ({}), ReturnValues: 'UPDATED_NEW' })).toEqual({});
  });

  it('on an existing item: the changed attributes, old or new, and the whole item', async () => {
    const { table } = await items7();
    table.putItem({ Item: { ...rv, x: { S: '1' }, keep: { N: '5' } } });
    // SET y = "2" REMOVE x: UPDATED_OLD is the removed x (y did not exist before).
    const setYRemoveX = (current: AttributeMap | undefined) => {
      const { x: _removed, ...rest } = current as AttributeMap;
      return { ...rest, y: { S: '2' } };
    };
    expect(table.updateItem({ Key: rv, update: setYRemoveX, ReturnValues: 'UPDATED_OLD' })).toEqual({
      Attributes: { x: { S: '1' } },
    });
    // SET x = "3" REMOVE y: UPDATED_NEW is the new x (y is gone).
    const setXRemoveY = (current: AttributeMap | undefined) => {
      const { y: _removed, ...rest } = current as AttributeMap;
      return { ...rest, x: { S: '3' } };
    };
    expect(table.updateItem({ Key: rv, update: setXRemoveY, ReturnValues: 'UPDATED_NEW' })).toEqual({
      Attributes: { x: { S: '3' } },
    });
    expect(table.updateItem({ Key: rv, update: set('x', '4'), ReturnValues: 'ALL_OLD' })).toEqual({
      Attributes: { ...rv, x: { S: '3' }, keep: { N: '5' } },
    });
    expect(table.updateItem({ Key: rv, update: set('x', '5'), ReturnValues: 'ALL_NEW' })).toEqual({
      Attributes: { ...rv, x: { S: '5' }, keep: { N: '5' } },
    });
    // REMOVE x: nothing new to return.
    const removeX = (current: AttributeMap | undefined) => {
      const { x: _removed, ...rest } = current as AttributeMap;
      return rest;
    };
    expect(table.updateItem({ Key: rv, update: removeX, ReturnValues: 'UPDATED_NEW' })).toEqual({});
    expect(table.getItem({ Key: rv }).Item).toEqual({ ...rv, keep: { N: '5' } });
  });

  it('rejects an unknown ReturnValues', async () => {
    const { db, table } = await items7();
    expectRejected(
      db,
      () => table.updateItem({ Key: rv, update: set('x', '1'), ReturnValues: 'BOGUS' as never }),
      ValidationException,
      INVALID_RETURN,
    );
  });

  it('rejects an update that changes a key attribute, accepts one that keeps it (in any number form)', async () => {
    const { db, table } = await items7();
    table.putItem({ Item: { ...rv, a: { S: 'x' } } });
    const message = (name: string) =>
      `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`;
    expectRejected(
      db,
      () => table.updateItem({ Key: rv, update: (current) => ({ ...current, id: { S: 'other' } }) }),
      ValidationException,
      message('id'),
    );
    expectRejected(
      db,
      () => table.updateItem({ Key: rv, update: (current) => ({ ...current, sk: { N: '2' } }) }),
      ValidationException,
      message('sk'),
    );
    expectRejected(
      db,
      () => table.updateItem({ Key: rv, update: (current) => ({ ...current, sk: { S: '1' } }) }),
      ValidationException,
      message('sk'),
    );
    table.updateItem({ Key: rv, update: (current) => ({ ...current, sk: { N: '1.0' }, a: { S: 'y' } }) });
    table.updateItem({ Key: { id: { S: 'rv' }, sk: { N: '01' } }, update: () => ({ a: { S: 'z' } }) });
    expect(table.getItem({ Key: rv }).Item).toEqual({ ...rv, a: { S: 'z' } });
    expect(table.itemCount).toBe(1);
  });

  it('an UpdateItem with neither UpdateExpression nor `update` creates an absent item with its key alone, as AWS', async () => {
    const { table } = await items7();
    const key = { id: { S: 'bare' }, sk: { N: '1' } };
    expect(table.updateItem({ Key: key, ReturnValues: 'ALL_NEW' })).toEqual({ Attributes: key });
    expect(table.updateItem({ Key: rv, ReturnValues: 'UPDATED_NEW' })).toEqual({});
  });
});

describe('conditions', () => {
  it('are called with the current item, or undefined when it is absent', async () => {
    const { table } = await items7();
    const seen: (AttributeMap | undefined)[] = [];
    const record = (current: AttributeMap | undefined) => {
      seen.push(current);
      return true;
    };
    table.putItem({ Item: { ...rv, a: { N: '01.0' } }, condition: record });
    table.updateItem({ Key: rv, update: (current) => ({ ...current, b: { S: 'b' } }), condition: record });
    table.deleteItem({ Key: rv, condition: record });
    expect(seen).toEqual([undefined, { ...rv, a: { N: '1' } }, { ...rv, a: { N: '1' }, b: { S: 'b' } }]);
  });

  it('a failed condition is ConditionalCheckFailedException and changes nothing, for each write', async () => {
    const { db, table } = await items7();
    table.putItem({ Item: { ...rv, v: { S: 'old' } } });
    const notExists = (current: AttributeMap | undefined) => current === undefined;
    const exists = (current: AttributeMap | undefined) => current !== undefined;
    expectRejected(
      db,
      () => table.putItem({ Item: { ...rv, v: { S: 'new' } }, condition: notExists }),
      ConditionalCheckFailedException,
      FAILED,
    );
    expectRejected(
      db,
      () => table.deleteItem({ Key: { id: { S: 'absent' }, sk: { N: '1' } }, condition: exists }),
      ConditionalCheckFailedException,
      FAILED,
    );
    expectRejected(
      db,
      () =>
        table.updateItem({
          Key: { id: { S: 'absent' }, sk: { N: '1' } },
          update: () => ({ a: { S: 'x' } }),
          condition: exists,
        }),
      ConditionalCheckFailedException,
      FAILED,
    );
    expectRejected(
      db,
      () => db.putItem({ TableName: 'Items7', Item: rv, condition: () => false }),
      ConditionalCheckFailedException,
      FAILED,
    );
    // Only `true` passes: a truthy value that is not `true` fails.
    expectRejected(
      db,
      () => table.putItem({ Item: rv, condition: (() => 1) as never }),
      ConditionalCheckFailedException,
      FAILED,
    );
  });

  it('the document API takes conditions on plain objects', async () => {
    const { db, table } = await items7();
    table.put({ id: 'd', sk: 1, n: 5 });
    expectRejected(
      db,
      () => table.put({ id: 'd', sk: 1, n: 6 }, { condition: (item) => item === undefined }),
      ConditionalCheckFailedException,
      FAILED,
    );
    table.put({ id: 'd', sk: 1, n: 6 }, { condition: (item) => item?.n === 5 });
    expect(
      table.update({ id: 'd', sk: 1 }, (item) => ({ ...item, n: 7 }), { condition: (item) => item?.n === 6 }),
    ).toEqual({ id: 'd', sk: 1, n: 7 });
    expect(table.delete({ id: 'd', sk: 1 }, { condition: (item) => item?.n === 7 })).toEqual({ id: 'd', sk: 1, n: 7 });
  });

  it('a condition that is not a function is a ValidationException', async () => {
    const { db, table } = await items7();
    expectRejected(
      db,
      () => table.putItem({ Item: rv, condition: 'attribute_not_exists(id)' as never }),
      ValidationException,
      '`condition` must be a function from the current item to a boolean',
    );
  });
});

describe('ReturnValuesOnConditionCheckFailure', () => {
  it('ALL_OLD puts the current item on the error as Item (PutItem, DeleteItem, UpdateItem)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Batch9' });
    table.putItem({ Item: { id: { S: 'b1' } } });
    const put = expectRejected(
      db,
      () =>
        table.putItem({
          Item: { id: { S: 'b1' }, v: { S: 'new' } },
          condition: (current) => current === undefined,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ConditionalCheckFailedException,
      FAILED,
    );
    expect((put as ConditionalCheckFailedException & { Item?: AttributeMap }).Item).toEqual({ id: { S: 'b1' } });
    const del = expectRejected(
      db,
      () =>
        table.deleteItem({
          Key: { id: { S: 'b1' } },
          condition: () => false,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ConditionalCheckFailedException,
      FAILED,
    );
    expect((del as ConditionalCheckFailedException & { Item?: AttributeMap }).Item).toEqual({ id: { S: 'b1' } });
    const upd = expectRejected(
      db,
      () =>
        table.updateItem({
          Key: { id: { S: 'b1' } },
          update: () => ({}),
          condition: () => false,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ConditionalCheckFailedException,
      FAILED,
    );
    expect((upd as ConditionalCheckFailedException & { Item?: AttributeMap }).Item).toEqual({ id: { S: 'b1' } });
    expect(Object.keys(upd)).toContain('Item');
  });

  it('without ALL_OLD, or when the item is absent, the error carries no Item', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Batch9' });
    table.putItem({ Item: { id: { S: 'b1' } } });
    const plain = expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'b1' } }, condition: () => false }),
      ConditionalCheckFailedException,
      FAILED,
    );
    expect('Item' in plain).toBe(false);
    const none = expectRejected(
      db,
      () =>
        table.putItem({
          Item: { id: { S: 'b1' } },
          condition: () => false,
          ReturnValuesOnConditionCheckFailure: 'NONE',
        }),
      ConditionalCheckFailedException,
      FAILED,
    );
    expect('Item' in none).toBe(false);
    const absent = expectRejected(
      db,
      () =>
        table.putItem({
          Item: { id: { S: 'zz' } },
          condition: (current) => current !== undefined,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ConditionalCheckFailedException,
      FAILED,
    );
    expect('Item' in absent).toBe(false);
  });

  it('only NONE and ALL_OLD are valid (DynamoDB Local’s text)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Batch9' });
    table.putItem({ Item: { id: { S: 'b1' } } });
    const message = (value: string) =>
      `1 validation error detected: Value '${value}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`;
    expectRejected(
      db,
      () => table.putItem({ Item: { id: { S: 'b2' } }, ReturnValuesOnConditionCheckFailure: 'BOGUS' as never }),
      ValidationException,
      message('BOGUS'),
    );
    expectRejected(
      db,
      () => table.deleteItem({ Key: { id: { S: 'b1' } }, ReturnValuesOnConditionCheckFailure: 'ALL_NEW' as never }),
      ValidationException,
      message('ALL_NEW'),
    );
    expectRejected(
      db,
      () =>
        table.updateItem({
          Key: { id: { S: 'b1' } },
          update: () => ({}),
          ReturnValuesOnConditionCheckFailure: 'UPDATED_OLD' as never,
        }),
      ValidationException,
      message('UPDATED_OLD'),
    );
  });

  it('the Item on the error is a copy: changing its binary values changes nothing stored', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { name: 'Batch9' });
    table.putItem({ Item: { id: { S: 'b1' }, b: { B: new Uint8Array([1]) } } });
    const error = expectRejected(
      db,
      () =>
        table.deleteItem({
          Key: { id: { S: 'b1' } },
          condition: () => false,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ConditionalCheckFailedException,
      FAILED,
    );
    const item = (error as ConditionalCheckFailedException & { Item: AttributeMap }).Item;
    (item.b?.B as Uint8Array)[0] = 9;
    expect(table.getItem({ Key: { id: { S: 'b1' } } }).Item).toEqual({
      id: { S: 'b1' },
      b: { B: new Uint8Array([1]) },
    });
    expect(recordsOf(db, table)[0]!.dynamodb.NewImage).toEqual({ id: { S: 'b1' }, b: { B: new Uint8Array([1]) } });
  });
});
