/**
 * shardlineControl, the typed client of the control interface: over HTTP (listen, in this process) and over a
 * transport of the test's (dispatch, no socket); its answers typed, its errors shardline's own classes. And the
 * scenario the interface exists for, with the AWS SDK over HTTP: a reader's position, 25 hours later, is trimmed.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ResourceNotFoundException,
  UnknownOperationException,
  ValidationException,
  type Database,
} from '../../../src/index.js';
import { listen, shardlineControl, type ControlFetch, type HttpServer } from '../../../src/public/wire.js';
import { dispatch } from '../../../src/wire/dispatch.js';
import { makeDb } from '../../support/database.js';
import { expectSdkError } from '../../support/sdk-errors.js';
import { DEF_ID, KEY_ID } from '../../support/tables.js';
import { HOUR, T0 } from '../../support/time.js';

const servers: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function ordersDb() {
  const fixture = await makeDb();
  fixture.db.createTable({
    TableName: 'orders',
    KeySchema: KEY_ID,
    AttributeDefinitions: DEF_ID,
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  });
  return fixture;
}

/** A transport that answers in process: what `fetch` would get from `listen(db)`, without a socket. */
function inProcessFetch(db: Database): ControlFetch {
  return (_url, init) => {
    const response = dispatch(db, init.headers['X-Amz-Target'], init.body);
    return Promise.resolve({ status: response.statusCode, text: () => Promise.resolve(response.body) });
  };
}

const credentials = { accessKeyId: 'AKIDSHARDLINE', secretAccessKey: 'shardline' };

describe.each(['HTTP', 'in process'] as const)('shardlineControl over %s', (transport) => {
  async function connect(db: Database) {
    if (transport === 'in process') return shardlineControl('http://shardline.test', { fetch: inProcessFetch(db) });
    const server = await listen(db, { port: 0 });
    servers.push(server);
    return shardlineControl(server.endpoint);
  }

  it('reads and moves the clock, and shapes the stream, with typed answers', async () => {
    const { db } = await ordersDb();
    const control = await connect(db);
    expect(await control.now()).toEqual({ Now: new Date(T0).toISOString(), EpochMillis: T0, Manual: true });
    expect((await control.advance('25h')).EpochMillis).toBe(T0 + 25 * HOUR);
    expect((await control.advance(1_000)).EpochMillis).toBe(T0 + 25 * HOUR + 1_000);
    expect((await control.set('2026-02-01T00:00:00Z')).EpochMillis).toBe(Date.UTC(2026, 1, 1));
    expect((await control.set(new Date(Date.UTC(2026, 1, 2)))).EpochMillis).toBe(Date.UTC(2026, 1, 2));
    expect((await control.set(Date.UTC(2026, 1, 3))).Now).toBe('2026-02-03T00:00:00.000Z');

    const stream = db.table('orders').stream!;
    const [first] = stream.listShards().filter((shard) => shard.status === 'OPEN');
    const [low, high] = await control.splitShard({ TableName: 'orders', ShardId: first!.shardId, At: 1n << 62n });
    expect([low.hashKeyRange, high.hashKeyRange]).toEqual([
      { start: '0', end: String((1n << 62n) - 1n) },
      { start: String(1n << 62n), end: String((1n << 64n) - 1n) },
    ]);
    const merged = await control.mergeShards({
      StreamArn: stream.arn,
      ShardId: high.shardId,
      AdjacentShardId: low.shardId,
    });
    expect(merged.parentShardIds.sort()).toEqual([low.shardId, high.shardId].sort());
    const rolled = await control.rolloverShard({ TableName: 'orders', ShardId: merged.shardId });
    expect(rolled).toMatchObject({ parentShardIds: [merged.shardId], origin: 'rollover', status: 'OPEN' });
    expect(await control.trim({ TableName: 'orders' })).toBe(0);
    expect(await control.call('GetClock')).toMatchObject({ Manual: true });
  });

  it("rejects with shardline's own error classes, name and message as in process", async () => {
    const { db } = await ordersDb();
    const control = await connect(db);
    const cases: [Promise<unknown>, new (message: string) => Error, string][] = [
      [control.advance('soon'), ValidationException, "AdvanceClock: By: 'soon' is not a duration"],
      [control.set('2020-01-01T00:00:00Z'), ValidationException, 'SetClock cannot move the clock backwards'],
      [control.trim({ TableName: 'nothere' }), ValidationException, 'TrimStream: no table nothere'],
      [control.call('Explode'), UnknownOperationException, 'shardline does not implement Shardline_20261208.Explode'],
    ];
    for (const [promise, Class, words] of cases) {
      const error = await promise.then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toBeInstanceOf(Class);
      expect((error as Error).name).toBe(Class.name);
      expect((error as Error).message).toContain(words);
    }
    expect(db.clock.now()).toBe(T0);
  });
});

describe('shardlineControl, what is not an answer of shardline', () => {
  it('an endpoint nobody listens on: an Error that names it and the reason', async () => {
    const { db } = await ordersDb();
    const server = await listen(db, { port: 0 });
    const { endpoint } = server;
    await server.close();
    await expect(shardlineControl(endpoint).now()).rejects.toThrow(
      new RegExp(`^cannot reach shardline at ${endpoint.replaceAll('.', '\\.')}: .*ECONNREFUSED`),
    );
  });

  it('an answer that is no JSON 1.0 error: an Error with the status and what came back', async () => {
    const notFound: ControlFetch = () =>
      Promise.resolve({ status: 404, text: () => Promise.resolve('<UnknownOperationException/>\n') });
    await expect(shardlineControl('http://x.test', { fetch: notFound }).now()).rejects.toThrow(
      'HTTP 404 from shardline: <UnknownOperationException/>',
    );
    const other: ControlFetch = () =>
      Promise.resolve({
        status: 400,
        text: () =>
          Promise.resolve('{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"gone"}'),
      });
    await expect(shardlineControl('http://x.test', { fetch: other }).now()).rejects.toEqual(
      new ResourceNotFoundException('gone'),
    );
  });
});

describe('the AWS SDK over HTTP, a reader, and the clock moved 25 hours', () => {
  it('the position the reader holds is trimmed: TrimmedDataAccessException; the shards listed now hold nothing old', async () => {
    const { db } = await ordersDb();
    const server = await listen(db, { port: 0 });
    servers.push(server);
    const config = { region: 'us-east-1', endpoint: server.endpoint, credentials, maxAttempts: 1 };
    const client = new DynamoDBClient(config);
    const streams = new DynamoDBStreamsClient(config);
    const control = shardlineControl(server.endpoint);
    try {
      const StreamArn = db.table('orders').stream!.arn;
      for (const id of ['a', 'b'])
        await client.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: id } } }));
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
      const ShardId = StreamDescription!.Shards![0]!.ShardId!;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({ StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
      );
      const read = await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 1 }));
      const checkpoint = read.Records![0]!.dynamodb!.SequenceNumber!;

      await control.advance('25h');

      // AWS: the iterator is 15 minutes old at most; the position it held is past retention.
      await expectSdkError(streams.send(new GetRecordsCommand({ ShardIterator: read.NextShardIterator })), {
        name: 'ExpiredIteratorException',
        message: 'The provided iterator exceeds the maximum age allowed.',
      });
      // The shard rolled over at 4 h and expired with its records 24 h after them: any position in it is trimmed.
      for (const ShardIteratorType of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER', 'TRIM_HORIZON'] as const)
        await expectSdkError(
          streams.send(
            new GetShardIteratorCommand({
              StreamArn,
              ShardId,
              ShardIteratorType,
              SequenceNumber: ShardIteratorType === 'TRIM_HORIZON' ? undefined : checkpoint,
            }),
          ),
          {
            name: 'TrimmedDataAccessException',
            message: 'The operation attempted to read past the oldest stream record in a shard.',
          },
        );
      // A restart from the stream's shards now: the old shard is gone from the listing, and nothing old is left.
      const now = await streams.send(new DescribeStreamCommand({ StreamArn }));
      const shardIds = now.StreamDescription!.Shards!.map((shard) => shard.ShardId);
      expect(shardIds).not.toContain(ShardId);
      for (const id of shardIds) {
        const restart = await streams.send(
          new GetShardIteratorCommand({ StreamArn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }),
        );
        expect((await streams.send(new GetRecordsCommand({ ShardIterator: restart.ShardIterator }))).Records).toEqual(
          [],
        );
      }
    } finally {
      client.destroy();
      streams.destroy();
    }
  });
});
