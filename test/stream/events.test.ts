import { describe, expect, it } from 'vitest';
import type { Database, Stream, StreamEventName, StreamEvents } from '../../src/index.js';
import { makeDb } from '../support/database.js';
import { onlyShardId, openShardIds, trimHorizon } from '../support/shards.js';
import { readShard, readStream } from '../support/stream-reads.js';
import { makeTable, streamOf } from '../support/tables.js';
import { DAY, HOUR, T0 } from '../support/time.js';

type Source = Pick<Database, 'on'> | Pick<Stream, 'on'>;

/** Records every event of the given names from a database or a stream, in order. */
function recorder(source: Source, names: StreamEventName[]) {
  const seen: { name: StreamEventName; payload: unknown }[] = [];
  const offs = names.map((name) =>
    (source as Pick<Database, 'on'>).on(name, (payload) => seen.push({ name, payload })),
  );
  return {
    seen,
    take(): { name: StreamEventName; payload: unknown }[] {
      return seen.splice(0, seen.length);
    },
    expectNoMore(): void {
      expect(seen).toEqual([]);
    },
    stop(): void {
      for (const off of offs) off();
    },
  };
}

const ALL: StreamEventName[] = [
  'record',
  'shardOpened',
  'shardClosed',
  'shardExpired',
  'streamStatus',
  'streamExpired',
  'listenerError',
];

describe('record events', () => {
  it('fire synchronously, before the write returns, with the record as GetRecords will return it', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const latest = stream.getShardIterator({ ShardId: onlyShardId(stream), ShardIteratorType: 'LATEST' }).ShardIterator;
    const inside: unknown[] = [];
    db.on('record', ({ record }) => {
      // During the event the item is stored and the record is readable.
      inside.push(table.get({ id: 'a' }), db.getRecords({ ShardIterator: latest }).Records.length, record.eventName);
    });
    table.put({ id: 'a', v: 1 });
    expect(inside).toEqual([{ id: 'a', v: 1 }, 1, 'INSERT']);
  });

  it('reach database and stream listeners, with the stream, table and shard named', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const fromDb = recorder(db, ['record']);
    const fromStream = recorder(stream, ['record']);
    table.put({ id: 'a' });
    table.put({ id: 'a' }); // a no-op: no record, no event
    table.delete({ id: 'a' });
    const shardId = onlyShardId(stream);
    const records = readShard(db, trimHorizon(stream, shardId)).records;
    const expected = records.map((record) => ({
      name: 'record',
      payload: { streamArn: stream.arn, tableName: 'items', shardId, record },
    }));
    expect(fromDb.take()).toEqual(expected);
    expect(fromStream.take()).toEqual(expected);
    expect(JSON.stringify(expected.map((event) => event.payload.record))).toBe(JSON.stringify(records));
  });

  it('on() returns an unsubscribe; off() works too; other streams do not reach a stream listener', async () => {
    const { db } = await makeDb();
    const a = makeTable(db, { name: 'alpha' });
    const b = makeTable(db, { name: 'beta' });
    const seen: string[] = [];
    const offA = streamOf(a).on('record', ({ tableName }) => seen.push(`stream:${tableName}`));
    const listener = ({ tableName }: StreamEvents['record']) => seen.push(`db:${tableName}`);
    const offDb = db.on('record', listener);
    a.put({ id: '1' });
    b.put({ id: '1' });
    offA();
    offA(); // twice is harmless
    a.put({ id: '2' });
    db.off('record', listener);
    a.put({ id: '3' });
    offDb();
    expect(seen).toEqual(['stream:alpha', 'db:alpha', 'db:beta', 'db:alpha']);
  });
});

describe('shard and stream events', () => {
  it('split, merge and rollover: shardClosed (with its reason) then shardOpened for each child', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { streamOptions: { initialShards: 2 } });
    const stream = streamOf(table);
    table.put({ id: 'a' });
    const events = recorder(stream, ALL);
    const [s0, s1] = openShardIds(stream) as [string, string];
    const [low, high] = stream.splitShard(s0);
    const merged = stream.mergeShards(high.shardId, s1);
    const rolled = stream.rolloverShard(low.shardId);
    const summary = events.take().map(({ name, payload }) => {
      const { shard, reason } = payload as { shard: { shardId: string; status: string }; reason?: string };
      return [name, shard.shardId, shard.status, reason];
    });
    expect(summary).toEqual([
      ['shardClosed', s0, 'CLOSED', 'split'],
      ['shardOpened', low.shardId, 'OPEN', undefined],
      ['shardOpened', high.shardId, 'OPEN', undefined],
      ['shardClosed', high.shardId, 'CLOSED', 'merge'],
      ['shardClosed', s1, 'CLOSED', 'merge'],
      ['shardOpened', merged.shardId, 'OPEN', undefined],
      ['shardClosed', low.shardId, 'CLOSED', 'rollover'],
      ['shardOpened', rolled.shardId, 'OPEN', undefined],
    ]);
    events.expectNoMore();
  });

  it('the shard payloads are copies of listShards() at the time', async () => {
    const { db } = await makeDb();
    const stream = streamOf(makeTable(db));
    const opened: StreamEvents['shardOpened'][] = [];
    stream.on('shardOpened', (event) => opened.push(event));
    const child = stream.rolloverShard(onlyShardId(stream));
    expect(opened).toEqual([{ streamArn: stream.arn, shard: child }]);
    opened[0]!.shard.parentShardIds.push('x');
    opened[0]!.shard.hashKeyRange.start = 5n;
    expect(stream.listShards()[1]).toEqual(child);
  });

  it('a database listener sees the initial shards and ENABLED of a new stream', async () => {
    const { db } = await makeDb();
    const events = recorder(db, ALL);
    const stream = streamOf(makeTable(db, { streamOptions: { initialShards: 3 } }));
    const seen = events.take();
    expect(seen.map(({ name }) => name)).toEqual(['shardOpened', 'shardOpened', 'shardOpened', 'streamStatus']);
    expect(seen[3]!.payload).toEqual({ streamArn: stream.arn, tableName: 'items', status: 'ENABLED' });
    expect(seen.slice(0, 3).map(({ payload }) => (payload as StreamEvents['shardOpened']).shard.origin)).toEqual([
      'stream-created',
      'stream-created',
      'stream-created',
    ]);
  });

  it('automatic rollover, shard expiry and stream expiry fire on the clock, with nobody calling the stream', async () => {
    const { db, clock } = await makeDb();
    const table = makeTable(db);
    table.put({ id: 'a' });
    const stream = streamOf(table);
    const first = onlyShardId(stream);
    const events = recorder(db, ALL);
    clock.advance(4 * HOUR);
    const rolled = events.take();
    expect(rolled.map(({ name }) => name)).toEqual(['shardClosed', 'shardOpened']);
    expect(rolled[0]!.payload).toMatchObject({
      streamArn: stream.arn,
      reason: 'rollover',
      shard: { shardId: first, closedAt: T0 + 4 * HOUR },
    });
    const second = (rolled[1]!.payload as StreamEvents['shardOpened']).shard.shardId;
    // The first shard's only record was written at T0: it expires at T0 + 24 h + 1 ms.
    clock.set(T0 + DAY);
    expect(events.take().map(({ name }) => name)).toEqual([
      'shardClosed',
      'shardOpened',
      'shardClosed',
      'shardOpened',
      'shardClosed',
      'shardOpened',
      'shardClosed',
      'shardOpened',
      'shardClosed',
      'shardOpened',
    ]);
    clock.advance(1);
    expect(events.take()).toEqual([{ name: 'shardExpired', payload: { streamArn: stream.arn, shardId: first } }]);
    // Disabling: DISABLED now, every shard gone by 24 h later, then the stream.
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const disabled = events.take();
    expect(disabled.at(-1)).toEqual({
      name: 'streamStatus',
      payload: { streamArn: stream.arn, tableName: 'items', status: 'DISABLED' },
    });
    expect(disabled.slice(0, -1).map(({ payload }) => (payload as StreamEvents['shardClosed']).reason)).toEqual([
      'stream-disabled',
    ]);
    clock.advance(DAY + 1);
    const expired = events.take();
    expect(expired.at(-1)).toEqual({ name: 'streamExpired', payload: { streamArn: stream.arn, tableName: 'items' } });
    expect(expired.slice(0, -1).every(({ name }) => name === 'shardExpired')).toBe(true);
    expect(expired.map(({ payload }) => (payload as { shardId?: string }).shardId)).toContain(second);
    clock.advance(10 * DAY);
    events.expectNoMore();
  });

  it('deleteTable emits DISABLED for its stream', async () => {
    const { db } = await makeDb();
    const stream = streamOf(makeTable(db));
    const events = recorder(db, ['streamStatus']);
    db.deleteTable({ TableName: 'items' });
    expect(events.take()).toEqual([
      { name: 'streamStatus', payload: { streamArn: stream.arn, tableName: 'items', status: 'DISABLED' } },
    ]);
  });
});

describe('throwing listeners', () => {
  it('do not corrupt the log or starve other listeners, and are reported as listenerError', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const boom = new Error('boom');
    const errors: StreamEvents['listenerError'][] = [];
    db.on('listenerError', (event) => errors.push(event));
    stream.on('record', () => {
      throw boom;
    });
    const later: string[] = [];
    stream.on('record', ({ record }) => later.push(`stream:${record.eventName}`));
    db.on('record', ({ record }) => later.push(`db:${record.eventName}`));
    expect(() => table.put({ id: 'a', v: 1 })).not.toThrow();
    table.put({ id: 'a', v: 2 });
    expect(later).toEqual(['stream:INSERT', 'db:INSERT', 'stream:MODIFY', 'db:MODIFY']);
    expect(errors).toEqual([
      { event: 'record', error: boom },
      { event: 'record', error: boom },
    ]);
    expect(readStream(db, stream).map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY']);
    expect(table.get({ id: 'a' })).toEqual({ id: 'a', v: 2 });
  });

  it('a throwing shard listener does not stop a split half-way', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const errors: string[] = [];
    stream.on('listenerError', ({ event }) => errors.push(event));
    stream.on('shardClosed', () => {
      throw new Error('closed');
    });
    stream.on('shardOpened', () => {
      throw new Error('opened');
    });
    const [low, high] = stream.splitShard(onlyShardId(stream));
    expect(errors).toEqual(['shardClosed', 'shardOpened', 'shardOpened']);
    expect(openShardIds(stream)).toEqual([low.shardId, high.shardId]);
    for (let i = 0; i < 20; i++) table.put({ id: `k${i}` });
    expect(readStream(db, stream)).toHaveLength(20);
  });

  it('a throwing listenerError handler does not loop, and the others still run', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const handled: unknown[] = [];
    db.on('listenerError', () => {
      throw new Error('handler fails too');
    });
    db.on('listenerError', ({ error }) => handled.push((error as Error).message));
    db.on('record', () => {
      throw new Error('listener fails');
    });
    table.put({ id: 'a' });
    expect(handled).toEqual(['listener fails']);
  });

  it('a listener that throws on a clock-driven event does not break the clock or later rollovers', async () => {
    const { db, clock } = await makeDb();
    const stream = streamOf(makeTable(db));
    const errors: string[] = [];
    db.on('listenerError', ({ event }) => errors.push(event));
    db.on('shardClosed', () => {
      throw new Error('nope');
    });
    clock.advance(13 * HOUR);
    expect(stream.listShards()).toHaveLength(4);
    expect(errors).toEqual(['shardClosed', 'shardClosed', 'shardClosed']);
  });
});

describe('listening from JavaScript', () => {
  it('a misspelt event name or a listener that is not a function is a TypeError, not a listener that never fires', async () => {
    const { db } = await makeDb();
    const table = makeTable(db);
    const stream = streamOf(table);
    const loose = (target: unknown) => target as { on(event: unknown, listener: unknown): unknown };
    for (const target of [db, stream]) {
      expect(() => loose(target).on('recrod', () => {})).toThrow(
        new TypeError(
          "Unknown event 'recrod': the events are record, shardOpened, shardClosed, shardExpired, streamStatus, streamExpired, listenerError",
        ),
      );
      expect(() => loose(target).on('record', undefined)).toThrow(
        new TypeError("A listener for 'record' must be a function, got undefined"),
      );
    }
  });
});
