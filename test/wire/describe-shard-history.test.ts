/**
 * The control operation `Shardline_20261208.DescribeShardHistory { TableName | StreamArn }`: the stream's shard
 * history as JSON (docs/shard-picture.md), through dispatch and through the AWS SDK's in-process request handler,
 * on any clock; its errors.
 */
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Database, ManualClock, SystemClock, type ShardHistory } from '../../src/index.js';
import { createAwsHandler } from '../../src/public/wire.js';
import { CONTROL_TARGET_PREFIX } from '../../src/wire/control/control-operation.js';
import { CONTROL_OPERATIONS } from '../../src/wire/control/control-registry.js';
import { dispatch } from '../../src/wire/index.js';
import { HOUR, T0 } from '../support/time.js';

const TARGET = `${CONTROL_TARGET_PREFIX}.DescribeShardHistory`;

async function withStream(clock: ManualClock | SystemClock = new ManualClock(T0)) {
  const db = await Database.create({ clock, seed: 5 });
  const table = db.createTable({
    TableName: 'orders',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
  });
  table.put({ id: 'a' });
  const stream = table.stream!;
  stream.splitShard(stream.listShards()[0]!.shardId);
  return { db, stream };
}

function call(db: Database, body: unknown) {
  const response = dispatch(db, TARGET, JSON.stringify(body));
  return { status: response.statusCode, body: JSON.parse(response.body) as Record<string, unknown> };
}

describe('DescribeShardHistory', () => {
  it('is a control operation allowed on any clock', () => {
    expect(CONTROL_OPERATIONS.find((operation) => operation.name === 'DescribeShardHistory')).toMatchObject({
      needsManualClock: false,
    });
  });

  it.each([
    ['TableName', (arn: string) => ({ TableName: 'orders', arn })],
    ['StreamArn', (arn: string) => ({ StreamArn: arn })],
  ])('answers the history by %s, as Stream.shardHistory, in JSON', async (_name, input) => {
    const { db, stream } = await withStream();
    const { TableName, StreamArn } = input(stream.arn) as { TableName?: string; StreamArn?: string };
    const { status, body } = call(db, TableName === undefined ? { StreamArn } : { TableName });
    expect(status).toBe(200);
    expect(body).toEqual(JSON.parse(JSON.stringify(stream.shardHistory())));
    const history = body as unknown as ShardHistory;
    expect(history.shards).toHaveLength(3);
    // Hash ranges as decimal strings, times as epoch ms.
    expect(history.shards[2]!.hashKeyRange).toEqual({ start: String(2n ** 63n), end: String(2n ** 64n - 1n) });
    expect(history.shards[0]).toMatchObject({ createdAt: T0, closedAt: T0, endedBy: 'split' });
    db.close();
  });

  it('runs on the system clock too (it changes nothing)', async () => {
    const { db, stream } = await withStream(new SystemClock());
    const { status, body } = call(db, { StreamArn: stream.arn });
    expect(status).toBe(200);
    expect((body as unknown as ShardHistory).shards).toHaveLength(3);
    db.close();
  });

  it('still draws a disabled stream by its table name, within the retention', async () => {
    const { db } = await withStream();
    db.updateTable({ TableName: 'orders', StreamSpecification: { StreamEnabled: false } });
    const { body } = call(db, { TableName: 'orders' });
    expect(body).toMatchObject({ status: 'DISABLED' });
    expect((body as unknown as ShardHistory).shards.every((shard) => shard.state !== 'OPEN')).toBe(true);
    db.close();
  });

  it.each([
    [{}, 'DescribeShardHistory needs either TableName or StreamArn (one of them, not both)'],
    [{ TableName: 'orders', StreamArn: 'x' }, 'needs either TableName or StreamArn'],
    [{ TableName: 7 }, 'DescribeShardHistory: TableName must be a non-empty string, got 7'],
    [{ StreamArn: '' }, 'DescribeShardHistory: StreamArn must be a non-empty string'],
    [{ TableName: 'absent' }, 'DescribeShardHistory: no table absent'],
    [{ TableName: 'plain' }, 'DescribeShardHistory: table plain has no stream enabled'],
    [{ StreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/x/stream/y' }, 'DescribeShardHistory: no stream arn:'],
  ])('refuses %j with a ValidationException, as the other control operations', async (input, message) => {
    const { db } = await withStream();
    db.createTable({
      TableName: 'plain',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    });
    const { status, body } = call(db, input);
    expect(status).toBe(400);
    expect(body.__type).toMatch(/#ValidationException$/);
    expect(body.message).toContain(message);
    db.close();
  });

  it('answers through the AWS SDK in-process request handler', async () => {
    const { db, stream } = await withStream();
    (db.clock as ManualClock).advance(HOUR);
    const handler = createAwsHandler(db);
    const { response } = await handler.handle({
      method: 'POST',
      protocol: 'https:',
      hostname: 'localhost',
      path: '/',
      query: {},
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': TARGET },
      body: JSON.stringify({ TableName: 'orders' }),
    } as never);
    const chunks: Buffer[] = [];
    for await (const chunk of response.body as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
    expect(response.statusCode).toBe(200);
    const history = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ShardHistory;
    expect(history.now).toBe(T0 + HOUR);
    expect(history).toEqual(JSON.parse(JSON.stringify(stream.shardHistory())));
    db.close();
  });

  it('names the control operations in the message of an unknown one', async () => {
    const { db } = await withStream();
    const response = dispatch(db, `${CONTROL_TARGET_PREFIX}.NoSuchThing`, '{}');
    expect(JSON.parse(response.body)).toMatchObject({
      message: expect.stringContaining('DescribeShardHistory') as unknown,
    });
    db.close();
  });
});
