/**
 * docs/aws-sdk-and-http.md's "Through the AWS SDK, in process" example, run with expectations on what it shows
 * (the page's block itself runs, type-checked, in test/docs/doc-examples.test.ts).
 */
import { DynamoDBClient, CreateTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBStreamsClient,
  ListStreamsCommand,
  DescribeStreamCommand,
  GetShardIteratorCommand,
  GetRecordsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, PutCommand, UpdateCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { Database, ManualClock } from '../../src/index.js';
import { createAwsHandler } from '../../src/public/wire.js';

describe('README: Through the AWS SDK, in process', () => {
  it('runs the unchanged SDK code against the embedded engine', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const db = await Database.create({ clock, seed: 7 });
    const config = {
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: createAwsHandler(db),
      maxAttempts: 1,
    };
    const client = new DynamoDBClient(config);
    const doc = DynamoDBDocumentClient.from(client);
    const streams = new DynamoDBStreamsClient(config);

    await client.send(
      new CreateTableCommand({
        TableName: 'orders',
        KeySchema: [
          { AttributeName: 'customer', KeyType: 'HASH' },
          { AttributeName: 'orderId', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'customer', AttributeType: 'S' },
          { AttributeName: 'orderId', AttributeType: 'N' },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    await doc.send(new PutCommand({ TableName: 'orders', Item: { customer: 'ada', orderId: 1, total: 42 } }));
    await doc.send(
      new UpdateCommand({
        TableName: 'orders',
        Key: { customer: 'ada', orderId: 1 },
        AttributeUpdates: { total: { Action: 'ADD', Value: 8 } },
      }),
    );
    const { Items } = await doc.send(
      new QueryCommand({
        TableName: 'orders',
        KeyConditions: { customer: { ComparisonOperator: 'EQ', AttributeValueList: ['ada'] } },
      }),
    );
    // Items: [{ customer: 'ada', orderId: 1, total: 50 }]
    expect(Items).toEqual([{ customer: 'ada', orderId: 1, total: 50 }]);

    const { Streams } = await streams.send(new ListStreamsCommand({ TableName: 'orders' }));
    const StreamArn = Streams![0]!.StreamArn!;
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
    const ShardId = StreamDescription!.Shards![0]!.ShardId!;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));
    console.log(Records!.map((r) => `${r.eventName} total=${r.dynamodb!.NewImage!.total!.N}`));
    // [ 'INSERT total=42', 'MODIFY total=50' ]
    expect(Records!.map((r) => `${r.eventName} total=${r.dynamodb!.NewImage!.total!.N}`)).toEqual([
      'INSERT total=42',
      'MODIFY total=50',
    ]);
    expect(Records![0]!.dynamodb!.ApproximateCreationDateTime).toEqual(new Date(Date.UTC(2026, 0, 1)));
    // The SDK and the typed API see the same table.
    expect(db.table('orders').get({ customer: 'ada', orderId: 1 })).toEqual({ customer: 'ada', orderId: 1, total: 50 });
  });
});
