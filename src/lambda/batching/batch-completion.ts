import type { BatchOutcome } from './batch-outcome.js';
import { deliverFailure, failureRecord, type FailureCondition } from './failure-destination.js';
import type { Invocation } from '../invocation/invocation.js';
import type { Lane } from '../lanes/lane.js';
import type { MappingContext } from '../mapping/mapping-context.js';
import type { DiscardEvent, InvocationEvent, InvocationOutcome } from '../mapping/mapping-metrics.js';
import { POLL_INTERVAL_MS } from '../polling/poll-schedule.js';
import { createdMsOf, sequenceNumberOf, type QueuedRecord } from '../lanes/queued-record.js';
import type { ShardWorker } from '../lanes/shard-worker.js';
import { stateTooLarge, terminatedEarly, windowBounds } from './tumbling-window.js';

/**
 * An invocation's outcome applied to its lane, by Lambda's rules for stream sources: checkpoint, checkpoint
 * before the lowest reported failure, bisect, or retry at the next poll until a limit discards and reports
 * the batch (https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html#services-dynamodb-errors).
 */
export class BatchCompletion {
  readonly #context: MappingContext;

  constructor(context: MappingContext) {
    this.#context = context;
  }

  /** Records the invocation in the history and applies its outcome to its lane. */
  complete(invocation: Invocation, outcome: BatchOutcome): void {
    const { worker, lane, entries, final } = invocation;
    const { clock, options, history } = this.#context;
    const now = clock.now();
    lane.inFlight = false;
    // AWS: for streams, "the next batching window begins as soon as the previous function invocation
    // completes", whatever its outcome (a batch after a discarded one waits for its window too).
    lane.batchingSince = now;
    const count = entries.length;
    this.#record(invocation, outcome, now);

    if (outcome.kind === 'success') {
      if (final) {
        // The window's final invocation succeeded: its state is dropped and its records checkpointed.
        lane.window = undefined;
        lane.resetAttempts();
        lane.retryAt = 0;
        return;
      }
      this.#deliver(worker, lane, count, outcome.state);
      return;
    }
    if (outcome.kind === 'error') history.counts.errors++;
    if (outcome.kind === 'partial') {
      history.counts.partialFailures++;
      const done = outcome.failedIndex;
      const remaining = count - done;
      if (done > 0) {
        const invokes = lane.invokes;
        this.#deliver(worker, lane, done, outcome.state);
        lane.invokes = invokes;
        if (options.bisectBatchOnFunctionError) {
          // AWS: with bisect on, the batch "is bisected at the returned sequence number and Lambda retries only
          // the remaining records": a split, which does not count as a retry.
          lane.replaceFront(remaining, [{ size: remaining, cause: 'partial-remainder' }]);
          lane.resetAttempts();
          lane.retryAt = now + POLL_INTERVAL_MS;
          return;
        }
      }
      lane.lastWasFunctionError = false;
      this.#failAttempt(worker, lane, remaining, 'partial-remainder');
      return;
    }
    // A function error, a timeout, or a response that fails the whole batch.
    lane.lastWasFunctionError = outcome.kind === 'error';
    if (options.bisectBatchOnFunctionError && count > 1) {
      // AWS: "split the batch in two and retry"; "Splitting a batch does not count towards the retry quota."
      const first = Math.ceil(count / 2);
      lane.replaceFront(count, [
        { size: first, cause: 'bisect' },
        { size: count - first, cause: 'bisect' },
      ]);
      lane.resetAttempts();
      lane.retryAt = now + POLL_INTERVAL_MS;
      return;
    }
    this.#failAttempt(worker, lane, count, undefined);
  }

  /** Records at the front of the lane outlived MaximumRecordAgeInSeconds (or the stream's retention). */
  discardExpired(worker: ShardWorker, lane: Lane, now: number): void {
    let count = 0;
    const limit = Math.min(lane.length, this.#context.options.batchSize);
    while (count < limit && now - createdMsOf(lane.at(count)) > this.#context.maxAgeMs) count++;
    this.#discard(worker, lane, count, 'RecordAgeExceeded');
  }

  #record(invocation: Invocation, outcome: BatchOutcome, now: number): void {
    const { lane, worker } = invocation;
    const windowMs = this.#context.options.tumblingWindowMs;
    const outcomeName: InvocationOutcome =
      outcome.kind === 'error'
        ? outcome.timedOut
          ? 'timeout'
          : 'error'
        : outcome.kind === 'invalid'
          ? 'invalid-response'
          : outcome.kind;
    const event: InvocationEvent = {
      invocation: invocation.number,
      shardId: worker.shardId,
      lane: lane.index,
      startedAt: invocation.startedAt,
      endedAt: now,
      records: invocation.entries,
      sequenceNumbers: invocation.sequenceNumbers,
      retry: lane.retries,
      cause: invocation.cause,
      outcome: outcomeName,
    };
    if (outcome.kind === 'error') event.error = outcome.error;
    if (outcome.kind === 'invalid') event.error = outcome.reason;
    if (outcome.kind === 'partial') event.failedSequenceNumber = outcome.failedSequenceNumber;
    if (windowMs > 0 && lane.window !== undefined) {
      event.window = {
        ...windowBounds(lane.window.start, windowMs),
        isFinalInvokeForWindow: invocation.final,
        isWindowTerminatedEarly: invocation.final && terminatedEarly(lane.window, windowMs, invocation.startedAt),
      };
    }
    this.#context.history.recordInvocation(event);
  }

  /** The batch at the front of the lane failed once more: retry it at the next poll, or discard it. */
  #failAttempt(worker: ShardWorker, lane: Lane, count: number, remainder: 'partial-remainder' | undefined): void {
    const { options, clock } = this.#context;
    lane.retries++;
    const max = options.maximumRetryAttempts;
    if (max !== -1 && lane.retries > max) {
      if (count === 0) {
        // A tumbling window's final invocation has no records to report: the window's state is dropped.
        lane.window = undefined;
        lane.resetAttempts();
        lane.retryAt = 0;
        return;
      }
      this.#discard(worker, lane, count, 'RetryAttemptsExhausted');
      return;
    }
    // With bisect on, a remainder is retried alone; without, the retry reads "every record from that checkpoint on".
    if (remainder !== undefined && options.bisectBatchOnFunctionError && count > 0)
      lane.replaceFront(count, [{ size: count, cause: remainder }]);
    lane.retryAt = clock.now() + POLL_INTERVAL_MS;
  }

  /** `count` records at the front of the lane succeeded: checkpoint them, and keep the window's new state. */
  #deliver(worker: ShardWorker, lane: Lane, count: number, state: Record<string, unknown> | undefined): void {
    if (count > 0) {
      worker.lastDeliveredCreatedMs = createdMsOf(lane.at(count - 1));
      worker.recordsDelivered += count;
      this.#context.history.counts.recordsDelivered += count;
      lane.drop(count);
    }
    lane.resetAttempts();
    lane.retryAt = 0;
    if (state !== undefined && lane.window !== undefined) {
      lane.window.state = state;
      if (stateTooLarge(state)) lane.window.terminatedEarly = true;
    }
  }

  #discard(worker: ShardWorker, lane: Lane, count: number, condition: FailureCondition): void {
    const { clock, ids, functionArn, eventSourceArn, history, options } = this.#context;
    const entries = lane.peek(count);
    const first = entries[0] as QueuedRecord;
    const last = entries[entries.length - 1] as QueuedRecord;
    const now = clock.now();
    const failure = failureRecord({
      requestId: ids.next(),
      functionArn,
      condition,
      approximateInvokeCount: lane.invokes,
      functionError: lane.lastWasFunctionError,
      at: now,
      shardId: worker.shardId,
      streamArn: eventSourceArn,
      startSequenceNumber: sequenceNumberOf(first),
      endSequenceNumber: sequenceNumberOf(last),
      firstCreatedMs: createdMsOf(first),
      lastCreatedMs: createdMsOf(last),
      batchSize: count,
    });
    lane.drop(count);
    lane.resetAttempts();
    lane.retryAt = 0;
    history.counts.recordsDiscarded += count;
    const discard: DiscardEvent = {
      shardId: worker.shardId,
      lane: lane.index,
      at: now,
      sequenceNumbers: entries.map(sequenceNumberOf),
      failure,
    };
    history.recordDiscard(discard);
    const destination = options.onFailure;
    if (destination !== undefined) {
      history.counts.failureBatches++;
      deliverFailure(destination, failure);
    }
    history.emit('discarded', discard);
  }
}
