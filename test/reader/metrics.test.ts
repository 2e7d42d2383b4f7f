import { describe, expect, it } from 'vitest';
import { StreamReader } from '../../src/index.js';
import { setup } from '../support/reader-fixture.js';
import { flat, seqOf } from '../support/reader-results.js';
import { keyIn, openShardIds as openShards } from '../support/shards.js';
import { DAY, HOUR, SECOND, T0 } from '../support/time.js';

describe('StreamReader.metrics()', () => {
  it('iteratorAgeMs is now - ApproximateCreationDateTime (rounded down to the second) of the last record read', async () => {
    const { clock, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    const reader = new StreamReader(stream);
    reader.drain();
    expect(reader.metrics()[0]!.iteratorAgeMs).toBeUndefined();
    // T0 is hh:mm:15.250: the record's ApproximateCreationDateTime is 250 ms earlier.
    table.put({ id: 'a' });
    clock.advance(4 * SECOND);
    const [batch] = reader.poll();
    expect(batch!.iteratorAgeMs).toBe(4_250);
    expect(reader.metrics()[0]!.iteratorAgeMs).toBe(4_250);
    clock.advance(750);
    expect(reader.metrics()[0]!.iteratorAgeMs).toBe(5_000);
    // A newer record brings it down: b is written at hh:mm:20.000 exactly, and read 100 ms later.
    table.put({ id: 'b' });
    clock.advance(100);
    reader.poll();
    expect(clock.now()).toBe(T0 + 4_850);
    expect(reader.metrics()[0]).toMatchObject({ shardId, iteratorAgeMs: 100, recordsRead: 2 });
  });

  it('per shard: parents, status, endedBy, records read, last sequence number, expired iterators', async () => {
    const { clock, table, stream } = await setup({ initialShards: 2 });
    const [left, right] = openShards(stream) as [string, string];
    const inLeft = await keyIn(stream, left);
    table.put({ id: inLeft, v: 1 });
    table.put({ id: inLeft, v: 2 });
    const child = stream.mergeShards(left, right).shardId;
    table.put({ id: inLeft, v: 3 });
    const reader = new StreamReader(stream, { limit: 1 });
    const first = flat(reader.poll());
    expect(reader.metrics()).toEqual([
      {
        shardId: left,
        parentShardIds: [],
        status: 'reading',
        recordsRead: 1,
        lostRecords: 0,
        iteratorAgeMs: 250,
        lastSequenceNumber: seqOf(first[0]!),
        expiredIterators: 0,
      },
      {
        shardId: right,
        parentShardIds: [],
        status: 'done',
        endedBy: 'SHARD_END',
        recordsRead: 0,
        lostRecords: 0,
        iteratorAgeMs: undefined,
        expiredIterators: 0,
      },
      {
        shardId: child,
        parentShardIds: [left, right],
        status: 'waiting',
        recordsRead: 0,
        lostRecords: 0,
        iteratorAgeMs: undefined,
        expiredIterators: 0,
      },
    ]);
    clock.advance(16 * 60_000);
    const rest = reader.drainRecords();
    expect(
      reader.metrics().map(({ shardId, status, endedBy, recordsRead, expiredIterators, lastSequenceNumber }) => ({
        shardId,
        status,
        endedBy,
        recordsRead,
        expiredIterators,
        lastSequenceNumber,
      })),
    ).toEqual([
      {
        shardId: left,
        status: 'done',
        endedBy: 'SHARD_END',
        recordsRead: 2,
        expiredIterators: 1,
        lastSequenceNumber: seqOf(rest[0]!),
      },
      {
        shardId: right,
        status: 'done',
        endedBy: 'SHARD_END',
        recordsRead: 0,
        expiredIterators: 0,
        lastSequenceNumber: undefined,
      },
      {
        shardId: child,
        status: 'reading',
        endedBy: undefined,
        recordsRead: 1,
        expiredIterators: 0,
        lastSequenceNumber: seqOf(rest[1]!),
      },
    ]);
  });

  it('LATEST marks closed shards SKIPPED; lostRecords per shard and in total', async () => {
    const { clock, table, stream } = await setup();
    const root = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const child = stream.rolloverShard(root).shardId;
    const latest = new StreamReader(stream, { startAt: 'LATEST' });
    latest.drain();
    expect(latest.metrics().map((shard) => [shard.shardId, shard.status, shard.endedBy])).toEqual([
      [root, 'done', 'SKIPPED'],
      [child, 'reading', undefined],
    ]);
    table.put({ id: 'b' });
    table.put({ id: 'c' });
    latest.poll();
    table.put({ id: 'd' });
    const checkpoint = latest.checkpoint();
    table.put({ id: 'e' });
    clock.advance(DAY + HOUR);
    const resumed = new StreamReader(stream, { checkpoint });
    resumed.drain();
    expect(resumed.metrics().find((shard) => shard.shardId === child)!.lostRecords).toBe(2);
    expect(resumed.lostRecords).toBe(2);
  });
});

describe('StreamReader.describe() / toString()', () => {
  it('prints the lineage as a tree: one line a shard, children under their parent, a merge noted under its second parent', async () => {
    const { clock, table, stream } = await setup({ initialShards: 2 });
    const [left, right] = openShards(stream) as [string, string];
    for (let i = 0; i < 4; i++) table.put({ id: `k${i}` });
    const [low, high] = stream.splitShard(left);
    const merged = stream.mergeShards(high.shardId, right).shardId;
    table.put({ id: 'k0', v: 1 });
    table.put({ id: 'k1', v: 1 });
    const reader = new StreamReader(stream);
    reader.drain();
    clock.advance(90 * SECOND);

    const text = reader.describe();
    expect(String(reader)).toBe(text);
    expect(reader.toString()).toBe(text);
    const lines = text.split('\n');
    expect(lines[0]).toBe(`stream ${stream.arn}`);
    // Roots at the left margin, children indented with box-drawing branches.
    expect(lines.filter((line) => line.startsWith('shardId-')).map((line) => line.slice(0, 37))).toEqual([left, right]);
    expect(lines.find((line) => line.includes(low.shardId))).toMatch(/^├─ |^└─ /);
    // The merge child appears once, under its first parent, naming the second.
    expect(lines.filter((line) => line.includes(`${merged}  `))).toHaveLength(1);
    expect(text).toContain(`merged with ${right}`);
    expect(text).toMatchInlineSnapshot(`
      "stream arn:aws:dynamodb:us-east-1:000000000000:table/items/stream/2026-01-01T12:30:15.250
      shardId-00000001767270615250-76fd6edf  done (SHARD_END)        3 read
      ├─ shardId-00000001767270615250-38083655  reading                 0 read
      └─ shardId-00000001767270615250-b84ae4fa  done (SHARD_END)        0 read
         └─ shardId-00000001767270615250-5a14fd76  reading                 2 read, age 1.5 min, merged with shardId-00000001767270615250-fdb2e88d
      shardId-00000001767270615250-fdb2e88d  done (SHARD_END)        1 read"
    `);
  });

  it('shows loss and the age of shards being read', async () => {
    const { clock, table, stream } = await setup({ rolloverAfter: { hours: 4 } });
    const reader = new StreamReader(stream);
    table.put({ id: 'a' });
    reader.drain();
    clock.set(T0 + HOUR);
    table.put({ id: 'b' });
    clock.set(T0 + 30 * HOUR);
    table.put({ id: 'c' });
    reader.drain();
    clock.advance(2 * SECOND);
    expect(reader.describe()).toMatchInlineSnapshot(`
      "stream arn:aws:dynamodb:us-east-1:000000000000:table/items/stream/2026-01-01T12:30:15.250
      shardId-00000001767270615250-76fd6edf  done (TRIMMED)          1 read, 1 lost
      └─ shardId-00000001767285015250-fdb2e88d  done (TRIMMED)          0 read
         └─ shardId-00000001767299415250-38083655  done (SHARD_END)        0 read
            └─ shardId-00000001767313815250-b84ae4fa  done (SHARD_END)        0 read
               └─ shardId-00000001767328215250-5a14fd76  done (SHARD_END)        0 read
                  └─ shardId-00000001767342615250-fb1a2a6b  done (SHARD_END)        0 read
                     └─ shardId-00000001767357015250-6c58973f  done (SHARD_END)        0 read
                        └─ shardId-00000001767371415250-fccd8f4a  reading                 1 read, age 2.3 s"
    `);
  });
});
