/**
 * shardline under a test's fake timers (vitest's `vi.useFakeTimers()` with its defaults: setTimeout,
 * setImmediate, setInterval, Date and `node:timers` are all faked). Nothing shardline does on a ManualClock may
 * wait on a timer the test owns: the mapping, the stream's rollovers and expiries run, and no timer is left.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Database, ManualClock, type StreamSource, type Table } from '../../src/index.js';
import { embeddedSource } from '../../src/reader/index.js';
import { attachLambda } from '../../src/lambda/index.js';
import { ids, putMany } from '../support/lambda-fixture.js';

async function fakeTimersWorld(): Promise<{ clock: ManualClock; db: Database; table: Table }> {
  const clock = new ManualClock();
  const db = await Database.create({ clock, seed: 3 });
  const table = db.createTable({
    TableName: 'items',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  });
  return { clock, db, table };
}

/** A promise that settles on a real event-loop turn (as an I/O callback would), not a microtask or a timer. */
function realTurn(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    (port1 as unknown as { onmessage: () => void }).onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}

describe('under vi.useFakeTimers() (defaults)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('regression: await mapping.runUntilIdle() with an async handler returns (it awaited setImmediate, which the fake timers own)', async () => {
    const { table } = await fakeTimersWorld();
    const handled: string[] = [];
    let failures = 1;
    const mapping = attachLambda(
      table.stream!,
      async (event) => {
        await Promise.resolve();
        if (failures-- > 0) throw new Error('once');
        handled.push(...ids(event));
      },
      { StartingPosition: 'TRIM_HORIZON', BatchSize: 2 },
    );
    putMany(table, 5);
    await mapping.runUntilIdle();
    expect(handled).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(mapping.history.map((entry) => entry.outcome)).toEqual(['error', 'success', 'success', 'success']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an asynchronous source, and a handler that waits on a real event-loop turn, still run to idle', async () => {
    const { table, clock } = await fakeTimersWorld();
    const inner = embeddedSource(table.stream!);
    const source: StreamSource = {
      streamArn: inner.streamArn,
      describeStream: async (input) => inner.describeStream(input),
      getShardIterator: async (input) => inner.getShardIterator(input),
      getRecords: async (input) => inner.getRecords(input),
      now: () => inner.now(),
      schedule: (at, callback) => inner.schedule(at, callback),
    };
    const handled: string[] = [];
    const mapping = attachLambda(
      source,
      async (event) => {
        await realTurn();
        handled.push(...ids(event));
      },
      { StartingPosition: 'TRIM_HORIZON', clock },
    );
    putMany(table, 3);
    await mapping.runUntilIdle();
    expect(handled).toEqual(['k0', 'k1', 'k2']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the stream's rollovers, shard expiry and a mapping's polls run on the ManualClock, and leave no fake timer", async () => {
    const { table, clock } = await fakeTimersWorld();
    const stream = table.stream!;
    const handled: string[] = [];
    const mapping = attachLambda(stream, (event) => void handled.push(...ids(event)), {
      StartingPosition: 'TRIM_HORIZON',
    });
    const expired: string[] = [];
    stream.on('shardExpired', ({ shardId }) => expired.push(shardId));
    const first = stream.listShards()[0]!.shardId;
    table.put({ id: 'early' });
    clock.advance({ hours: 4 });
    expect(stream.listShards().map((shard) => shard.origin)).toEqual(['stream-created', 'rollover']);
    table.put({ id: 'late' });
    clock.advance({ hours: 20, ms: 1 }); // the first shard's one record is now over 24 hours old
    expect(expired).toEqual([first]);
    mapping.drain();
    expect(handled).toEqual(['early', 'late']);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('with real timers', () => {
  it('a handler that waits on a real event-loop turn completes at the same simulated instant', async () => {
    const { table } = await fakeTimersWorld();
    const mapping = attachLambda(
      table.stream!,
      async () => {
        await realTurn();
        await realTurn();
      },
      { StartingPosition: 'TRIM_HORIZON' },
    );
    putMany(table, 1);
    await mapping.runUntilIdle();
    const [only] = mapping.history;
    expect(only).toMatchObject({ outcome: 'success' });
  });
});
