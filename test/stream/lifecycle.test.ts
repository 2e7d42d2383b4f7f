import { describe, expect, it } from 'vitest';
import type { Database, DynamoDBRecord, Stream } from '../../src/index.js';
import { expectError, notFound, validation } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { trimHorizon } from '../support/shards.js';
import { readShard, readStream } from '../support/stream-reads.js';
import { makeTable, streamOf } from '../support/tables.js';
import { DAY, HOUR, MINUTE, T0 } from '../support/time.js';

const disable = (db: Database, name = 'items') =>
  db.updateTable({ TableName: name, StreamSpecification: { StreamEnabled: false } });
const enable = (
  db: Database,
  viewType: 'NEW_IMAGE' | 'KEYS_ONLY' | 'NEW_AND_OLD_IMAGES' = 'NEW_IMAGE',
  name = 'items',
) => db.updateTable({ TableName: name, StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } });
const gone = (arn: string) => notFound(`Requested resource not found: Stream: ${arn} not found`);
const keysOf = (records: DynamoDBRecord[]) => records.map((record) => record.dynamodb.Keys.id!.S);

/** Every way of reaching an expired stream fails with ResourceNotFoundException. */
function expectStreamGone(db: Database, stream: Stream, shardId: string, iterator?: string): void {
  expectError(() => db.describeStream({ StreamArn: stream.arn }), gone(stream.arn));
  expectError(() => db.stream(stream.arn), gone(stream.arn));
  expectError(() => stream.describeStream(), gone(stream.arn));
  expectError(() => stream.getShardIterator({ ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }), gone(stream.arn));
  expectError(
    () => db.getShardIterator({ StreamArn: stream.arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }),
    notFound('Stream does not exist'),
  );
  if (iterator !== undefined) expectError(() => db.getRecords({ ShardIterator: iterator }), gone(stream.arn));
  expect(db.listStreams().Streams.map((summary) => summary.StreamArn)).not.toContain(stream.arn);
  expect(stream.expired).toBe(true);
}

describe('disabling a stream', () => {
  it('closes the open shards, turns DISABLED, and stays readable for 24 hours, then is gone', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { initialShards: 2, rolloverAfter: false } });
    clock.advance(HOUR);
    for (const id of ['a', 'b', 'c', 'd']) table.put({ id });
    const stream = streamOf(table);
    disable(db);
    expect(stream.status).toBe('DISABLED');
    expect(table.stream).toBeUndefined();
    expect(stream.listShards().map((shard) => shard.status)).toEqual(['CLOSED', 'CLOSED']);
    expect(db.describeTable({ TableName: 'items' }).Table).not.toHaveProperty('StreamSpecification');
    expect(db.describeTable({ TableName: 'items' }).Table.LatestStreamArn).toBe(stream.arn);
    // Writes after disable produce no records.
    const events: unknown[] = [];
    db.on('record', (event) => events.push(event));
    table.put({ id: 'e' });
    table.delete({ id: 'a' });
    expect(events).toEqual([]);
    expect(keysOf(readStream(db, stream)).sort()).toEqual(['a', 'b', 'c', 'd']);
    // The closed shards end in the call that returns their last records.
    for (const shard of stream.listShards())
      expect(db.getRecords({ ShardIterator: trimHorizon(stream, shard.shardId) })).not.toHaveProperty(
        'NextShardIterator',
      );

    clock.set(T0 + HOUR + DAY - 10 * MINUTE);
    const shardId = stream.listShards()[0]!.shardId;
    const iterator = trimHorizon(stream, shardId);
    clock.set(T0 + HOUR + DAY);
    expect(db.describeStream({ StreamArn: stream.arn }).StreamDescription.StreamStatus).toBe('DISABLED');
    expect(db.listStreams().Streams.map((summary) => summary.StreamArn)).toEqual([stream.arn]);
    clock.advance(1);
    expectStreamGone(db, stream, shardId, iterator);
    expect(db.listStreams()).toEqual({ Streams: [] });
    // DescribeTable keeps naming the latest stream (as AWS and DynamoDB Local).
    expect(db.describeTable({ TableName: 'items' }).Table.LatestStreamArn).toBe(stream.arn);
  });

  it('disabling twice, or a table without a stream, is a ValidationException', async () => {
    const { db } = await makeDb();
    makeTable(db);
    makeTable(db, { name: 'plain', viewType: null });
    disable(db);
    expectError(() => disable(db), validation('Table has no stream to disable'));
    expectError(() => disable(db, 'plain'), validation('Table has no stream to disable'));
  });

  it('records still age out by their own write time: a stream disabled later keeps no record older than 24 hours', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { rolloverAfter: false } });
    table.put({ id: 'early' });
    clock.advance(12 * HOUR);
    table.put({ id: 'late' });
    const stream = streamOf(table);
    disable(db);
    clock.set(T0 + DAY + 1);
    expect(keysOf(readStream(db, stream))).toEqual(['late']);
    clock.set(T0 + 12 * HOUR + DAY);
    expect(keysOf(readStream(db, stream))).toEqual(['late']);
    clock.advance(1);
    expectStreamGone(db, stream, 'shardId-00000000000000000000-00000000');
  });
});

describe('re-enabling a stream', () => {
  it('creates a new stream with a new label and ARN, even on a frozen clock; the old one stays readable', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.put({ id: 'old' });
    const first = streamOf(table);
    disable(db);
    enable(db, 'NEW_IMAGE');
    const second = streamOf(table);
    table.put({ id: 'new' });
    disable(db);
    enable(db, 'KEYS_ONLY');
    const third = streamOf(table);
    expect([first.label, second.label, third.label]).toEqual([
      '2026-01-01T12:30:15.250',
      '2026-01-01T12:30:15.251',
      '2026-01-01T12:30:15.252',
    ]);
    expect(new Set([first.arn, second.arn, third.arn]).size).toBe(3);
    expect(second.arn).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/items/stream/2026-01-01T12:30:15.251');
    expect([first.status, second.status, third.status]).toEqual(['DISABLED', 'DISABLED', 'ENABLED']);
    expect(third.viewType).toBe('KEYS_ONLY');
    expect(db.describeTable({ TableName: 'items' }).Table).toMatchObject({
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      LatestStreamArn: third.arn,
      LatestStreamLabel: third.label,
    });
    expect(keysOf(readStream(db, first))).toEqual(['old']);
    expect(keysOf(readStream(db, second))).toEqual(['new']);
    expect(readStream(db, third)).toEqual([]);
    // ListStreams pages in ascending ARN order and lists each page newest first (as DynamoDB Local).
    expect(db.listStreams({ TableName: 'items' }).Streams.map((summary) => summary.StreamLabel)).toEqual([
      third.label,
      second.label,
      first.label,
    ]);
  });

  it('enabling a table that already has a stream is a ValidationException and changes nothing', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    expectError(() => enable(db), validation('Table already has an enabled stream'));
    expect(streamOf(table)).toBe(stream);
    expect(db.listStreams().Streams).toHaveLength(1);
  });

  it('the re-enabled stream starts empty and only sees later writes; old records stay in the old stream until they expire', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { rolloverAfter: false } });
    table.put({ id: 'a', v: 1 });
    const first = streamOf(table);
    disable(db);
    clock.advance(HOUR);
    enable(db, 'NEW_AND_OLD_IMAGES');
    table.put({ id: 'a', v: 2 });
    const second = streamOf(table);
    const records = readStream(db, second);
    expect(records.map((record) => record.eventName)).toEqual(['MODIFY']);
    expect(records[0]!.dynamodb.OldImage).toEqual({ id: { S: 'a' }, v: { N: '1' } });
    clock.set(T0 + DAY + 1);
    expectStreamGone(db, first, 'shardId-00000000000000000000-00000000');
    expect(second.status).toBe('ENABLED');
    expect(keysOf(readStream(db, second))).toEqual(['a']);
  });
});

describe('deleting a table', () => {
  it('turns its stream DISABLED, readable for 24 hours, then gone', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { rolloverAfter: false } });
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    const stream = streamOf(table);
    const shardId = stream.listShards()[0]!.shardId;
    clock.advance(MINUTE);
    db.deleteTable({ TableName: 'items' });
    expectError(
      () => db.describeTable({ TableName: 'items' }),
      notFound('Cannot do operations on a non-existent table'),
    );
    expect(stream.status).toBe('DISABLED');
    const shard = db.describeStream({ StreamArn: stream.arn }).StreamDescription.Shards[0]!;
    expect(shard.SequenceNumberRange.EndingSequenceNumber).toBe('100000000000000000002');
    expect(readShard(db, trimHorizon(stream, shardId))).toMatchObject({ next: undefined });
    expect(keysOf(readShard(db, trimHorizon(stream, shardId)).records)).toEqual(['a', 'b']);
    expect(db.listStreams({ TableName: 'items' }).Streams).toHaveLength(1);
    clock.advance(DAY);
    expect(db.describeStream({ StreamArn: stream.arn }).StreamDescription.StreamStatus).toBe('DISABLED');
    clock.advance(1);
    expectStreamGone(db, stream, shardId);
  });

  it('a table created again under the same name gets a new stream; the old one is still there, DISABLED', async () => {
    const { db, clock } = await makeDb();
    makeTable(db).put({ id: 'first' });
    const old = streamOf(db.table('items'));
    db.deleteTable({ TableName: 'items' });
    clock.advance(5);
    const again = makeTable(db);
    again.put({ id: 'second' });
    const current = streamOf(again);
    expect(current.arn).not.toBe(old.arn);
    expect(keysOf(readStream(db, old))).toEqual(['first']);
    expect(keysOf(readStream(db, current))).toEqual(['second']);
    expect(db.listStreams({ TableName: 'items' }).Streams.map((summary) => summary.StreamArn)).toEqual([
      current.arn,
      old.arn,
    ]);
  });
});
