/**
 * Time travel over HTTP, end to end, as a user of another process runs it: `shardline serve --clock manual`
 * spawned, the AWS SDK (and the AWS CLI, where installed) reading its stream, and `shardline clock advance 25h`
 * and `shardline shards split` spawned against it. Every step waits on another process, hence the longer limit.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasAwsCli, isolatedAwsEnv } from '../support/aws-cli-env.js';
import { expectSdkError } from '../support/sdk-errors.js';
import { runShardline, startServe, type ServeProcess } from '../support/serve-process.js';

const START = '2026-01-01T00:00:00.000Z';
const START_MS = Date.UTC(2026, 0, 1);
const HOURS_25 = 25 * 3_600_000;
const TRIMMED = {
  name: 'TrimmedDataAccessException',
  message: 'The operation attempted to read past the oldest stream record in a shard.',
};

if (!hasAwsCli)
  console.warn('test/cli/time-travel.test.ts: the AWS CLI (`aws`) is not installed; its test is skipped.');

function clients(endpoint: string) {
  const config = {
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'AKIDSHARDLINE', secretAccessKey: 'shardline' },
    maxAttempts: 1,
  };
  return { client: new DynamoDBClient(config), streams: new DynamoDBStreamsClient(config) };
}

/** A table with a stream and two items in it; the stream's ARN and its one shard. */
async function ordersWithRecords(client: DynamoDBClient, streams: DynamoDBStreamsClient) {
  const created = await client.send(
    new CreateTableCommand({
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    }),
  );
  for (const id of ['a', 'b']) await client.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: id } } }));
  const StreamArn = created.TableDescription!.LatestStreamArn!;
  const described = await streams.send(new DescribeStreamCommand({ StreamArn }));
  return { StreamArn, ShardId: described.StreamDescription!.Shards![0]!.ShardId! };
}

describe('shardline serve --clock manual, moved from outside', { timeout: 120_000 }, () => {
  let server: ServeProcess;
  beforeAll(async () => {
    server = await startServe(['--clock', 'manual', '--start', START, '--port', '0', '--seed', '7']);
  });
  afterAll(async () => {
    const exit = await server?.stop();
    expect(exit?.stderr).toContain(`manual clock at ${START}, moved by \`shardline clock\``);
    expect(exit?.code).toBe(0);
  });

  it('the SDK reads the stream; `shardline clock advance 25h` trims the position it held; `shardline shards split` adds children DescribeStream lists', async () => {
    const { endpoint } = server;
    const { client, streams } = clients(endpoint);
    try {
      const { StreamArn, ShardId } = await ordersWithRecords(client, streams);
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      const read = await streams.send(new GetRecordsCommand({ ShardIterator }));
      expect(read.Records!.map((record) => record.dynamodb!.Keys!.id!.S)).toEqual(['a', 'b']);
      const checkpoint = read.Records![0]!.dynamodb!.SequenceNumber!;

      const now = await runShardline(['clock', 'now', '--endpoint', endpoint, '--json']);
      expect(JSON.parse(now.stdout)).toEqual({ Now: START, EpochMillis: START_MS, Manual: true });
      const advanced = await runShardline(['clock', 'advance', '25h', '--endpoint', endpoint]);
      expect(advanced).toMatchObject({
        code: 0,
        stdout: `${new Date(START_MS + HOURS_25).toISOString()} (${START_MS + HOURS_25} ms, manual clock)\n`,
        stderr: '',
      });

      // As AWS answers: a position in records past retention (and the shard that held them) is trimmed.
      await expectSdkError(
        streams.send(
          new GetShardIteratorCommand({
            StreamArn,
            ShardId,
            ShardIteratorType: 'AT_SEQUENCE_NUMBER',
            SequenceNumber: checkpoint,
          }),
        ),
        TRIMMED,
      );
      await expectSdkError(
        streams.send(new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' })),
        TRIMMED,
      );

      const open = (await streams.send(new DescribeStreamCommand({ StreamArn }))).StreamDescription!.Shards!.filter(
        (shard) => shard.SequenceNumberRange?.EndingSequenceNumber === undefined,
      );
      expect(open).toHaveLength(1);
      const parent = open[0]!.ShardId!;
      const split = await runShardline([
        'shards',
        'split',
        '--endpoint',
        endpoint,
        '--table',
        'orders',
        '--shard',
        parent,
      ]);
      expect(split.code).toBe(0);
      expect(split.stdout).toMatch(
        new RegExp(
          `^split ${parent} into shardId-\\S+ \\[0\\.\\.\\d+\\] and shardId-\\S+ \\[\\d+\\.\\.18446744073709551615\\]\\n$`,
        ),
      );
      const children = await streams.send(
        new DescribeStreamCommand({ StreamArn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: parent } }),
      );
      expect(children.StreamDescription!.Shards!.map((shard) => shard.ParentShardId)).toEqual([parent, parent]);

      const refused = await runShardline([
        'shards',
        'split',
        '--endpoint',
        endpoint,
        '--table',
        'orders',
        '--shard',
        parent,
      ]);
      expect(refused).toMatchObject({
        code: 1,
        stdout: '',
        stderr: `shardline: ValidationException: Shard ${parent} is closed: only open shards can be split, merged or rolled over\n`,
      });
    } finally {
      client.destroy();
      streams.destroy();
    }
  });

  it.skipIf(!hasAwsCli)(
    'the same through the AWS CLI: get-records, then a trimmed position after `shardline clock advance 25h`',
    async () => {
      const { endpoint } = server;
      const env = isolatedAwsEnv();
      const aws = async (...args: string[]) => {
        try {
          const { stdout } = await promisify(execFile)(
            'aws',
            [...args, '--endpoint-url', endpoint, '--output', 'json'],
            { env },
          );
          return { code: 0, json: JSON.parse(stdout) as Record<string, unknown>, stderr: '' };
        } catch (error) {
          const failed = error as { code: number; stderr: string };
          return { code: failed.code, json: {}, stderr: failed.stderr };
        }
      };
      const { client, streams } = clients(endpoint);
      let StreamArn: string;
      try {
        const created = await client.send(
          new CreateTableCommand({
            TableName: 'cli-orders',
            KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
            AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
            BillingMode: 'PAY_PER_REQUEST',
            StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
          }),
        );
        await client.send(new PutItemCommand({ TableName: 'cli-orders', Item: { id: { S: 'x' } } }));
        StreamArn = created.TableDescription!.LatestStreamArn!;
      } finally {
        client.destroy();
        streams.destroy();
      }
      const described = await aws('dynamodbstreams', 'describe-stream', '--stream-arn', StreamArn);
      const shardId = (described.json as { StreamDescription: { Shards: { ShardId: string }[] } }).StreamDescription
        .Shards[0]!.ShardId;
      const iterator = await aws(
        'dynamodbstreams',
        'get-shard-iterator',
        '--stream-arn',
        StreamArn,
        '--shard-id',
        shardId,
        '--shard-iterator-type',
        'TRIM_HORIZON',
      );
      const read = await aws(
        'dynamodbstreams',
        'get-records',
        '--shard-iterator',
        iterator.json.ShardIterator as string,
      );
      const records = read.json.Records as { dynamodb: { SequenceNumber: string; Keys: unknown } }[];
      expect(records.map((record) => record.dynamodb.Keys)).toEqual([{ id: { S: 'x' } }]);

      expect((await runShardline(['clock', 'advance', '25h', '--endpoint', endpoint])).code).toBe(0);

      const trimmed = await aws(
        'dynamodbstreams',
        'get-shard-iterator',
        '--stream-arn',
        StreamArn,
        '--shard-id',
        shardId,
        '--shard-iterator-type',
        'AT_SEQUENCE_NUMBER',
        '--sequence-number',
        records[0]!.dynamodb.SequenceNumber,
      );
      expect(trimmed.code).not.toBe(0);
      expect(trimmed.stderr).toContain(
        `(TrimmedDataAccessException) when calling the GetShardIterator operation: ${TRIMMED.message}`,
      );
      const expired = await aws(
        'dynamodbstreams',
        'get-records',
        '--shard-iterator',
        read.json.NextShardIterator as string,
      );
      expect(expired.stderr).toContain('(ExpiredIteratorException) when calling the GetRecords operation');
    },
  );

  it('a server on the system clock refuses `shardline clock advance`, and says how to start a manual one', async () => {
    const system = await startServe(['--port', '0']);
    try {
      const refused = await runShardline(['clock', 'advance', '1h', '--endpoint', system.endpoint]);
      expect(refused).toMatchObject({
        code: 1,
        stdout: '',
        stderr:
          'shardline: ValidationException: AdvanceClock needs a manual clock, and this database runs on the system clock: start the server with `shardline serve --clock manual` (or create the Database with a ManualClock)\n',
      });
      const now = await runShardline(['clock', 'now', '--endpoint', system.endpoint, '--json']);
      expect(JSON.parse(now.stdout)).toMatchObject({ Manual: false });
    } finally {
      expect((await system.stop()).stderr).toContain('; system clock;');
    }
  });
});
