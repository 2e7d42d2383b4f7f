/**
 * The reader over `sdkStreamSource` against Amazon's DynamoDB Local itself (the same reader and source the
 * test/reader-sdk suites run against shardline through the SDK). Part of `npm run conformance`, which starts
 * DynamoDB Local, so it never depends on one happening to run. DynamoDB Local runs on real time, so the source
 * keeps its default SystemClock; nothing here waits on it (a disabled stream's shards end, so the reader finishes).
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreams,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { StreamReader, checkpointAfter, type DynamoDBRecord } from '../src/index.js';
import { sdkStreamSource } from '../src/public/reader.js';
import { DDB_LOCAL_ENDPOINT } from './endpoints.js';

const config = {
  region: 'us-east-1',
  endpoint: DDB_LOCAL_ENDPOINT,
  credentials: { accessKeyId: 'shardline', secretAccessKey: 'shardline' },
};

const label = (record: DynamoDBRecord): string => `${record.eventName} ${record.dynamodb.Keys.id!.S!}`;

describe('StreamReader over sdkStreamSource against DynamoDB Local', () => {
  it("reads a table's changes in order, resumes from a checkpoint, and finishes once the table is deleted", async () => {
    const client = new DynamoDBClient(config);
    // Unique per run: DynamoDB Local may be shared by several test runs.
    const TableName = `shardline-reader-${process.pid}-${Math.floor(performance.timeOrigin)}`;
    const created = await client.send(
      new CreateTableCommand({
        TableName,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      }),
    );
    const streamArn = created.TableDescription!.LatestStreamArn!;
    try {
      for (const id of ['a', 'b', 'c'])
        await client.send(new PutItemCommand({ TableName, Item: { id: { S: id }, v: { N: '1' } } }));
      await client.send(
        new UpdateItemCommand({
          TableName,
          Key: { id: { S: 'a' } },
          UpdateExpression: 'SET v = :v',
          ExpressionAttributeValues: { ':v': { N: '2' } },
        }),
      );

      const reader = new StreamReader(sdkStreamSource(new DynamoDBStreams(config), { streamArn }));
      const batches = await reader.drainAsync();
      expect(batches.flatMap((batch) => batch.records).map(label)).toEqual([
        'INSERT a',
        'INSERT b',
        'INSERT c',
        'MODIFY a',
      ]);

      // A bare client with its command classes, resuming after the second record.
      const [batch] = batches;
      const resumed = new StreamReader(
        sdkStreamSource(new DynamoDBStreamsClient(config), {
          streamArn,
          commands: { DescribeStreamCommand, GetShardIteratorCommand, GetRecordsCommand },
        }),
        { checkpoint: checkpointAfter(batch!, batch!.records[1]!) },
      );
      expect((await resumed.drainAsync()).flatMap((b) => b.records).map(label)).toEqual(['INSERT c', 'MODIFY a']);

      // Deleting the table disables the stream and closes its shards: `for await` reads to the end and stops.
      await client.send(new DeleteTableCommand({ TableName }));
      const last: string[] = [];
      for await (const more of new StreamReader(sdkStreamSource(new DynamoDBStreams(config), { streamArn })).batches())
        last.push(...more.records.map(label));
      expect(last).toEqual(['INSERT a', 'INSERT b', 'INSERT c', 'MODIFY a']);
    } finally {
      await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
    }
  });
});
