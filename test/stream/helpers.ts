/**
 * Shared helpers for the stream tests: a deterministic database, small tables, a reader that pages a
 * shard through GetRecords, and one error assertion that checks class, `.name` and the exact `.message`.
 */
import { expect } from 'vitest';
import {
  Database,
  DynamoDBError,
  HASH_MAX,
  ExpiredIteratorException,
  ManualClock,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  ValidationException,
  type DatabaseOptions,
  type DynamoDBRecord,
  type Stream,
  type StreamOptions,
  type StreamViewType,
  type Table,
} from '../../src/index.js';

/** 2026-01-01T00:00:00.000Z, with a non-zero millisecond part so rounding and labels are visible. */
export const T0 = Date.UTC(2026, 0, 1, 12, 30, 15, 250);
export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Fixture {
  clock: ManualClock;
  db: Database;
}

export async function makeDb(options: Omit<DatabaseOptions, 'clock'> & { start?: number } = {}): Promise<Fixture> {
  const { start, ...rest } = options;
  const clock = new ManualClock(start ?? T0);
  const db = await Database.create({ seed: 42, ...rest, clock });
  return { clock, db };
}

export interface TableOptions {
  name?: string;
  viewType?: StreamViewType | undefined;
  sortKey?: boolean;
  streamOptions?: StreamOptions;
}

/** A table keyed by `id` (S), optionally `sk` (N), with a stream of the given view type (default NEW_AND_OLD_IMAGES). */
export function makeTable(db: Database, options: TableOptions = {}): Table {
  const viewType = 'viewType' in options ? options.viewType : 'NEW_AND_OLD_IMAGES';
  return db.createTable({
    TableName: options.name ?? 'items',
    KeySchema: options.sortKey
      ? [
          { AttributeName: 'id', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ]
      : [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: options.sortKey
      ? [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'N' },
        ]
      : [{ AttributeName: 'id', AttributeType: 'S' }],
    ...(viewType === undefined ? {} : { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } }),
    ...(options.streamOptions === undefined ? {} : { streamOptions: options.streamOptions }),
  });
}

export function streamOf(table: Table): Stream {
  const stream = table.stream;
  if (stream === undefined) throw new Error(`table ${table.name} has no stream`);
  return stream;
}

/** The ids of the open shards, in hash-range order. */
export function openShardIds(stream: Stream): string[] {
  return stream
    .listShards()
    .filter((shard) => shard.status === 'OPEN')
    .sort((a, b) => (a.hashKeyRange.start < b.hashKeyRange.start ? -1 : 1))
    .map((shard) => shard.shardId);
}

export function onlyShardId(stream: Stream): string {
  const shards = stream.listShards();
  expect(shards).toHaveLength(1);
  return shards[0]!.shardId;
}

export function trimHorizon(stream: Stream, shardId: string): string {
  return stream.getShardIterator({ ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator;
}

export interface ShardRead {
  records: DynamoDBRecord[];
  /** GetRecords calls made. */
  calls: number;
  /** The NextShardIterator of the last call (undefined once a closed shard is exhausted). */
  next: string | undefined;
}

/**
 * Pages a shard from `iterator` with GetRecords until a closed shard stops giving NextShardIterator or an
 * open shard returns an empty page (caught up).
 */
export function readShard(db: Database, iterator: string, limit?: number): ShardRead {
  const records: DynamoDBRecord[] = [];
  let next: string | undefined = iterator;
  let calls = 0;
  while (next !== undefined) {
    const page = db.getRecords(limit === undefined ? { ShardIterator: next } : { ShardIterator: next, Limit: limit });
    calls++;
    records.push(...page.Records);
    next = page.NextShardIterator;
    if (page.Records.length === 0) break;
    if (calls > 100_000) throw new Error('readShard: no end in sight');
  }
  return { records, calls, next };
}

/** Every record of a stream, parents before children, each shard from TRIM_HORIZON. */
export function readStream(db: Database, stream: Stream): DynamoDBRecord[] {
  const shards = stream.listShards();
  const ids = new Set(shards.map((shard) => shard.shardId));
  const done = new Set<string>();
  const out: DynamoDBRecord[] = [];
  while (done.size < shards.length) {
    const ready = shards.filter((shard) => !done.has(shard.shardId) && shard.parentShardIds.every((parent) => done.has(parent) || !ids.has(parent)));
    if (ready.length === 0) throw new Error('readStream: lineage has a cycle');
    for (const shard of ready) {
      out.push(...readShard(db, trimHorizon(stream, shard.shardId)).records);
      done.add(shard.shardId);
    }
  }
  return out;
}

export function eventNames(records: readonly DynamoDBRecord[]): string[] {
  return records.map((record) => record.eventName);
}

export function sequenceNumbers(records: readonly DynamoDBRecord[]): string[] {
  return records.map((record) => record.dynamodb.SequenceNumber);
}

/** What an AWS error must be: its class, its `name`, its exact `message`. */
export interface ExpectedError {
  type: abstract new (...args: never[]) => DynamoDBError;
  name: string;
  message: string;
}

export const validation = (message: string): ExpectedError => ({ type: ValidationException, name: 'ValidationException', message });
export const notFound = (message: string): ExpectedError => ({ type: ResourceNotFoundException, name: 'ResourceNotFoundException', message });
export const TRIMMED: ExpectedError = {
  type: TrimmedDataAccessException,
  name: 'TrimmedDataAccessException',
  message: 'The operation attempted to read past the oldest stream record in a shard.',
};
export const EXPIRED: ExpectedError = {
  type: ExpiredIteratorException,
  name: 'ExpiredIteratorException',
  message: 'The provided iterator exceeds the maximum age allowed.',
};
export const INVALID_ITERATOR = validation('Invalid ShardIterator');

/** Runs `fn`, expects it to throw exactly `expected`, and returns the error. */
export function expectError(fn: () => unknown, expected: ExpectedError): DynamoDBError {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${expected.name}: ${expected.message}`).toBeDefined();
  expect(thrown).toBeInstanceOf(expected.type);
  const error = thrown as DynamoDBError;
  expect(error.name).toBe(expected.name);
  expect(error.message).toBe(expected.message);
  return error;
}

/** A deep snapshot of what a stream exposes, to show that a failed call changed nothing. */
export function snapshot(stream: Stream): string {
  return JSON.stringify({ shards: stream.listShards(), description: stream.describeStream() }, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

/** The open shards' hash ranges, in order, cover [0, 2^64-1] exactly: no gap, no overlap (ARCHITECTURE invariant 4). */
export function activeRangesPartition(stream: Stream): boolean {
  const ranges = stream
    .listShards()
    .filter((shard) => shard.status === 'OPEN')
    .map((shard) => shard.hashKeyRange)
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  if (ranges.length === 0) return false;
  let expected = 0n;
  for (const range of ranges) {
    if (range.start !== expected || range.end < range.start) return false;
    expected = range.end + 1n;
  }
  return expected === HASH_MAX + 1n;
}
