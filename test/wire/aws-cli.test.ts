/**
 * The AWS CLI against `listen(db)`: `aws dynamodb` and `aws dynamodbstreams` with `--endpoint-url`, dummy
 * credentials and no configuration files. The CLI starts slowly (about half a second a call), so this runs a
 * few calls, each one a step of one scenario. Where `aws` is not installed, the suite is skipped and says so.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database, ManualClock } from '../../src/index.js';
import { listen, type HttpServer } from '../../src/public/wire.js';
import { T0 } from '../support/time.js';
import { hasAwsCli, isolatedAwsEnv } from '../support/aws-cli-env.js';

if (!hasAwsCli) console.warn('test/wire/aws-cli.test.ts: the AWS CLI (`aws`) is not installed; its suite is skipped.');

// Each aws CLI call starts a Python process (about 2.5 s on a loaded 2-core machine), and the first test makes
// six of them: a longer limit than the suite's 20 s, which is for tests that never wait on another process.
describe.skipIf(!hasAwsCli)('the AWS CLI over HTTP', { timeout: 60_000 }, () => {
  let db: Database;
  let server: HttpServer;
  const env = isolatedAwsEnv();

  beforeAll(async () => {
    db = await Database.create({ clock: new ManualClock(T0), seed: 42 });
    server = await listen(db, { port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  /** Runs `aws <args> --endpoint-url <server> --output json` (asynchronously: the server is in this process). */
  async function aws(...args: string[]): Promise<Record<string, unknown>> {
    const { stdout } = await promisify(execFile)(
      'aws',
      [...args, '--endpoint-url', server.endpoint, '--output', 'json'],
      { env },
    );
    return stdout.trim() === '' ? {} : (JSON.parse(stdout) as Record<string, unknown>);
  }

  it('aws dynamodb create-table and put-item, then aws dynamodbstreams reads the record', async () => {
    const created = (await aws(
      'dynamodb',
      'create-table',
      '--table-name',
      'orders',
      '--key-schema',
      'AttributeName=id,KeyType=HASH',
      '--attribute-definitions',
      'AttributeName=id,AttributeType=S',
      '--billing-mode',
      'PAY_PER_REQUEST',
      '--stream-specification',
      'StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES',
    )) as { TableDescription: { TableName: string; TableStatus: string; LatestStreamArn: string } };
    expect(created.TableDescription).toMatchObject({
      TableName: 'orders',
      TableStatus: 'ACTIVE',
      LatestStreamArn: db.table('orders').stream!.arn,
    });

    expect(
      await aws(
        'dynamodb',
        'put-item',
        '--table-name',
        'orders',
        '--item',
        '{"id":{"S":"a"},"total":{"N":"42"},"tags":{"SS":["x","y"]}}',
      ),
    ).toEqual({});
    expect(db.getItem({ TableName: 'orders', Key: { id: { S: 'a' } } }).Item).toEqual({
      id: { S: 'a' },
      total: { N: '42' },
      tags: { SS: ['x', 'y'] },
    });

    const listed = (await aws('dynamodbstreams', 'list-streams')) as {
      Streams: { StreamArn: string; TableName: string }[];
    };
    expect(listed.Streams).toEqual([
      {
        StreamArn: created.TableDescription.LatestStreamArn,
        TableName: 'orders',
        StreamLabel: '2026-01-01T12:30:15.250',
      },
    ]);

    const described = (await aws(
      'dynamodbstreams',
      'describe-stream',
      '--stream-arn',
      listed.Streams[0]!.StreamArn,
    )) as {
      StreamDescription: { StreamStatus: string; Shards: { ShardId: string }[] };
    };
    expect(described.StreamDescription.StreamStatus).toBe('ENABLED');
    const shardId = described.StreamDescription.Shards[0]!.ShardId;

    const { ShardIterator } = (await aws(
      'dynamodbstreams',
      'get-shard-iterator',
      '--stream-arn',
      listed.Streams[0]!.StreamArn,
      '--shard-id',
      shardId,
      '--shard-iterator-type',
      'TRIM_HORIZON',
    )) as { ShardIterator: string };
    const page = (await aws('dynamodbstreams', 'get-records', '--shard-iterator', ShardIterator)) as {
      Records: { eventName: string; dynamodb: Record<string, unknown> }[];
      NextShardIterator: string;
    };
    expect(page.Records).toHaveLength(1);
    expect(page.Records[0]!.eventName).toBe('INSERT');
    expect(page.Records[0]!.dynamodb).toMatchObject({
      Keys: { id: { S: 'a' } },
      NewImage: { id: { S: 'a' }, total: { N: '42' }, tags: { SS: ['x', 'y'] } },
      SequenceNumber: db.getRecords({ ShardIterator }).Records[0]!.dynamodb.SequenceNumber,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    });
    expect(page.NextShardIterator).toEqual(expect.any(String));
  });

  it('an AWS error: exit status 255, and the error name and message on stderr', async () => {
    const failed = await promisify(execFile)(
      'aws',
      ['dynamodb', 'describe-table', '--table-name', 'absent', '--endpoint-url', server.endpoint],
      { env },
    ).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(255);
    expect(failed?.stderr.trim()).toBe(
      'An error occurred (ResourceNotFoundException) when calling the DescribeTable operation: Cannot do operations on a non-existent table',
    );
  });
});
