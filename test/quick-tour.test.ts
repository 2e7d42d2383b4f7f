import { describe, expect, it } from 'vitest';
import { Database, ManualClock } from '../src/index.js';

describe('a table with a stream, end to end', () => {
  it('records a put, an update and a delete, readable before the calls return', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const db = await Database.create({ clock, seed: 7 });
    const table = db.createTable({
      TableName: 'users',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    table.put({ id: 'u1', name: 'Ann' });
    table.update({ id: 'u1' }, (current) => ({ ...current, name: 'Anne' }));
    table.delete({ id: 'u1' });

    const stream = table.stream!;
    const [shard] = stream.describeStream().StreamDescription.Shards;
    const { ShardIterator } = stream.getShardIterator({ ShardId: shard!.ShardId, ShardIteratorType: 'TRIM_HORIZON' });
    const { Records, NextShardIterator } = db.getRecords({ ShardIterator });

    expect(Records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(Records[1]!.dynamodb.OldImage).toEqual({ id: { S: 'u1' }, name: { S: 'Ann' } });
    expect(Records[1]!.dynamodb.NewImage).toEqual({ id: { S: 'u1' }, name: { S: 'Anne' } });
    expect(NextShardIterator).toBeDefined();
  });
});
