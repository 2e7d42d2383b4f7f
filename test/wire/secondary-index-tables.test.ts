/**
 * CreateTable with GSIs and LSIs, DescribeTable and UpdateTable's GlobalSecondaryIndexUpdates through the SDK's
 * DynamoDBClient in process: the same answers as the typed API, the wire's BillingMode default (PROVISIONED) applied.
 */
import { CreateTableCommand, DescribeTableCommand, UpdateTableCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { makeWire, withoutMetadata } from '../support/sdk-clients.js';
import { expectSdkError, sdkValidation } from '../support/sdk-errors.js';

const INVALID = 'One or more parameter values were invalid: ';
const S = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
const HASH = (name: string) => ({ AttributeName: name, KeyType: 'HASH' as const });
const RANGE = (name: string) => ({ AttributeName: name, KeyType: 'RANGE' as const });

const CREATE = {
  TableName: 'orders',
  KeySchema: [HASH('pk'), RANGE('sk')],
  AttributeDefinitions: [S('pk'), S('sk'), S('g'), S('l')],
  BillingMode: 'PAY_PER_REQUEST' as const,
  GlobalSecondaryIndexes: [
    { IndexName: 'gsi1', KeySchema: [HASH('g')], Projection: { ProjectionType: 'KEYS_ONLY' as const } },
  ],
  LocalSecondaryIndexes: [
    {
      IndexName: 'lsi1',
      KeySchema: [HASH('pk'), RANGE('l')],
      Projection: { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: ['x'] },
    },
  ],
};

describe('secondary index tables through DynamoDBClient', () => {
  it('CreateTable and DescribeTable show the indexes as the typed API does', async () => {
    const { client, db } = await makeWire();
    const created = await client.send(new CreateTableCommand(CREATE));
    expect(created.TableDescription).toEqual(db.describeTable({ TableName: 'orders' }).Table);
    expect(created.TableDescription!.GlobalSecondaryIndexes![0]!.IndexArn).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/orders/index/gsi1',
    );
    expect(created.TableDescription!.LocalSecondaryIndexes![0]!.Projection).toEqual({
      ProjectionType: 'INCLUDE',
      NonKeyAttributes: ['x'],
    });
    expect(withoutMetadata(await client.send(new DescribeTableCommand({ TableName: 'orders' })))).toEqual(
      db.describeTable({ TableName: 'orders' }),
    );
  });

  it('on the wire BillingMode defaults to PROVISIONED: a GSI then needs its throughput', async () => {
    const { client } = await makeWire();
    const { BillingMode: _billing, ...provisioned } = CREATE;
    await expectSdkError(
      client.send(
        new CreateTableCommand({
          ...provisioned,
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        }),
      ),
      sdkValidation(`${INVALID}ProvisionedThroughput is not specified for index: gsi1`),
    );
  });

  it('refuses bad index members with AWS’s texts', async () => {
    const { client, db } = await makeWire();
    await expectSdkError(
      client.send(
        new CreateTableCommand({
          ...CREATE,
          GlobalSecondaryIndexes: [
            { IndexName: 'gsi1', KeySchema: [HASH('g')], Projection: { ProjectionType: 'INCLUDE' } },
          ],
        }),
      ),
      sdkValidation(`${INVALID}ProjectionType is INCLUDE, but NonKeyAttributes is not specified`),
    );
    await expectSdkError(
      client.send(
        new CreateTableCommand({ ...CREATE, AttributeDefinitions: [...CREATE.AttributeDefinitions, S('extra')] }),
      ),
      sdkValidation(
        `${INVALID}Some AttributeDefinitions are not used. AttributeDefinitions: [pk, sk, g, l, extra], keys used: [pk, sk, l, g]`,
      ),
    );
    expect(db.listTables().TableNames).toEqual([]);
  });

  it('UpdateTable creates and deletes a GSI, with AWS’s errors', async () => {
    const { client, db } = await makeWire();
    await client.send(new CreateTableCommand(CREATE));
    const created = await client.send(
      new UpdateTableCommand({
        TableName: 'orders',
        AttributeDefinitions: [S('h')],
        GlobalSecondaryIndexUpdates: [
          { Create: { IndexName: 'gsi2', KeySchema: [HASH('h')], Projection: { ProjectionType: 'ALL' } } },
        ],
      }),
    );
    expect(created.TableDescription!.GlobalSecondaryIndexes!.map((index) => index.IndexName)).toEqual(['gsi1', 'gsi2']);
    expect(db.table('orders').indexes.get('gsi2')!.status).toBe('ACTIVE');
    await expectSdkError(
      client.send(
        new UpdateTableCommand({
          TableName: 'orders',
          GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'nope' } }],
        }),
      ),
      { name: 'ResourceNotFoundException', message: 'Requested resource not found: Index nope for table orders' },
    );
    await expectSdkError(
      client.send(
        new UpdateTableCommand({
          TableName: 'orders',
          GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gsi1' } }, { Delete: { IndexName: 'gsi2' } }],
        }),
      ),
      {
        name: 'LimitExceededException',
        message: 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
      },
    );
    const deleted = await client.send(
      new UpdateTableCommand({ TableName: 'orders', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gsi1' } }] }),
    );
    expect(
      deleted.TableDescription!.GlobalSecondaryIndexes!.map((index) => [index.IndexName, index.IndexStatus]),
    ).toEqual([
      ['gsi1', 'DELETING'],
      ['gsi2', 'ACTIVE'],
    ]);
    expect(
      db.describeTable({ TableName: 'orders' }).Table.GlobalSecondaryIndexes!.map((index) => index.IndexName),
    ).toEqual(['gsi2']);
  });
});
