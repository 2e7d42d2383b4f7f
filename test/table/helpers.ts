/**
 * Shared helpers for the table and database tests: a deterministic database, small tables, an error assertion
 * (class, `.name` and the exact `.message`), a reader for a stream's records, and a snapshot of everything a
 * caller can observe about the tables and their streams, to prove that a rejected call changed nothing.
 */
import { expect } from 'vitest';
import {
  Database,
  DynamoDBError,
  ManualClock,
  type AttributeMap,
  type DynamoDBRecord,
  type StreamViewType,
  type Table,
} from '../../src/index.js';

/** 2026-01-01T12:30:15.250Z: a non-zero millisecond part keeps rounding and labels visible. */
export const T0 = Date.UTC(2026, 0, 1, 12, 30, 15, 250);

export interface Fixture {
  clock: ManualClock;
  db: Database;
}

export async function makeDb(seed = 7): Promise<Fixture> {
  const clock = new ManualClock(T0);
  const db = await Database.create({ clock, seed });
  return { clock, db };
}

export interface TableOptions {
  name?: string;
  /** Stream view type; `null` for a table without a stream. Default NEW_AND_OLD_IMAGES. */
  viewType?: StreamViewType | null;
  /** A sort key `sk` of this type (none by default). */
  sortKey?: 'S' | 'N' | 'B';
  /** The partition key's name and type. Default `id`, S. */
  partitionKey?: { name: string; type: 'S' | 'N' | 'B' };
}

/** A table keyed by `id` (S) by default, optionally with `sk`, with a NEW_AND_OLD_IMAGES stream unless told. */
export function makeTable(db: Database, options: TableOptions = {}): Table {
  const pk = options.partitionKey ?? { name: 'id', type: 'S' as const };
  const viewType = options.viewType === undefined ? 'NEW_AND_OLD_IMAGES' : options.viewType;
  return db.createTable({
    TableName: options.name ?? 'items',
    KeySchema:
      options.sortKey === undefined
        ? [{ AttributeName: pk.name, KeyType: 'HASH' }]
        : [
            { AttributeName: pk.name, KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
    AttributeDefinitions:
      options.sortKey === undefined
        ? [{ AttributeName: pk.name, AttributeType: pk.type }]
        : [
            { AttributeName: pk.name, AttributeType: pk.type },
            { AttributeName: 'sk', AttributeType: options.sortKey },
          ],
    ...(viewType === null ? {} : { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType } }),
  });
}

type ErrorClass = abstract new (...args: never[]) => DynamoDBError;

/** Runs `call`, which must throw, and returns what it threw. */
export function thrownBy(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw, and it returned');
}

/** Asserts the error's class, its `.name` (the class's AWS name) and its exact `.message`. */
export function expectError(error: unknown, type: ErrorClass, message: string): void {
  expect(error).toBeInstanceOf(type);
  expect((error as Error).name).toBe(type.name);
  expect((error as Error).message).toBe(message);
}

/** `call` throws `type` with exactly `message`. Returns the error for further checks. */
export function expectThrows<E extends DynamoDBError>(call: () => unknown, type: abstract new (...args: never[]) => E, message: string): E {
  const error = thrownBy(call);
  expectError(error, type, message);
  return error as E;
}

/** Every record of one shard, from TRIM_HORIZON, following NextShardIterator until a page comes back empty. */
export function readShard(db: Database, streamArn: string, shardId: string): DynamoDBRecord[] {
  const out: DynamoDBRecord[] = [];
  let iterator: string | undefined = db.getShardIterator({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator;
  while (iterator !== undefined) {
    const page = db.getRecords({ ShardIterator: iterator });
    out.push(...page.Records);
    if (page.Records.length === 0) break;
    iterator = page.NextShardIterator;
  }
  return out;
}

/** Every record of the table's current stream, over all its shards, in sequence order. */
export function recordsOf(db: Database, table: Table): DynamoDBRecord[] {
  const stream = table.stream;
  if (stream === undefined) throw new Error(`table ${table.name} has no stream`);
  return stream
    .describeStream()
    .StreamDescription.Shards.flatMap((shard) => readShard(db, stream.arn, shard.ShardId))
    .sort((a, b) => (a.dynamodb.SequenceNumber < b.dynamodb.SequenceNumber ? -1 : 1));
}

/** A stable text for an item (binary values as base64), to sort items. */
function itemText(item: AttributeMap): string {
  return JSON.stringify(item, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value));
}

/**
 * Everything a caller can observe about the database's tables and streams: each table's description and
 * items, and each stream's description and every record of every shard.
 */
export function snapshot(db: Database): unknown {
  const tables = db.listTables().TableNames.map((name) => ({
    description: db.describeTable({ TableName: name }).Table,
    items: [...db.table(name).items()].sort((a, b) => (itemText(a) < itemText(b) ? -1 : 1)),
  }));
  const streams = db.listStreams().Streams.map(({ StreamArn }) => {
    const description = db.describeStream({ StreamArn }).StreamDescription;
    return { description, records: description.Shards.map((shard) => readShard(db, StreamArn, shard.ShardId)) };
  });
  return { tables, streams };
}

/**
 * The call throws `type` with exactly `message`, and leaves no trace: the tables (items, ItemCount,
 * TableSizeBytes) and the streams (shards and records) are exactly as before.
 */
export function expectRejected<E extends DynamoDBError>(db: Database, call: () => unknown, type: abstract new (...args: never[]) => E, message: string): E {
  const before = snapshot(db);
  const error = expectThrows(call, type, message);
  expect(snapshot(db)).toEqual(before);
  return error;
}
