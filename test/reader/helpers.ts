/**
 * Shared helpers for the StreamReader tests: a deterministic table and stream on a ManualClock, keys that
 * land in a chosen shard, a source that records every call the reader makes, and small readers of results.
 */
import {
  RecordsTrimmedError,
  type Database,
  type InMemoryCheckpointStore,
  type DescribeStreamInput,
  type DynamoDBRecord,
  type GetShardIteratorInput,
  type ManualClock,
  type ReaderBatch,
  type Stream,
  type StreamOptions,
  type StreamReader,
  type StreamReaderEvents,
  type StreamSource,
  type Table,
} from '../../src/index.js';
import { embeddedSource } from '../../src/reader/index.js';
import { loadHasher, type Hasher } from '../../src/stream/hasher.js';
import { makeDb, makeTable, streamOf } from '../stream/helpers.js';

export { DAY, HOUR, MINUTE, SECOND, T0 } from '../stream/helpers.js';

/** AWS: a shard iterator expires 15 minutes after it is issued. */
export const ITERATOR_LIFETIME = 15 * 60_000;

export interface ReaderFixture {
  clock: ManualClock;
  db: Database;
  table: Table;
  stream: Stream;
}

/**
 * A table `items` keyed by `id` with a NEW_AND_OLD_IMAGES stream. No automatic rollover unless asked for, so
 * shard ids only change when a test says so.
 */
export async function setup(streamOptions: StreamOptions = {}): Promise<ReaderFixture> {
  const { clock, db } = await makeDb();
  const table = makeTable(db, { streamOptions: { rolloverAfter: false, ...streamOptions } });
  return { clock, db, table, stream: streamOf(table) };
}

let hasher: Hasher | undefined;

/** The first key `${prefix}0`, `${prefix}1`, ... whose hash falls in the shard's range (so a put lands in it). */
export async function keyIn(stream: Stream, shardId: string, prefix = 'k'): Promise<string> {
  hasher ??= await loadHasher();
  const shard = stream.listShards().find((candidate) => candidate.shardId === shardId);
  if (shard === undefined) throw new Error(`no shard ${shardId}`);
  for (let i = 0; ; i++) {
    const key = `${prefix}${i}`;
    const hash = hasher.h64(key);
    if (hash >= shard.hashKeyRange.start && hash <= shard.hashKeyRange.end) return key;
  }
}

/** The open shards' ids in hash-range order. */
export function openShards(stream: Stream): string[] {
  return stream
    .listShards()
    .filter((shard) => shard.status === 'OPEN')
    .sort((a, b) => (a.hashKeyRange.start < b.hashKeyRange.start ? -1 : 1))
    .map((shard) => shard.shardId);
}

/** `id` of each record, with `~` for a REMOVE (`a`, `a`, `~a` = insert, modify, remove). */
export function ids(records: readonly DynamoDBRecord[]): string[] {
  return records.map((record) => `${record.eventName === 'REMOVE' ? '~' : ''}${record.dynamodb.Keys.id!.S!}`);
}

export function flat(batches: readonly ReaderBatch[]): DynamoDBRecord[] {
  return batches.flatMap((batch) => batch.records);
}

/** Records every `trimmed` event the reader emits from now on. */
export function trimmedEvents(reader: StreamReader): StreamReaderEvents['trimmed'][] {
  const trimmed: StreamReaderEvents['trimmed'][] = [];
  reader.on('trimmed', (event) => trimmed.push(event));
  return trimmed;
}

/** drainEach (with the store, if any), returning the ids handled, or the RecordsTrimmedError it threw. */
export function drainIds(reader: StreamReader, store?: InMemoryCheckpointStore): string[] | RecordsTrimmedError {
  const handled: string[] = [];
  try {
    reader.drainEach((batch) => void handled.push(...ids(batch.records)), store === undefined ? {} : { checkpointStore: store });
  } catch (error) {
    if (error instanceof RecordsTrimmedError) return error;
    throw error;
  }
  return handled;
}

export const seqOf = (record: DynamoDBRecord): string => record.dynamodb.SequenceNumber;

/**
 * The embedded source without what only shardline can tell (loss and record counts, expired children):
 * synchronous, but as blind as a source over the wire.
 */
export function uncountedSource(stream: Stream): StreamSource {
  const { countTrimmedAfter: _trimmed, countRecords: _records, shardChildren: _children, ...rest } = embeddedSource(stream);
  return rest;
}

/** One call the reader made, with the shard it concerned (GetRecords' shard is tracked through its iterators). */
export type SourceCall =
  | { op: 'describeStream'; input: DescribeStreamInput }
  | { op: 'getShardIterator'; input: GetShardIteratorInput }
  | { op: 'getRecords'; shardId: string; records: number; error?: string };

export interface RecordingSource {
  source: StreamSource;
  calls: SourceCall[];
  /** The calls of one kind made since `calls` was last cleared. */
  of<K extends SourceCall['op']>(op: K): Extract<SourceCall, { op: K }>[];
}

/**
 * The embedded source, logging every call. `omitOnRecords` leaves out the append notification, so a waiting
 * reader can only be woken by the clock (as over the network).
 */
export function recordingSource(stream: Stream, options: { omitOnRecords?: boolean } = {}): RecordingSource {
  const inner = embeddedSource(stream);
  const calls: SourceCall[] = [];
  const shardOfIterator = new Map<string, string>();
  const source: StreamSource = {
    ...inner,
    describeStream: (input) => {
      calls.push({ op: 'describeStream', input: { ...input } });
      return inner.describeStream(input);
    },
    getShardIterator: (input) => {
      calls.push({ op: 'getShardIterator', input: { ...input } });
      const output = inner.getShardIterator(input) as { ShardIterator: string };
      shardOfIterator.set(output.ShardIterator, input.ShardId);
      return output;
    },
    getRecords: (input) => {
      const shardId = shardOfIterator.get(input.ShardIterator) ?? '?';
      try {
        const output = stream.getRecords(input);
        calls.push({ op: 'getRecords', shardId, records: output.Records.length });
        if (output.NextShardIterator !== undefined) shardOfIterator.set(output.NextShardIterator, shardId);
        return output;
      } catch (error) {
        calls.push({ op: 'getRecords', shardId, records: 0, error: (error as Error).name });
        throw error;
      }
    },
  };
  if (options.omitOnRecords === true) delete (source as { onRecords?: unknown }).onRecords;
  return {
    source,
    calls,
    of: <K extends SourceCall['op']>(op: K) => calls.filter((call): call is Extract<SourceCall, { op: K }> => call.op === op),
  };
}

/** Lets every pending promise callback (and the reader's awaits on its source) run, without touching the clock. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Whether a promise has settled, after letting pending callbacks run. */
export async function isSettled(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await settle();
  return settled;
}
