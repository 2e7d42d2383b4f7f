import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ListTablesCommand,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { makeWire, withoutMetadata } from '../support/sdk-clients.js';
import { expectSdkError, sdkValidation } from '../support/sdk-errors.js';
import { DEF_ID, KEY_ID } from '../support/tables.js';
import { T0 } from '../support/time.js';

const INVALID_NAME =
  "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'";

describe('table operations through DynamoDBClient', () => {
  it('CreateTable, DescribeTable and DeleteTable answer what the typed API answers, with Dates', async () => {
    const { client, db } = await makeWire();
    const created = await client.send(
      new CreateTableCommand({
        TableName: 'orders',
        KeySchema: KEY_ID,
        AttributeDefinitions: DEF_ID,
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(200);
    expect(created.TableDescription).toEqual(db.describeTable({ TableName: 'orders' }).Table);
    expect(created.TableDescription!.CreationDateTime).toEqual(new Date(T0));
    expect(created.TableDescription!.BillingModeSummary!.LastUpdateToPayPerRequestDateTime).toEqual(new Date(T0));
    expect(withoutMetadata(await client.send(new DescribeTableCommand({ TableName: 'orders' })))).toEqual(
      db.describeTable({ TableName: 'orders' }),
    );
    const deleted = await client.send(new DeleteTableCommand({ TableName: 'orders' }));
    expect(deleted.TableDescription!.TableStatus).toBe('DELETING');
    await expectSdkError(client.send(new DescribeTableCommand({ TableName: 'orders' })), {
      name: 'ResourceNotFoundException',
      message: 'Cannot do operations on a non-existent table',
    });
  });

  it('CreateTable with provisioned throughput', async () => {
    const { client } = await makeWire();
    const created = await client.send(
      new CreateTableCommand({
        TableName: 'prov',
        KeySchema: KEY_ID,
        AttributeDefinitions: DEF_ID,
        ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 6 },
      }),
    );
    expect(created.TableDescription!.ProvisionedThroughput).toEqual({
      NumberOfDecreasesToday: 0,
      ReadCapacityUnits: 5,
      WriteCapacityUnits: 6,
    });
    expect(created.TableDescription!.BillingModeSummary).toBeUndefined();
  });

  it('CreateTable errors: existing table, bad names, key schema, secondary indexes, model constraints', async () => {
    const { client } = await makeWire();
    const create = (input: object) =>
      client.send(
        new CreateTableCommand({
          TableName: 'orders',
          KeySchema: KEY_ID,
          AttributeDefinitions: DEF_ID,
          BillingMode: 'PAY_PER_REQUEST',
          ...input,
        }),
      );
    await create({});
    await expectSdkError(create({}), { name: 'ResourceInUseException', message: 'Cannot create preexisting table' });
    await expectSdkError(create({ TableName: 'ab' }), sdkValidation(INVALID_NAME));
    await expectSdkError(
      create({ TableName: 'x1y', AttributeDefinitions: [] }),
      sdkValidation('Hash Key not specified in Attribute Definitions.  Type unknown.'),
    );
    await expectSdkError(
      create({
        TableName: 'x1y',
        GlobalSecondaryIndexes: [{ IndexName: 'i', KeySchema: KEY_ID, Projection: { ProjectionType: 'ALL' } }],
      }),
      sdkValidation(
        "1 validation error detected: Value 'i' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3",
      ),
    );
    await expectSdkError(
      create({
        TableName: 'x1y',
        BillingMode: 'PROVISIONED',
        ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      }),
      sdkValidation(
        "2 validation errors detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '0' at 'provisionedThroughput.writeCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
      ),
    );
    await expectSdkError(
      create({ TableName: 'x1y', StreamSpecification: { StreamEnabled: true } }),
      sdkValidation('Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.'),
    );
  });

  it('ListTables pages by Limit', async () => {
    const { client, db } = await makeWire();
    for (const name of ['ccc', 'aaa', 'bbb'])
      db.createTable({ TableName: name, KeySchema: KEY_ID, AttributeDefinitions: DEF_ID });
    expect(withoutMetadata(await client.send(new ListTablesCommand({})))).toEqual({
      TableNames: ['aaa', 'bbb', 'ccc'],
    });
    expect(withoutMetadata(await client.send(new ListTablesCommand({ Limit: 2 })))).toEqual({
      TableNames: ['aaa', 'bbb'],
      LastEvaluatedTableName: 'bbb',
    });
    expect(
      withoutMetadata(await client.send(new ListTablesCommand({ Limit: 2, ExclusiveStartTableName: 'bbb' }))),
    ).toEqual({ TableNames: ['ccc'] });
    await expectSdkError(
      client.send(new ListTablesCommand({ Limit: 101 })),
      sdkValidation('Limit in ListTables must be <= 100'),
    );
  });

  it('UpdateTable enables and disables the stream; other updates are named as unsupported', async () => {
    const { client, db } = await makeWire();
    db.createTable({ TableName: 'orders', KeySchema: KEY_ID, AttributeDefinitions: DEF_ID });
    const enabled = await client.send(
      new UpdateTableCommand({
        TableName: 'orders',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      }),
    );
    expect(enabled.TableDescription!.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
    expect(enabled.TableDescription!.LatestStreamArn).toBe(db.table('orders').stream!.arn);
    await expectSdkError(
      client.send(
        new UpdateTableCommand({
          TableName: 'orders',
          StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
        }),
      ),
      sdkValidation('Table already has an enabled stream'),
    );
    const disabled = await client.send(
      new UpdateTableCommand({ TableName: 'orders', StreamSpecification: { StreamEnabled: false } }),
    );
    expect(disabled.TableDescription!.StreamSpecification).toBeUndefined();
    expect(db.table('orders').stream).toBeUndefined();
    await expectSdkError(
      client.send(new UpdateTableCommand({ TableName: 'orders', BillingMode: 'PAY_PER_REQUEST' })),
      sdkValidation(
        'UpdateTable of BillingMode or ProvisionedThroughput is not supported by shardline yet: only StreamSpecification and GlobalSecondaryIndexUpdates',
      ),
    );
    await expectSdkError(
      client.send(new UpdateTableCommand({ TableName: 'nope1', StreamSpecification: { StreamEnabled: false } })),
      {
        name: 'ResourceNotFoundException',
        message: 'Cannot do operations on a non-existent table',
      },
    );
  });
});
