/**
 * What shardline does not implement is refused by name, in words the caller can act on (issue 9, item 17): an
 * operation it does not answer is UnknownOperationException with a message that names it (it had none, which an
 * AWS SDK shows as "UnknownError"), and an expression parameter over the wire advises the legacy parameter an
 * SDK, aws CLI or HTTP caller can send, not the typed API's `condition` and `update` functions, which it cannot.
 */
import {
  DeleteItemCommand,
  DescribeLimitsCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ValidationException } from '../../src/index.js';
import { expectRejected } from '../support/aws-errors.js';
import { makeWire } from '../support/sdk-clients.js';
import { expectSdkError, sdkValidation } from '../support/sdk-errors.js';
import { DEF_ID, KEY_ID } from '../support/tables.js';

async function withTable() {
  const fixture = await makeWire();
  fixture.db.createTable({
    TableName: 'items',
    KeySchema: KEY_ID,
    AttributeDefinitions: DEF_ID,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  });
  fixture.db.table('items').putItem({ Item: { id: { S: 'a' }, n: { N: '1' } } });
  return fixture;
}

const KEY: Record<string, AttributeValue> = { id: { S: 'a' } };

describe('an operation shardline does not implement', () => {
  it('reaches an AWS SDK caller as UnknownOperationException naming the operation (the SDK showed "UnknownError")', async () => {
    const { client } = await withTable();
    await expectSdkError(client.send(new DescribeLimitsCommand({})), {
      name: 'UnknownOperationException',
      message:
        'An unknown operation was requested: shardline does not implement DynamoDB_20120810.DescribeLimits (it implements BatchGetItem, BatchWriteItem, CreateTable, DeleteItem, DeleteTable, DescribeTable, GetItem, ListTables, PutItem, Query, Scan, TransactWriteItems, UpdateItem, UpdateTable)',
    });
  });
});

describe('expression parameters over the wire: refused by name, with advice a wire caller can follow', () => {
  it('ConditionExpression in PutItem and DeleteItem: use the legacy Expected parameter (it advised `condition`, a predicate)', async () => {
    const { client, db } = await withTable();
    const message = 'ConditionExpression is not supported by shardline yet: use the legacy Expected parameter instead';
    const before = [...db.table('items').items()];
    await expectSdkError(
      client.send(
        new PutItemCommand({
          TableName: 'items',
          Item: { id: { S: 'b' } },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      ),
      sdkValidation(message),
    );
    await expectSdkError(
      client.send(new DeleteItemCommand({ TableName: 'items', Key: KEY, ConditionExpression: 'attribute_exists(id)' })),
      sdkValidation(message),
    );
    await expectSdkError(
      client.send(
        new PutItemCommand({ TableName: 'items', Item: KEY, ExpressionAttributeValues: { ':v': { S: 'v' } } }),
      ),
      sdkValidation(
        'ExpressionAttributeValues is not supported by shardline yet: use the legacy Expected parameter instead',
      ),
    );
    expect([...db.table('items').items()]).toEqual(before);
  });

  it('UpdateExpression in UpdateItem: use the legacy AttributeUpdates parameter (it advised `update`, a function)', async () => {
    const { client, db } = await withTable();
    await expectSdkError(
      client.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key: KEY,
          UpdateExpression: 'SET n = :v',
          ExpressionAttributeValues: { ':v': { N: '2' } },
        }),
      ),
      sdkValidation(
        'UpdateExpression is not supported by shardline yet: use the legacy AttributeUpdates parameter instead',
      ),
    );
    await expectSdkError(
      client.send(
        new UpdateItemCommand({
          TableName: 'items',
          Key: KEY,
          AttributeUpdates: { n: { Action: 'PUT', Value: { N: '2' } } },
          ConditionExpression: 'n = :one',
        }),
      ),
      sdkValidation('ConditionExpression is not supported by shardline yet: use the legacy Expected parameter instead'),
    );
    await expectSdkError(
      client.send(new UpdateItemCommand({ TableName: 'items', Key: KEY, ExpressionAttributeNames: { '#n': 'n' } })),
      sdkValidation(
        'ExpressionAttributeNames is not supported by shardline yet: use the legacy Expected and AttributeUpdates parameters instead',
      ),
    );
    expect(db.table('items').getItem({ Key: KEY }).Item).toEqual({ id: { S: 'a' }, n: { N: '1' } });
  });

  it('in TransactWriteItems, which has no legacy parameters: named, with the operation, and no advice', async () => {
    const { client } = await withTable();
    await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'items', Item: { id: { S: 'b' } }, ConditionExpression: 'attribute_not_exists(id)' } },
          ],
        }),
      ),
      sdkValidation('ConditionExpression is not supported by shardline yet in TransactWriteItems'),
    );
    await expectSdkError(
      client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName: 'items',
                Key: KEY,
                UpdateExpression: 'SET n = :v',
                ExpressionAttributeValues: { ':v': { N: '2' } },
              },
            },
          ],
        }),
      ),
      sdkValidation('UpdateExpression is not supported by shardline yet in TransactWriteItems'),
    );
  });

  it('the typed API keeps its own advice, which its callers can follow', async () => {
    const { db } = await withTable();
    expectRejected(
      db,
      () => db.putItem({ TableName: 'items', Item: KEY, ConditionExpression: 'attribute_not_exists(id)' } as never),
      ValidationException,
      'ConditionExpression is not supported by shardline yet: pass `condition` (a predicate) or `update` (a function) instead',
    );
  });
});
