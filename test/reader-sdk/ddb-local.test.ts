/**
 * The same reader, through the same source, against Amazon's DynamoDB Local on 127.0.0.1:8765, when it runs
 * (`../shared/tools/ddb-local.sh start`). `npm test` does not need it (nor Java): without it this suite is
 * skipped, and its title says why. DynamoDB Local runs on real time, so the source keeps its default
 * SystemClock; nothing here waits on it (a disabled stream's shards end, so the reader finishes).
 */
import { connect } from 'node:net';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreams, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { StreamReader, checkpointAfter, sdkStreamSource, type DynamoDBRecord } from '../../src/index.js';

const HOST = '127.0.0.1';
const PORT = Number(process.env.DDB_LOCAL_PORT ?? 8765);

/** Whether something accepts connections on the port (answers within half a second). */
function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (up: boolean): void => {
      socket.destroy();
      resolve(up);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const running = await listening(HOST, PORT);
if (!running) console.warn(`test/reader-sdk/ddb-local.test.ts skipped: DynamoDB Local is not running on ${HOST}:${PORT} (start it with ../shared/tools/ddb-local.sh start)`);
const config = {
  region: 'us-east-1',
  endpoint: `http://${HOST}:${PORT}`,
  credentials: { accessKeyId: 'shardline', secretAccessKey: 'shardline' },
};

const label = (record: DynamoDBRecord): string => `${record.eventName} ${record.dynamodb.Keys.id!.S!}`;

describe.skipIf(!running)(
  running ? `StreamReader over sdkStreamSource against DynamoDB Local on ${HOST}:${PORT}` : `DynamoDB Local is not running on ${HOST}:${PORT} (../shared/tools/ddb-local.sh start): skipped`,
  () => {
    it('reads a table\'s changes in order, resumes from a checkpoint, and finishes once the table is deleted', async () => {
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
        for (const id of ['a', 'b', 'c']) await client.send(new PutItemCommand({ TableName, Item: { id: { S: id }, v: { N: '1' } } }));
        await client.send(new UpdateItemCommand({ TableName, Key: { id: { S: 'a' } }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { N: '2' } } }));

        const reader = new StreamReader(sdkStreamSource(new DynamoDBStreams(config), { streamArn }));
        const batches = await reader.drainAsync();
        expect(batches.flatMap((batch) => batch.records).map(label)).toEqual(['INSERT a', 'INSERT b', 'INSERT c', 'MODIFY a']);

        // A bare client with its command classes, resuming after the second record.
        const [batch] = batches;
        const resumed = new StreamReader(
          sdkStreamSource(new DynamoDBStreamsClient(config), { streamArn, commands: { DescribeStreamCommand, GetShardIteratorCommand, GetRecordsCommand } }),
          { checkpoint: checkpointAfter(batch!, batch!.records[1]!) },
        );
        expect((await resumed.drainAsync()).flatMap((b) => b.records).map(label)).toEqual(['INSERT c', 'MODIFY a']);

        // Deleting the table disables the stream and closes its shards: `for await` reads to the end and stops.
        await client.send(new DeleteTableCommand({ TableName }));
        const last: string[] = [];
        for await (const more of new StreamReader(sdkStreamSource(new DynamoDBStreams(config), { streamArn })).batches()) last.push(...more.records.map(label));
        expect(last).toEqual(['INSERT a', 'INSERT b', 'INSERT c', 'MODIFY a']);
      } finally {
        await client.send(new DeleteTableCommand({ TableName })).catch(() => undefined);
      }
    });
  },
);
