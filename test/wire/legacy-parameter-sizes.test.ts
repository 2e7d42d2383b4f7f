/**
 * The 400 KB limit on the legacy parameters' values, as DynamoDB Local 2.9.30 answers (probed 2026-12-07; AWS's
 * answer is not known): the values of `Expected` count against it together, with their attributes' names, entry by
 * entry; an UpdateItem whose item would pass 400 KB is "Item size to update has exceeded the maximum allowed size",
 * once its condition has held; a map or list passing 400 KB inside any value (of Expected, AttributeUpdates, a
 * filter or a key condition) is refused as it is read. Each in DynamoDB Local's order.
 */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/wire/dispatch.js';
import { makeWire } from '../support/sdk-clients.js';

const TOO_BIG = 'Item size has exceeded the maximum allowed size';
const TO_UPDATE_TOO_BIG = 'Item size to update has exceeded the maximum allowed size';
const FAILED = { status: 400, type: 'ConditionalCheckFailedException', message: 'The conditional request failed' };
const invalid = (text: string) => ({ status: 400, type: 'ValidationException', message: text });

const s = (chars: number) => ({ S: 'x'.repeat(chars) });

async function fixture() {
  const { db } = await makeWire();
  db.createTable({
    TableName: 'items',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  });
  db.putItem({ TableName: 'items', Item: { pk: { S: 'a' }, w: { S: 'small' }, n: { N: '1' } } });
  const before = JSON.stringify([...db.table('items').items()]);
  const call = (operation: string, body: Record<string, unknown>) => {
    const response = dispatch(db, `DynamoDB_20120810.${operation}`, JSON.stringify({ TableName: 'items', ...body }));
    if (response.statusCode === 200) return { status: 200 };
    const parsed = JSON.parse(response.body) as { __type: string; message: string };
    return { status: response.statusCode, type: parsed.__type.split('#')[1], message: parsed.message };
  };
  /** Nothing was written: the table is as before. */
  const unchanged = () =>
    expect(JSON.stringify([...db.table('items').items()]) === before, 'the table changed').toBe(true);
  return { db, call, unchanged };
}

const key = { pk: { S: 'a' } };

describe('Expected', () => {
  it('regression: a value over 400 KB is "Item size has exceeded", in PutItem, DeleteItem and UpdateItem (it was compared, and failed the condition)', async () => {
    const { call, unchanged } = await fixture();
    const expected = { w: { Value: s(500_000) } };
    expect(call('PutItem', { Item: key, Expected: expected })).toEqual(invalid(TOO_BIG));
    expect(call('DeleteItem', { Key: key, Expected: expected })).toEqual(invalid(TOO_BIG));
    expect(call('UpdateItem', { Key: key, Expected: expected })).toEqual(invalid(TOO_BIG));
    expect(
      call('PutItem', { Item: key, Expected: { w: { ComparisonOperator: 'EQ', AttributeValueList: [s(500_000)] } } }),
    ).toEqual(invalid(TOO_BIG));
    unchanged();
  });

  it("counts every entry's name and values together, up to exactly 409,600 bytes", async () => {
    const { call } = await fixture();
    expect(call('PutItem', { Item: key, Expected: { w: { Value: s(409_599) } } })).toEqual(FAILED);
    expect(call('PutItem', { Item: key, Expected: { w: { Value: s(409_600) } } })).toEqual(invalid(TOO_BIG));
    expect(call('PutItem', { Item: key, Expected: { ww: { Value: s(409_599) } } })).toEqual(invalid(TOO_BIG));
    expect(
      call('PutItem', {
        Item: key,
        Expected: { w: { ComparisonOperator: 'BETWEEN', AttributeValueList: [s(204_799), s(204_800)] } },
      }),
    ).toEqual(FAILED);
    expect(
      call('PutItem', {
        Item: key,
        Expected: { w: { ComparisonOperator: 'BETWEEN', AttributeValueList: [s(204_800), s(204_800)] } },
      }),
    ).toEqual(invalid(TOO_BIG));
    expect(call('PutItem', { Item: key, Expected: { w: { Value: s(204_799) }, z: { Value: s(204_799) } } })).toEqual(
      FAILED,
    );
    expect(call('PutItem', { Item: key, Expected: { w: { Value: s(204_799) }, z: { Value: s(204_800) } } })).toEqual(
      invalid(TOO_BIG),
    );
    // An entry without a value still counts its name.
    expect(call('PutItem', { Item: key, Expected: { w: { Value: s(409_598) }, z: { Exists: false } } })).toEqual(
      FAILED,
    );
    expect(call('PutItem', { Item: key, Expected: { w: { Value: s(409_599) }, z: { Exists: false } } })).toEqual(
      invalid(TOO_BIG),
    );
  });

  it("entry by entry: after an entry's own values and shape, before its operator's arguments and the entries after it", async () => {
    const { call } = await fixture();
    const argumentCount = invalid(
      'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator',
    );
    expect(
      call('PutItem', {
        Item: key,
        Expected: { w: { Value: s(300_000) }, z: { Value: s(300_000) }, q: { Exists: false, Value: { S: 'a' } } },
      }),
    ).toEqual(invalid(TOO_BIG));
    expect(
      call('PutItem', { Item: key, Expected: { z: { Exists: false, Value: { S: 'a' } }, w: { Value: s(500_000) } } }),
    ).toEqual(
      invalid('One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: z'),
    );
    expect(
      call('PutItem', { Item: key, Expected: { w: { Value: s(500_000) }, z: { ComparisonOperator: 'EQ' } } }),
    ).toEqual(invalid(TOO_BIG));
    expect(
      call('PutItem', {
        Item: key,
        Expected: { w: { ComparisonOperator: 'EQ', AttributeValueList: [s(500_000), s(1)] } },
      }),
    ).toEqual(invalid(TOO_BIG));
    expect(
      call('PutItem', {
        Item: key,
        Expected: { w: { ComparisonOperator: 'BOGUS', AttributeValueList: [s(500_000)] } },
      }),
    ).toEqual(invalid(TOO_BIG));
    expect(
      call('PutItem', {
        Item: key,
        Expected: { w: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ SS: ['x'.repeat(500_000)] }] } },
      }),
    ).toEqual(invalid(TOO_BIG));
    // A value's own problems first; a list inside a value fails as soon as it passes 400 KB.
    expect(call('PutItem', { Item: key, Expected: { w: { Value: { L: [s(300_000), {}] } } } })).toEqual(
      invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'),
    );
    expect(call('PutItem', { Item: key, Expected: { w: { Value: { L: [s(500_000), {}] } } } })).toEqual(
      invalid(TOO_BIG),
    );
    // The values of an AttributeValueList are read before its operator is looked at.
    expect(
      call('PutItem', { Item: key, Expected: { w: { ComparisonOperator: 'BOGUS', AttributeValueList: [{}] } } }),
    ).toEqual(invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'));
    expect(
      call('PutItem', {
        Item: key,
        Expected: { w: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }, {}] } },
      }),
    ).toEqual(invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'));
    expect(
      call('PutItem', {
        Item: key,
        Expected: { w: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }, { S: 'b' }] } },
      }),
    ).toEqual(argumentCount);
  });

  it('PutItem checks its item first; DeleteItem and UpdateItem check Expected before their Key and ReturnValues, once the table is found', async () => {
    const { call } = await fixture();
    const big = { w: { Value: s(500_000) } };
    expect(call('PutItem', { Item: { pk: { N: '1' } }, Expected: big })).toEqual(
      invalid('One or more parameter values were invalid: Type mismatch for key'),
    );
    expect(call('PutItem', { Item: { pk: { S: 'a' }, q: {} }, Expected: big })).toEqual(
      invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'),
    );
    expect(call('PutItem', { Item: key, Expected: big, ReturnValues: 'BOGUS' })).toEqual(
      invalid('Return values set to invalid value'),
    );
    for (const operation of ['DeleteItem', 'UpdateItem']) {
      expect(call(operation, { TableName: 'missing', Key: key, Expected: big })).toEqual({
        status: 400,
        type: 'ResourceNotFoundException',
        message: 'Cannot do operations on a non-existent table',
      });
      for (const badKey of [
        { pk: { N: '1' } },
        { pk: { S: '' } },
        { pk: { N: 'x' } },
        { pk: {} },
        { pk: { S: 'a' }, q: { S: 'b' } },
        {},
        { pk: s(3000) },
      ]) {
        expect([operation, badKey, call(operation, { Key: badKey, Expected: big })]).toEqual([
          operation,
          badKey,
          invalid(TOO_BIG),
        ]);
      }
      expect(call(operation, { Expected: big })).toEqual(invalid(TOO_BIG));
      expect(call(operation, { Key: key, Expected: big, ReturnValues: 'BOGUS' })).toEqual(invalid(TOO_BIG));
      // Every other problem of Expected too (DynamoDB Local reads it whole before the Key).
      expect(
        call(operation, {
          Key: { pk: { N: '1' } },
          Expected: { w: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }, { S: 'b' }] } },
        }),
      ).toEqual(
        invalid(
          'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator',
        ),
      );
    }
  });
});

describe('AttributeUpdates', () => {
  it('regression: an update whose item would pass 400 KB is "Item size to update has exceeded the maximum allowed size"', async () => {
    const { call, unchanged } = await fixture();
    expect(call('UpdateItem', { Key: key, AttributeUpdates: { v: { Action: 'PUT', Value: s(500_000) } } })).toEqual(
      invalid(TO_UPDATE_TOO_BIG),
    );
    expect(
      call('UpdateItem', { Key: { pk: { S: 'new' } }, AttributeUpdates: { v: { Action: 'PUT', Value: s(500_000) } } }),
    ).toEqual(invalid(TO_UPDATE_TOO_BIG));
    expect(
      call('UpdateItem', {
        Key: key,
        AttributeUpdates: { u: { Action: 'PUT', Value: s(500_000) }, u2: { Action: 'DELETE' } },
      }),
    ).toEqual(invalid(TO_UPDATE_TOO_BIG));
    expect(
      call('UpdateItem', { Key: { pk: { S: 'c' } }, AttributeUpdates: { v: { Action: 'PUT', Value: s(409_597) } } }),
    ).toEqual(invalid(TO_UPDATE_TOO_BIG));
    // A list inside a value that passes 400 KB is refused as it is read, with the item wording.
    expect(
      call('UpdateItem', { Key: key, AttributeUpdates: { v: { Action: 'PUT', Value: { L: [s(500_000), {}] } } } }),
    ).toEqual(invalid(TOO_BIG));
    expect(
      call('UpdateItem', { Key: key, AttributeUpdates: { v: { Action: 'PUT', Value: { M: { a: s(500_000) } } } } }),
    ).toEqual(invalid(TOO_BIG));
    unchanged();
    // The item is measured: `pk` and `b` (3 bytes), `v` (1) and 409,596 characters make 409,600.
    expect(
      call('UpdateItem', { Key: { pk: { S: 'b' } }, AttributeUpdates: { v: { Action: 'PUT', Value: s(409_596) } } }),
    ).toEqual({ status: 200 });
    // A set value that removes members is not counted: only the item it leaves.
    expect(
      call('UpdateItem', {
        Key: key,
        AttributeUpdates: { u: { Action: 'DELETE', Value: { SS: ['x'.repeat(500_000)] } } },
      }),
    ).toEqual({ status: 200 });
  });

  it('a failed condition comes first, then the updates are read and applied (DynamoDB Local 2.9.30)', async () => {
    const { call } = await fixture();
    const failing = { w: { Value: { S: 'other' } } };
    const update = (AttributeUpdates: unknown) => call('UpdateItem', { Key: key, Expected: failing, AttributeUpdates });
    expect(update({ v: { Action: 'PUT', Value: s(500_000) } })).toEqual(FAILED);
    expect(update({ v: { Action: 'PUT', Value: { L: [s(500_000)] } } })).toEqual(FAILED);
    expect(update({ v: { Action: 'ADD', Value: { S: 'x' } } })).toEqual(FAILED);
    expect(update({ v: { Action: 'PUT', Value: {} } })).toEqual(FAILED);
    expect(update({ pk: { Action: 'PUT', Value: { S: 'x' } } })).toEqual(FAILED);
    expect(update({ n: { Action: 'ADD', Value: { SS: ['a'] } } })).toEqual(FAILED);
    // With no condition, or one that holds, each problem as before.
    expect(
      call('UpdateItem', {
        Key: key,
        Expected: { w: { Value: { S: 'small' } } },
        AttributeUpdates: { n: { Action: 'ADD', Value: { SS: ['a'] } } },
      }),
    ).toEqual(invalid('Type mismatch for attribute to update'));
    expect(
      call('UpdateItem', {
        Key: key,
        AttributeUpdates: { v: { Action: 'ADD', Value: { S: 'x' } } },
        ReturnValues: 'BOGUS',
      }),
    ).toEqual(invalid('Return values set to invalid value'));
    expect(
      call('UpdateItem', {
        Key: { pk: { N: '1' } },
        AttributeUpdates: { v: { Action: 'PUT', Value: { L: [s(500_000)] } } },
      }),
    ).toEqual(invalid('One or more parameter values were invalid: Type mismatch for key'));
  });

  it('the typed API: an update function whose item passes 400 KB, after the condition', async () => {
    const { db } = await fixture();
    const table = db.table('items');
    expect(() => table.updateItem({ Key: key, update: (current) => ({ ...current, d: s(409_600) }) })).toThrow(
      TO_UPDATE_TOO_BIG,
    );
    expect(() =>
      table.updateItem({ Key: key, update: (current) => ({ ...current, d: s(409_600) }), condition: () => false }),
    ).toThrow('The conditional request failed');
  });
});

describe('a map or list inside a filter or key condition value', () => {
  it('is refused once its contents pass 400 KB, as DynamoDB Local reads them; a string alone is compared whatever its size', async () => {
    const { call } = await fixture();
    const scan = (value: unknown) =>
      call('Scan', { ScanFilter: { w: { ComparisonOperator: 'EQ', AttributeValueList: [value] } } });
    expect(scan(s(500_000))).toEqual({ status: 200 });
    expect(scan({ L: [s(409_600)] })).toEqual({ status: 200 });
    expect(scan({ L: [s(409_601)] })).toEqual(invalid(TOO_BIG));
    expect(scan({ M: { a: s(409_599) } })).toEqual({ status: 200 });
    expect(scan({ M: { a: s(409_600) } })).toEqual(invalid(TOO_BIG));
    expect(scan({ L: [s(500_000), {}] })).toEqual(invalid(TOO_BIG));
    const query = { KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] } } };
    expect(
      call('Query', {
        ...query,
        QueryFilter: { w: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ L: [s(500_000)] }] } },
      }),
    ).toEqual(invalid(TOO_BIG));
    expect(
      call('Query', { KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [s(500_000)] } } }),
    ).toEqual({ status: 200 });
  });
});
