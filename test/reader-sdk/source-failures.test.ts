/**
 * How the reader behaves when its source fails or speaks another dialect: a loss the source cannot count is
 * reported once, a failed child lookup at a shard's end is retried instead of stalling the branch, and a custom
 * StreamSource may throw the AWS SDK's own error classes (recognised by `name`, not only by shardline's class).
 */
import {
  ExpiredIteratorException as SdkExpiredIteratorException,
  LimitExceededException as SdkLimitExceededException,
  ResourceNotFoundException as SdkResourceNotFoundException,
  TrimmedDataAccessException as SdkTrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import { StreamReader, type StreamSource } from '../../src/index.js';
import { embeddedSource } from '../../src/reader/index.js';
import { setup } from '../support/reader-fixture.js';
import { trimmedEvents } from '../support/reader-events.js';
import { flat, ids, seqOf } from '../support/reader-results.js';
import { recordingSource, uncountedSource } from '../support/recording-source.js';
import { openShardIds as openShards } from '../support/shards.js';
import { DAY, HOUR, ITERATOR_LIFETIME, T0 } from '../support/time.js';
import { SOURCES } from '../support/reader-sources.js';

/** `source`, whose DescribeStream with a ShardFilter (a child lookup) fails `times` times, as a dropped connection. */
function failingChildLookups(source: StreamSource, times: number): StreamSource & { failures: () => number } {
  let failed = 0;
  return {
    ...source,
    describeStream: (input) => {
      if (input.ShardFilter !== undefined && failed < times) {
        failed++;
        throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
      }
      return source.describeStream(input);
    },
    failures: () => failed,
  };
}

/** Runs `call`, turning shardline's Streams errors into the AWS SDK's classes of the same name (as a custom source might). */
function asSdkError<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    const $metadata = {};
    const message = (error as Error).message;
    switch ((error as Error).name) {
      case 'ExpiredIteratorException':
        throw new SdkExpiredIteratorException({ message, $metadata });
      case 'TrimmedDataAccessException':
        throw new SdkTrimmedDataAccessException({ message, $metadata });
      case 'ResourceNotFoundException':
        throw new SdkResourceNotFoundException({ message, $metadata });
      default:
        throw error;
    }
  }
}

/** The embedded source, throwing the SDK's error classes instead of shardline's. */
function sdkErrorSource(source: StreamSource): StreamSource {
  return {
    ...source,
    describeStream: (input) => asSdkError(() => source.describeStream(input)),
    getShardIterator: (input) => asSdkError(() => source.getShardIterator(input)),
    getRecords: (input) => asSdkError(() => source.getRecords(input)),
  };
}

describe.each(SOURCES)('StreamReader over $name: a whole shard expired', ({ make, countsLoss }) => {
  it('the loss is reported once, although the stream refuses both the last position and TRIM_HORIZON', async () => {
    const fixture = await setup();
    const { clock, table, stream } = fixture;
    const old = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const first = new StreamReader(make(fixture));
    const [a] = flat(await first.drainAsync());
    table.put({ id: 'b' });
    stream.rolloverShard(old);
    clock.advance(DAY + HOUR);
    const reader = new StreamReader(make(fixture), { checkpoint: first.checkpoint() });
    const trimmed = trimmedEvents(reader);
    await reader.drainAsync();
    // b was lost after a: one event, counted where the source can count.
    expect(trimmed.filter((event) => event.shardId === old)).toEqual([
      { shardId: old, lostRecords: countsLoss ? 1 : undefined, after: seqOf(a!) },
    ]);
    expect(reader.metrics().find((shard) => shard.shardId === old)).toMatchObject({
      status: 'done',
      endedBy: 'TRIMMED',
    });
  });
});

describe('StreamReader: a loss the source cannot count', () => {
  it('is reported once per loss: a whole expired shard refusing AFTER_SEQUENCE_NUMBER and TRIM_HORIZON is one loss', async () => {
    const { clock, table, stream } = await setup();
    const old = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const first = new StreamReader(uncountedSource(stream));
    const [a] = first.drainRecords();
    table.put({ id: 'b' });
    const next = stream.rolloverShard(old).shardId;
    clock.advance(DAY + HOUR);
    table.put({ id: 'c' });
    const reader = new StreamReader(uncountedSource(stream), { checkpoint: first.checkpoint() });
    const trimmed = trimmedEvents(reader);
    expect(ids(reader.drainRecords())).toEqual(['c']);
    expect(trimmed).toEqual([{ shardId: old, lostRecords: undefined, after: seqOf(a!) }]);
    expect(reader.lostRecords).toBeUndefined();
    expect(reader.metrics().find((shard) => shard.shardId === next)!.status).toBe('reading');
  });

  it('a later loss in the same shard, after it was read again, is a new loss and reported again', async () => {
    const { clock, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const reader = new StreamReader(uncountedSource(stream));
    const trimmed = trimmedEvents(reader);
    reader.drain();
    table.put({ id: 'b' });
    clock.advance(DAY + HOUR); // b trimmed unread
    table.put({ id: 'c' });
    expect(ids(reader.drainRecords())).toEqual(['c']);
    table.put({ id: 'd' });
    clock.advance(DAY + HOUR); // d trimmed unread
    table.put({ id: 'e' });
    expect(ids(reader.drainRecords())).toEqual(['e']);
    expect(trimmed.map((event) => [event.shardId, event.lostRecords])).toEqual([
      [shardId, undefined],
      [shardId, undefined],
    ]);
  });

  it('a stream gone before the reader reached the end of a shard: some records may be lost, and it says so (uncounted)', async () => {
    const { clock, db, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    for (const id of ['a', 'b']) table.put({ id });
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const reader = new StreamReader(uncountedSource(stream), { limit: 1 });
    const trimmed = trimmedEvents(reader);
    const [a] = flat(reader.poll());
    clock.advance(DAY + 1);
    expect(reader.drain()).toEqual([]);
    // The wire cannot count what followed a, nor see the shard's children: a loss of unknown size, once.
    expect(trimmed).toEqual([{ shardId, lostRecords: undefined, after: seqOf(a!) }]);
    expect(reader.lostRecords).toBeUndefined();
    // A disabled stream read to its end before it went away lost nothing, and says nothing.
    const { clock: clock2, db: db2, table: table2, stream: stream2 } = await setup();
    table2.put({ id: 'a' });
    db2.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const whole = new StreamReader(uncountedSource(stream2));
    const quiet = trimmedEvents(whole);
    expect(ids(whole.drainRecords())).toEqual(['a']);
    clock2.advance(DAY + 1);
    expect(whole.drain()).toEqual([]);
    expect(quiet).toEqual([]);
    expect(whole.lostRecords).toBe(0);
  });

  it("onTrimmed 'throw' throws the uncounted loss once, then the next poll goes on with the live shards", async () => {
    const { clock, table, stream } = await setup();
    const old = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const first = new StreamReader(uncountedSource(stream));
    first.drain();
    table.put({ id: 'b' });
    stream.rolloverShard(old);
    clock.advance(DAY + HOUR);
    table.put({ id: 'c' });
    const reader = new StreamReader(uncountedSource(stream), { checkpoint: first.checkpoint(), onTrimmed: 'throw' });
    expect(() => reader.drain()).toThrow(expect.objectContaining({ shardId: old, lostRecords: undefined }));
    expect(ids(reader.drainRecords())).toEqual(['c']);
    expect(reader.lostRecords).toBeUndefined();
  });
});

describe.each(SOURCES)('StreamReader over $name: a child lookup that fails', ({ make }) => {
  it('is thrown to that poll, then retried by the next one: the children are found and read', async () => {
    const fixture = await setup();
    const { table, stream } = fixture;
    const parent = openShards(stream)[0]!;
    const source = failingChildLookups(make(fixture), 1);
    const reader = new StreamReader(source);
    table.put({ id: 'a' });
    expect(ids(flat(await reader.drainAsync()))).toEqual(['a']);
    table.put({ id: 'a2' }); // read with the parent's end, in the same GetRecords
    const children = stream.splitShard(parent).map((child) => child.shardId);
    table.put({ id: 'b' });
    const handled: string[] = [];
    await expect(reader.drainEachAsync((batch) => void handled.push(...ids(batch.records)))).rejects.toThrow(
      'socket hang up',
    );
    expect(source.failures()).toBe(1);
    // The batch read with the parent's end was delivered before the lookup failed: its records are not lost.
    expect(handled).toEqual(['a2']);
    // The parent is finished (its end was reached), its children not yet known.
    expect(reader.checkpoint()).toEqual({ [parent]: 'SHARD_END' });
    expect(ids(flat(await reader.drainAsync()))).toEqual(['b']);
    expect(new Set(reader.metrics().map((shard) => shard.shardId))).toEqual(new Set([parent, ...children]));
    expect(
      reader
        .metrics()
        .filter((shard) => shard.shardId !== parent)
        .map((shard) => shard.status),
    ).toEqual(['reading', 'reading']);
  });

  it('the async iterator retries it too: a new `for await` after the error goes on down the lineage', async () => {
    const fixture = await setup();
    const { db, table, stream } = fixture;
    const parent = openShards(stream)[0]!;
    const reader = new StreamReader(failingChildLookups(make(fixture), 1));
    table.put({ id: 'a' });
    stream.splitShard(parent);
    table.put({ id: 'b' });
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const seen: string[] = [];
    const first = async (): Promise<void> => {
      for await (const batch of reader.batches()) seen.push(...ids(batch.records));
    };
    await expect(first()).rejects.toThrow('socket hang up');
    expect(seen).toEqual(['a']);
    // A disabled stream: the loop ends once every shard is read to its end, the children included.
    for await (const batch of reader.batches()) seen.push(...ids(batch.records));
    expect(seen).toEqual(['a', 'b']);
    expect(reader.metrics().map((shard) => shard.status)).toEqual(['done', 'done', 'done']);
  });
});

describe('StreamReader: a child lookup that fails, on a synchronous source', () => {
  it('drain() throws, and the next drain() finds the children; a lookup that keeps failing keeps throwing', async () => {
    const { table, stream } = await setup();
    const parent = openShards(stream)[0]!;
    const source = failingChildLookups(embeddedSource(stream), 2);
    const reader = new StreamReader(source);
    table.put({ id: 'a' });
    reader.drain();
    stream.splitShard(parent);
    table.put({ id: 'b' });
    expect(() => reader.drain()).toThrow('socket hang up');
    expect(() => reader.drain()).toThrow('socket hang up');
    expect(ids(reader.drainRecords())).toEqual(['b']);
    expect(source.failures()).toBe(2);
  });

  it('an expired shard whose full listing fails is retried as well: the live descendants are found', async () => {
    const { clock, table, stream } = await setup();
    const old = openShards(stream)[0]!;
    table.put({ id: 'a' });
    let failListing = false;
    const inner = embeddedSource(stream);
    const source: StreamSource = {
      ...inner,
      describeStream: (input) => {
        if (failListing && input.ShardFilter === undefined) {
          failListing = false;
          throw new Error('socket hang up');
        }
        return inner.describeStream(input);
      },
    };
    const reader = new StreamReader(source);
    reader.drain();
    const middle = stream.rolloverShard(old).shardId;
    const live = stream.rolloverShard(middle).shardId;
    clock.advance(DAY + HOUR); // old and middle expire; CHILD_SHARDS of old no longer lists middle
    table.put({ id: 'b' });
    failListing = true;
    expect(() => reader.drain()).toThrow('socket hang up');
    expect(ids(reader.drainRecords())).toEqual(['b']);
    expect(reader.metrics().find((shard) => shard.shardId === live)!.status).toBe('reading');
  });
});

describe('StreamReader: a custom source throwing the AWS SDK error classes', () => {
  it('ExpiredIteratorException: re-acquired after the last record', async () => {
    const { clock, table, stream } = await setup();
    const reader = new StreamReader(sdkErrorSource(embeddedSource(stream)));
    const expired: unknown[] = [];
    reader.on('iteratorExpired', (event) => expired.push(event));
    table.put({ id: 'a' });
    reader.drain();
    table.put({ id: 'b' });
    clock.advance(ITERATOR_LIFETIME + 1);
    expect(ids(reader.drainRecords())).toEqual(['b']);
    expect(expired).toHaveLength(1);
  });

  it('TrimmedDataAccessException: skipped to TRIM_HORIZON, the loss reported', async () => {
    const { clock, table, stream } = await setup();
    const shardId = openShards(stream)[0]!;
    table.put({ id: 'a' });
    const first = new StreamReader(stream);
    const [a] = first.drainRecords();
    table.put({ id: 'b' });
    clock.set(T0 + DAY + HOUR);
    table.put({ id: 'c' });
    const reader = new StreamReader(sdkErrorSource(embeddedSource(stream)), { checkpoint: first.checkpoint() });
    const trimmed = trimmedEvents(reader);
    expect(ids(reader.drainRecords())).toEqual(['c']);
    expect(trimmed).toEqual([{ shardId, lostRecords: 1, after: seqOf(a!) }]);
  });

  it('ResourceNotFoundException: the shard (here the whole expired stream) is gone, and reading ends', async () => {
    const { clock, db, table, stream } = await setup();
    for (const id of ['a', 'b']) table.put({ id });
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const reader = new StreamReader(sdkErrorSource(embeddedSource(stream)), { limit: 1 });
    reader.poll();
    clock.advance(DAY + 1);
    expect(reader.drain()).toEqual([]);
    expect(reader.metrics().map((shard) => [shard.status, shard.endedBy])).toEqual([['done', 'GONE']]);
  });

  it('LimitExceededException on GetRecords: thrown to the caller, the iterator kept, so the retry costs no GetShardIterator', async () => {
    const { table, stream } = await setup();
    const recording = recordingSource(stream);
    let throttle = false;
    const source: StreamSource = {
      ...recording.source,
      getRecords: (input) => {
        if (throttle) {
          throttle = false;
          throw new SdkLimitExceededException({ message: 'Rate exceeded', $metadata: {} });
        }
        return recording.source.getRecords(input);
      },
    };
    const reader = new StreamReader(source);
    table.put({ id: 'a' });
    reader.drain();
    table.put({ id: 'b' });
    throttle = true;
    recording.calls.length = 0;
    expect(() => reader.poll()).toThrow(SdkLimitExceededException);
    expect(ids(flat(reader.poll()))).toEqual(['b']);
    expect(recording.of('getShardIterator')).toEqual([]);
  });
});
