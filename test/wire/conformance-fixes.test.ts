/**
 * Regression tests for the bugs the differential conformance suite (conformance/, `npm run conformance`) found,
 * each pinned here without DynamoDB Local: the answers DynamoDB Local (or AWS, where DynamoDB Local deviates)
 * gives, through the SDK and the in-process handler.
 */
import {
  CreateTableCommand,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { makeWire } from '../support/sdk-clients.js';
import { expectSdkError, sdkValidation } from '../support/sdk-errors.js';
import { DEF_ID, KEY_ID, KEY_ID_SK, defIdSk } from '../support/tables.js';

async function withTable(sortType?: 'N') {
  const fixture = await makeWire();
  fixture.db.createTable({
    TableName: 'items',
    KeySchema: sortType === undefined ? KEY_ID : KEY_ID_SK,
    AttributeDefinitions: sortType === undefined ? DEF_ID : defIdSk(sortType),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  return fixture;
}

describe('UpdateItem with AttributeUpdates: UPDATED_OLD and UPDATED_NEW return every attribute the request names', () => {
  it('also when its value did not change (the bug: only changed values came back)', async () => {
    const { client, db } = await withTable();
    const Key = { id: { S: 'u' } };
    await client.send(
      new PutItemCommand({ TableName: 'items', Item: { ...Key, count: { N: '5' }, other: { S: 'x' } } }),
    );
    const records = () => db.table('items').stream!.listShards()[0]!.retainedRecords;
    const before = records();

    const same = await client.send(
      new UpdateItemCommand({
        TableName: 'items',
        Key,
        AttributeUpdates: { count: { Action: 'PUT', Value: { N: '5' } } },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    expect(same.Attributes).toEqual({ count: { N: '5' } });
    const old = await client.send(
      new UpdateItemCommand({
        TableName: 'items',
        Key,
        AttributeUpdates: { count: { Action: 'PUT', Value: { N: '5' } } },
        ReturnValues: 'UPDATED_OLD',
      }),
    );
    expect(old.Attributes).toEqual({ count: { N: '5' } });
    // Still a write that changes nothing: no stream record.
    expect(records()).toBe(before);
  });

  it('leaves out named attributes that are absent on that side, and never lists unnamed ones', async () => {
    const { client } = await withTable();
    const Key = { id: { S: 'u' } };
    await client.send(new PutItemCommand({ TableName: 'items', Item: { ...Key, gone: { S: 'g' }, kept: { S: 'k' } } }));
    const updates = {
      gone: { Action: 'DELETE' as const },
      added: { Action: 'PUT' as const, Value: { N: '1' } },
      missing: { Action: 'DELETE' as const },
    };
    const old = await client.send(
      new UpdateItemCommand({ TableName: 'items', Key, AttributeUpdates: updates, ReturnValues: 'UPDATED_OLD' }),
    );
    expect(old.Attributes).toEqual({ gone: { S: 'g' } });
    const fresh = await client.send(
      new UpdateItemCommand({
        TableName: 'items',
        Key,
        AttributeUpdates: {
          gone: { Action: 'PUT', Value: { S: 'again' } },
          added: { Action: 'ADD', Value: { N: '2' } },
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    expect(fresh.Attributes).toEqual({ gone: { S: 'again' }, added: { N: '3' } });
  });

  it('a failed condition still fails, and changes nothing', async () => {
    const { client, db } = await withTable();
    const Key = { id: { S: 'u' } };
    await client.send(new PutItemCommand({ TableName: 'items', Item: { ...Key, count: { N: '5' } } }));
    await expectSdkError(
      client.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key,
          AttributeUpdates: { count: { Action: 'PUT', Value: { N: '6' } } },
          Expected: { count: { Value: { N: '1' } } },
          ReturnValues: 'UPDATED_NEW',
        }),
      ),
      { name: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
    );
    expect(db.getItem({ TableName: 'items', Key }).Item).toEqual({ ...Key, count: { N: '5' } });
  });
});

describe('CreateTable', () => {
  const base: CreateTableCommandInput = {
    TableName: 'made',
    KeySchema: KEY_ID,
    AttributeDefinitions: DEF_ID,
    BillingMode: 'PAY_PER_REQUEST',
  };

  it('refuses PAY_PER_REQUEST with a ProvisionedThroughput, with AWS text (the bug: accepted, and described as provisioned)', async () => {
    const { client, db } = await makeWire();
    await expectSdkError(
      client.send(
        new CreateTableCommand({ ...base, ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }),
      ),
      sdkValidation(
        'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
      ),
    );
    expect(db.listTables().TableNames).toEqual([]);
  });

  it('without a KeySchema answers DynamoDB Local text (an empty one is still "No Hash Key specified")', async () => {
    const { client } = await makeWire();
    await expectSdkError(
      client.send(new CreateTableCommand({ ...base, KeySchema: undefined })),
      sdkValidation(
        'No defined key schema.  A key schema containing at least a hash key must be defined for all tables',
      ),
    );
    await expectSdkError(
      client.send(new CreateTableCommand({ ...base, KeySchema: [] })),
      sdkValidation('No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key'),
    );
  });
});

describe('Scan: a bad Segment and TotalSegments pair is a bad request', () => {
  it.each([
    [{ Segment: 0 }, 'If segment is specified, total segment must also be specified'],
    [
      { TotalSegments: 2 },
      'If total segments is specified, a particular segment must also be specified for this request',
    ],
    [
      { Segment: 2, TotalSegments: 2 },
      "1 validation error detected: Value '2' at 'segment' failed to satisfy constraint: Member must have value less than or equal to 1",
    ],
  ])('%j', async (segments, message) => {
    const { client } = await withTable();
    await expectSdkError(client.send(new ScanCommand({ TableName: 'items', ...segments })), sdkValidation(message));
  });
});

describe('TransactWriteItems: a key of the wrong type cancels the transaction', () => {
  const MISMATCH = 'One or more parameter values were invalid: Type mismatch for key';

  it('with a ValidationError reason for that item and None for the others (the bug: a plain ValidationException)', async () => {
    const { client, db } = await withTable('N');
    const error = await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'items', Item: { id: { S: 'a' }, sk: { N: '1' } } } },
            { Delete: { TableName: 'items', Key: { id: { S: 'a' }, sk: { S: '1' } } } },
          ],
        }),
      ),
      {
        name: 'TransactionCanceledException',
        message:
          'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]',
      },
    );
    expect(error.CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'ValidationError', Message: MISMATCH }]);
    expect(db.table('items').itemCount).toBe(0);
  });

  it('after every other check: a missing key elsewhere in the request is still a ValidationException', async () => {
    const { client } = await withTable('N');
    await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Delete: { TableName: 'items', Key: { id: { S: 'a' }, sk: { S: '1' } } } },
            { Put: { TableName: 'items', Item: { id: { S: 'a' } } } },
          ],
        }),
      ),
      sdkValidation('One of the required keys was not given a value'),
    );
  });
});

describe('CreateTable on the wire: BillingMode defaults to PROVISIONED, as AWS', () => {
  it('refuses a table with neither BillingMode nor ProvisionedThroughput, after the key checks', async () => {
    const { client, db } = await makeWire();
    await expectSdkError(
      client.send(new CreateTableCommand({ TableName: 'orders', KeySchema: KEY_ID, AttributeDefinitions: DEF_ID })),
      sdkValidation('No provisioned throughput specified for the table'),
    );
    await expectSdkError(
      client.send(
        new CreateTableCommand({
          TableName: 'orders',
          KeySchema: KEY_ID,
          AttributeDefinitions: [{ AttributeName: 'x', AttributeType: 'S' }],
        }),
      ),
      sdkValidation('Hash Key not specified in Attribute Definitions.  Type unknown.'),
    );
    expect(db.listTables().TableNames).toEqual([]);
    const created = await client.send(
      new CreateTableCommand({
        TableName: 'orders',
        KeySchema: KEY_ID,
        AttributeDefinitions: DEF_ID,
        ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 },
      }),
    );
    expect(created.TableDescription!.ProvisionedThroughput).toMatchObject({
      ReadCapacityUnits: 2,
      WriteCapacityUnits: 3,
    });
  });
});
