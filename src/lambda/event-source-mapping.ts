import type { DynamoDBBatchResponse } from 'aws-lambda';
import { EventEmitter } from 'eventemitter3';
import type { Clock, TimerHandle } from '../clock/clock.js';
import { SeededRandom } from '../clock/seeded-random.js';
import { StreamReader, type ReaderBatch } from '../reader/stream-reader.js';
import type { StreamSource } from '../reader/stream-source.js';
import { Stream } from '../stream/stream.js';
import type { DescribeStreamOutput } from '../stream/types.js';
import type { AttributeValue } from '../model/attribute-value.js';
import { classifyResponse, type BatchOutcome } from './batch-outcome.js';
import { deliverFailure, type FailureCondition, type FailureRecord } from './failure-destination.js';
import { compileFilterCriteria } from './filter-criteria.js';
import { LambdaResourceNotFoundException } from './lambda-errors.js';
import { measureBatch } from './batch-builder.js';
import { intoLambdaRecord, type DynamoDBStreamEvent, type DynamoDBTimeWindowEvent, type LambdaRecord } from './lambda-event.js';
import type { DiscardEvent, InvocationEvent, InvocationOutcome, MappingEvents, MappingMetrics } from './mapping-metrics.js';
import { resolveMappingOptions, type EventSourceMappingOptions, type ResolvedMappingOptions } from './mapping-options.js';
import { isoSeconds, stateTooLarge, terminatedEarly, timeWindowEvent, windowBounds } from './tumbling-window.js';
import { Lane, ShardWorker, createdMsOf, laneOf, sequenceNumberOf, windowStartOf, type OpenWindow, type QueuedRecord, type Segment } from './shard-worker.js';

/** AWS: "Lambda polls shards in your DynamoDB stream for records at a base rate of 4 times per second." */
export const POLL_INTERVAL_MS = 250;
/** While idle, the mapping still polls this often, so its iterators (15-minute lifetime) never expire. */
const IDLE_REFRESH_MS = 10 * 60_000;
/** DynamoDB Streams keeps records 24 hours: a blocked batch is discarded when its records reach that age. */
const DEFAULT_RETENTION_MS = 24 * 3_600_000;

/** The `context` a handler receives: the parts of Lambda's context object an emulated function can use. */
export interface InvocationContext {
  awsRequestId: string;
  functionName: string;
  functionVersion: '$LATEST';
  invokedFunctionArn: string;
  /** Time left before `FunctionTimeoutInSeconds`, on the mapping's clock. */
  getRemainingTimeInMillis(): number;
}

type MaybePromise<T> = T | Promise<T>;

/** A function for a DynamoDB stream: may return `batchItemFailures` (with `ReportBatchItemFailures`). */
export type StreamHandler = (event: DynamoDBStreamEvent, context: InvocationContext) => MaybePromise<DynamoDBBatchResponse | void | undefined | null>;

/** A function for a mapping with `TumblingWindowInSeconds`: must return the window's `state`. */
export type TimeWindowHandler = (
  event: DynamoDBTimeWindowEvent,
  context: InvocationContext,
) => MaybePromise<{ state: Record<string, unknown>; batchItemFailures?: { itemIdentifier: string }[] } | void | undefined | null>;

/** AWS's mapping states that apply here: changes take effect at once, so there is no `Enabling` or `Creating`. */
export type MappingState = 'Enabled' | 'Disabled' | 'Deleting';

/** How a batch handed to the function is measured and what it is. */
interface Invocation {
  worker: ShardWorker;
  lane: Lane;
  entries: QueuedRecord[];
  records: LambdaRecord[];
  cause: InvocationEvent['cause'];
  final: boolean;
  startedAt: number;
  number: number;
  requestId: string;
}

/**
 * A Lambda event source mapping on a DynamoDB stream, emulated on the stream's clock: it polls each shard
 * 4 times a second, builds batches (BatchSize, the 6 MB payload cap, MaximumBatchingWindowInSeconds), invokes
 * the handler, and follows AWS's rules on failure: a failing batch blocks its shard (its lane, with
 * ParallelizationFactor) and is retried until it succeeds, is bisected, or is discarded by the retry or age
 * limits and reported to the on-failure destination. Parents are processed before children.
 *
 * Shards are discovered and read by a `StreamReader` (lineage, expired iterators, trimmed positions); the
 * Lambda rules sit on top, per shard, in `ShardWorker`s.
 */
export class EventSourceMapping {
  readonly uuid: string;
  readonly functionArn: string;
  readonly eventSourceArn: string;
  readonly options: Readonly<ResolvedMappingOptions>;

  readonly #handler: StreamHandler | TimeWindowHandler;
  readonly #filter: ((record: LambdaRecord) => boolean) | undefined;
  readonly #reader: StreamReader;
  readonly #clock: Clock;
  readonly #random: SeededRandom;
  readonly #events = new EventEmitter();
  readonly #workers = new Map<string, ShardWorker>();
  /** Workers in discovery order (parents before children). */
  #order: ShardWorker[] = [];
  /** The stream's partition key attribute (undefined until an asynchronous source has described the stream). */
  #partitionKey: string | undefined;
  /** The source answers with promises (an AWS SDK source): reads run in the background, one at a time. */
  readonly #async: boolean;
  #fetching = false;
  /** The last background read found records (or shards started or ended): read again without waiting for a poll. */
  #moreToRead = false;
  /** Reads started so far, and the last one that found nothing new (for sources that cannot say when records arrive). */
  #pollsStarted = 0;
  #lastEmptyPoll = -1;
  readonly #arnLength: number;
  readonly #maxAgeMs: number;
  readonly #gridOrigin: number;
  #state: MappingState;
  #timer: TimerHandle | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  #lastTickAt = Number.NEGATIVE_INFINITY;
  #ticking = false;
  #unsubscribeRecords: (() => void) | undefined;
  /** Records may have been appended, or shards started or finished, since the last poll that found nothing. */
  #sourceDirty = true;
  #pendingAsync = 0;
  #invocations = 0;
  readonly #history: InvocationEvent[] = [];
  readonly #discards: DiscardEvent[] = [];
  readonly #counts = { errors: 0, partialFailures: 0, recordsDelivered: 0, recordsFiltered: 0, recordsDiscarded: 0, failureBatches: 0, lostToTrim: 0 };

  constructor(source: Stream | StreamSource, handler: StreamHandler | TimeWindowHandler, options: EventSourceMappingOptions) {
    const resolved = resolveMappingOptions(options, source instanceof Stream ? source.arn : source?.streamArn);
    const filter = compileFilterCriteria(options.FilterCriteria);
    if (typeof handler !== 'function') throw new TypeError('The handler must be a function');
    this.options = Object.freeze(resolved);
    this.#handler = handler;
    this.#filter = filter;
    this.#reader = new StreamReader(source, { startAt: resolved.startingPosition, limit: 1000 });
    const readerSource = this.#reader.source;
    this.#clock = source instanceof Stream ? source.clock : (options.clock ?? { now: () => readerSource.now(), schedule: (at, cb) => readerSource.schedule(at, cb) });
    this.eventSourceArn = readerSource.streamArn;
    this.#arnLength = this.eventSourceArn.length;
    this.#maxAgeMs = Math.min(resolved.maximumRecordAgeMs === -1 ? Number.POSITIVE_INFINITY : resolved.maximumRecordAgeMs, source instanceof Stream ? source.options.retentionMs : DEFAULT_RETENTION_MS);
    // arn:aws:dynamodb:<region>:<account>:table/...
    const [, partition = 'aws', , region = 'us-east-1', account = '000000000000'] = this.eventSourceArn.split(':');
    this.functionArn = `arn:${partition}:lambda:${region}:${account}:function:${resolved.functionName}`;
    this.#random = new SeededRandom(options.seed ?? fnv1a(this.eventSourceArn + '|' + resolved.functionName));
    this.uuid = this.#uuid();
    const description = readerSource.describeStream({ Limit: 1 });
    this.#async = isPromise(description);
    if (isPromise(description)) this.#describeAsync(description);
    else this.#partitionKey = hashKeyOf(description);
    this.#gridOrigin = this.#clock.now();
    this.#state = resolved.enabled ? 'Enabled' : 'Disabled';

    this.#reader.on('shardStarted', ({ shardId, parentShardIds }) => {
      this.#worker(shardId, parentShardIds);
      this.#sourceDirty = true;
    });
    this.#reader.on('shardFinished', ({ shardId }) => {
      const worker = this.#workers.get(shardId);
      if (worker !== undefined) worker.readDone = true;
      this.#sourceDirty = true;
    });
    this.#reader.on('trimmed', ({ shardId, lostRecords }) => {
      this.#counts.lostToTrim += lostRecords ?? 0;
      this.#events.emit('trimmed', { shardId, lostRecords });
    });
    // The position is taken now, as CreateEventSourceMapping takes it: LATEST means "after what is there now".
    this.#fetch();
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
    this.#sourceDirty = true;
    this.#arm();
  }

  /** Stops polling and invoking; an invocation in flight finishes and is recorded. */
  disable(): void {
    this.#assertNotDeleted();
    this.#state = 'Disabled';
    this.#arm();
  }

  /** Stops everything for good; the results of invocations in flight are ignored. */
  delete(): void {
    this.#state = 'Deleting';
    this.#arm();
  }

  on<E extends keyof MappingEvents>(event: E, listener: (payload: MappingEvents[E]) => void): () => void {
    this.#events.on(event, listener);
    return () => {
      this.#events.off(event, listener);
    };
  }

  // ------------------------------------------------------------------ observing

  /** Every invocation so far, in order, with its batch, outcome and simulated times. */
  get history(): readonly InvocationEvent[] {
    return this.#history;
  }

  /** Every batch discarded so far, with the failure record sent for it. */
  get discards(): readonly DiscardEvent[] {
    return this.#discards;
  }

  metrics(): MappingMetrics {
    const now = this.#clock.now();
    const shards = this.#order.map((worker) => ({
      shardId: worker.shardId,
      parentShardIds: [...worker.parentShardIds],
      status: worker.done ? ('done' as const) : this.#parentsDone(worker) ? ('processing' as const) : ('waiting' as const),
      recordsDelivered: worker.recordsDelivered,
      recordsPending: worker.pending,
      checkpoint: worker.checkpoint(),
      iteratorAgeMs: worker.lastDeliveredCreatedMs === undefined ? undefined : now - worker.lastDeliveredCreatedMs,
    }));
    let iteratorAgeMs: number | undefined;
    for (const shard of shards) {
      if (shard.status !== 'done' && shard.iteratorAgeMs !== undefined) iteratorAgeMs = Math.max(iteratorAgeMs ?? 0, shard.iteratorAgeMs);
    }
    return {
      invocations: this.#invocations,
      errors: this.#counts.errors,
      partialFailures: this.#counts.partialFailures,
      recordsDelivered: this.#counts.recordsDelivered,
      recordsFiltered: this.#counts.recordsFiltered,
      recordsDiscarded: this.#counts.recordsDiscarded,
      batchesSentToFailureDestination: this.#counts.failureBatches,
      recordsLostToTrim: this.#counts.lostToTrim,
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
  async runUntilIdle(options: { maxMs?: number } = {}): Promise<void> {
    const clock = this.#manualClock();
    const deadline = clock.now() + (options.maxMs ?? 25 * 3_600_000);
    const since = this.#pollsStarted;
    for (;;) {
      // Let promise chains of asynchronous handlers and sources run (their continuations are microtasks and I/O callbacks).
      if (this.#pendingAsync > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      if (this.idle && this.#caughtUpSince(since)) return;
      const next = this.#nextStep();
      if (next > deadline) throw new Error(`The event source mapping is not idle after ${options.maxMs ?? 25 * 3_600_000} ms of simulated time`);
      clock.set(next);
    }
  }

  /**
   * `runUntilIdle()` for synchronous handlers and sources, without a promise. Throws a TypeError if the handler
   * or the source answered with a promise that is still pending (use `runUntilIdle()`).
   */
  drain(options: { maxMs?: number } = {}): void {
    const clock = this.#manualClock();
    const deadline = clock.now() + (options.maxMs ?? 25 * 3_600_000);
    const since = this.#pollsStarted;
    while (!(this.idle && this.#caughtUpSince(since))) {
      if (this.#pendingAsync > 0) throw new TypeError('The handler or the stream source answered with a promise: use `await mapping.runUntilIdle()`');
      const next = this.#nextStep();
      if (next > deadline) throw new Error(`The event source mapping is not idle after ${options.maxMs ?? 25 * 3_600_000} ms of simulated time`);
      clock.set(next);
    }
  }

  // ------------------------------------------------------------------ scheduling

  /**
   * Whether the mapping has seen everything written before `since`. A source that reports appends
   * (`onRecords`, the embedded stream) wakes the mapping, so idle says so; for one that cannot (an AWS SDK
   * source), a read started after `since` must have found nothing new.
   */
  #caughtUpSince(since: number): boolean {
    if (this.#state !== 'Enabled') return true;
    return this.#reader.source.onRecords !== undefined || this.#lastEmptyPoll > since;
  }

  #manualClock(): Clock & { set(ms: number): number } {
    const clock = this.#clock as Clock & { set?: (ms: number) => number };
    if (typeof clock.set !== 'function') throw new TypeError('runUntilIdle() and drain() move the clock: they need a ManualClock');
    return clock as Clock & { set(ms: number): number };
  }

  #nextStep(): number {
    const now = this.#clock.now();
    if (this.#timer !== undefined && this.#timerAt >= now) return this.#timerAt;
    return this.#nextGridTime(now);
  }

  /** The first poll time (on the 250 ms grid from the mapping's creation) not yet polled and not before now. */
  #nextGridTime(now: number): number {
    let at = this.#gridOrigin + Math.ceil((now - this.#gridOrigin) / POLL_INTERVAL_MS) * POLL_INTERVAL_MS;
    if (at <= this.#lastTickAt) at = this.#lastTickAt + POLL_INTERVAL_MS;
    return at;
  }

  /** Schedules the next poll: at the next grid time when there is work, else a refresh poll and a wake-up on the next record. */
  #arm(): void {
    if (this.#ticking) return;
    if (this.#state !== 'Enabled') {
      this.#cancelTimer();
      this.#stopListening();
      return;
    }
    const now = this.#clock.now();
    if (this.#needsWork() || this.#pendingAsync > 0) {
      this.#stopListening();
      this.#schedule(this.#nextGridTime(now));
      return;
    }
    // Idle: nothing to do until a record arrives. A listener on the stream is cheap while idle, and the
    // refresh poll keeps the iterators from expiring (and notices shards closed by rollovers).
    const source = this.#reader.source;
    if (source.onRecords === undefined) {
      this.#schedule(this.#nextGridTime(now));
      return;
    }
    if (this.#unsubscribeRecords === undefined) {
      this.#unsubscribeRecords = source.onRecords(() => {
        this.#sourceDirty = true;
        this.#stopListening();
        this.#arm();
      });
    }
    this.#schedule(this.#nextGridTime(now + IDLE_REFRESH_MS));
  }

  #schedule(at: number): void {
    if (this.#timer !== undefined && this.#timerAt === at) return;
    this.#cancelTimer();
    this.#timerAt = at;
    this.#timer = this.#clock.schedule(at, () => {
      this.#timer = undefined;
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#tick();
    });
  }

  #cancelTimer(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  #stopListening(): void {
    this.#unsubscribeRecords?.();
    this.#unsubscribeRecords = undefined;
  }

  #needsWork(): boolean {
    if (this.#sourceDirty) return true;
    for (const worker of this.#order) {
      if (worker.done) continue;
      if (!worker.empty || worker.readDone) return true;
    }
    return false;
  }

  /** One poll: read every shard being read, hand the records to their lanes, run every batch that can run. */
  #tick(): void {
    if (this.#state !== 'Enabled') return;
    this.#lastTickAt = this.#clock.now();
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
      if (this.#async) {
        // One background read at a time, started by a poll or by a read that found records; its batches are
        // run when it answers (#fetchAsync).
        if (polled || this.#moreToRead) this.#fetchAsync();
        this.#pumpAll();
        return;
      }
      // With a backlog and a handler that takes no simulated time, Lambda reads again as soon as a batch
      // completes: keep reading within this poll until the stream has nothing more or the lanes are blocked.
      for (let round = 0; round < 10_000; round++) {
        const fetched = this.#fetch();
        const progressed = this.#pumpAll();
        if (!fetched && !progressed) break;
        if (this.#state !== 'Enabled') break;
      }
    } finally {
      this.#ticking = false;
    }
  }

  /** Learns the partition key from an asynchronous source's DescribeStream (again at the next poll if it fails). */
  #describeAsync(description: Promise<DescribeStreamOutput>): void {
    this.#fetching = true;
    this.#pendingAsync++;
    description
      .then(
        (output) => {
          this.#partitionKey = hashKeyOf(output);
        },
        (error: unknown) => this.#events.emit('pollError', { error }),
      )
      .finally(() => {
        this.#fetching = false;
        this.#pendingAsync--;
        this.#sourceDirty = true;
        // Read at once when described; after a failure, wait for the next poll to ask again.
        if (this.#state === 'Enabled' && this.#partitionKey !== undefined) this.#work(true);
        this.#arm();
      });
  }

  /** A reader poll over an asynchronous source, in the background. */
  #fetchAsync(): void {
    if (this.#fetching) return;
    if (this.#partitionKey === undefined) {
      this.#describeAsync(Promise.resolve().then(() => this.#reader.source.describeStream({ Limit: 1 })));
      return;
    }
    const poll = ++this.#pollsStarted;
    this.#fetching = true;
    this.#pendingAsync++;
    this.#sourceDirty = false;
    this.#moreToRead = false;
    this.#reader.pollAsync().then(
      (batches) => {
        if (this.#state === 'Deleting') return;
        for (const batch of batches) this.#distribute(batch);
        this.#moreToRead = batches.length > 0 || this.#sourceDirty;
        if (!this.#moreToRead) this.#lastEmptyPoll = poll;
      },
      (error: unknown) => {
        // A read that failed (throttled, the network) is tried again at the next poll.
        this.#events.emit('pollError', { error });
      },
    ).finally(() => {
      this.#fetching = false;
      this.#pendingAsync--;
      this.#sourceDirty = this.#moreToRead;
      if (this.#state === 'Enabled') this.#work();
      this.#arm();
    });
  }

  /**
   * Reads everything readable now (`drainEach`: each batch handed over as it is read, so a backlog never sits
   * in memory whole), and runs each batch's shard as its records arrive. False when it read nothing and no
   * shard started or finished.
   */
  #fetch(): boolean {
    if (this.#async) return false;
    const poll = ++this.#pollsStarted;
    this.#sourceDirty = false;
    let batches = 0;
    this.#reader.drainEach((batch) => {
      batches++;
      const worker = this.#distribute(batch);
      if (this.#state === 'Enabled' && !worker.done && this.#parentsDone(worker)) this.#pumpWorker(worker);
    });
    const changed = this.#sourceDirty;
    if (batches === 0 && !changed) this.#lastEmptyPoll = poll;
    return batches > 0 || changed;
  }

  #distribute(batch: ReaderBatch): ShardWorker {
    const worker = this.#workers.get(batch.shardId) ?? this.#worker(batch.shardId, []);
    const lanes = worker.lanes;
    const laneCount = lanes.length;
    for (const record of batch.records) {
      worker.noteRead(record.dynamodb.SequenceNumber);
      // The reader's records are fresh envelopes nobody else holds: converted in place.
      const partitionKey = laneCount === 1 ? undefined : record.dynamodb.Keys[this.#partitionKey as string];
      const lambdaRecord = intoLambdaRecord(record, this.eventSourceArn);
      if (this.#filter !== undefined && !this.#filter(lambdaRecord)) {
        // AWS: "the streams iterator advances past this record": skipped, never retried.
        this.#counts.recordsFiltered++;
        continue;
      }
      const lane = laneCount === 1 ? (lanes[0] as Lane) : (lanes[laneOf(keyText(partitionKey), laneCount)] as Lane);
      lane.push(lambdaRecord);
    }
    return worker;
  }

  #worker(shardId: string, parentShardIds: readonly string[]): ShardWorker {
    let worker = this.#workers.get(shardId);
    if (worker === undefined) {
      worker = new ShardWorker(shardId, [...parentShardIds], this.options.parallelizationFactor);
      this.#workers.set(shardId, worker);
      this.#order.push(worker);
    }
    return worker;
  }

  /** A shard is processed only after every parent it has (both, after a merge) is processed to its end. */
  #parentsDone(worker: ShardWorker): boolean {
    for (const parent of worker.parentShardIds) {
      const parentWorker = this.#workers.get(parent);
      if (parentWorker !== undefined && !parentWorker.done) return false;
    }
    return true;
  }

  #pumpAll(): boolean {
    let progressed = false;
    for (let again = true; again; ) {
      again = false;
      for (const worker of this.#order) {
        if (worker.done || !this.#parentsDone(worker)) continue;
        if (this.#pumpWorker(worker)) progressed = true;
        if (worker.done) again = true; // its children may start now
      }
      if (this.#state !== 'Enabled') break;
    }
    if (this.#order.some((worker) => worker.done)) this.#forgetFinished();
    return progressed;
  }

  /** Drops finished shards whose children are all finished too: the lineage stays bounded on a long run. */
  #forgetFinished(): void {
    if (this.#order.length < 256) return;
    const needed = new Set<string>();
    for (const worker of this.#order) if (!worker.done) for (const parent of worker.parentShardIds) needed.add(parent);
    this.#order = this.#order.filter((worker) => !worker.done || needed.has(worker.shardId));
  }

  #pumpWorker(worker: ShardWorker): boolean {
    let progressed = false;
    for (const lane of worker.lanes) {
      if (this.#pumpLane(worker, lane)) progressed = true;
      if (this.#state !== 'Enabled') return progressed;
    }
    if (worker.readDone && worker.empty && !worker.done) {
      worker.done = true;
      progressed = true;
    }
    return progressed;
  }

  /** Runs the lane's batches, in order, until it is empty, blocked (waiting to retry), waiting or in flight. */
  #pumpLane(worker: ShardWorker, lane: Lane): boolean {
    let progressed = false;
    const windowMs = this.options.tumblingWindowMs;
    while (!lane.inFlight && this.#state === 'Enabled') {
      const now = this.#clock.now();
      if (lane.retryAt > now) return progressed;
      if (lane.length > 0 && now - createdMsOf(lane.at(0)) > this.#maxAgeMs) {
        this.#discardExpired(worker, lane, now);
        progressed = true;
        continue;
      }
      if (windowMs > 0 && lane.window !== undefined) {
        const open = lane.window;
        const headInWindow = lane.length > 0 && windowStartOf(lane.at(0), windowMs) === open.start;
        if (!headInWindow || open.terminatedEarly) {
          const shardEnded = worker.readDone && lane.length === 0;
          if (now >= open.start + windowMs || open.terminatedEarly || shardEnded || lane.length > 0) {
            this.#invoke(worker, lane, [], 'new', true);
            progressed = true;
            continue;
          }
          return progressed;
        }
      }
      if (lane.length === 0) return progressed;
      if (windowMs > 0 && lane.window === undefined) lane.window = { start: windowStartOf(lane.at(0), windowMs), state: {}, terminatedEarly: false };
      const segment: Segment | undefined = lane.segments[0];
      const { count, full } = measureBatch(lane, segment?.size ?? this.options.batchSize, windowMs, this.#arnLength);
      const batchingMs = this.options.maximumBatchingWindowMs;
      if (segment === undefined && lane.retries === 0 && batchingMs > 0 && !full) {
        lane.batchingSince ??= now;
        if (now < lane.batchingSince + batchingMs) return progressed;
      }
      const cause = lane.retries > 0 ? 'retry' : (segment?.cause ?? 'new');
      this.#invoke(worker, lane, lane.peek(count), cause, false);
      progressed = true;
    }
    return progressed;
  }

  // ------------------------------------------------------------------ invoking

  #invoke(worker: ShardWorker, lane: Lane, entries: QueuedRecord[], cause: InvocationEvent['cause'], final: boolean): void {
    const now = this.#clock.now();
    const records = entries;
    const invocation: Invocation = { worker, lane, entries, records, cause, final, startedAt: now, number: ++this.#invocations, requestId: this.#uuid() };
    let event: DynamoDBStreamEvent | DynamoDBTimeWindowEvent = { Records: records };
    const windowMs = this.options.tumblingWindowMs;
    if (windowMs > 0) {
      event = timeWindowEvent(records, lane.window as OpenWindow, windowMs, worker.shardId, this.eventSourceArn, final, now);
    }
    lane.inFlight = true;
    lane.invokes++;
    const timeoutMs = this.options.functionTimeoutMs;
    const context: InvocationContext = {
      awsRequestId: invocation.requestId,
      functionName: this.options.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: this.functionArn,
      getRemainingTimeInMillis: () => Math.max(0, now + timeoutMs - this.#clock.now()),
    };
    const sequenceNumbers = entries.map(sequenceNumberOf);
    let result: unknown;
    try {
      result = (this.#handler as (event: unknown, context: InvocationContext) => unknown)(event, context);
    } catch (error) {
      this.#complete(invocation, { kind: 'error', error, timedOut: false }, sequenceNumbers);
      return;
    }
    if (!isPromise(result)) {
      this.#complete(invocation, classifyResponse(result, sequenceNumbers, this.options.reportBatchItemFailures, windowMs > 0), sequenceNumbers);
      return;
    }
    this.#pendingAsync++;
    let settled = false;
    const settle = (outcome: BatchOutcome): void => {
      if (settled) return;
      settled = true;
      timer.cancel();
      this.#pendingAsync--;
      if (this.#state === 'Deleting') return;
      this.#complete(invocation, outcome, sequenceNumbers);
      // The next batch starts as soon as this one completes, at this simulated time.
      if (this.#state === 'Enabled') this.#work();
      this.#arm();
    };
    // The timeout, on the clock: an invocation still running then is a function error, whatever it answers later.
    const timer = this.#clock.schedule(now + timeoutMs, () =>
      settle({ kind: 'error', error: new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`), timedOut: true }),
    );
    result.then(
      (value) => settle(classifyResponse(value, sequenceNumbers, this.options.reportBatchItemFailures, windowMs > 0)),
      (error: unknown) => settle({ kind: 'error', error, timedOut: false }),
    );
  }

  /** Applies an invocation's outcome to its lane: checkpoint, bisect, retry or discard, by Lambda's rules. */
  #complete(invocation: Invocation, outcome: BatchOutcome, sequenceNumbers: string[]): void {
    const { worker, lane, entries, final } = invocation;
    const now = this.#clock.now();
    lane.inFlight = false;
    const count = entries.length;
    const outcomeName: InvocationOutcome =
      outcome.kind === 'error' ? (outcome.timedOut ? 'timeout' : 'error') : outcome.kind === 'invalid' ? 'invalid-response' : outcome.kind;
    const event: InvocationEvent = {
      invocation: invocation.number,
      shardId: worker.shardId,
      lane: lane.index,
      startedAt: invocation.startedAt,
      endedAt: now,
      records: invocation.records,
      sequenceNumbers,
      retry: lane.retries,
      cause: invocation.cause,
      outcome: outcomeName,
    };
    if (outcome.kind === 'error') event.error = outcome.error;
    if (outcome.kind === 'invalid') event.error = outcome.reason;
    if (outcome.kind === 'partial') event.failedSequenceNumber = outcome.failedSequenceNumber;
    if (this.options.tumblingWindowMs > 0 && lane.window !== undefined) {
      event.window = {
        ...windowBounds(lane.window.start, this.options.tumblingWindowMs),
        isFinalInvokeForWindow: final,
        isWindowTerminatedEarly: final && terminatedEarly(lane.window, this.options.tumblingWindowMs, invocation.startedAt),
      };
    }
    this.#history.push(event);
    if (this.#events.listenerCount('invocation') > 0) this.#events.emit('invocation', event);

    if (outcome.kind === 'success') {
      if (final) {
        lane.window = undefined;
        lane.resetAttempts();
        lane.retryAt = 0;
        return;
      }
      this.#deliver(worker, lane, count, outcome.state);
      return;
    }
    if (outcome.kind === 'error') this.#counts.errors++;
    if (outcome.kind === 'partial') {
      this.#counts.partialFailures++;
      const done = outcome.failedIndex;
      const remaining = count - done;
      if (done > 0) {
        const invokes = lane.invokes;
        this.#deliver(worker, lane, done, outcome.state);
        lane.invokes = invokes;
        if (this.options.bisectBatchOnFunctionError) {
          // AWS: with bisect on, the batch "is bisected at the returned sequence number and Lambda retries only
          // the remaining records": a split, which does not count as a retry.
          this.#replaceFront(lane, remaining, [{ size: remaining, cause: 'partial-remainder' }]);
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
    if (this.options.bisectBatchOnFunctionError && count > 1) {
      // AWS: "split the batch in two and retry"; "Splitting a batch does not count towards the retry quota."
      const first = Math.ceil(count / 2);
      this.#replaceFront(lane, count, [
        { size: first, cause: 'bisect' },
        { size: count - first, cause: 'bisect' },
      ]);
      lane.resetAttempts();
      lane.retryAt = now + POLL_INTERVAL_MS;
      return;
    }
    this.#failAttempt(worker, lane, count, undefined);
  }

  /** The batch at the front of the lane failed once more: retry it at the next poll, or discard it. */
  #failAttempt(worker: ShardWorker, lane: Lane, count: number, remainder: Segment['cause'] | undefined): void {
    lane.retries++;
    const max = this.options.maximumRetryAttempts;
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
    if (remainder !== undefined && this.options.bisectBatchOnFunctionError && count > 0) this.#replaceFront(lane, count, [{ size: count, cause: remainder }]);
    lane.retryAt = this.#clock.now() + POLL_INTERVAL_MS;
  }

  /** Replaces `count` records' worth of front segments with `pieces`. */
  #replaceFront(lane: Lane, count: number, pieces: Segment[]): void {
    let left = count;
    while (left > 0 && lane.segments.length > 0) {
      const first = lane.segments[0] as Segment;
      if (first.size > left) {
        first.size -= left;
        left = 0;
      } else {
        left -= first.size;
        lane.segments.shift();
      }
    }
    lane.segments.unshift(...pieces);
  }

  #deliver(worker: ShardWorker, lane: Lane, count: number, state: Record<string, unknown> | undefined): void {
    if (count > 0) {
      worker.lastDeliveredCreatedMs = createdMsOf(lane.at(count - 1));
      worker.recordsDelivered += count;
      this.#counts.recordsDelivered += count;
      lane.drop(count);
    }
    lane.resetAttempts();
    lane.retryAt = 0;
    // AWS: "the next batching window begins as soon as the previous function invocation completes".
    lane.batchingSince = this.#clock.now();
    if (state !== undefined && lane.window !== undefined) {
      lane.window.state = state;
      if (stateTooLarge(state)) lane.window.terminatedEarly = true;
    }
  }

  /** Records at the front of the lane outlived MaximumRecordAgeInSeconds (or the stream's retention). */
  #discardExpired(worker: ShardWorker, lane: Lane, now: number): void {
    let count = 0;
    const limit = Math.min(lane.length, this.options.batchSize);
    while (count < limit && now - createdMsOf(lane.at(count)) > this.#maxAgeMs) count++;
    this.#discard(worker, lane, count, 'RecordAgeExceeded');
  }

  #discard(worker: ShardWorker, lane: Lane, count: number, condition: FailureCondition): void {
    const entries = lane.peek(count);
    const first = entries[0] as QueuedRecord;
    const last = entries[entries.length - 1] as QueuedRecord;
    const now = this.#clock.now();
    const failure: FailureRecord = {
      requestContext: { requestId: this.#uuid(), functionArn: this.functionArn, condition, approximateInvokeCount: lane.invokes },
      responseContext: lane.lastWasFunctionError
        ? { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' }
        : { statusCode: 200, executedVersion: '$LATEST' },
      version: '1.0',
      timestamp: new Date(now).toISOString(),
      DDBStreamBatchInfo: {
        shardId: worker.shardId,
        startSequenceNumber: sequenceNumberOf(first),
        endSequenceNumber: sequenceNumberOf(last),
        approximateArrivalOfFirstRecord: isoSeconds(createdMsOf(first)),
        approximateArrivalOfLastRecord: isoSeconds(createdMsOf(last)),
        batchSize: count,
        streamArn: this.eventSourceArn,
      },
    };
    lane.drop(count);
    lane.resetAttempts();
    lane.retryAt = 0;
    this.#counts.recordsDiscarded += count;
    const discard: DiscardEvent = { shardId: worker.shardId, lane: lane.index, at: now, sequenceNumbers: entries.map(sequenceNumberOf), failure };
    this.#discards.push(discard);
    const destination = this.options.onFailure;
    if (destination !== undefined) {
      this.#counts.failureBatches++;
      deliverFailure(destination, failure);
    }
    if (this.#events.listenerCount('discarded') > 0) this.#events.emit('discarded', discard);
  }

  // ------------------------------------------------------------------ helpers

  #uuid(): string {
    const hex = this.#random.hex(16);
    // A version-4 UUID's layout, from the seeded generator.
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }

  #assertNotDeleted(): void {
    if (this.#state === 'Deleting') throw new LambdaResourceNotFoundException('The resource you requested does not exist.');
  }
}

/**
 * Attaches a function to a stream, as `CreateEventSourceMapping` does, and returns the mapping. It starts
 * polling on the stream's clock at once (unless `Enabled: false`).
 */
export function attachLambda(stream: Stream | StreamSource, handler: StreamHandler, options: EventSourceMappingOptions): EventSourceMapping;
export function attachLambda(stream: Stream | StreamSource, handler: TimeWindowHandler, options: EventSourceMappingOptions & { TumblingWindowInSeconds: number }): EventSourceMapping;
export function attachLambda(stream: Stream | StreamSource, handler: StreamHandler | TimeWindowHandler, options: EventSourceMappingOptions): EventSourceMapping {
  return new EventSourceMapping(stream, handler, options);
}

function hashKeyOf(output: DescribeStreamOutput): string {
  return output.StreamDescription.KeySchema.find((key) => key.KeyType === 'HASH')?.AttributeName ?? '';
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}


/** The partition key's value as text, for choosing a lane. */
function keyText(value: AttributeValue | undefined): string {
  if (value === undefined) return '';
  const v = value as { S?: string; N?: string; B?: Uint8Array };
  if (v.S !== undefined) return `S${v.S}`;
  if (v.N !== undefined) return `N${v.N}`;
  if (v.B !== undefined) return `B${Buffer.from(v.B).toString('base64')}`;
  return JSON.stringify(value);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
