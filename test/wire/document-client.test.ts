import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { makeWire } from '../support/sdk-clients.js';
import { expectSdkError } from '../support/sdk-errors.js';
import { DEF_ID, KEY_ID_SK, defIdSk } from '../support/tables.js';

async function withTables() {
  const fixture = await makeWire();
  fixture.db.createTable({ TableName: 'events', KeySchema: KEY_ID_SK, AttributeDefinitions: defIdSk('N') });
  fixture.db.createTable({
    TableName: 'users',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: DEF_ID,
  });
  return fixture;
}

describe('DynamoDBDocumentClient over the in-process handler', () => {
  it('put, get, update (AttributeUpdates), delete with plain JavaScript values', async () => {
    const { doc, db } = await withTables();
    const user = {
      id: 'u1',
      name: 'Ada',
      age: 36,
      tags: new Set(['a', 'b']),
      photo: new Uint8Array([1, 2, 3]),
      nested: { list: [1, 'two', null] },
    };
    await doc.send(new PutCommand({ TableName: 'users', Item: user }));
    expect((await doc.send(new GetCommand({ TableName: 'users', Key: { id: 'u1' } }))).Item).toEqual(user);
    expect(db.table('users').get({ id: 'u1' })).toEqual(user);

    const updated = await doc.send(
      new UpdateCommand({
        TableName: 'users',
        Key: { id: 'u1' },
        AttributeUpdates: {
          age: { Action: 'ADD', Value: 1 },
          tags: { Action: 'DELETE', Value: new Set(['a']) },
          name: { Action: 'DELETE' },
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(updated.Attributes).toEqual({
      id: 'u1',
      age: 37,
      tags: new Set(['b']),
      photo: new Uint8Array([1, 2, 3]),
      nested: { list: [1, 'two', null] },
    });

    const deleted = await doc.send(
      new DeleteCommand({ TableName: 'users', Key: { id: 'u1' }, ReturnValues: 'ALL_OLD' }),
    );
    expect(deleted.Attributes).toEqual(updated.Attributes);
    expect((await doc.send(new GetCommand({ TableName: 'users', Key: { id: 'u1' } }))).Item).toBeUndefined();
  });

  it('query (KeyConditions), scan, batchWrite and transactWrite', async () => {
    const { doc, db } = await withTables();
    await doc.send(
      new BatchWriteCommand({
        RequestItems: {
          events: [1, 2, 3, 4].map((sk) => ({ PutRequest: { Item: { id: 'e', sk, body: `event ${sk}` } } })),
          users: [{ PutRequest: { Item: { id: 'u1' } } }],
        },
      }),
    );
    const queried = await doc.send(
      new QueryCommand({
        TableName: 'events',
        KeyConditions: {
          id: { ComparisonOperator: 'EQ', AttributeValueList: ['e'] },
          sk: { ComparisonOperator: 'GE', AttributeValueList: [2] },
        },
        ScanIndexForward: false,
        Limit: 2,
      }),
    );
    expect(queried.Items).toEqual([
      { id: 'e', sk: 4, body: 'event 4' },
      { id: 'e', sk: 3, body: 'event 3' },
    ]);
    expect(queried.LastEvaluatedKey).toEqual({ id: 'e', sk: 3 });

    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 'users', Item: { id: 'u2', roles: ['admin'] } } },
          { Delete: { TableName: 'events', Key: { id: 'e', sk: 1 } } },
        ],
      }),
    );
    const users = await doc.send(new ScanCommand({ TableName: 'users' }));
    expect(users.Items).toEqual([{ id: 'u1' }, { id: 'u2', roles: ['admin'] }]);
    expect((await doc.send(new ScanCommand({ TableName: 'events' }))).Count).toBe(3);
    expect(db.table('events').itemCount).toBe(3);
  });

  it('errors reach the DocumentClient caller as AWS errors', async () => {
    const { doc } = await withTables();
    await expectSdkError(doc.send(new GetCommand({ TableName: 'nope1', Key: { id: 'x' } })), {
      name: 'ResourceNotFoundException',
      message: 'Cannot do operations on a non-existent table',
    });
    const create = new PutCommand({
      TableName: 'users',
      Item: { id: 'x' },
      ConditionExpression: 'attribute_not_exists(id)',
    });
    await doc.send(create);
    await expectSdkError(doc.send(create), {
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
    });
  });
});
