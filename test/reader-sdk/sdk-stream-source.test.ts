/**
 * What sdkStreamSource itself does, beyond the reader suites it runs in: SDK errors as shardline's classes,
 * throttling retried on the clock, DescribeStream paging, a server that ignores ShardFilter (as DynamoDB Local
 * does), merges' second parents, and how it is built.
 */
import {
  DescribeStreamCommand,
  DynamoDBStreams,
  DynamoDBStreamsClient,
  ExpiredIteratorException as SdkExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  LimitExceededException as SdkLimitExceededException,
  ResourceNotFoundException as SdkResourceNotFoundException,
} from '@aws-sdk/client-dynamodb-streams';
import { describe, expect, it } from 'vitest';
import {
  ExpiredIteratorException,
  LimitExceededException,
  ResourceNotFoundException,
  StreamReader,
  SystemClock,
  type StreamSource,
} from '../../src/index.js';
import { sdkStreamSource, type DynamoDBStreamsMethods, type SdkDescribeStreamInput } from '../../src/public/reader.js';
import { setup, type ReaderFixture } from '../support/reader-fixture.js';
import { flat, ids } from '../support/reader-results.js';
import { isSettled } from '../support/settle.js';
import { keyIn, openShardIds as openShards } from '../support/shards.js';
import { DAY, HOUR, ITERATOR_LIFETIME } from '../support/time.js';
import { clientConfig, sdkMode } from '../support/sdk-clients.js';
import { statuses } from '../support/reader-results.js';
import { ScheduleWatch } from '../support/schedule-watch.js';

/** The aggregated client over the in-process handler, with a hook around each call. */
function wrapped(
  fixture: ReaderFixture,
  around: Partial<DynamoDBStreamsMethods> = {},
): { methods: DynamoDBStreamsMethods; describes: SdkDescribeStreamInput[] } {
  const inner = sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db);
  const describes: SdkDescribeStreamInput[] = [];
  const methods: DynamoDBStreamsMethods = {
    describeStream: (input) => {
      describes.push(input);
      return around.describeStream ? around.describeStream(input) : inner.describeStream(input);
    },
    getShardIterator: (input) =>
      around.getShardIterator ? around.getShardIterator(input) : inner.getShardIterator(input),
    getRecords: (input) => (around.getRecords ? around.getRecords(input) : inner.getRecords(input)),
  };
  return { methods, describes };
}

const sourceOver = (
  fixture: ReaderFixture,
  methods: DynamoDBStreamsMethods,
  options: { findMergeParents?: boolean } = {},
): StreamSource => sdkStreamSource(methods, { streamArn: fixture.stream.arn, clock: fixture.clock, ...options });

const rateExceeded = (): SdkLimitExceededException =>
  new SdkLimitExceededException({ message: 'Rate exceeded', $metadata: {} });

describe('sdkStreamSource: errors', () => {
  it("the SDK's Streams exceptions become shardline's classes (what the reader tests with instanceof), the SDK error kept as cause", async () => {
    const fixture = await setup();
    const { clock, stream } = fixture;
    const source = sdkStreamSource(sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db), {
      streamArn: stream.arn,
      clock,
    });
    const shardId = openShards(stream)[0]!;
    const { ShardIterator } = await source.getShardIterator({ ShardId: shardId, ShardIteratorType: 'LATEST' });
    clock.advance(ITERATOR_LIFETIME + 1);
    const expired = await Promise.resolve(source.getRecords({ ShardIterator })).catch((error: unknown) => error);
    expect(expired).toBeInstanceOf(ExpiredIteratorException);
    expect(expired).toMatchObject({
      name: 'ExpiredIteratorException',
      message: 'The provided iterator exceeds the maximum age allowed.',
      statusCode: 400,
    });
    expect((expired as Error).cause).toBeInstanceOf(SdkExpiredIteratorException);

    const bogus = `${shardId.slice(0, -8)}00000000`;
    const missing = await Promise.resolve(
      source.getShardIterator({ ShardId: bogus, ShardIteratorType: 'LATEST' }),
    ).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect((missing as Error).cause).toBeInstanceOf(SdkResourceNotFoundException);
    // AWS's message, as the typed API gives it.
    expect(() => stream.getShardIterator({ ShardId: bogus, ShardIteratorType: 'LATEST' })).toThrow(
      new ResourceNotFoundException((missing as Error).message),
    );
  });

  it('errors that are not Streams errors pass through unchanged', async () => {
    const fixture = await setup();
    const failure = new Error('socket hang up');
    const { methods } = wrapped(fixture, { getRecords: () => Promise.reject(failure) });
    const source = sourceOver(fixture, methods);
    await expect(Promise.resolve(source.getRecords({ ShardIterator: 'x' }))).rejects.toBe(failure);
  });
});

describe('sdkStreamSource: throttling', () => {
  it('retries a throttled call after 100, 200, 400 ms ... on the clock, never a real timer', async () => {
    const fixture = await setup();
    const { clock, table } = fixture;
    table.put({ id: 'a' });
    let throttles = 3;
    let calls = 0;
    const inner = sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db);
    const { methods } = wrapped(fixture, {
      getRecords: (input) => {
        calls++;
        return throttles-- > 0 ? Promise.reject(rateExceeded()) : inner.getRecords(input);
      },
    });
    // Each retry's wait is a timer on the source's clock: the test moves the clock once that timer is there.
    const backoffs = new ScheduleWatch();
    const reader = new StreamReader(
      sdkStreamSource(methods, { streamArn: fixture.stream.arn, clock: backoffs.clock(clock) }),
    );
    const poll = reader.pollAsync();
    await backoffs.reached(1);
    expect(calls).toBe(1);
    for (const [retry, delay] of [100, 200, 400].entries()) {
      clock.advance(delay - 1);
      expect(await isSettled(poll)).toBe(false);
      expect(calls).toBe(retry + 1);
      clock.advance(1);
      if (retry < 2) {
        await backoffs.reached(retry + 2); // the retry ran, was throttled again, and waits
        expect(calls).toBe(retry + 2);
      }
    }
    expect(ids(flat(await poll))).toEqual(['a']);
    expect(calls).toBe(4);
  });

  it('ThrottlingException is retried too; after maxRetries the error is thrown as LimitExceededException (or as it came)', async () => {
    const fixture = await setup();
    const { clock } = fixture;
    let calls = 0;
    const { methods } = wrapped(fixture, {
      getRecords: () => {
        calls++;
        return Promise.reject(
          calls % 2 === 1 ? rateExceeded() : Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
        );
      },
    });
    const backoffs = new ScheduleWatch();
    const source = sdkStreamSource(methods, {
      streamArn: fixture.stream.arn,
      clock: backoffs.clock(clock),
      backoff: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 15 },
    });
    const outcome = Promise.resolve(source.getRecords({ ShardIterator: 'x' })).catch((error: unknown) => error);
    await backoffs.reached(1);
    clock.advance(10);
    await backoffs.reached(2);
    expect(calls).toBe(2);
    clock.advance(14);
    expect(await isSettled(outcome)).toBe(false);
    clock.advance(1);
    const error = await outcome;
    expect(calls).toBe(3);
    expect(error).toBeInstanceOf(LimitExceededException);
    expect(error).toMatchObject({ name: 'LimitExceededException', message: 'Rate exceeded' });
  });

  it('a non-throttling error is not retried', async () => {
    const fixture = await setup();
    let calls = 0;
    const { methods } = wrapped(fixture, {
      getRecords: () => {
        calls++;
        return Promise.reject(
          new SdkExpiredIteratorException({
            message: 'The provided iterator exceeds the maximum age allowed.',
            $metadata: {},
          }),
        );
      },
    });
    await expect(
      Promise.resolve(sourceOver(fixture, methods).getRecords({ ShardIterator: 'x' })),
    ).rejects.toBeInstanceOf(ExpiredIteratorException);
    expect(calls).toBe(1);
  });
});

describe('sdkStreamSource: DescribeStream', () => {
  it('pages of one shard: the reader follows LastEvaluatedShardId through the listing and through CHILD_SHARDS', async () => {
    const fixture = await setup({ initialShards: 3 });
    const { table, stream } = fixture;
    const inner = sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db);
    const { methods, describes } = wrapped(fixture, {
      describeStream: (input) => inner.describeStream({ ...input, Limit: 1 }),
    });
    const reader = new StreamReader(sourceOver(fixture, methods, { findMergeParents: false }));
    await reader.pollAsync();
    for (let i = 0; i < 6; i++) table.put({ id: `k${i}`, v: 1 });
    const [low, high] = stream.splitShard(openShards(stream)[0]!);
    for (let i = 0; i < 6; i++) table.put({ id: `k${i}`, v: 2 });
    const records = flat(await reader.drainAsync());
    expect(records).toHaveLength(12);
    expect(statuses(reader)).toMatchObject({ [low.shardId]: 'reading', [high.shardId]: 'reading' });
    // Three pages for the listing, then CHILD_SHARDS of the split shard in two pages (plus an empty last one).
    const listing = describes.filter((input) => input.ShardFilter === undefined);
    expect(listing.map((input) => input.ExclusiveStartShardId === undefined)).toEqual([true, false, false]);
    const children = describes.filter((input) => input.ShardFilter !== undefined);
    expect(children.filter((input) => input.ExclusiveStartShardId !== undefined).length).toBeGreaterThanOrEqual(1);
  });

  it('a server that ignores ShardFilter (DynamoDB Local lists the whole stream): the answer keeps only the children', async () => {
    const fixture = await setup();
    const { table, stream } = fixture;
    const inner = sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db);
    const { methods } = wrapped(fixture, {
      describeStream: ({ ShardFilter: _ignored, ...input }) => inner.describeStream(input),
    });
    const source = sourceOver(fixture, methods);
    const reader = new StreamReader(source);
    table.put({ id: 'a', v: 0 });
    const root = openShards(stream)[0]!;
    const [low, high] = stream.splitShard(root);
    table.put({ id: 'a', v: 1 });
    const next = stream.rolloverShard(low.shardId).shardId;
    table.put({ id: 'a', v: 2 });
    table.put({ id: 'b', v: 2 });
    const records = flat(await reader.drainAsync());
    expect(
      records.filter((record) => record.dynamodb.Keys.id!.S === 'a').map((record) => record.dynamodb.NewImage!.v!.N),
    ).toEqual(['0', '1', '2']);
    expect(records).toHaveLength(4);
    const answer = await source.describeStream({ ShardFilter: { Type: 'CHILD_SHARDS', ShardId: root } });
    expect(answer.StreamDescription.Shards.map((shard) => shard.ShardId).sort()).toEqual(
      [low.shardId, high.shardId].sort(),
    );
    expect(reader.metrics().map((shard) => [shard.shardId, shard.status])).toEqual([
      [root, 'done'],
      [low.shardId, 'done'],
      [high.shardId, 'reading'],
      [next, 'reading'],
    ]);
  });

  it("a server that ignores ShardFilter, read after the stream was disabled: each closed leaf is asked once, and is nobody's parent", async () => {
    const fixture = await setup({ initialShards: 2 });
    const { db, table } = fixture;
    const inner = sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db);
    const { methods, describes } = wrapped(fixture, {
      describeStream: ({ ShardFilter: _ignored, ...input }) => inner.describeStream(input),
    });
    for (const id of ['a', 'b', 'c']) table.put({ id });
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const reader = new StreamReader(sourceOver(fixture, methods));
    expect(ids(flat(await reader.drainAsync())).sort()).toEqual(['a', 'b', 'c']);
    expect(reader.metrics().map((shard) => [shard.parentShardIds, shard.status, shard.endedBy])).toEqual([
      [[], 'done', 'SHARD_END'],
      [[], 'done', 'SHARD_END'],
    ]);
    // The listing, one probe (which shows the filter is ignored, so the other leaf is not probed), and CHILD_SHARDS of each leaf.
    expect(describes.map((input) => input.ShardFilter?.ShardId ?? 'all')).toHaveLength(4);
  });
});

describe('sdkStreamSource: merges over the wire', () => {
  /** Two shards read to their first record; then the right one gets three more and the two merge. */
  async function mergeWhileReading(options: { findMergeParents?: boolean }) {
    const fixture = await setup({ initialShards: 2 });
    const { table, stream } = fixture;
    const [left, right] = openShards(stream) as [string, string];
    const inLeft = await keyIn(stream, left, 'l');
    const inRight = await keyIn(stream, right, 'r');
    const { methods, describes } = wrapped(fixture);
    const source = sourceOver(fixture, methods, options);
    const reader = new StreamReader(source, { limit: 1 });
    table.put({ id: inLeft, v: 1 });
    table.put({ id: inRight, v: 1 });
    await reader.pollAsync();
    for (let v = 2; v <= 4; v++) table.put({ id: inRight, v });
    const child = stream.mergeShards(left, right).shardId;
    table.put({ id: inRight, v: 5 });
    const order: number[] = [];
    for (let round = 0; round < 8; round++) {
      for (const record of flat(await reader.pollAsync())) order.push(Number(record.dynamodb.NewImage!.v!.N));
    }
    return { source, describes, order, left, right, child };
  }

  it('finds the second parent through CHILD_SHARDS of the closed shards no shard names as parent, so the child waits for it', async () => {
    const { source, order, left, right, child } = await mergeWhileReading({});
    expect(order).toEqual([2, 3, 4, 5]);
    expect(source.shardParents!(child)).toEqual({ parents: [left, right], exists: true });
  });

  it('findMergeParents: false saves those calls, and a merged child can then start before its second parent ends', async () => {
    const on = await mergeWhileReading({});
    const off = await mergeWhileReading({ findMergeParents: false });
    expect(off.order).not.toEqual([2, 3, 4, 5]);
    expect([...off.order].sort()).toEqual([2, 3, 4, 5]);
    // The second parent is learned anyway, from its own CHILD_SHARDS once it ends: too late for the order.
    expect(off.source.shardParents!(off.child)).toEqual({ parents: [off.left, off.right], exists: true });
    // The cost of finding it: one listing and one CHILD_SHARDS of the right parent (both answers one page here).
    expect(on.describes.length - off.describes.length).toBe(2);
  });

  it('a stream gone while the source looks for a second parent: the CHILD_SHARDS answer the reader asked for still comes back', async () => {
    const fixture = await setup();
    const { table, stream } = fixture;
    const inner = sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db);
    let listings = 0;
    const { methods } = wrapped(fixture, {
      describeStream: (input) =>
        input.ShardFilter === undefined && ++listings > 1
          ? Promise.reject(
              new SdkResourceNotFoundException({
                message: `Requested resource not found: Stream: ${stream.arn} not found`,
                $metadata: {},
              }),
            )
          : inner.describeStream(input),
    });
    const reader = new StreamReader(sourceOver(fixture, methods));
    table.put({ id: 'a', v: 1 });
    await reader.drainAsync();
    const child = stream.rolloverShard(openShards(stream)[0]!).shardId;
    table.put({ id: 'a', v: 2 });
    expect(ids(flat(await reader.drainAsync()))).toEqual(['a']);
    expect(listings).toBe(2);
    expect(statuses(reader)[child]).toBe('reading');
  });

  it('a shard that a complete listing no longer has is reported gone (exists: false); a shard never seen is unknown', async () => {
    const fixture = await setup();
    const { clock, stream } = fixture;
    const { methods } = wrapped(fixture);
    const source = sourceOver(fixture, methods);
    const root = openShards(stream)[0]!;
    const next = stream.rolloverShard(root).shardId;
    await source.describeStream({});
    expect(source.shardParents!(next)).toEqual({ parents: [root], exists: true });
    clock.advance(DAY + HOUR);
    await source.describeStream({});
    expect(source.shardParents!(root)).toEqual({ parents: [], exists: false });
    expect(source.shardParents!('shardId-00000000000000000000-00000000')).toBeUndefined();
  });
});

describe('sdkStreamSource: construction', () => {
  it('a bare DynamoDBStreamsClient needs the command classes; the aggregated DynamoDBStreams does not', async () => {
    const fixture = await setup();
    const streamArn = fixture.stream.arn;
    const bare = sdkMode(new DynamoDBStreamsClient(clientConfig(fixture.db)), fixture.db);
    expect(() => sdkStreamSource(bare, { streamArn })).toThrow(
      new TypeError(
        'A bare DynamoDBStreamsClient only has send(): pass `commands: { DescribeStreamCommand, GetShardIteratorCommand, GetRecordsCommand }`, or use the aggregated DynamoDBStreams client',
      ),
    );
    const withCommands = sdkStreamSource(bare, {
      streamArn,
      commands: { DescribeStreamCommand, GetShardIteratorCommand, GetRecordsCommand },
    });
    expect((await withCommands.describeStream({})).StreamDescription.StreamArn).toBe(streamArn);
    expect(() => sdkStreamSource({} as DynamoDBStreams, { streamArn })).toThrow(TypeError);
    expect(() =>
      sdkStreamSource(sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db), { streamArn: '' }),
    ).toThrow(new TypeError('sdkStreamSource needs the streamArn to read'));
  });

  it('time comes from the given clock, a SystemClock by default; it has no loss counter and no append notification', async () => {
    const fixture = await setup();
    const client = sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db);
    const onManual = sdkStreamSource(client, { streamArn: fixture.stream.arn, clock: fixture.clock });
    expect(onManual.now()).toBe(fixture.clock.now());
    let fired = false;
    onManual.schedule(fixture.clock.now() + 10, () => (fired = true));
    fixture.clock.advance(10);
    expect(fired).toBe(true);

    const system = new SystemClock();
    const before = system.now();
    const onSystem = sdkStreamSource(client, { streamArn: fixture.stream.arn });
    const now = onSystem.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(system.now());
    expect(onSystem.countTrimmedAfter).toBeUndefined();
    expect(onSystem.onRecords).toBeUndefined();
  });
});
