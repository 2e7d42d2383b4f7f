/**
 * An AttributeValue whose data-type member has the wrong JSON type (`{"N": 5}`, `{"SS": "a"}`, `{"M": []}`) is
 * answered as AWS's JSON deserializer answers a top-level member of the wrong type: HTTP 400
 * SerializationException, in its words, before anything else of the request is looked at. Found by the raw-wire
 * differential (conformance/raw-wire.test.ts): shardline used to answer the typed API's ValidationException
 * ("The N attribute value has the wrong JavaScript type"), which is neither AWS's answer nor DynamoDB Local's
 * (DynamoDB Local converts or fails with HTTP 500: conformance/known-differences.md, `json-type-coercion`).
 */
import { describe, expect, it } from 'vitest';
import { type Database } from '../../src/index.js';
import { dispatch } from '../../src/wire/index.js';
import { makeWire } from '../support/sdk-clients.js';
import { DEF_ID, KEY_ID } from '../support/tables.js';

const DDB = 'DynamoDB_20120810.';
const SERIALIZATION = 'com.amazon.coral.service#SerializationException';

function call(db: Database, operation: string, body: unknown) {
  const response = dispatch(db, `${DDB}${operation}`, JSON.stringify(body));
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}

async function withTable() {
  const { db } = await makeWire();
  db.createTable({
    TableName: 'items',
    KeySchema: KEY_ID,
    AttributeDefinitions: DEF_ID,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  });
  return db;
}

const serialization = (message: string) => ({ status: 400, body: { __type: SERIALIZATION, message } });

/** Each value, and AWS's deserializer message for it. */
const WRONG_TYPES: [string, unknown, string][] = [
  ['a number for S', { S: 1 }, 'NUMBER_VALUE cannot be converted to String'],
  ['a number for N', { N: 5 }, 'NUMBER_VALUE cannot be converted to String'],
  ['true for N', { N: true }, 'TRUE_VALUE cannot be converted to String'],
  ['an object for S', { S: {} }, 'Start of structure or map found where not expected.'],
  ['a list for N', { N: [] }, 'Start of list found where not expected'],
  ['a string for SS', { SS: 'a' }, 'Unrecognized collection type: STRING_VALUE where a list was expected'],
  ['a number in SS', { SS: ['a', 1] }, 'NUMBER_VALUE cannot be converted to String'],
  ['a number in NS', { NS: [1] }, 'NUMBER_VALUE cannot be converted to String'],
  ['a list for M', { M: [] }, 'Start of list found where not expected'],
  ['an object for L', { L: {} }, 'Start of structure or map found where not expected.'],
  ['a string for BOOL', { BOOL: 'true' }, 'STRING_VALUE cannot be converted to Boolean'],
  ['a number for BOOL', { BOOL: 1 }, 'NUMBER_VALUE cannot be converted to Boolean'],
  ['a string for NULL', { NULL: 'true' }, 'STRING_VALUE cannot be converted to Boolean'],
  ['a string for BS', { BS: 'AAAA' }, 'Unrecognized collection type: STRING_VALUE where a list was expected'],
  ['a string for the value', 'x', 'Unexpected value type in payload: STRING_VALUE where a structure was expected'],
  ['a list for the value', [], 'Start of list found where not expected'],
  ['a number inside M', { M: { x: { S: 1 } } }, 'NUMBER_VALUE cannot be converted to String'],
  ['a number inside L', { L: [{ N: 5 }] }, 'NUMBER_VALUE cannot be converted to String'],
  ['a string inside L', { L: ['x'] }, 'Unexpected value type in payload: STRING_VALUE where a structure was expected'],
];

describe('an AttributeValue member of the wrong JSON type is a SerializationException', () => {
  it.each(WRONG_TYPES)('%s, as an attribute of PutItem', async (_label, value, message) => {
    const db = await withTable();
    expect(call(db, 'PutItem', { TableName: 'items', Item: { id: { S: 'k' }, a: value } })).toEqual(
      serialization(message),
    );
    expect(db.getItem({ TableName: 'items', Key: { id: { S: 'k' } } }).Item).toBeUndefined();
  });

  it('wherever an AttributeValue is read: keys, conditions, updates, Expected, batches, start keys', async () => {
    const db = await withTable();
    const message = 'NUMBER_VALUE cannot be converted to String';
    const bad = { S: 1 };
    const requests: [string, unknown][] = [
      ['GetItem', { TableName: 'items', Key: { id: bad } }],
      ['DeleteItem', { TableName: 'items', Key: { id: bad } }],
      [
        'UpdateItem',
        { TableName: 'items', Key: { id: { S: 'k' } }, AttributeUpdates: { a: { Action: 'PUT', Value: bad } } },
      ],
      ['PutItem', { TableName: 'items', Item: { id: { S: 'k' } }, Expected: { a: { Value: bad } } }],
      [
        'PutItem',
        {
          TableName: 'items',
          Item: { id: { S: 'k' } },
          Expected: { a: { ComparisonOperator: 'EQ', AttributeValueList: [bad] } },
        },
      ],
      ['Query', { TableName: 'items', KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [bad] } } }],
      ['Scan', { TableName: 'items', ScanFilter: { a: { ComparisonOperator: 'EQ', AttributeValueList: [bad] } } }],
      ['Scan', { TableName: 'items', ExclusiveStartKey: { id: bad } }],
      ['BatchWriteItem', { RequestItems: { items: [{ PutRequest: { Item: { id: { S: 'k' }, a: bad } } }] } }],
      ['BatchGetItem', { RequestItems: { items: { Keys: [{ id: bad }] } } }],
      ['TransactWriteItems', { TransactItems: [{ Put: { TableName: 'items', Item: { id: { S: 'k' }, a: bad } } }] }],
    ];
    for (const [operation, body] of requests)
      expect(call(db, operation, body), operation).toEqual(serialization(message));
  });

  it('before the table is looked up, as AWS deserializes the whole request first', async () => {
    const db = await withTable();
    expect(call(db, 'PutItem', { TableName: 'nope', Item: { id: { N: 5 } } })).toEqual(
      serialization('NUMBER_VALUE cannot be converted to String'),
    );
  });

  it("regression: an Expected value's JSON type before the item's own problems (it was read with the condition, after the item)", async () => {
    const db = await withTable();
    const message = 'NUMBER_VALUE cannot be converted to String';
    expect(
      call(db, 'PutItem', { TableName: 'items', Item: { id: { N: '1' } }, Expected: { a: { Value: { S: 1 } } } }),
    ).toEqual(serialization(message));
    expect(
      call(db, 'PutItem', {
        TableName: 'nope',
        Item: { id: { S: 'k' } },
        Expected: { a: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 1 }] } },
      }),
    ).toEqual(serialization(message));
    expect(
      call(db, 'DeleteItem', { TableName: 'nope', Key: { id: { S: 'k' } }, Expected: { a: { Value: { S: 1 } } } }),
    ).toEqual(serialization(message));
  });

  it('leaves JSON nulls and values of the right JSON type to the typed API and its messages', async () => {
    const db = await withTable();
    const put = (a: unknown) => call(db, 'PutItem', { TableName: 'items', Item: { id: { S: 'k' }, a } });
    expect(put({ NULL: false }).body.message).toBe(
      'One or more parameter values were invalid: Null attribute value types must have the value of true',
    );
    expect(put({ N: 'abc' }).body.message).toBe('A value provided cannot be converted into a number');
    expect(put({ S: null }).body.message).toBe(
      'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
    );
    expect(put({ S: 'x', N: null }).status).toBe(200);
    expect(put({ SS: ['a', null] }).body.message).toBe(
      'One or more parameter values were invalid: An string set may not have a null string as a member',
    );
    expect(put({ L: [{ S: 'x' }], M: undefined }).status).toBe(200);
    expect(db.getItem({ TableName: 'items', Key: { id: { S: 'k' } } }).Item).toEqual({
      id: { S: 'k' },
      a: { L: [{ S: 'x' }] },
    });
  });
});
