import { EventHub, type Unsubscribe } from '../events/event-hub.js';
import { isPromise } from '../model/is-promise.js';
import { Stream } from '../stream/stream.js';
import type { DynamoDBRecord } from '../stream/types.js';
import type { Checkpoint, CheckpointStore } from './checkpoint.js';
import { CursorGraph } from './cursor-graph.js';
import { LossReporter } from './loss-reporter.js';
import {
  READER_EVENT_NAMES,
  type ReaderBatch,
  type ShardMetrics,
  type StreamReaderEvents,
  type StreamReaderOptions,
} from './reader-types.js';
import { ReaderStart } from './reader-start.js';
import { POSITION_MOVED, RoundState } from './round-state.js';
import { formatShardTree } from './format-shard-tree.js';
import { ShardDiscovery } from './shard-discovery.js';
import { ShardReading } from './shard-reading.js';
import { deliver, runAsync, runSync, type Step } from './source-calls.js';
import { embeddedSource, type StreamSource } from './stream-source.js';
import { aborted, waitForRecords } from './wait-for-records.js';

export {
  checkpointAfter,
  type ReaderBatch,
  type ShardMetrics,
  type StreamReaderEvents,
  type StreamReaderOptions,
} from './reader-types.js';
export { RecordsTrimmedError } from './records-trimmed-error.js';

/**
 * Reads a whole DynamoDB stream: shards in parents-first order (AWS: "an application must always process a
 * parent shard before it processes a child shard"), every record once, and a position that can be
 * checkpointed and resumed without losing or repeating a record (docs/consuming.md).
 */
export class StreamReader {
  readonly source: StreamSource;
  readonly #pollIntervalMs: number;
  readonly #events = new EventHub<StreamReaderEvents>(READER_EVENT_NAMES);
  readonly #round = new RoundState();
  readonly #start: ReaderStart;
  readonly #losses: LossReporter;
  readonly #graph: CursorGraph;
  readonly #discovery: ShardDiscovery;
  readonly #shardReading: ShardReading;

  constructor(source: Stream | StreamSource, options: StreamReaderOptions = {}) {
    this.source = source instanceof Stream ? embeddedSource(source) : source;
    const limit = options.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new RangeError(`limit must be an integer from 1 to 1000, got ${String(limit)}`);
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#start = new ReaderStart(options.checkpoint, options.startAt ?? 'TRIM_HORIZON');
    const events = this.#events;
    const round = this.#round;
    const losses = new LossReporter(this.source, events, round, options.onTrimmed ?? 'skip');
    const graph = new CursorGraph(this.source, events, round, losses);
    const discovery = new ShardDiscovery(this.source, graph, losses);
    this.#losses = losses;
    this.#graph = graph;
    this.#discovery = discovery;
    this.#shardReading = new ShardReading(this.source, limit, { events, round, losses, graph, discovery });
  }

  /** A reader resuming from a store's checkpoint (or starting at `startAt` when the store is empty). */
  static fromStore(
    source: Stream | StreamSource,
    store: CheckpointStore,
    options: Omit<StreamReaderOptions, 'checkpoint'> = {},
  ): StreamReader {
    const checkpoint = store.load();
    if (checkpoint instanceof Promise)
      throw new TypeError('This checkpoint store loads asynchronously: use StreamReader.fromStoreAsync');
    return new StreamReader(source, { ...options, ...(checkpoint === undefined ? {} : { checkpoint }) });
  }

  static async fromStoreAsync(
    source: Stream | StreamSource,
    store: CheckpointStore,
    options: Omit<StreamReaderOptions, 'checkpoint'> = {},
  ): Promise<StreamReader> {
    const checkpoint = await store.load();
    return new StreamReader(source, { ...options, ...(checkpoint === undefined ? {} : { checkpoint }) });
  }

  /** Listen to the reader's events; returns the unsubscribe. A throwing listener is reported as `listenerError`, never thrown into the poll. */
  on<E extends keyof StreamReaderEvents>(event: E, listener: (payload: StreamReaderEvents[E]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  // ------------------------------------------------------------------ consuming

  /**
   * One round: at most one GetRecords call per shard being read. Returns the batches that had records. An
   * error after some batch was read (a loss under onTrimmed 'throw', a failed call) does not drop them: they
   * are returned, and the error is raised by the next call, before it reads anything.
   */
  poll(): ReaderBatch[] {
    const batches: ReaderBatch[] = [];
    try {
      runSync(this.source, this.#poll(), collectInto(batches));
    } catch (error) {
      return this.#keepRead(batches, error);
    }
    return batches;
  }

  /** `poll()` for asynchronous sources. */
  async pollAsync(): Promise<ReaderBatch[]> {
    const batches: ReaderBatch[] = [];
    try {
      await runAsync(this.source, this.#poll(), collectInto(batches));
    } catch (error) {
      return this.#keepRead(batches, error);
    }
    return batches;
  }

  /**
   * A call that collects batches failed after reading some: the reader's position is past them, so throwing
   * them away with the error would lose them for good. They are returned; the error waits for the next call.
   */
  #keepRead(batches: ReaderBatch[], error: unknown): ReaderBatch[] {
    if (batches.length === 0) throw error;
    this.#round.deferError(error);
    return batches;
  }

  /**
   * Everything readable now: polls until a round reads nothing and starts or finishes no shard. On an open
   * stream that is "caught up"; on a disabled one, every shard read to its end. Returns every batch, so all
   * of them stay in memory until the caller drops the array: to read a large backlog, `drainEach`.
   */
  drain(): ReaderBatch[] {
    const all: ReaderBatch[] = [];
    try {
      this.drainEach((batch) => {
        all.push(batch);
      });
    } catch (error) {
      return this.#keepRead(all, error);
    }
    return all;
  }

  async drainAsync(): Promise<ReaderBatch[]> {
    const all: ReaderBatch[] = [];
    try {
      await this.drainEachAsync((batch) => {
        all.push(batch);
      });
    } catch (error) {
      return this.#keepRead(all, error);
    }
    return all;
  }

  /** `drain()`, flattened to records. */
  drainRecords(): DynamoDBRecord[] {
    return this.drain().flatMap((batch) => batch.records);
  }

  /**
   * What `drain()` reads, handed to `handler` as each batch is read, so a backlog of any size is read in the
   * memory of one batch. With a `checkpointStore`, a batch's checkpoint is saved once its handler has returned
   * (docs/consuming.md, "When a checkpoint is saved"). Returns the number of records handled.
   */
  drainEach(handler: (batch: ReaderBatch) => void, options: { checkpointStore?: CheckpointStore } = {}): number {
    const { deliverTo, handled } = this.#consumer(handler, options.checkpointStore);
    for (;;) {
      this.#round.newRound();
      const batches = runSync(this.source, this.#poll(), deliverTo);
      if (batches === 0 && !this.#round.changed) return handled();
    }
  }

  /** `drainEach` for asynchronous sources, handlers or checkpoint stores (each awaited before the next read). */
  async drainEachAsync(
    handler: (batch: ReaderBatch) => void | Promise<void>,
    options: { checkpointStore?: CheckpointStore } = {},
  ): Promise<number> {
    const { deliverTo, handled } = this.#consumer(handler, options.checkpointStore);
    for (;;) {
      this.#round.newRound();
      const batches = await runAsync(this.source, this.#poll(), deliverTo);
      if (batches === 0 && !this.#round.changed) return handled();
    }
  }

  /** The driver's delivery for drainEach: the handler, then the checkpoint save (each awaited when a promise). */
  #consumer(
    handler: (batch: ReaderBatch) => void | Promise<void>,
    store: CheckpointStore | undefined,
  ): { deliverTo: (value: unknown) => unknown; handled: () => number } {
    let records = 0;
    const deliverTo = (value: unknown): unknown => {
      if (value === POSITION_MOVED) return this.#savePosition(store);
      const batch = value as ReaderBatch;
      const afterHandler = (): unknown => {
        records += batch.records.length;
        return store?.save(batch.checkpoint);
      };
      const result = handler(batch);
      return isPromise(result) ? result.then(afterHandler) : afterHandler();
    };
    return { deliverTo, handled: () => records };
  }

  /** Saves the position that moved without a batch, when there is a store to save it to. */
  #savePosition(store: CheckpointStore | undefined): unknown {
    if (store === undefined) return undefined;
    this.#round.positionSaved();
    return store.save(this.checkpoint());
  }

  /**
   * Batches as the loop asks for them, waiting on the source's clock between empty polls; ends when the signal
   * aborts or every shard has ended. With a `checkpointStore`, a batch's checkpoint is saved when the loop asks
   * for the next one or stops through the signal, never on `break` (docs/consuming.md, "When a checkpoint is saved").
   */
  async *batches(
    options: { signal?: AbortSignal; checkpointStore?: CheckpointStore } = {},
  ): AsyncGenerator<ReaderBatch, void, undefined> {
    const { signal, checkpointStore } = options;
    const savePosition = (value: unknown): unknown =>
      value === POSITION_MOVED ? this.#savePosition(checkpointStore) : undefined;
    while (!aborted(signal)) {
      await runAsync(this.source, this.#prepare(), savePosition);
      let delivered = 0;
      // One shard at a time: a batch is read only when the loop asks for it, so no read runs ahead of the consumer.
      for (const cursor of this.#graph.reading()) {
        const batch = await runAsync(this.source, this.#shardReading.read(cursor), savePosition);
        if (batch !== undefined) {
          delivered++;
          yield batch;
          // The batch's own checkpoint: shards read later in the same round are not yet handled.
          if (checkpointStore !== undefined) await checkpointStore.save(batch.checkpoint);
          if (aborted(signal)) return; // a shard that just ended has its children found by the next poll
        }
        await runAsync(this.source, this.#discovery.childrenOf(cursor));
      }
      if (delivered > 0 || this.#round.changed) {
        this.#round.newRound();
        continue;
      }
      if (this.#graph.exhausted) return;
      await waitForRecords(this.source, this.#pollIntervalMs, signal);
    }
  }

  [Symbol.asyncIterator](): AsyncGenerator<ReaderBatch, void, undefined> {
    return this.batches();
  }

  // ------------------------------------------------------------------ position and metrics

  /**
   * The position to resume from: `{ shardId: sequenceNumber | sentinel }` (see checkpoint.ts). Costs the
   * shards being read plus the finished ones whose children have not started, never the finished history.
   */
  checkpoint(): Checkpoint {
    return this.#start.taken ? this.#graph.checkpoint() : this.#start.checkpoint();
  }

  /**
   * Per-shard figures a user would look at, for the shards the reader holds: the ones it reads or waits for,
   * and finished ones until they have expired (then only the totals keep them: `lostRecords`).
   */
  metrics(): ShardMetrics[] {
    const now = this.source.now();
    return [...this.#graph.held()].map((cursor) => {
      const metrics: ShardMetrics = {
        shardId: cursor.shardId,
        parentShardIds: [...cursor.parents],
        status: cursor.status,
        recordsRead: cursor.recordsRead,
        lostRecords: cursor.loss.lost,
        iteratorAgeMs: cursor.lastRecordAt === undefined ? undefined : now - cursor.lastRecordAt,
        expiredIterators: cursor.expiredIterators,
      };
      if (cursor.endedBy !== undefined) metrics.endedBy = cursor.endedBy;
      if (cursor.lastSequenceNumber !== undefined) metrics.lastSequenceNumber = cursor.lastSequenceNumber;
      return metrics;
    });
  }

  /** Records lost to trimming across all shards (undefined when the source could not count some). */
  get lostRecords(): number | undefined {
    return this.#losses.total(this.#graph.held());
  }

  /**
   * How many losses were reported whose size the source could not count (docs/consuming.md, "A loss that
   * cannot be counted is still reported"): each a `trimmed` event with `lostRecords` undefined.
   */
  get uncountedLosses(): number {
    return this.#losses.uncounted;
  }

  /** The shard lineage as a tree, with each shard's state (what the demo prints). */
  describe(): string {
    return formatShardTree(this.source.streamArn, this.metrics());
  }

  toString(): string {
    return this.describe();
  }

  // ------------------------------------------------------------------ the steps

  /** One round: each batch is delivered as soon as it is read, before the next shard's GetRecords. Returns how many. */
  *#poll(): Step<number> {
    yield* this.#prepare();
    let delivered = 0;
    for (const cursor of this.#graph.reading()) {
      const batch = yield* this.#shardReading.read(cursor);
      if (batch !== undefined) {
        delivered++;
        yield* deliver(batch);
      }
      yield* this.#discovery.childrenOf(cursor);
    }
    return delivered;
  }

  /** Before a round: the start at the first one, and the children of shards whose lookup failed in an earlier round. */
  *#prepare(): Step<void> {
    if (!this.#start.taken)
      yield* this.#start.take({
        graph: this.#graph,
        discovery: this.#discovery,
        reading: this.#shardReading,
        round: this.#round,
      });
    // The start, saved before anything is read: a reader resumed from the store owes what this one owed.
    yield* this.#round.settle();
    this.#graph.newRound();
    this.#graph.releaseFinished();
    yield* this.#discovery.retryPending();
  }
}

/** The driver's `deliver` for poll(): batches into the array; a moved position is left for a consumer with a store. */
function collectInto(batches: ReaderBatch[]): (value: unknown) => void {
  return (value) => {
    if (value !== POSITION_MOVED) batches.push(value as ReaderBatch);
  };
}
