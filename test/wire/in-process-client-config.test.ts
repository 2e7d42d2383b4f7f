import { DynamoDBClient, CreateTableCommand, PutItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBStreamsClient,
  ListStreamsCommand,
  DescribeStreamCommand,
  GetShardIteratorCommand,
  GetRecordsCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBDocumentClient, PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { Database, ManualClock } from '../../src/index.js';
import { inProcessClientConfig } from '../../src/public/wire.js';

describe('inProcessClientConfig: a lean SDK client for the embedded engine', () => {
  it('serves DynamoDBClient, DynamoDBDocumentClient and DynamoDBStreamsClient, errors included', async () => {
    const db = await Database.create({ clock: new ManualClock(Date.UTC(2026, 0, 1)), seed: 3 });
    const client = new DynamoDBClient(inProcessClientConfig(db));
    // lib-dynamodb refuses a client with cached middleware: the document client gets its own, without.
    expect(() => DynamoDBDocumentClient.from(client)).toThrow(/cacheMiddleware=true is not compatible/);
    const doc = DynamoDBDocumentClient.from(
      new DynamoDBClient({ ...inProcessClientConfig(db), cacheMiddleware: false }),
    );
    const streams = new DynamoDBStreamsClient(inProcessClientConfig(db));
    await client.send(
      new CreateTableCommand({
        TableName: 'users',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      }),
    );
    // The same command type twice: the cached middleware stack must serve both.
    await client.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'a' } } }));
    await client.send(new PutItemCommand({ TableName: 'users', Item: { id: { S: 'b' }, n: { N: '1' } } }));
    await doc.send(new PutCommand({ TableName: 'users', Item: { id: 'c', tags: new Set(['x']) } }));
    expect((await doc.send(new GetCommand({ TableName: 'users', Key: { id: 'c' } }))).Item).toEqual({
      id: 'c',
      tags: new Set(['x']),
    });
    expect((await client.send(new GetItemCommand({ TableName: 'users', Key: { id: { S: 'b' } } }))).Item).toEqual({
      id: { S: 'b' },
      n: { N: '1' },
    });

    const { Streams } = await streams.send(new ListStreamsCommand({}));
    const StreamArn = Streams![0]!.StreamArn!;
    const shard = (await streams.send(new DescribeStreamCommand({ StreamArn }))).StreamDescription!.Shards![0]!;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({ StreamArn, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records!.map((record) => record.dynamodb!.Keys!.id!.S)).toEqual(['a', 'b', 'c']);

    await expect(
      client.send(new GetItemCommand({ TableName: 'missing', Key: { id: { S: 'a' } } })),
    ).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Cannot do operations on a non-existent table',
      $metadata: { httpStatusCode: 400, attempts: 1 },
    });
  });

  it('takes a region, and later settings override it', async () => {
    const db = await Database.create({ clock: new ManualClock(0), seed: 1, region: 'eu-west-1' });
    const config = inProcessClientConfig(db, 'eu-west-1');
    expect(config.region).toBe('eu-west-1');
    const client = new DynamoDBClient({ ...config, maxAttempts: 2 });
    expect(await client.config.maxAttempts()).toBe(2);
    expect(await client.config.region()).toBe('eu-west-1');
  });
});
