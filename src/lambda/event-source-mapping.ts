import type { Clock } from '../clock/clock.js';
import { turnEventLoop } from '../clock/event-loop.js';
import { StreamReader } from '../reader/stream-reader.js';
import type { StreamSource } from '../reader/stream-source.js';
import { Stream } from '../stream/stream.js';
import { BatchCompletion } from './batching/batch-completion.js';
import { compileFilterCriteria } from './filter/filter-criteria.js';
import { Invoker, type StreamHandler, type TimeWindowHandler } from './invocation/invocation.js';
import { fnv1aString } from '../model/hash32.js';
import { LaneScheduler } from './lanes/lane-scheduler.js';
import { LambdaResourceNotFoundException } from './lambda-errors.js';
import type { MappingContext, MappingState } from './mapping/mapping-context.js';
import { MappingHistory } from './mapping/mapping-history.js';
import type { DiscardEvent, InvocationEvent, MappingEvents, MappingMetrics } from './mapping/mapping-metrics.js';
import {
  resolveMappingOptions,
  type EventSourceMappingOptions,
  type ResolvedMappingOptions,
} from './mapping/mapping-options.js';
import { checkSource, describeArgument, maxRunMs } from './mapping/mapping-arguments.js';
import { PollSchedule } from './polling/poll-schedule.js';
import { RequestIds } from './mapping/request-ids.js';
import { ShardWorkers } from './lanes/shard-workers.js';
import { StreamFeed } from './polling/stream-feed.js';

/** DynamoDB Streams keeps records 24 hours: a blocked batch is discarded when its records reach that age. */
const DEFAULT_RETENTION_MS = 24 * 3_600_000;
/**
 * Microtask hops without an asynchronous answer after which `runUntilIdle()` stops waiting with microtasks and
 * turns the event loop once (an answer may be waiting on I/O) before it moves the clock.
 */
const MICROTASK_HOPS = 100;

/**
 * A Lambda event source mapping on a DynamoDB stream, on the stream's clock: its lifecycle and public face.
 * The work is its parts': `StreamFeed` reads into the shards' lanes, `ShardWorkers` orders shards parents
 * first, `LaneScheduler` picks each lane's next step, `Invoker` calls the function, `BatchCompletion` applies
 * the outcome (checkpoint, bisect, retry, discard), `PollSchedule` times polls, `MappingHistory` records.
 */
export class EventSourceMapping {
  readonly uuid: string;
  readonly functionArn: string;
  readonly eventSourceArn: string;
  readonly options: Readonly<ResolvedMappingOptions>;

  readonly #clock: Clock;
  readonly #history: MappingHistory;
  readonly #shards: ShardWorkers;
  readonly #feed: StreamFeed;
  readonly #invoker: Invoker;
  readonly #scheduler: LaneScheduler;
  readonly #schedule: PollSchedule;
  #state: MappingState;
  /** Inside a poll's work: nested wake-ups (an asynchronous answer, a record) wait for it to finish. */
  #ticking = false;

  constructor(
    source: Stream | StreamSource,
    handler: StreamHandler | TimeWindowHandler,
    options: EventSourceMappingOptions,
  ) {
    checkSource(source);
    if (typeof handler !== 'function')
      throw new TypeError(
        `attachLambda(stream, handler, options) needs a function as its handler, got ${describeArgument(handler)}`,
      );
    const resolved = resolveMappingOptions(options, source instanceof Stream ? source.arn : source.streamArn);
    const filter = compileFilterCriteria(options.FilterCriteria);
    this.options = Object.freeze(resolved);
    const reader = new StreamReader(source, { startAt: resolved.startingPosition, limit: 1000 });
    const readerSource = reader.source;
    this.#clock =
      source instanceof Stream
        ? source.clock
        : (options.clock ?? { now: () => readerSource.now(), schedule: (at, cb) => readerSource.schedule(at, cb) });
    this.eventSourceArn = readerSource.streamArn;
    const maxAgeMs = Math.min(
      resolved.maximumRecordAgeMs === -1 ? Number.POSITIVE_INFINITY : resolved.maximumRecordAgeMs,
      source instanceof Stream ? source.options.retentionMs : DEFAULT_RETENTION_MS,
    );
    // arn:aws:dynamodb:<region>:<account>:table/...
    const [, partition = 'aws', , region = 'us-east-1', account = '000000000000'] = this.eventSourceArn.split(':');
    this.functionArn = `arn:${partition}:lambda:${region}:${account}:function:${resolved.functionName}`;
    const ids = new RequestIds(options.seed ?? fnv1aString(this.eventSourceArn + '|' + resolved.functionName));
    this.uuid = ids.next();
    this.#history = new MappingHistory(resolved.historyLimit);
    this.#state = resolved.enabled ? 'Enabled' : 'Disabled';

    const stateNow = (): MappingState => this.#state;
    const context: MappingContext = {
      options: this.options,
      clock: this.#clock,
      functionArn: this.functionArn,
      eventSourceArn: this.eventSourceArn,
      logStreamName: logStreamName(this.#clock.now(), this.uuid),
      ids,
      history: this.#history,
      maxAgeMs,
      get state() {
        return stateNow();
      },
    };
    this.#shards = new ShardWorkers(resolved.parallelizationFactor);
    const completion = new BatchCompletion(context);
    this.#invoker = new Invoker(
      context,
      handler,
      (invocation, outcome) => completion.complete(invocation, outcome),
      () => {
        // The next batch starts as soon as this one completes, at this simulated time.
        if (this.#state === 'Enabled') this.#work();
        this.#arm();
      },
    );
    this.#scheduler = new LaneScheduler(context, this.#shards, this.#invoker, completion);
    this.#feed = new StreamFeed(reader, context, this.#shards, filter, {
      onBatch: (worker) => {
        if (this.#state === 'Enabled' && !worker.done && this.#shards.parentsDone(worker))
          this.#scheduler.pumpWorker(worker);
      },
      afterRead: () => {
        if (this.#state === 'Enabled') this.#work();
        this.#arm();
      },
      afterDescribe: (described) => {
        if (this.#state === 'Enabled' && described) this.#work(true);
        this.#arm();
      },
    });
    this.#schedule = new PollSchedule(this.#clock, () => this.#poll());
    // The position is taken now, as CreateEventSourceMapping takes it: LATEST means "after what is there now".
    this.#feed.fetch();
    this.#arm();
  }

  // ------------------------------------------------------------------ lifecycle

  get state(): MappingState {
    return this.#state;
  }

  /** Starts polling again from where the mapping stopped (AWS keeps the position of a disabled mapping). */
  enable(): void {
    this.#assertNotDeleted();
    this.#state = 'Enabled';
    this.#feed.sourceDirty = true;
    this.#arm();
  }

  /** Stops polling and invoking; an invocation in flight finishes and is recorded. */
  disable(): void {
    this.#assertNotDeleted();
    this.#state = 'Disabled';
    this.#arm();
  }

  /** Stops everything for good; the results of invocations in flight are ignored and their timeouts cancelled. */
  delete(): void {
    this.#state = 'Deleting';
    this.#invoker.cancelTimeouts();
    this.#arm();
  }

  on<E extends keyof MappingEvents>(event: E, listener: (payload: MappingEvents[E]) => void): () => void {
    return this.#history.on(event, listener);
  }

  // ------------------------------------------------------------------ observing

  /**
   * The invocations so far, oldest first, with their batch, outcome and simulated times: every one, up to
   * `historyLimit` (default 10,000), then the most recent `historyLimit`.
   */
  get history(): readonly InvocationEvent[] {
    return this.#history.invocations;
  }

  /** The batches discarded so far, with the failure record sent for each (the most recent `historyLimit`). */
  get discards(): readonly DiscardEvent[] {
    return this.#history.discards;
  }

  metrics(): MappingMetrics {
    const now = this.#clock.now();
    const counts = this.#history.counts;
    const shards = this.#shards.workers.map((worker) => ({
      shardId: worker.shardId,
      parentShardIds: [...worker.parentShardIds],
      status: worker.done
        ? ('done' as const)
        : this.#shards.parentsDone(worker)
          ? ('processing' as const)
          : ('waiting' as const),
      recordsDelivered: worker.recordsDelivered,
      recordsPending: worker.pending,
      checkpoint: worker.checkpoint(),
      iteratorAgeMs: worker.lastDeliveredCreatedMs === undefined ? undefined : now - worker.lastDeliveredCreatedMs,
    }));
    let iteratorAgeMs: number | undefined;
    for (const shard of shards) {
      if (shard.status !== 'done' && shard.iteratorAgeMs !== undefined)
        iteratorAgeMs = Math.max(iteratorAgeMs ?? 0, shard.iteratorAgeMs);
    }
    return {
      invocations: counts.invocations,
      errors: counts.errors,
      partialFailures: counts.partialFailures,
      recordsDelivered: counts.recordsDelivered,
      recordsFiltered: counts.recordsFiltered,
      recordsDiscarded: counts.recordsDiscarded,
      batchesSentToFailureDestination: counts.failureBatches,
      recordsLostToTrim: counts.lostToTrim,
      iteratorAgeMs,
      shards,
    };
  }

  /**
   * Idle: every shard read up to the end of what the stream holds, no record queued, in flight, waiting for a
   * retry or a batching window, and no tumbling window open. A disabled or deleted mapping is always idle.
   */
  get idle(): boolean {
    if (this.#state !== 'Enabled') return this.#pendingAsync === 0 || this.#state === 'Deleting';
    return this.#pendingAsync === 0 && !this.#needsWork();
  }

  /**
   * Runs the mapping to idle on a ManualClock, moving the clock forward one poll (250 ms) at a time and letting
   * asynchronous handlers settle between steps. It moves the user's clock: every other timer due on the way
   * (rollovers, retention) fires too, in order. Throws after `maxMs` of simulated time (default 25 hours: with
   * unlimited retries, a failing batch is discarded once its records reach the stream's 24-hour retention).
   */
  async runUntilIdle(options?: { maxMs?: number }): Promise<void> {
    const clock = this.#manualClock();
    const maxMs = maxRunMs('runUntilIdle', options);
    const deadline = clock.now() + maxMs;
    const since = this.#feed.readsStarted;
    for (;;) {
      if (this.#pendingAsync > 0) await this.#settleAsync();
      if (this.idle && this.#caughtUpSince(since)) return;
      const next = this.#schedule.nextStep();
      if (next > deadline) throw new Error(`The event source mapping is not idle after ${maxMs} ms of simulated time`);
      clock.set(next);
    }
  }

  /**
   * `runUntilIdle()` for synchronous handlers and sources, without a promise. Throws a TypeError if the handler
   * or the source answered with a promise that is still pending (use `runUntilIdle()`).
   */
  drain(options?: { maxMs?: number }): void {
    const clock = this.#manualClock();
    const maxMs = maxRunMs('drain', options);
    const deadline = clock.now() + maxMs;
    const since = this.#feed.readsStarted;
    while (!(this.idle && this.#caughtUpSince(since))) {
      if (this.#pendingAsync > 0)
        throw new TypeError(
          'The handler or the stream source answered with a promise: use `await mapping.runUntilIdle()`',
        );
      const next = this.#schedule.nextStep();
      if (next > deadline) throw new Error(`The event source mapping is not idle after ${maxMs} ms of simulated time`);
      clock.set(next);
    }
  }

  // ------------------------------------------------------------------ polling

  /** Handler invocations and source reads not answered yet. */
  get #pendingAsync(): number {
    return this.#invoker.pending + this.#feed.pending;
  }

  /**
   * Lets asynchronous handlers and sources answer before the clock moves: promise jobs while answers keep
   * coming, then one event-loop turn (`turnEventLoop`: `setImmediate` belongs to a test's fake timers).
   */
  async #settleAsync(): Promise<void> {
    let answered = this.#invoker.settledCount + this.#feed.settledCount;
    for (let hops = 0; this.#pendingAsync > 0; hops++) {
      if (hops === MICROTASK_HOPS) {
        await turnEventLoop();
        return;
      }
      await Promise.resolve();
      const now = this.#invoker.settledCount + this.#feed.settledCount;
      if (now !== answered) {
        answered = now;
        hops = 0;
      }
    }
  }

  /**
   * Whether the mapping has seen everything written before `since`. A source that reports appends
   * (`onRecords`, the embedded stream) wakes the mapping, so idle says so; for one that cannot (an AWS SDK
   * source), a read started after `since` must have found nothing new.
   */
  #caughtUpSince(since: number): boolean {
    if (this.#state !== 'Enabled') return true;
    return this.#feed.reader.source.onRecords !== undefined || this.#feed.foundNothingSince(since);
  }

  #manualClock(): Clock & { set(ms: number): number } {
    const clock = this.#clock as Clock & { set?: (ms: number) => number };
    if (typeof clock.set !== 'function')
      throw new TypeError('runUntilIdle() and drain() move the clock: they need a ManualClock');
    return clock as Clock & { set(ms: number): number };
  }

  /** Schedules the next poll: at the next grid time when there is work, else a refresh poll and a wake-up on the next record. */
  #arm(): void {
    if (this.#ticking) return;
    if (this.#state !== 'Enabled') {
      this.#schedule.stop();
      return;
    }
    this.#schedule.arm(this.#needsWork() || this.#pendingAsync > 0, this.#feed.reader.source, () => {
      this.#feed.sourceDirty = true;
      this.#arm();
    });
  }

  #needsWork(): boolean {
    if (this.#feed.sourceDirty) return true;
    for (const worker of this.#shards.workers) {
      if (worker.done) continue;
      if (!worker.empty || worker.readDone) return true;
    }
    return false;
  }

  /** One poll: read every shard being read, hand the records to their lanes, run every batch that can run. */
  #poll(): void {
    if (this.#state !== 'Enabled') return;
    this.#schedule.polled();
    try {
      this.#work(true);
    } finally {
      // A destination callback or an event listener that throws escapes into the clock, as any timer's error
      // does, but the mapping keeps its schedule.
      this.#arm();
    }
  }

  /** Reads and runs batches until the stream has nothing more now or every lane is blocked, waiting or in flight. */
  #work(polled = false): void {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      if (this.#feed.async) {
        // One background read at a time, started by a poll or by a read that found records; its batches are
        // run when it answers.
        if (polled || this.#feed.moreToRead) this.#feed.fetchAsync();
        this.#scheduler.pumpAll();
        return;
      }
      // With a backlog and a handler that takes no simulated time, Lambda reads again as soon as a batch
      // completes: keep reading within this poll until the stream has nothing more or the lanes are blocked.
      for (let round = 0; round < 10_000; round++) {
        const fetched = this.#feed.fetch();
        const progressed = this.#scheduler.pumpAll();
        if (!fetched && !progressed) break;
        if (this.#state !== 'Enabled') break;
      }
    } finally {
      this.#ticking = false;
    }
  }

  #assertNotDeleted(): void {
    if (this.#state === 'Deleting')
      throw new LambdaResourceNotFoundException('The resource you requested does not exist.');
  }
}

/**
 * The function a mapping calls: a `TimeWindowHandler` when the options set `TumblingWindowInSeconds`, else a
 * `StreamHandler`. One signature rather than overloads, so a handler that does not fit is refused against the
 * type it had to be, not against whichever overload the compiler tried last.
 */
export type HandlerFor<Options> = Options extends { TumblingWindowInSeconds: number }
  ? TimeWindowHandler
  : StreamHandler;

/** Keys the options do not have, refused at compile time (a generic parameter gets no excess-property check). */
type OnlyMappingOptions<Options> = Options & {
  [Key in Exclude<keyof Options, keyof EventSourceMappingOptions>]: never;
};

/**
 * Attaches a function to a stream, as `CreateEventSourceMapping` does, and returns the mapping. It starts
 * polling on the stream's clock at once (unless `Enabled: false`).
 */
export function attachLambda<Options extends EventSourceMappingOptions>(
  stream: Stream | StreamSource,
  handler: HandlerFor<Options>,
  options: OnlyMappingOptions<Options>,
): EventSourceMapping {
  return new EventSourceMapping(stream, handler, options);
}

/** A Lambda log stream name for one execution environment: its start date, then `[$LATEST]` and 32 hex digits (here the UUID's). */
function logStreamName(startedAt: number, uuid: string): string {
  const date = new Date(startedAt).toISOString().slice(0, 10).replaceAll('-', '/');
  return `${date}/[$LATEST]${uuid.replaceAll('-', '')}`;
}
