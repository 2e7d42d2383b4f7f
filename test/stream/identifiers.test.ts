import { describe, expect, it } from 'vitest';
import { makeDb } from '../support/database.js';
import { onlyShardId, trimHorizon } from '../support/shards.js';
import { readShard } from '../support/stream-reads.js';
import { makeTable, streamOf } from '../support/tables.js';
import { HOUR, T0 } from '../support/time.js';

describe('identifier formats', () => {
  it('StreamArn is arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>, the label ISO-8601 with ms and no Z', async () => {
    const { db } = await makeDb({ region: 'ap-south-1', accountId: '123456789012' });
    const table = makeTable(db, { name: 'Orders.v2' });
    const stream = streamOf(table);
    expect(stream.label).toBe('2026-01-01T12:30:15.250');
    expect(stream.arn).toBe('arn:aws:dynamodb:ap-south-1:123456789012:table/Orders.v2/stream/2026-01-01T12:30:15.250');
    const { StreamDescription } = db.describeStream({ StreamArn: stream.arn });
    expect(StreamDescription.StreamArn).toBe(stream.arn);
    expect(StreamDescription.StreamLabel).toBe('2026-01-01T12:30:15.250');
    expect(StreamDescription.CreationRequestDateTime).toEqual(new Date(T0));
    expect(StreamDescription.TableName).toBe('Orders.v2');
    const { Table } = db.describeTable({ TableName: 'Orders.v2' });
    expect(Table.LatestStreamArn).toBe(stream.arn);
    expect(Table.LatestStreamLabel).toBe(stream.label);
    expect(db.listStreams()).toEqual({
      Streams: [{ StreamArn: stream.arn, TableName: 'Orders.v2', StreamLabel: stream.label }],
    });
  });

  it('defaults: region us-east-1, account 000000000000 (as DynamoDB Local)', async () => {
    const { db } = await makeDb();
    expect(streamOf(makeTable(db)).arn).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/items/stream/2026-01-01T12:30:15.250',
    );
  });

  it('ShardId is shardId-<creation epoch ms, 20 digits>-<8 hex>', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const first = onlyShardId(stream);
    expect(first).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
    expect(first.slice(8, 28)).toBe(String(T0).padStart(20, '0'));
    expect(first).toHaveLength(37); // AWS: 28-65 characters
    clock.advance(HOUR + 1);
    const [low, high] = stream.splitShard(first);
    for (const child of [low, high]) {
      expect(child.shardId).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/);
      expect(child.shardId.slice(8, 28)).toBe(String(T0 + HOUR + 1).padStart(20, '0'));
      expect(child.createdAt).toBe(T0 + HOUR + 1);
    }
    expect(low.shardId).not.toBe(high.shardId);
  });

  it('shard ids stay unique among many shards created in the same millisecond', async () => {
    const { db } = await makeDb();
    const stream = streamOf(makeTable(db, { streamOptions: { initialShards: 300 } }));
    const ids = stream.listShards().map((shard) => shard.shardId);
    expect(new Set(ids).size).toBe(300);
  });

  it('ShardIterator is <StreamArn>|1|<base64>, at most 2048 characters', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    table.put({ id: 'a' });
    const stream = streamOf(table);
    const shardId = onlyShardId(stream);
    const iterators = [
      trimHorizon(stream, shardId),
      stream.getShardIterator({ ShardId: shardId, ShardIteratorType: 'LATEST' }).ShardIterator,
      db.getShardIterator({
        StreamArn: stream.arn,
        ShardId: shardId,
        ShardIteratorType: 'AT_SEQUENCE_NUMBER',
        SequenceNumber: '100000000000000000001',
      }).ShardIterator,
    ];
    const next = db.getRecords({ ShardIterator: iterators[0]! }).NextShardIterator;
    iterators.push(next!);
    for (const iterator of iterators) {
      const parts = iterator.split('|');
      expect(parts).toHaveLength(3);
      expect(parts[0]).toBe(stream.arn);
      expect(parts[1]).toBe('1');
      expect(parts[2]).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
      expect(iterator.length).toBeLessThanOrEqual(2048);
    }
  });

  it('SequenceNumbers are 21 digits; a shard StartingSequenceNumber equals its first record (as DynamoDB Local)', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const [before] = stream.describeStream().StreamDescription.Shards;
    expect(before!.SequenceNumberRange.StartingSequenceNumber).toMatch(/^\d{21}$/);
    expect(before!.SequenceNumberRange.EndingSequenceNumber).toBeUndefined();
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    const records = readShard(db, trimHorizon(stream, before!.ShardId)).records;
    expect(records[0]!.dynamodb.SequenceNumber).toBe(before!.SequenceNumberRange.StartingSequenceNumber);
    expect(records.map((record) => record.dynamodb.SequenceNumber)).toEqual([
      '100000000000000000001',
      '100000000000000000002',
    ]);
  });
});
