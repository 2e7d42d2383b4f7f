/**
 * What shardline does not implement is refused by name, in words the caller can act on (issue 9, item 17): an
 * operation it does not answer is UnknownOperationException with a message that names it (it had none, which an
 * AWS SDK shows as "UnknownError").
 */
import { DescribeLimitsCommand } from '@aws-sdk/client-dynamodb';
import { describe, it } from 'vitest';
import { makeWire } from '../support/sdk-clients.js';
import { expectSdkError } from '../support/sdk-errors.js';
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

describe('an operation shardline does not implement', () => {
  it('reaches an AWS SDK caller as UnknownOperationException naming the operation (the SDK showed "UnknownError")', async () => {
    const { client } = await withTable();
    await expectSdkError(client.send(new DescribeLimitsCommand({})), {
      name: 'UnknownOperationException',
      message:
        'An unknown operation was requested: shardline does not implement DynamoDB_20120810.DescribeLimits (it implements BatchGetItem, BatchWriteItem, CreateTable, DeleteItem, DeleteTable, DescribeTable, DescribeTimeToLive, GetItem, ListTables, PutItem, Query, Scan, TransactGetItems, TransactWriteItems, UpdateItem, UpdateTable, UpdateTimeToLive)',
    });
  });
});
