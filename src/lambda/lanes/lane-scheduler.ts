import type { BatchCompletion } from '../batching/batch-completion.js';
import { measureBatch } from '../batching/batch-builder.js';
import type { Invoker } from '../invocation/invocation.js';
import type { Lane, Segment } from './lane.js';
import type { MappingContext } from '../mapping/mapping-context.js';
import { createdMsOf, windowStartOf } from './queued-record.js';
import type { ShardWorkers } from './shard-workers.js';
import type { ShardWorker } from './shard-worker.js';
import { openWindow } from '../batching/tumbling-window.js';

/**
 * Decides what each shard's lanes do next, at a poll or when a batch completes: discard records that are too
 * old, close a tumbling window, wait (a retry's poll, a batching window), or build the next batch (BatchSize,
 * the 6 MB cap, a bisected half or a partial failure's remainder) and invoke it. Shards whose parents are
 * not done wait; a shard whose lanes are empty after its end is done, and its children may start.
 */
export class LaneScheduler {
  readonly #context: MappingContext;
  readonly #shards: ShardWorkers;
  readonly #invoker: Invoker;
  readonly #completion: BatchCompletion;

  constructor(context: MappingContext, shards: ShardWorkers, invoker: Invoker, completion: BatchCompletion) {
    this.#context = context;
    this.#shards = shards;
    this.#invoker = invoker;
    this.#completion = completion;
  }

  /** Runs every shard that may run, parents first, until nothing more can happen now. True if anything did. */
  pumpAll(): boolean {
    let progressed = false;
    for (let again = true; again;) {
      again = false;
      for (const worker of this.#shards.workers) {
        if (worker.done || !this.#shards.parentsDone(worker)) continue;
        if (this.pumpWorker(worker)) progressed = true;
        if (worker.done) again = true; // its children may start now
      }
      if (this.#context.state !== 'Enabled') break;
    }
    if (this.#shards.workers.some((worker) => worker.done)) this.#shards.forgetFinished();
    return progressed;
  }

  /** Runs the shard's lanes; marks the shard done once it is read to its end and every lane is empty. */
  pumpWorker(worker: ShardWorker): boolean {
    let progressed = false;
    for (const lane of worker.lanes) {
      if (this.#pumpLane(worker, lane)) progressed = true;
      if (this.#context.state !== 'Enabled') return progressed;
    }
    if (worker.readDone && worker.empty && !worker.done) {
      worker.done = true;
      progressed = true;
    }
    return progressed;
  }

  /** Runs the lane's batches, in order, until it is empty, blocked (waiting to retry), waiting or in flight. */
  #pumpLane(worker: ShardWorker, lane: Lane): boolean {
    const { clock, options, maxAgeMs } = this.#context;
    let progressed = false;
    const windowMs = options.tumblingWindowMs;
    while (!lane.inFlight && this.#context.state === 'Enabled') {
      const now = clock.now();
      if (lane.retryAt > now) return progressed;
      if (lane.length > 0 && now - createdMsOf(lane.at(0)) > maxAgeMs) {
        this.#completion.discardExpired(worker, lane, now);
        progressed = true;
        continue;
      }
      if (windowMs > 0 && lane.window !== undefined) {
        const open = lane.window;
        const headInWindow = lane.length > 0 && windowStartOf(lane.at(0), windowMs) === open.start;
        if (!headInWindow || open.terminatedEarly) {
          // The window is over (its time passed, the next record is in a later one, the shard ended, or its
          // state outgrew 1 MB): its final invocation, with no records.
          const shardEnded = worker.readDone && lane.length === 0;
          if (now >= open.start + windowMs || open.terminatedEarly || shardEnded || lane.length > 0) {
            this.#invoker.invoke(worker, lane, [], lane.retries > 0 ? 'retry' : 'new', true);
            progressed = true;
            continue;
          }
          return progressed;
        }
      }
      if (lane.length === 0) return progressed;
      if (windowMs > 0 && lane.window === undefined) lane.window = openWindow(lane.at(0), windowMs);
      const segment: Segment | undefined = lane.segments[0];
      const { count, full } = measureBatch(
        lane,
        segment?.size ?? options.batchSize,
        windowMs,
        this.#context.eventSourceArn.length,
      );
      const batchingMs = options.maximumBatchingWindowMs;
      if (segment === undefined && lane.retries === 0 && batchingMs > 0 && !full) {
        lane.batchingSince ??= now;
        if (now < lane.batchingSince + batchingMs) return progressed;
      }
      const cause = lane.retries > 0 ? 'retry' : (segment?.cause ?? 'new');
      this.#invoker.invoke(worker, lane, lane.peek(count), cause, false);
      progressed = true;
    }
    return progressed;
  }
}
