import type { ListenerErrorEvent } from '../events/event-hub.js';
import type { DynamoDBRecord } from '../stream/types.js';
import type { Checkpoint } from './checkpoint.js';
import type { ShardEnd } from './shard-cursor.js';

export interface StreamReaderOptions {
  /** Where a reader without a checkpoint starts. Default TRIM_HORIZON. */
  startAt?: 'TRIM_HORIZON' | 'LATEST';
  /** Resume from this checkpoint (takes precedence over `startAt`). */
  checkpoint?: Checkpoint;
  /** GetRecords Limit per call (1-1000). Default 1000. */
  limit?: number;
  /**
   * A position behind the trim horizon is counted as a loss (`lostRecords`, a `trimmed` event) and the shard
   * goes on at TRIM_HORIZON: `skip` (default, as the KCL adapter) just goes on; `throw` also raises
   * RecordsTrimmedError once per loss, before any record after the gap (docs/consuming.md).
   */
  onTrimmed?: 'skip' | 'throw';
  /** How long the async iterator waits between polls that found nothing, in ms. Default 1000 (as the KCL). */
  pollIntervalMs?: number;
}

/** Records read from one shard in one GetRecords call. */
export interface ReaderBatch {
  shardId: string;
  records: DynamoDBRecord[];
  /** The last record's sequence number: `{ [shardId]: sequenceNumber }` is this batch's checkpoint. */
  sequenceNumber: string | undefined;
  /** now - ApproximateCreationDateTime of the batch's last record, in ms. */
  iteratorAgeMs: number | undefined;
  /**
   * The reader's checkpoint as of this batch: every shard at the position it had when this batch was read,
   * so saving it after handling this batch (and the ones before it) neither skips nor repeats a record. For
   * a checkpoint after one record, put that record's SequenceNumber at `shardId` (`checkpointAfter`).
   */
  checkpoint: Checkpoint;
}

/** The checkpoint to save after handling `record` of `batch` (and everything before it). */
export function checkpointAfter(batch: ReaderBatch, record: DynamoDBRecord): Checkpoint {
  return { ...batch.checkpoint, [batch.shardId]: record.dynamodb.SequenceNumber };
}

export interface ShardMetrics {
  shardId: string;
  parentShardIds: string[];
  status: 'waiting' | 'reading' | 'done';
  endedBy?: ShardEnd;
  recordsRead: number;
  /** Records lost to trimming in this shard (undefined: some loss could not be counted: see `uncountedLosses`). */
  lostRecords: number | undefined;
  /** now - ApproximateCreationDateTime of the last record read, in ms (undefined until one is read). */
  iteratorAgeMs: number | undefined;
  lastSequenceNumber?: string;
  expiredIterators: number;
}

export interface StreamReaderEvents {
  shardStarted: { shardId: string; parentShardIds: string[] };
  shardFinished: { shardId: string; endedBy: ShardEnd; recordsRead: number };
  /** An iterator expired (15 minutes unused) and was re-acquired from the last sequence number. */
  iteratorExpired: { shardId: string; lastSequenceNumber: string | undefined };
  /**
   * Records were trimmed before they were read (once per loss; under onTrimmed 'throw', before the error is
   * thrown). `lostRecords` undefined: a loss whose size nobody can tell (the source cannot count, or the
   * stream has forgotten the shard), counted by `uncountedLosses`.
   */
  trimmed: { shardId: string; lostRecords: number | undefined; after: string | undefined };
  /** A listener threw. The poll went on, and the other listeners still ran. */
  listenerError: ListenerErrorEvent;
}

export const READER_EVENT_NAMES: readonly (keyof StreamReaderEvents)[] = [
  'shardStarted',
  'shardFinished',
  'iteratorExpired',
  'trimmed',
  'listenerError',
];
