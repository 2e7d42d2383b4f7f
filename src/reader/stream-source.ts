import type { Clock, TimerHandle } from '../clock/clock.js';
import type { Stream } from '../stream/stream.js';
import type {
  DescribeStreamInput,
  DescribeStreamOutput,
  GetRecordsInput,
  GetRecordsOutput,
  GetShardIteratorInput,
  GetShardIteratorOutput,
} from '../stream/types.js';

type MaybePromise<T> = T | Promise<T>;

/**
 * What a StreamReader reads from: one stream's three read calls in the Streams API's shapes, plus what a
 * source may know beyond that API. Calls may answer synchronously (the embedded stream) or with a promise.
 */
export interface StreamSource {
  readonly streamArn: string;
  describeStream(input: DescribeStreamInput): MaybePromise<DescribeStreamOutput>;
  getShardIterator(input: GetShardIteratorInput): MaybePromise<GetShardIteratorOutput>;
  getRecords(input: GetRecordsInput): MaybePromise<GetRecordsOutput>;
  /** Milliseconds since the epoch, for iterator ages and waiting. */
  now(): number;
  /** Runs `callback` at `atMs` (a poll interval); the reader waits on it between empty polls. */
  schedule(atMs: number, callback: () => void): TimerHandle;
  /**
   * Every parent of a shard (both, after a merge), where the source knows more than DescribeStream's single
   * `ParentShardId`; `exists` false once the shard is gone. Undefined: the source does not know the shard.
   */
  shardParents?(shardId: string): { parents: readonly string[]; exists: boolean } | undefined;
  /** Exactly how many records of a shard were trimmed after a sequence number (all, without one). */
  countTrimmedAfter?(shardId: string, sequenceNumber?: string): number | undefined;
  /**
   * How many records a shard has held in all, trimmed ones included: where a `LATEST` start is, as "after the
   * shard's first n records", so it survives a restart. Undefined: the source does not know the shard.
   */
  countRecords?(shardId: string): number | undefined;
  /**
   * Every child a shard ever had, expired ones too, and after the stream itself is gone: DescribeStream's
   * CHILD_SHARDS lists live shards only, so a branch that expired unread would otherwise go unreported.
   */
  shardChildren?(shardId: string): readonly string[] | undefined;
  /** Calls `listener` when new records may be readable, so a waiting reader wakes at once. */
  onRecords?(listener: () => void): () => void;
}

/** The embedded stream as a source: synchronous, exact lineage (expired shards too), exact loss counts, wakes on every append. */
export function embeddedSource(stream: Stream, clock: Clock = stream.clock): StreamSource {
  return {
    streamArn: stream.arn,
    describeStream: (input) => stream.describeStream(input),
    getShardIterator: (input) => stream.getShardIterator(input),
    getRecords: (input) => stream.getRecords(input),
    now: () => clock.now(),
    schedule: (atMs, callback) => clock.schedule(atMs, callback),
    shardParents: (shardId) => {
      const info = stream.shardInfo(shardId);
      return info === undefined ? undefined : { parents: info.parentShardIds, exists: !info.expired };
    },
    countTrimmedAfter: (shardId, sequenceNumber) => stream.countTrimmedAfter(shardId, sequenceNumber),
    countRecords: (shardId) => {
      // Trimmed first: countTrimmedAfter trims the shard, so retainedRecords then counts the rest.
      const trimmed = stream.countTrimmedAfter(shardId);
      const info = stream.shardInfo(shardId);
      return trimmed === undefined || info === undefined ? undefined : trimmed + info.retainedRecords;
    },
    shardChildren: (shardId) => stream.childShardIds(shardId),
    onRecords: (listener) => stream.on('record', listener),
  };
}
