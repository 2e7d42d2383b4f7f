/**
 * Reading a stream back as a consumer would: a shard paged through GetRecords, a whole stream parents before
 * children, a table's records in sequence order, and a snapshot of what a stream exposes.
 */
import type { Database, DynamoDBRecord, Stream, Table } from '../../src/index.js';
import { trimHorizon } from './shards.js';

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

/** Every record of one shard, from TRIM_HORIZON. */
export function shardRecords(db: Database, streamArn: string, shardId: string): DynamoDBRecord[] {
  return readShard(
    db,
    db.getShardIterator({ StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }).ShardIterator,
  ).records;
}

/** Every record of a stream, parents before children, each shard from TRIM_HORIZON. */
export function readStream(db: Database, stream: Stream): DynamoDBRecord[] {
  const shards = stream.listShards();
  const ids = new Set(shards.map((shard) => shard.shardId));
  const done = new Set<string>();
  const out: DynamoDBRecord[] = [];
  while (done.size < shards.length) {
    const ready = shards.filter(
      (shard) =>
        !done.has(shard.shardId) && shard.parentShardIds.every((parent) => done.has(parent) || !ids.has(parent)),
    );
    if (ready.length === 0) throw new Error('readStream: lineage has a cycle');
    for (const shard of ready) {
      out.push(...readShard(db, trimHorizon(stream, shard.shardId)).records);
      done.add(shard.shardId);
    }
  }
  return out;
}

/** Every record of the table's current stream, over all its shards, in sequence order. */
export function recordsOf(db: Database, table: Table): DynamoDBRecord[] {
  const stream = table.stream;
  if (stream === undefined) throw new Error(`table ${table.name} has no stream`);
  return stream
    .describeStream()
    .StreamDescription.Shards.flatMap((shard) => shardRecords(db, stream.arn, shard.ShardId))
    .sort((a, b) => (a.dynamodb.SequenceNumber < b.dynamodb.SequenceNumber ? -1 : 1));
}

export function eventNames(records: readonly DynamoDBRecord[]): string[] {
  return records.map((record) => record.eventName);
}

export function sequenceNumbers(records: readonly DynamoDBRecord[]): string[] {
  return records.map((record) => record.dynamodb.SequenceNumber);
}

/** A deep snapshot of what a stream exposes, to show that a failed call changed nothing. */
export function streamSnapshot(stream: Stream): string {
  return JSON.stringify(
    { shards: stream.listShards(), description: stream.describeStream() },
    (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value),
  );
}
