import { describe, expect, it } from 'vitest';
import type { Stream } from '../../src/index.js';
import { TRIMMED, expectError, notFound } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { openShardIds, trimHorizon } from '../support/shards.js';
import { makeTable, streamOf } from '../support/tables.js';
import { DAY, HOUR, MINUTE } from '../support/time.js';

type Footprint = ReturnType<Stream['footprint']>;

/** The largest value of each field over several footprints. */
function largest(footprints: readonly Footprint[]): Footprint {
  const out = { ...footprints[0]! };
  for (const footprint of footprints) {
    for (const key of Object.keys(out) as (keyof Footprint)[]) out[key] = Math.max(out[key], footprint[key]);
  }
  return out;
}

describe('memory over a long run', () => {
  it('expired shards and what the stream knows about them are released: 30 days of writes, rollovers, splits and merges stop growing', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { initialShards: 8 } });
    const stream = streamOf(table);
    const daily: Footprint[] = [];
    let written = 0;
    for (let day = 0; day < 30; day++) {
      for (let minute = 0; minute < 24 * 60; minute += 10) {
        for (let i = 0; i < 20; i++) table.put({ id: `k${(written + i) % 500}`, n: written + i });
        written += 20;
        // Once a day a split, and a merge of two adjacent open shards six hours later.
        if (minute === 60) stream.splitShard(openShardIds(stream)[0]!);
        if (minute === 420) {
          const open = openShardIds(stream);
          stream.mergeShards(open[0]!, open[1]!);
        }
        clock.advance(10 * MINUTE);
      }
      daily.push(stream.footprint());
    }
    expect(written).toBe(30 * 144 * 20);
    // About 50 shards expire a day: the stream remembers the last 1024 of them, then holds steady. The last
    // five days hold no more than the largest of the three before them (give or take the day's noise), where
    // growth with the stream's age would add a fifth.
    const steady = largest(daily.slice(22, 25));
    for (const footprint of daily.slice(25)) {
      for (const key of ['expiredShards', 'trimmedSequenceNumbers', 'childLists', 'dueActions'] as const) {
        expect(footprint[key], key).toBeLessThanOrEqual(steady[key] * 1.05);
      }
      // DescribeStream's listing drops expired shards once they are half of it.
      expect(footprint.listing).toBeLessThanOrEqual(2 * footprint.liveShards + 2);
    }
    expect(daily.at(-1)!.expiredShards).toBeLessThanOrEqual(1024 + 60);
    expect(daily.at(-1)!.liveShards).toBeLessThan(60);
  });

  it('an open shard that lives for months keeps the numbers of trimmed records for twice the retention, then 256 more, then only their count', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { rolloverAfter: false } });
    const stream = streamOf(table);
    const shardId = openShardIds(stream)[0]!;
    const sequenceNumbers: string[] = [];
    stream.on('record', ({ record }) => sequenceNumbers.push(record.dynamodb.SequenceNumber));
    for (let hour = 0; hour < 10 * 24; hour++) {
      for (let i = 0; i < 10; i++) table.put({ id: `k${i}`, hour });
      clock.advance(HOUR);
    }
    const total = 2400;
    /** The sequence number of the record `back` places before the newest. */
    const back = (places: number) => sequenceNumbers[total - 1 - places];
    // The last write trimmed every record over 24 h old (the newest 240 stay) and kept the numbers of the
    // 240 between 24 and 48 h old, and of 256 older ones.
    expect(stream.footprint().trimmedSequenceNumbers).toBe(240 + 256);
    expect(stream.countTrimmedAfter(shardId)).toBe(total - 240);
    // Exact from a position whose later records are all remembered: 30 hours back, 70 hours back.
    expect(stream.countTrimmedAfter(shardId, back(300))).toBe(300 - 240);
    expect(stream.countTrimmedAfter(shardId, back(700))).toBe(700 - 240);
    // Before the shard's first record: every trimmed record, forgotten ones too.
    expect(stream.countTrimmedAfter(shardId, '100000000000000000000')).toBe(total - 240);
    // From further back the answer is no longer known.
    expect(stream.countTrimmedAfter(shardId, back(1000))).toBeUndefined();
  });

  it('regression: an expired shard of many records keeps the numbers of 256 of them once they are twice the retention old, not 8 bytes each for good', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { rolloverAfter: false, splitOnWriteRate: false } });
    const stream = streamOf(table);
    const full = openShardIds(stream)[0]!;
    for (let i = 0; i < 5000; i++) table.put({ id: `k${i}` });
    stream.rolloverShard(full);
    clock.advance(DAY + 1);
    // Expired a moment ago: every number is kept, so a reader that stopped anywhere in it gets an exact count.
    expect(stream.footprint()).toMatchObject({ expiredShards: 1, trimmedSequenceNumbers: 5000 });
    expect(stream.countTrimmedAfter(full)).toBe(5000);
    clock.advance(DAY);
    expect(stream.footprint()).toMatchObject({ expiredShards: 1, trimmedSequenceNumbers: 256 });
    expect(stream.countTrimmedAfter(full)).toBe(5000);
  });

  it('an expired shard is remembered while it is one of the last 1024 to expire, or expired within the retention; then forgotten, it still reads as trimmed', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { rolloverAfter: false } });
    const stream = streamOf(table);
    const first = openShardIds(stream)[0]!;
    const sequenceNumbers: string[] = [];
    stream.on('record', ({ record }) => sequenceNumbers.push(record.dynamodb.SequenceNumber));
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    table.put({ id: 'c' });
    let open = stream.rolloverShard(first).shardId;
    for (let i = 0; i < 1100; i++) open = stream.rolloverShard(open).shardId;

    clock.advance(DAY + 1);
    // Expired: gone from DescribeStream, remembered with exact counts.
    expect(stream.describeStream().StreamDescription.Shards.map((shard) => shard.ShardId)).toEqual([open]);
    expect(stream.shardInfo(first)).toMatchObject({ shardId: first, expired: true });
    expect(stream.countTrimmedAfter(first)).toBe(3);
    expect(stream.countTrimmedAfter(first, sequenceNumbers[0])).toBe(2);
    expect(stream.footprint()).toMatchObject({ liveShards: 1, expiredShards: 1101, trimmedSequenceNumbers: 3 });

    // A day later they are all older than one retention: the next expiry forgets the oldest beyond 1024.
    clock.advance(DAY);
    expect(stream.footprint().expiredShards).toBe(1101);
    open = stream.rolloverShard(open).shardId;
    expect(stream.footprint()).toMatchObject({ liveShards: 1, expiredShards: 1024, trimmedSequenceNumbers: 0 });
    expect(stream.footprint().childLists).toBeLessThanOrEqual(1025);
    // Forgotten: nothing of it is held, but it still reads as trimmed, never as a shard that never was.
    expect(stream.shardInfo(first)).toBeUndefined();
    expect(stream.countTrimmedAfter(first)).toBeUndefined();
    expectError(() => trimHorizon(stream, first), TRIMMED);
    expectError(
      () =>
        stream.getShardIterator({
          ShardId: first,
          ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
          SequenceNumber: sequenceNumbers[0]!,
        }),
      TRIMMED,
    );
    // An ID from before the stream existed is still unknown.
    expectError(() => trimHorizon(stream, 'shardId-00000000000000000001-00000000'), notFound('Shard does not exist'));
  });
});
