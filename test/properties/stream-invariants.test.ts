/**
 * Property tests for the stream invariants of ARCHITECTURE.md: any sequence of writes, reshardings and clock
 * moves, read back by a lineage-aware reader, gives every record exactly once, each item's records in write
 * order with the right images, nothing for no-op writes, increasing sequence numbers, active hash ranges that
 * partition the space, and, across clock jumps, exactly the records younger than the retention period.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Database,
  ManualClock,
  marshallItem,
  type DynamoDBRecord,
  type NativeItem,
  type Stream,
  type Table,
} from '../../src/index.js';
import { loadHasher, type Hasher } from '../../src/stream/hasher.js';
import { activeRangesPartition, openShardsInHashOrder as openShards } from '../support/shards.js';
import { DAY, HOUR, T0 } from '../support/time.js';

const HASH_SPACE = 1n << 64n;

let hasher: Hasher;
beforeAll(async () => {
  hasher = await loadHasher();
});

// ------------------------------------------------------------------ operations

type Op =
  | { kind: 'put'; pk: number; sk: number; value: number }
  | { kind: 'update'; pk: number; sk: number; value: number }
  | { kind: 'delete'; pk: number; sk: number }
  | { kind: 'split'; shard: number; point: bigint }
  | { kind: 'merge'; pair: number }
  | { kind: 'rollover'; shard: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'check' };

/** Gives an op a short toString, so a shrunk counterexample reads like a script. */
function named<T extends Op>(op: T): T {
  const text = (() => {
    switch (op.kind) {
      case 'put':
        return `put(p${op.pk}#${op.sk}, v=${op.value})`;
      case 'update':
        return `update(p${op.pk}#${op.sk}, u=${op.value})`;
      case 'delete':
        return `delete(p${op.pk}#${op.sk})`;
      case 'split':
        return `split(open[${op.shard}], at ${op.point})`;
      case 'merge':
        return `merge(open[${op.pair}], open[${op.pair}+1])`;
      case 'rollover':
        return `rollover(open[${op.shard}])`;
      case 'advance':
        return `advance(${op.ms} ms)`;
      case 'check':
        return 'check()';
    }
  })();
  return Object.defineProperty({ ...op }, fc.toStringMethod, { value: () => text, enumerable: false });
}

// A small key space (3 partition keys x 2 sort keys) and 3 values, so keys repeat and some writes change nothing.
const pk = fc.integer({ min: 0, max: 2 });
const sk = fc.integer({ min: 0, max: 1 });
const value = fc.integer({ min: 0, max: 2 });

function opArbitrary(maxAdvanceMs: number, jumpMs?: number): fc.Arbitrary<Op> {
  const ops: fc.Arbitrary<Op>[] = [
    fc.record({ kind: fc.constant('put' as const), pk, sk, value }),
    fc.record({ kind: fc.constant('put' as const), pk, sk, value }),
    fc.record({ kind: fc.constant('update' as const), pk, sk, value }),
    fc.record({ kind: fc.constant('delete' as const), pk, sk }),
    fc.record({
      kind: fc.constant('split' as const),
      shard: fc.nat(7),
      point: fc.bigInt({ min: 0n, max: HASH_SPACE - 1n }),
    }),
    fc.record({ kind: fc.constant('merge' as const), pair: fc.nat(7) }),
    fc.record({ kind: fc.constant('rollover' as const), shard: fc.nat(7) }),
    fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: maxAdvanceMs }) }),
    fc.constant({ kind: 'check' as const }),
  ];
  if (jumpMs !== undefined)
    ops.push(fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: jumpMs / 2, max: jumpMs }) }));
  return fc.oneof(...ops).map(named);
}

// ------------------------------------------------------------------ the model

interface Expected {
  key: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  newImage: NativeItem | undefined;
  oldImage: NativeItem | undefined;
  at: number;
}

const keyOf = (pkValue: number, skValue: number) => `p${pkValue}#${skValue}`;
const recordKey = (record: DynamoDBRecord) => `${record.dynamodb.Keys.id!.S}#${record.dynamodb.Keys.sk!.N}`;

function sameItem(a: NativeItem, b: NativeItem): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

// ------------------------------------------------------------------ running ops

interface Run {
  db: Database;
  clock: ManualClock;
  table: Table;
  stream: Stream;
  model: Map<string, NativeItem>;
  expected: Expected[];
  events: { shardId: string; record: DynamoDBRecord }[];
}

async function start(initialShards: number): Promise<Run> {
  const clock = new ManualClock(T0);
  const db = await Database.create({ clock, seed: 1 });
  const table = db.createTable({
    TableName: 'props',
    KeySchema: [
      { AttributeName: 'id', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    streamOptions: { initialShards },
  });
  const run: Run = { db, clock, table, stream: table.stream!, model: new Map(), expected: [], events: [] };
  db.on('record', ({ shardId, record }) => run.events.push({ shardId, record }));
  return run;
}

/** Applies one op to the database and the model; checks that it made exactly the records the model expects. */
function apply(run: Run, op: Op, check: (run: Run) => void): void {
  const eventsBefore = run.events.length;
  const expectedBefore = run.expected.length;
  const closedBefore = new Map(
    run.stream
      .listShards()
      .filter((shard) => shard.status === 'CLOSED')
      .map((shard) => [shard.shardId, shard.retainedRecords]),
  );
  switch (op.kind) {
    case 'put':
    case 'update':
    case 'delete': {
      const key = keyOf(op.pk, op.sk);
      const itemKey = { id: `p${op.pk}`, sk: op.sk };
      const old = run.model.get(key);
      let next: NativeItem | undefined;
      if (op.kind === 'put') {
        next = { ...itemKey, v: op.value };
        run.table.put(next);
      } else if (op.kind === 'update') {
        next = { ...(old ?? itemKey), u: op.value };
        run.table.update(itemKey, (current) => ({ ...current, u: op.value }));
      } else {
        next = undefined;
        run.table.delete(itemKey);
      }
      const changed = next === undefined ? old !== undefined : old === undefined || !sameItem(old, next);
      if (changed) {
        run.expected.push({
          key,
          eventName: next === undefined ? 'REMOVE' : old === undefined ? 'INSERT' : 'MODIFY',
          newImage: next,
          oldImage: old,
          at: run.clock.now(),
        });
      }
      if (next === undefined) run.model.delete(key);
      else run.model.set(key, next);
      break;
    }
    case 'split': {
      const open = openShards(run.stream);
      const target = open[op.shard % open.length]!;
      const { start, end } = target.hashKeyRange;
      if (end > start) {
        const at = start + 1n + (op.point % (end - start));
        const [low, high] = run.stream.splitShard(target.shardId, at);
        expect(low.hashKeyRange).toEqual({ start, end: at - 1n });
        expect(high.hashKeyRange).toEqual({ start: at, end });
      }
      break;
    }
    case 'merge': {
      const open = openShards(run.stream);
      if (open.length >= 2) {
        const i = op.pair % (open.length - 1);
        const child = run.stream.mergeShards(open[i]!.shardId, open[i + 1]!.shardId);
        expect(child.parentShardIds).toEqual([open[i]!.shardId, open[i + 1]!.shardId]);
      }
      break;
    }
    case 'rollover': {
      const open = openShards(run.stream);
      run.stream.rolloverShard(open[op.shard % open.length]!.shardId);
      break;
    }
    case 'advance':
      run.clock.advance(op.ms);
      break;
    case 'check':
      check(run);
      break;
  }
  // Exactly one record per change, none for a no-op, in write order with increasing sequence numbers.
  expect(run.events.length - eventsBefore).toBe(run.expected.length - expectedBefore);
  for (let i = Math.max(1, eventsBefore); i < run.events.length; i++) {
    expect(
      BigInt(run.events[i]!.record.dynamodb.SequenceNumber) > BigInt(run.events[i - 1]!.record.dynamodb.SequenceNumber),
    ).toBe(true);
  }
  expect(activeRangesPartition(run.stream)).toBe(true);
  // A closed shard never grows (it may only lose records to trimming).
  for (const shard of run.stream.listShards()) {
    const before = closedBefore.get(shard.shardId);
    if (before !== undefined) expect(shard.retainedRecords).toBeLessThanOrEqual(before);
  }
}

// ------------------------------------------------------------------ the reader

/**
 * Reads the whole stream as a consumer must: a shard only after all its parents (that still exist) are
 * finished, each from TRIM_HORIZON, paging with GetRecords until a closed shard ends or an open shard is
 * caught up. Returns the records in reading order, with the shard each came from.
 */
function readLineage(run: Run, limit: number): { shardId: string; record: DynamoDBRecord }[] {
  const shards = run.stream.listShards();
  const live = new Set(shards.map((shard) => shard.shardId));
  const done = new Set<string>();
  const out: { shardId: string; record: DynamoDBRecord }[] = [];
  while (done.size < shards.length) {
    const ready = shards.filter(
      (shard) =>
        !done.has(shard.shardId) && shard.parentShardIds.every((parent) => done.has(parent) || !live.has(parent)),
    );
    expect(ready.length).toBeGreaterThan(0);
    for (const shard of ready) {
      let iterator: string | undefined = run.stream.getShardIterator({
        ShardId: shard.shardId,
        ShardIteratorType: 'TRIM_HORIZON',
      }).ShardIterator;
      let previous = -1n;
      while (iterator !== undefined) {
        const page = run.db.getRecords({ ShardIterator: iterator, Limit: limit });
        for (const record of page.Records) {
          const seq = BigInt(record.dynamodb.SequenceNumber);
          expect(seq > previous).toBe(true);
          previous = seq;
          // Every record sits in the shard whose hash range holds its partition key.
          const hash = hasher.h64(record.dynamodb.Keys.id!.S!);
          expect(hash >= shard.hashKeyRange.start && hash <= shard.hashKeyRange.end).toBe(true);
          out.push({ shardId: shard.shardId, record });
        }
        if (shard.status === 'OPEN') {
          // An open shard's iterator chain never ends; an empty page means caught up.
          expect(page.NextShardIterator).toBeDefined();
          iterator = page.Records.length === 0 ? undefined : page.NextShardIterator;
        } else {
          // A closed shard ends (no NextShardIterator) in the call that returns its last records: an empty
          // page never comes with an iterator.
          if (page.Records.length === 0) expect(page.NextShardIterator).toBeUndefined();
          iterator = page.NextShardIterator;
        }
      }
      done.add(shard.shardId);
    }
  }
  return out;
}

/** Reads everything and compares it with the model: exactly the expected records younger than `retentionMs`. */
function checkStream(run: Run, limit: number, retentionMs: number): void {
  const read = readLineage(run, limit);
  const now = run.clock.now();
  const present = run.expected.filter((expected) => now - expected.at <= retentionMs);
  // Every retained record exactly once; nothing older than retention.
  expect(new Set(read.map(({ record }) => record.eventID)).size).toBe(read.length);
  expect(read.length).toBe(present.length);
  // Per key: the records in reading order are the key's expected changes in write order, with the right images.
  const byKey = new Map<string, DynamoDBRecord[]>();
  for (const { record } of read) byKey.set(recordKey(record), [...(byKey.get(recordKey(record)) ?? []), record]);
  const expectedByKey = new Map<string, Expected[]>();
  for (const expected of present)
    expectedByKey.set(expected.key, [...(expectedByKey.get(expected.key) ?? []), expected]);
  expect([...byKey.keys()].sort()).toEqual([...expectedByKey.keys()].sort());
  for (const [key, records] of byKey) {
    const wanted = expectedByKey.get(key)!;
    expect(records.map((record) => record.eventName)).toEqual(wanted.map((expected) => expected.eventName));
    records.forEach((record, i) => {
      const expected = wanted[i]!;
      expect(record.dynamodb.NewImage).toEqual(
        expected.newImage === undefined ? undefined : marshallItem(expected.newImage),
      );
      expect(record.dynamodb.OldImage).toEqual(
        expected.oldImage === undefined ? undefined : marshallItem(expected.oldImage),
      );
      expect(record.dynamodb.ApproximateCreationDateTime.getTime()).toBe(expected.at - (expected.at % 1000));
    });
  }
  // What was read is byte for byte what the record events announced.
  const announced = new Map(
    run.events.map(({ shardId, record }) => [record.eventID, JSON.stringify({ shardId, record })]),
  );
  for (const entry of read) expect(JSON.stringify(entry)).toBe(announced.get(entry.record.eventID));
}

// ------------------------------------------------------------------ properties

// No endOnFailure: a failure is shrunk to a short script of named ops (see `named`), which is what makes it readable.
const settings = { numRuns: 150 } as const;
let operations = 0;

afterAll(() => {
  // Enough to matter: a few thousand operations each time the suite runs (shrinking, if any, counts too).
  expect(operations).toBeGreaterThan(2_000);
});

describe('stream invariants (fast-check)', () => {
  it('within retention: every record exactly once, per-key write order, correct images, no record for no-ops, ranges partition', async () => {
    // At most 40 ops of at most 30 minutes: under 24 hours in all, so nothing is trimmed; automatic 4-hour
    // rollovers still happen along the way.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(1, 2, 3, 1000),
        fc.array(opArbitrary(30 * 60_000), { maxLength: 40, size: 'max' }),
        async (initialShards, limit, ops) => {
          const run = await start(initialShards);
          for (const op of ops) {
            operations++;
            apply(run, op, (current) => checkStream(current, limit, DAY));
          }
          checkStream(run, limit, DAY);
          expect(run.expected.every((expected) => run.clock.now() - expected.at < DAY)).toBe(true);
          run.db.close();
        },
      ),
      settings,
    );
  });

  it('across clock jumps past retention: exactly the records older than 24 hours are missing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom(2, 1000),
        fc.array(opArbitrary(3 * HOUR, 30 * HOUR), { maxLength: 40, size: 'max' }),
        async (initialShards, limit, ops) => {
          const run = await start(initialShards);
          for (const op of ops) {
            operations++;
            apply(run, op, (current) => checkStream(current, limit, DAY));
          }
          checkStream(run, limit, DAY);
          run.db.close();
        },
      ),
      settings,
    );
  });

  it('the boundary itself: a record exactly 24 h old is read, 1 ms later it is not', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.integer({ min: 0, max: 5 * 60_000 }), { minLength: 1, maxLength: 10 }),
        async (initialShards, gaps) => {
          const run = await start(initialShards);
          for (const [i, gap] of gaps.entries()) {
            run.clock.advance(gap);
            apply(run, named({ kind: 'put', pk: i % 3, sk: 0, value: i }), () => undefined);
          }
          const first = run.expected[0]!.at;
          run.clock.set(first + DAY);
          checkStream(run, 1000, DAY);
          expect(readLineage(run, 1000).some(({ record }) => record.eventID === run.events[0]!.record.eventID)).toBe(
            true,
          );
          run.clock.set(first + DAY + 1);
          checkStream(run, 1000, DAY);
          expect(readLineage(run, 1000).some(({ record }) => record.eventID === run.events[0]!.record.eventID)).toBe(
            false,
          );
          run.db.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});
