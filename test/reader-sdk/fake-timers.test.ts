/**
 * The reader under a test's fake timers (vitest's `vi.useFakeTimers()` with its defaults, which fake
 * setTimeout, setImmediate, setInterval and Date but not promises): nothing in it may wait on a real timer or
 * macrotask that the fake timers own, or a user's test hangs. Every wait is on the source's clock (a
 * ManualClock here), which the test moves. These tests never advance the fake timers: a reader that needed
 * them would hang, and the test time out.
 */
import { DynamoDBStreams } from '@aws-sdk/client-dynamodb-streams';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InMemoryCheckpointStore, LimitExceededException, StreamReader, type StreamSource } from '../../src/index.js';
import { sdkStreamSource } from '../../src/public/reader.js';
import { setup, type ReaderFixture } from '../support/reader-fixture.js';
import { ids } from '../support/reader-results.js';
import { clientConfig, sdkMode } from '../support/sdk-clients.js';
import { SOURCES, forAwaitLoop } from '../support/reader-sources.js';
import { ScheduleWatch } from '../support/schedule-watch.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe.each(SOURCES)('StreamReader over $name, under vi.useFakeTimers()', ({ make }) => {
  it('pollAsync, drainEachAsync with a store, drainAsync: each settles without a timer firing', async () => {
    const fixture = await setup();
    const { table } = fixture;
    for (const id of ['a', 'b', 'c']) table.put({ id });
    const reader = new StreamReader(make(fixture), { limit: 2 });
    expect(ids((await reader.pollAsync()).flatMap((batch) => batch.records))).toEqual(['a', 'b']);
    const store = new InMemoryCheckpointStore();
    const handled: string[] = [];
    expect(
      await reader.drainEachAsync((batch) => void handled.push(...ids(batch.records)), { checkpointStore: store }),
    ).toBe(1);
    expect(handled).toEqual(['c']);
    table.put({ id: 'd' });
    expect(ids((await reader.drainAsync()).flatMap((batch) => batch.records))).toEqual(['d']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('for await waits on the ManualClock between empty polls, and wakes when it is advanced', async () => {
    const fixture = await setup();
    const { clock, table } = fixture;
    table.put({ id: 'a' });
    const { waits, controller, seen, loop } = forAwaitLoop(make(fixture));
    await waits.reached(1);
    expect(seen).toEqual(['a']);
    table.put({ id: 'b' });
    clock.advance(500);
    await waits.reached(2);
    expect(seen).toEqual(['a', 'b']);
    controller.abort();
    await loop;
    // Nothing was left on the fake timers to hang on.
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('StreamReader on the embedded stream, under vi.useFakeTimers()', () => {
  it('poll, drain and drainEach are synchronous', async () => {
    const { table, stream } = await setup();
    table.put({ id: 'a' });
    const reader = new StreamReader(stream);
    expect(ids(reader.poll().flatMap((batch) => batch.records))).toEqual(['a']);
    table.put({ id: 'b' });
    expect(ids(reader.drainRecords())).toEqual(['b']);
    table.put({ id: 'c' });
    const handled: string[] = [];
    reader.drainEach((batch) => void handled.push(...ids(batch.records)));
    expect(handled).toEqual(['c']);
  });
});

describe('sdkStreamSource throttling backoff, under vi.useFakeTimers()', () => {
  /** The SDK source over the in-process handler, its GetRecords throttled `throttles` times. */
  function throttled(
    fixture: ReaderFixture,
    throttles: number,
    backoffs: ScheduleWatch,
  ): { source: StreamSource; calls: () => number } {
    const inner = sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db);
    let calls = 0;
    const methods = {
      describeStream: (input: Parameters<typeof inner.describeStream>[0]) => inner.describeStream(input),
      getShardIterator: (input: Parameters<typeof inner.getShardIterator>[0]) => inner.getShardIterator(input),
      getRecords: (input: Parameters<typeof inner.getRecords>[0]) => {
        calls++;
        if (calls > throttles) return inner.getRecords(input);
        return Promise.reject(new LimitExceededException('Rate exceeded'));
      },
    };
    return {
      source: sdkStreamSource(methods, { streamArn: fixture.stream.arn, clock: backoffs.clock(fixture.clock) }),
      calls: () => calls,
    };
  }

  it('retries after 100 and 200 ms on the ManualClock, not on the fake timers', async () => {
    const fixture = await setup();
    fixture.table.put({ id: 'a' });
    const backoffs = new ScheduleWatch();
    const { source, calls } = throttled(fixture, 2, backoffs);
    const poll = new StreamReader(source).pollAsync();
    await backoffs.reached(1);
    fixture.clock.advance(100);
    await backoffs.reached(2);
    fixture.clock.advance(200);
    expect(ids((await poll).flatMap((batch) => batch.records))).toEqual(['a']);
    expect(calls()).toBe(3);
  });
});

describe('sdkStreamSource on its default SystemClock, under vi.useFakeTimers()', () => {
  it('waits on the fake time the test controls: advancing the fake timers by the backoff runs the retry', async () => {
    const fixture = await setup();
    fixture.table.put({ id: 'a' });
    const inner = sdkMode(new DynamoDBStreams(clientConfig(fixture.db)), fixture.db);
    let calls = 0;
    const source = sdkStreamSource(
      {
        describeStream: (input) => inner.describeStream(input),
        getShardIterator: (input) => inner.getShardIterator(input),
        getRecords: (input) =>
          ++calls === 1 ? Promise.reject(new LimitExceededException('Rate exceeded')) : inner.getRecords(input),
      },
      { streamArn: fixture.stream.arn },
    );
    const poll = new StreamReader(source).pollAsync();
    // The retry waits 100 ms of the (fake) system time, and nothing else.
    await vi.waitUntil(() => vi.getTimerCount() === 1, { interval: 0 });
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(ids((await poll).flatMap((batch) => batch.records))).toEqual(['a']);
    expect(calls).toBe(2);
  });
});
