import { beforeAll, describe, expect, it } from 'vitest';
import { HASH_MAX, type Database, type ShardInfo, type Stream, type Table } from '../../src/index.js';
import { loadHasher, type Hasher } from '../../src/stream/hasher.js';
import { TRIMMED, expectError, notFound, validation } from '../support/aws-errors.js';
import { makeDb } from '../support/database.js';
import { activeRangesPartition, onlyShardId, openShardIds, trimHorizon } from '../support/shards.js';
import { readShard, streamSnapshot as snapshot } from '../support/stream-reads.js';
import { makeTable, streamOf } from '../support/tables.js';
import { DAY, HOUR, MINUTE, T0 } from '../support/time.js';

let hasher: Hasher;
beforeAll(async () => {
  hasher = await loadHasher();
});

const SPACE = HASH_MAX + 1n;

function shard(stream: Stream, shardId: string): ShardInfo {
  const found = stream.listShards().find((info) => info.shardId === shardId);
  if (found === undefined) throw new Error(`no shard ${shardId}`);
  return found;
}

/** Writes `count` keys and returns, per key, the shard ids its records went to (from the record events). */
function writeKeys(db: Database, table: Table, count: number, prefix = 'key'): Map<string, Set<string>> {
  const shardsByKey = new Map<string, Set<string>>();
  const off = db.on('record', ({ shardId, record }) => {
    const id = record.dynamodb.Keys.id!.S!;
    if (!shardsByKey.has(id)) shardsByKey.set(id, new Set());
    shardsByKey.get(id)!.add(shardId);
  });
  for (let round = 0; round < 2; round++) for (let i = 0; i < count; i++) table.put({ id: `${prefix}${i}`, round });
  off();
  return shardsByKey;
}

async function oneShard(options: Parameters<typeof makeTable>[1] = {}) {
  const { db, clock } = await makeDb();
  const table = makeTable(db, options);
  const stream = streamOf(table);
  return { db, clock, table, stream, shardId: onlyShardId(stream) };
}

describe('splitShard', () => {
  it('closes the parent with an EndingSequenceNumber and opens two children over its halves (default: the midpoint)', async () => {
    const { db, table, stream, shardId } = await oneShard();
    table.put({ id: 'a' });
    table.put({ id: 'b' });
    const lastSeq = readShard(db, trimHorizon(stream, shardId)).records[1]!.dynamodb.SequenceNumber;
    const [low, high] = stream.splitShard(shardId);
    const parent = shard(stream, shardId);
    expect(parent.status).toBe('CLOSED');
    expect(parent.endingSequenceNumber).toBe(lastSeq);
    expect(low.hashKeyRange).toEqual({ start: 0n, end: SPACE / 2n - 1n });
    expect(high.hashKeyRange).toEqual({ start: SPACE / 2n, end: HASH_MAX });
    for (const child of [low, high]) {
      expect(child.parentShardIds).toEqual([shardId]);
      expect(child.origin).toBe('split');
      expect(child.status).toBe('OPEN');
      expect(BigInt(child.startingSequenceNumber)).toBeGreaterThan(BigInt(lastSeq));
    }
    const shapes = stream.describeStream().StreamDescription.Shards;
    expect(shapes.find((shape) => shape.ShardId === shardId)!.SequenceNumberRange.EndingSequenceNumber).toBe(lastSeq);
    expect(shapes.filter((shape) => shape.ParentShardId === shardId).map((shape) => shape.ShardId)).toEqual([
      low.shardId,
      high.shardId,
    ]);
    expect(activeRangesPartition(stream)).toBe(true);
  });

  it('an explicit split point: children [start, at-1] and [at, end]', async () => {
    const { stream, shardId } = await oneShard();
    const [low, high] = stream.splitShard(shardId, 12345n);
    expect(low.hashKeyRange).toEqual({ start: 0n, end: 12344n });
    expect(high.hashKeyRange).toEqual({ start: 12345n, end: HASH_MAX });
    // The extremes: a child of one hash on either side.
    const [one] = stream.splitShard(low.shardId, 1n);
    expect(one.hashKeyRange).toEqual({ start: 0n, end: 0n });
    const [, last] = stream.splitShard(high.shardId, HASH_MAX);
    expect(last.hashKeyRange).toEqual({ start: HASH_MAX, end: HASH_MAX });
    expect(activeRangesPartition(stream)).toBe(true);
  });

  it("after a split each partition key's later records go to exactly one child, the one whose range holds its hash", async () => {
    const { db, table, stream, shardId } = await oneShard({ streamOptions: { splitOnWriteRate: false } });
    const [low, high] = stream.splitShard(shardId);
    const shardsByKey = writeKeys(db, table, 200);
    const counts = new Map<string, number>();
    for (const [key, shardIds] of shardsByKey) {
      expect(shardIds.size).toBe(1);
      const target = [...shardIds][0]!;
      const hash = hasher.h64(key);
      const range = target === low.shardId ? low.hashKeyRange : high.hashKeyRange;
      expect(target === low.shardId || target === high.shardId).toBe(true);
      expect(hash >= range.start && hash <= range.end).toBe(true);
      counts.set(target, (counts.get(target) ?? 0) + 1);
    }
    // 200 random-looking hashes land on both halves.
    expect(counts.get(low.shardId)).toBeGreaterThan(50);
    expect(counts.get(high.shardId)).toBeGreaterThan(50);
    // The closed parent never grows.
    expect(shard(stream, shardId).retainedRecords).toBe(0);
    expect(readShard(db, trimHorizon(stream, shardId)).records).toEqual([]);
  });

  it('number and binary partition keys route by their canonical value', async () => {
    const { db } = await makeDb();
    const table = db.createTable({
      TableName: 'numbers',
      KeySchema: [{ AttributeName: 'n', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'n', AttributeType: 'N' }],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      streamOptions: { initialShards: 8 },
    });
    const seen: string[] = [];
    db.on('record', ({ shardId }) => seen.push(shardId));
    table.putItem({ Item: { n: { N: '1.50' } } });
    table.putItem({ Item: { n: { N: '1.5' }, x: { S: 'changed' } } });
    table.putItem({ Item: { n: { N: '015e-1' }, x: { S: 'again' } } });
    expect(new Set(seen).size).toBe(1);
    const target = streamOf(table)
      .listShards()
      .find((info) => info.shardId === seen[0])!;
    const hash = hasher.h64('1.5');
    expect(hash >= target.hashKeyRange.start && hash <= target.hashKeyRange.end).toBe(true);
  });

  it('children of a split partition the parent exactly, for many split points', async () => {
    const { stream } = await oneShard();
    for (let i = 0; i < 30; i++) {
      const open = stream.listShards().filter((info) => info.status === 'OPEN');
      const parent = open[i % open.length]!;
      const { start, end } = parent.hashKeyRange;
      if (end === start) continue;
      const at = start + 1n + ((BigInt(i) * 0x9e3779b97f4a7c15n) % (end - start));
      const [low, high] = stream.splitShard(parent.shardId, at);
      expect(low.hashKeyRange.start).toBe(start);
      expect(low.hashKeyRange.end + 1n).toBe(high.hashKeyRange.start);
      expect(high.hashKeyRange.end).toBe(end);
      expect(activeRangesPartition(stream)).toBe(true);
    }
  });
});

describe('mergeShards', () => {
  it('merges two adjacent open shards; both parents in parentShardIds, the lower-range one as ParentShardId', async () => {
    const { db } = await makeDb();
    const table = makeTable(db, { streamOptions: { initialShards: 4 } });
    const stream = streamOf(table);
    const [s0, s1, s2, s3] = openShardIds(stream) as [string, string, string, string];
    // Argument order does not matter: the parents are listed low range first.
    const child = stream.mergeShards(s2, s1);
    expect(child.parentShardIds).toEqual([s1, s2]);
    expect(child.origin).toBe('merge');
    expect(child.hashKeyRange).toEqual({
      start: shard(stream, s1).hashKeyRange.start,
      end: shard(stream, s2).hashKeyRange.end,
    });
    for (const parent of [s1, s2]) expect(shard(stream, parent).status).toBe('CLOSED');
    for (const untouched of [s0, s3]) expect(shard(stream, untouched).status).toBe('OPEN');
    const shape = stream.describeStream().StreamDescription.Shards.find((info) => info.ShardId === child.shardId)!;
    expect(shape.ParentShardId).toBe(s1);
    expect(activeRangesPartition(stream)).toBe(true);
    // Keys of both parents now land in the child.
    const shardsByKey = writeKeys(db, table, 100);
    for (const [key, shardIds] of shardsByKey) {
      const hash = hasher.h64(key);
      const expected =
        hash >= child.hashKeyRange.start && hash <= child.hashKeyRange.end ? child.shardId : [...shardIds][0];
      expect([...shardIds]).toEqual([expected]);
    }
  });

  it('merging everything back gives one shard over the whole space', async () => {
    const { stream } = await oneShard();
    stream.splitShard(stream.listShards()[0]!.shardId);
    const [a, b] = openShardIds(stream) as [string, string];
    const merged = stream.mergeShards(a, b);
    expect(merged.hashKeyRange).toEqual({ start: 0n, end: HASH_MAX });
    expect(openShardIds(stream)).toEqual([merged.shardId]);
  });
});

describe('rolloverShard', () => {
  it('closes the shard and opens one child over the same range', async () => {
    const { db, table, stream, shardId } = await oneShard();
    table.put({ id: 'before' });
    const child = stream.rolloverShard(shardId);
    table.put({ id: 'after' });
    expect(child.parentShardIds).toEqual([shardId]);
    expect(child.origin).toBe('rollover');
    expect(child.hashKeyRange).toEqual({ start: 0n, end: HASH_MAX });
    expect(shard(stream, shardId).status).toBe('CLOSED');
    expect(readShard(db, trimHorizon(stream, shardId)).records.map((record) => record.dynamodb.Keys.id!.S)).toEqual([
      'before',
    ]);
    expect(
      readShard(db, trimHorizon(stream, child.shardId)).records.map((record) => record.dynamodb.Keys.id!.S),
    ).toEqual(['after']);
  });

  it('an empty shard closes with EndingSequenceNumber = its StartingSequenceNumber', async () => {
    const { stream, shardId } = await oneShard();
    stream.rolloverShard(shardId);
    const closed = shard(stream, shardId);
    expect(closed.endingSequenceNumber).toBe(closed.startingSequenceNumber);
  });
});

describe('invalid shard operations throw clear errors and change nothing', () => {
  async function topology() {
    const { db, clock } = await makeDb();
    const table = makeTable(db, { streamOptions: { initialShards: 3 } });
    table.put({ id: 'a' });
    const stream = streamOf(table);
    const [s0, s1, s2] = openShardIds(stream) as [string, string, string];
    const [c0, c1] = stream.splitShard(s1);
    return { db, clock, stream, s0, s1, s2, c0, c1 };
  }

  it('a closed shard cannot be split, merged or rolled over', async () => {
    const { stream, s1, c0 } = await topology();
    const before = snapshot(stream);
    const closed = validation(`Shard ${s1} is closed: only open shards can be split, merged or rolled over`);
    expectError(() => stream.splitShard(s1), closed);
    expectError(() => stream.rolloverShard(s1), closed);
    expectError(() => stream.mergeShards(s1, c0.shardId), closed);
    expectError(() => stream.mergeShards(c0.shardId, s1), closed);
    expect(snapshot(stream)).toBe(before);
  });

  it('only adjacent shards merge (and not a shard with itself)', async () => {
    const { stream, s0, s2, c0 } = await topology();
    const before = snapshot(stream);
    expectError(
      () => stream.mergeShards(s0, s2),
      validation(`Shards ${s0} and ${s2} are not adjacent: only adjacent open shards can be merged`),
    );
    expectError(
      () => stream.mergeShards(s2, c0.shardId),
      validation(`Shards ${s2} and ${c0.shardId} are not adjacent: only adjacent open shards can be merged`),
    );
    expectError(
      () => stream.mergeShards(s0, s0),
      validation(`Shards ${s0} and ${s0} are not adjacent: only adjacent open shards can be merged`),
    );
    expect(snapshot(stream)).toBe(before);
  });

  it('a split point outside (start, end] or not a bigint', async () => {
    const { stream, c0 } = await topology();
    const { start, end } = c0.hashKeyRange;
    const before = snapshot(stream);
    for (const at of [start, start - 1n, end + 1n, 0n, -5n, HASH_MAX + 1n]) {
      expectError(
        () => stream.splitShard(c0.shardId, at),
        validation(
          `Invalid split point ${at}: it must be a bigint in (${start}, ${end}] so both children get part of the range`,
        ),
      );
    }
    expectError(
      () => stream.splitShard(c0.shardId, 5 as never),
      validation(
        `Invalid split point 5: it must be a bigint in (${start}, ${end}] so both children get part of the range`,
      ),
    );
    expect(snapshot(stream)).toBe(before);
  });

  it('regression: a split point or stream option with a broken toString gets the ValidationException, not a TypeError', async () => {
    const { db, stream, c0 } = await topology();
    const { start, end } = c0.hashKeyRange;
    expectError(
      () => stream.splitShard(c0.shardId, { toString: 0 } as never),
      validation(
        `Invalid split point [object Object]: it must be a bigint in (${start}, ${end}] so both children get part of the range`,
      ),
    );
    expectError(
      () => makeTable(db, { name: 'other', streamOptions: { maxRecordsPerShard: Object.create(null) as never } }),
      validation('Invalid stream option maxRecordsPerShard: expected a positive integer, got [object Object]'),
    );
  });

  it('a shard of a single hash cannot be split', async () => {
    const { stream } = await oneShard();
    const [, single] = stream.splitShard(stream.listShards()[0]!.shardId, HASH_MAX);
    const before = snapshot(stream);
    expectError(
      () => stream.splitShard(single.shardId),
      validation(
        `Invalid split point ${HASH_MAX}: it must be a bigint in (${HASH_MAX}, ${HASH_MAX}] so both children get part of the range`,
      ),
    );
    expect(snapshot(stream)).toBe(before);
  });

  it('an unknown shard: ResourceNotFoundException', async () => {
    const { stream, s0 } = await topology();
    const before = snapshot(stream);
    const unknown = 'shardId-00000000000000000000-00000000';
    expectError(() => stream.splitShard(unknown), notFound('Shard does not exist'));
    expectError(() => stream.rolloverShard(unknown), notFound('Shard does not exist'));
    expectError(() => stream.mergeShards(s0, unknown), notFound('Shard does not exist'));
    expectError(() => stream.mergeShards(unknown, s0), notFound('Shard does not exist'));
    expect(snapshot(stream)).toBe(before);
  });

  it('a DISABLED stream has no shard to change', async () => {
    const { db, stream, c0 } = await topology();
    db.updateTable({ TableName: 'items', StreamSpecification: { StreamEnabled: false } });
    const before = snapshot(stream);
    const disabled = validation(`Stream ${stream.arn} is DISABLED: its shards are closed`);
    expectError(() => stream.splitShard(c0.shardId), disabled);
    expectError(() => stream.rolloverShard(c0.shardId), disabled);
    expectError(() => stream.mergeShards(c0.shardId, c0.shardId), disabled);
    expect(snapshot(stream)).toBe(before);
  });
});

describe('initialShards', () => {
  it.each([1, 2, 3, 7, 64])('%i shards split the hash space into equal adjacent ranges', async (count) => {
    const { db } = await makeDb();
    const stream = streamOf(makeTable(db, { streamOptions: { initialShards: count } }));
    const shards = stream.listShards();
    expect(shards).toHaveLength(count);
    expect(activeRangesPartition(stream)).toBe(true);
    const width = SPACE / BigInt(count);
    const sorted = [...shards].sort((a, b) => (a.hashKeyRange.start < b.hashKeyRange.start ? -1 : 1));
    sorted.forEach((info, i) => {
      const size = info.hashKeyRange.end - info.hashKeyRange.start + 1n;
      // Equal widths; the last also takes the remainder (less than `count` hashes).
      expect(size).toBe(i === count - 1 ? width + (SPACE % BigInt(count)) : width);
      expect(info.parentShardIds).toEqual([]);
      expect(info.origin).toBe('stream-created');
    });
  });

  it('invalid counts are rejected and create nothing', async () => {
    const { db } = await makeDb();
    expect(() => makeTable(db, { streamOptions: { initialShards: 0 } })).toThrow(
      'Invalid stream option initialShards: expected a positive integer, got 0',
    );
    expect(() => makeTable(db, { streamOptions: { initialShards: 1.5 } })).toThrow(
      'Invalid stream option initialShards: expected a positive integer, got 1.5',
    );
    expect(() => makeTable(db, { streamOptions: { initialShards: 1025 } })).toThrow(
      'Invalid stream option initialShards: at most 1024',
    );
    expect(db.listTables().TableNames).toEqual([]);
  });
});

describe('automatic rollover', () => {
  it('closes a shard 4 hours after it opened by default, and its child 4 hours later', async () => {
    const { db, clock, table, stream, shardId } = await oneShard();
    clock.set(T0 + 4 * HOUR - 1);
    expect(shard(stream, shardId).status).toBe('OPEN');
    clock.advance(1);
    const closed = shard(stream, shardId);
    expect(closed.status).toBe('CLOSED');
    expect(closed.closedAt).toBe(T0 + 4 * HOUR);
    const [child] = stream.listShards().filter((info) => info.status === 'OPEN');
    expect(child!.parentShardIds).toEqual([shardId]);
    expect(child!.origin).toBe('rollover');
    expect(child!.createdAt).toBe(T0 + 4 * HOUR);
    expect(child!.shardId.slice(8, 28)).toBe(String(T0 + 4 * HOUR).padStart(20, '0'));
    table.put({ id: 'a' });
    expect(readShard(db, trimHorizon(stream, child!.shardId)).records).toHaveLength(1);
  });

  it('a 13-hour jump replays each rollover at its own time', async () => {
    const { clock, stream } = await oneShard();
    clock.advance(13 * HOUR);
    const shards = stream.listShards();
    expect(shards.map((info) => info.createdAt)).toEqual([T0, T0 + 4 * HOUR, T0 + 8 * HOUR, T0 + 12 * HOUR]);
    expect(shards.map((info) => info.closedAt)).toEqual([T0 + 4 * HOUR, T0 + 8 * HOUR, T0 + 12 * HOUR, undefined]);
    for (let i = 1; i < shards.length; i++) expect(shards[i]!.parentShardIds).toEqual([shards[i - 1]!.shardId]);
  });

  it('rolloverAfter: false turns it off; a duration sets it', async () => {
    const off = await oneShard({ streamOptions: { rolloverAfter: false } });
    off.clock.advance(20 * HOUR);
    expect(off.stream.listShards()).toHaveLength(1);
    const fast = await oneShard({ streamOptions: { rolloverAfter: { minutes: 30 } } });
    fast.clock.advance(HOUR);
    expect(fast.stream.listShards().map((info) => info.status)).toEqual(['CLOSED', 'CLOSED', 'OPEN']);
  });

  it('each child of a split rolls over 4 hours after its own creation', async () => {
    const { clock, stream, shardId } = await oneShard();
    clock.advance(HOUR);
    const [low, high] = stream.splitShard(shardId);
    clock.advance(3 * HOUR); // T0 + 4 h: the parent's rollover is stale, the children are 3 h old
    expect(shard(stream, low.shardId).status).toBe('OPEN');
    expect(stream.listShards()).toHaveLength(3);
    clock.advance(HOUR);
    expect(shard(stream, low.shardId).status).toBe('CLOSED');
    expect(shard(stream, high.shardId).status).toBe('CLOSED');
    expect(openShardIds(stream)).toHaveLength(2);
    expect(activeRangesPartition(stream)).toBe(true);
  });
});

describe('write-rate split', () => {
  it('by default splits a shard once it takes more than 1000 writes within one second', async () => {
    const { clock, table, stream, shardId } = await oneShard();
    for (let i = 0; i < 1000; i++) table.put({ id: `k${i}` });
    expect(stream.listShards()).toHaveLength(1);
    clock.advance(999);
    table.put({ id: 'k1000' }); // the 1001st write in the window [T0, T0 + 1 s)
    const parent = shard(stream, shardId);
    expect(parent.status).toBe('CLOSED');
    expect(parent.retainedRecords).toBe(1001);
    expect(stream.listShards().filter((info) => info.origin === 'split')).toHaveLength(2);
  });

  it('the window starts afresh: 1000 writes per second forever never split', async () => {
    const { clock, table, stream } = await oneShard({ streamOptions: { rolloverAfter: false } });
    for (let second = 0; second < 3; second++) {
      for (let i = 0; i < 1000; i++) table.put({ id: `k${i}`, second });
      clock.advance(1000);
    }
    expect(stream.listShards()).toHaveLength(1);
  });

  it('is configurable (writesPerSecond, windowMs) and can be turned off', async () => {
    const ten = await oneShard({ streamOptions: { splitOnWriteRate: { writesPerSecond: 10 } } });
    for (let i = 0; i < 10; i++) ten.table.put({ id: `k${i}` });
    expect(ten.stream.listShards()).toHaveLength(1);
    ten.table.put({ id: 'k10' });
    expect(ten.stream.listShards()).toHaveLength(3);

    // 10 writes/s over a 500 ms window: more than 5 in a window splits.
    const half = await oneShard({ streamOptions: { splitOnWriteRate: { writesPerSecond: 10, windowMs: 500 } } });
    for (let i = 0; i < 5; i++) half.table.put({ id: `k${i}` });
    half.clock.advance(500);
    for (let i = 0; i < 5; i++) half.table.put({ id: `k${i}`, again: true });
    expect(half.stream.listShards()).toHaveLength(1);
    half.table.put({ id: 'one-too-many' });
    expect(half.stream.listShards()).toHaveLength(3);

    const off = await oneShard({ streamOptions: { splitOnWriteRate: false } });
    for (let i = 0; i < 5000; i++) off.table.put({ id: `k${i}` });
    expect(off.stream.listShards()).toHaveLength(1);
  });

  it('invalid write-rate options are rejected', async () => {
    const { db } = await makeDb();
    expect(() => makeTable(db, { streamOptions: { splitOnWriteRate: { writesPerSecond: 0 } } })).toThrow(
      'Invalid stream option splitOnWriteRate.writesPerSecond: expected a positive number, got 0',
    );
    expect(() => makeTable(db, { streamOptions: { splitOnWriteRate: { writesPerSecond: 5, windowMs: -1 } } })).toThrow(
      'Invalid stream option splitOnWriteRate.windowMs: expected a positive integer, got -1',
    );
  });
});

describe('size policies', () => {
  it('maxRecordsPerShard: a shard splits when it holds that many records', async () => {
    const { db, table, stream, shardId } = await oneShard({ streamOptions: { maxRecordsPerShard: 5 } });
    for (let i = 0; i < 5; i++) table.put({ id: `k${i}` });
    expect(shard(stream, shardId).status).toBe('CLOSED');
    expect(readShard(db, trimHorizon(stream, shardId)).records).toHaveLength(5);
    for (let i = 5; i < 60; i++) table.put({ id: `k${i}` });
    for (const info of stream.listShards()) {
      expect(info.retainedRecords).toBeLessThanOrEqual(5);
      if (info.status === 'CLOSED') expect(info.retainedRecords).toBe(5);
    }
    expect(activeRangesPartition(stream)).toBe(true);
  });

  it('maxBytesPerShard: a shard splits once its records reach that many bytes of SizeBytes', async () => {
    const { db, table, stream, shardId } = await oneShard({
      viewType: 'KEYS_ONLY',
      streamOptions: { maxBytesPerShard: 20 },
    });
    // KEYS_ONLY records of id "kN": 2 + 2 = 4 bytes each.
    for (let i = 0; i < 4; i++) table.put({ id: `k${i}` });
    expect(shard(stream, shardId).status).toBe('OPEN');
    table.put({ id: 'k4' });
    expect(shard(stream, shardId).status).toBe('CLOSED');
    const records = readShard(db, trimHorizon(stream, shardId)).records;
    expect(records.reduce((sum, record) => sum + record.dynamodb.SizeBytes, 0)).toBe(20);
  });
});

describe('shard expiry', () => {
  it('a closed shard stays while any record is within retention, then disappears; reading it gives TrimmedDataAccessException', async () => {
    const { db, clock, table, stream, shardId } = await oneShard({ streamOptions: { rolloverAfter: false } });
    table.put({ id: 'a' });
    clock.advance(HOUR);
    table.put({ id: 'b' }); // last record at T0 + 1 h
    const child = stream.rolloverShard(shardId);
    clock.set(T0 + HOUR + DAY - 5 * MINUTE);
    const iterator = trimHorizon(stream, shardId);
    expect(readShard(db, iterator).records.map((record) => record.dynamodb.Keys.id!.S)).toEqual(['b']);
    clock.set(T0 + HOUR + DAY);
    expect(stream.describeStream().StreamDescription.Shards.map((info) => info.ShardId)).toEqual([
      shardId,
      child.shardId,
    ]);
    clock.advance(1);
    expect(stream.describeStream().StreamDescription.Shards.map((info) => info.ShardId)).toEqual([child.shardId]);
    expect(stream.listShards().map((info) => info.shardId)).toEqual([child.shardId]);
    // The child still names its (now gone) parent, as AWS's do once a parent is trimmed.
    expect(stream.describeStream().StreamDescription.Shards[0]!.ParentShardId).toBe(shardId);
    expectError(() => db.getRecords({ ShardIterator: iterator }), TRIMMED);
    expectError(() => stream.getShardIterator({ ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }), TRIMMED);
    expectError(() => stream.getShardIterator({ ShardId: shardId, ShardIteratorType: 'LATEST' }), TRIMMED);
  });

  it('a closed shard that never had a record goes 24 hours after it opened', async () => {
    const { clock, stream, shardId } = await oneShard({ streamOptions: { rolloverAfter: false } });
    clock.advance(HOUR);
    stream.rolloverShard(shardId);
    clock.set(T0 + DAY);
    expect(stream.listShards()).toHaveLength(2);
    clock.advance(1);
    expect(stream.listShards()).toHaveLength(1);
  });

  it('with default rollover, a day of shards comes and goes: 24 h after its last record each closed shard is gone', async () => {
    const { db, clock, table, stream } = await oneShard();
    for (let hour = 0; hour < 48; hour++) {
      table.put({ id: `h${hour}` });
      clock.advance(HOUR);
    }
    // Now T0 + 48 h. Shard i opened at T0 + 4i h and its last record was written at T0 + (4i + 3) h, so the
    // shards up to i = 5 (last record at T0 + 23 h) are gone; 6..11 are closed, and 12 opened just now.
    const shards = stream.listShards();
    expect(shards.map((info) => (info.createdAt - T0) / HOUR)).toEqual([24, 28, 32, 36, 40, 44, 48]);
    expect(shards.map((info) => info.status)).toEqual([
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'CLOSED',
      'OPEN',
    ]);
    const ids = shards.flatMap((info) =>
      readShard(db, trimHorizon(stream, info.shardId)).records.map((record) => record.dynamodb.Keys.id!.S),
    );
    expect(ids).toEqual(Array.from({ length: 24 }, (_, i) => `h${24 + i}`));
  });
});
