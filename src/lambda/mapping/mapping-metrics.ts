import type { ListenerErrorEvent } from '../../events/event-hub.js';
import type { LambdaRecord } from '../invocation/lambda-event.js';
import type { FailureRecord } from '../batching/failure-destination.js';

/** How an invocation ended. */
export type InvocationOutcome =
  /** The batch succeeded: its records are checkpointed. */
  | 'success'
  /** The function threw or its promise rejected (a function error, as CloudWatch's `Errors`). */
  | 'error'
  /** The function ran past `FunctionTimeoutInSeconds` (a function error too). */
  | 'timeout'
  /** `batchItemFailures` named records: those before the lowest one are checkpointed, the rest retried. */
  | 'partial'
  /** The response failed the whole batch (a malformed `itemIdentifier`, or no `state` in a tumbling window). */
  | 'invalid-response';

/** One invocation of the function, as a test can assert on it. */
export interface InvocationEvent {
  /** 1, 2, ... in invocation order across the mapping. */
  invocation: number;
  shardId: string;
  /** Which of the shard's `ParallelizationFactor` concurrent lanes ran it (0 when the factor is 1). */
  lane: number;
  /** Simulated time (clock ms) the invocation started and ended. */
  startedAt: number;
  endedAt: number;
  /** The records handed to the function (empty for a tumbling window's final invocation). */
  records: LambdaRecord[];
  sequenceNumbers: string[];
  /** 0 for a batch's first invocation; 1, 2, ... for its retries (bisected halves start again at 0). */
  retry: number;
  /** Why the batch has this shape: new, a retry, a half of a bisected batch, or what followed a partial failure. */
  cause: 'new' | 'retry' | 'bisect' | 'partial-remainder';
  outcome: InvocationOutcome;
  /** The error thrown (for `error`), or the reason (for `invalid-response`, `timeout`). */
  error?: unknown;
  /** For `partial`: the lowest sequence number the function reported. */
  failedSequenceNumber?: string;
  /** Tumbling windows only. */
  window?: { start: string; end: string; isFinalInvokeForWindow: boolean; isWindowTerminatedEarly: boolean };
}

/** A batch discarded after the retry or age limits, with the record sent to the on-failure destination. */
export interface DiscardEvent {
  shardId: string;
  lane: number;
  at: number;
  sequenceNumbers: string[];
  failure: FailureRecord;
}

export interface MappingEvents {
  invocation: InvocationEvent;
  discarded: DiscardEvent;
  /** Records the stream trimmed before the mapping read them (its position fell behind the 24-hour horizon). */
  trimmed: { shardId: string; lostRecords: number | undefined };
  /** A read from an asynchronous source failed; it is tried again at the next poll. */
  pollError: { error: unknown };
  /** A listener threw. The invocation (or poll) went on, and the other listeners still ran. */
  listenerError: ListenerErrorEvent;
}

export interface ShardMappingMetrics {
  shardId: string;
  parentShardIds: string[];
  /** `waiting` for its parents to be processed, `processing`, or `done` (read to its end and every record handled). */
  status: 'waiting' | 'processing' | 'done';
  recordsDelivered: number;
  /** Records fetched and not yet handled (queued, in flight or waiting for a retry). */
  recordsPending: number;
  /**
   * Lambda's checkpoint in the shard: the last sequence number such that it and every record before it was
   * handled (delivered, filtered out or discarded). Undefined until the first record is handled.
   */
  checkpoint: string | undefined;
  /** now - ApproximateCreationDateTime of the last record of the last successful batch, in ms. */
  iteratorAgeMs: number | undefined;
}

/** The figures CloudWatch would show for the mapping, and a few more. */
export interface MappingMetrics {
  invocations: number;
  /** Invocations that ended in a function error (threw, rejected or timed out). */
  errors: number;
  /** Invocations answered with `batchItemFailures` naming records. */
  partialFailures: number;
  /** Records in batches that succeeded (a record retried and then delivered counts once). */
  recordsDelivered: number;
  /** Records that matched no filter: skipped, not retried. */
  recordsFiltered: number;
  /** Records discarded after the retry or age limits. */
  recordsDiscarded: number;
  /** Batches reported to the on-failure destination. */
  batchesSentToFailureDestination: number;
  /** Records trimmed by the stream before the mapping read them. */
  recordsLostToTrim: number;
  /** The largest iterator age across shards being processed, in ms (CloudWatch's IteratorAge). */
  iteratorAgeMs: number | undefined;
  shards: ShardMappingMetrics[];
}
