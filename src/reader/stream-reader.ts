import { EventHub, type Unsubscribe } from '../events/event-hub.js';
import { isPromise } from '../model/is-promise.js';
import { Stream } from '../stream/stream.js';
import type { DynamoDBRecord, GetShardIteratorInput, Shard as ShardShape } from '../stream/types.js';
import { EVERY_SHARD, SHARD_END, parseTrimHorizon, type Checkpoint, type CheckpointStore } from './checkpoint.js';
import { formatLineage } from './lineage-tree.js';
import { ShardCursor, type ShardEnd } from './shard-cursor.js';
import { isStreamsError } from './sdk-errors.js';
import { call, deliver, runAsync, runSync, type Step } from './source-calls.js';
import { embeddedSource, type StreamSource } from './stream-source.js';
import { READER_EVENT_NAMES, type ReaderBatch, type ShardMetrics, type StreamReaderEvents, type StreamReaderOptions } from './reader-types.js';
import { RecordsTrimmedError } from './records-trimmed-error.js';

export { checkpointAfter, type ReaderBatch, type ShardMetrics, type StreamReaderEvents, type StreamReaderOptions } from './reader-types.js';
export { RecordsTrimmedError } from './records-trimmed-error.js';

/**
 * Handed to the driver's `deliver` instead of a batch: the position moved without one (the reader's start was
 * taken, a loss was reported), so a consumer with a checkpoint store saves `checkpoint()` now. Without it, a
 * reader resumed from the store would take a new start, or report the same loss again.
 */
const POSITION_MOVED = Symbol('position moved');

/** How often, in source time, the reader looks for finished shards it can forget (#releaseFinished). */
const RELEASE_INTERVAL_MS = 60_000;

/**
 * Reads a whole DynamoDB stream correctly: shards are discovered through DescribeStream (CHILD_SHARDS at a
 * shard's end), a shard starts only when all its parents are finished (AWS: "an application must always
 * process a parent shard before it processes a child shard"), every record is delivered once, in shard
 * order, and the position can be checkpointed and resumed without losing or repeating a record.
 *
 * Cost: each poll makes one GetRecords call per shard being read; discovery costs the children of the
 * shards that end, never the shards already finished.
 */
export class StreamReader {
  readonly source: StreamSource;
  readonly #options: Required<Omit<StreamReaderOptions, 'checkpoint'>>;
  readonly #initialCheckpoint: Checkpoint | undefined;
  readonly #events = new EventHub<StreamReaderEvents>(READER_EVENT_NAMES);
  /**
   * Every shard the reader holds, in discovery order (parents before children): those it reads or waits for,
   * and finished ones until they expire and nothing can lead back to them (#releaseFinished).
   */
  readonly #cursors = new Map<string, ShardCursor>();
  /** Shards being read, in start order. */
  #reading: ShardCursor[] = [];
  /** Shards waiting for parents. */
  readonly #waiting = new Set<ShardCursor>();
  /** Finished shards none of whose children has started: the only finished shards a checkpoint must name. */
  readonly #frontier = new Set<ShardCursor>();
  /**
   * Finished shards whose children have not been looked up yet: the DescribeStream (CHILD_SHARDS) made when the
   * shard ended failed with an error other than ResourceNotFoundException (a network error, throttling the
   * source gave up on). The shard is already finished, so no later read would ask again, and its children (the
   * only way on along that branch) would never be found: each poll retries these first.
   */
  readonly #childrenPending = new Set<ShardCursor>();
  /** Expired shards found not to be owed (no shard this reader knows is an ancestor): a memo for one round's walks. */
  readonly #notOwed = new Set<string>();
  /** Records lost in the shards released so far (undefined once some loss could not be counted). */
  #releasedLost: number | undefined = 0;
  /** Losses reported whose size the source could not count (each a `trimmed` event with `lostRecords` undefined). */
  #uncountedLosses = 0;
  /** Whether the reader holds a shard the source has forgotten (#lineageBroken), worked out once a round. */
  #broken: boolean | undefined;
  /** Source time of the next look for finished shards to release. */
  #nextRelease = Number.NEGATIVE_INFINITY;
  #initialized = false;
  #changed = false;
  /** The position moved without a batch and no consumer has saved it yet (see POSITION_MOVED). */
  #positionUnsaved = false;
  /** Under onTrimmed 'throw': the loss to raise once the moved position has been handed over (#settle). */
  #lossToRaise: RecordsTrimmedError | undefined;
  /** An error a collecting call (poll, drain) kept back to return the batches it had read (#keepRead). */
  #deferredError: { error: unknown } | undefined;

  constructor(source: Stream | StreamSource, options: StreamReaderOptions = {}) {
    this.source = source instanceof Stream ? embeddedSource(source) : source;
    const limit = options.limit ?? 1000;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError(`limit must be an integer from 1 to 1000, got ${String(limit)}`);
    this.#options = {
      startAt: options.startAt ?? 'TRIM_HORIZON',
      limit,
      onTrimmed: options.onTrimmed ?? 'skip',
      pollIntervalMs: options.pollIntervalMs ?? 1000,
    };
    let checkpoint = options.checkpoint === undefined ? undefined : { ...options.checkpoint };
    if (checkpoint !== undefined && Object.hasOwn(checkpoint, EVERY_SHARD)) {
      // A checkpoint taken before the first poll: a fresh start at that position.
      const start = checkpoint[EVERY_SHARD];
      if (Object.keys(checkpoint).length > 1 || (start !== 'TRIM_HORIZON' && start !== 'LATEST')) {
        throw new TypeError(`checkpoint['${EVERY_SHARD}'] (a reader's start before its first poll) must be alone, with TRIM_HORIZON or LATEST`);
      }
      this.#options.startAt = start;
      checkpoint = undefined;
    }
    this.#initialCheckpoint = checkpoint;
  }

  /** A reader resuming from a store's checkpoint (or starting at `startAt` when the store is empty). */
  static fromStore(source: Stream | StreamSource, store: CheckpointStore, options: Omit<StreamReaderOptions, 'checkpoint'> = {}): StreamReader {
    const checkpoint = store.load();
    if (checkpoint instanceof Promise) throw new TypeError('This checkpoint store loads asynchronously: use StreamReader.fromStoreAsync');
    return new StreamReader(source, { ...options, ...(checkpoint === undefined ? {} : { checkpoint }) });
  }

  static async fromStoreAsync(source: Stream | StreamSource, store: CheckpointStore, options: Omit<StreamReaderOptions, 'checkpoint'> = {}): Promise<StreamReader> {
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
    this.#deferredError = { error };
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
   * What `drain()` reads, handed to `handler` one batch at a time, as each is read: the handler returns
   * before the reader makes its next GetRecords call, and the reader keeps no batch, so a backlog of any size
   * is read in the memory of one batch. With a `checkpointStore`, each batch's checkpoint is saved once the
   * handler has returned; a handler that throws stops the drain, its batch not saved (a reader resumed from
   * the store reads it again: at least once). The position is also saved when it moves without a batch: the
   * reader's start at its first poll, and each loss reported. Returns the number of records handled.
   */
  drainEach(handler: (batch: ReaderBatch) => void, options: { checkpointStore?: CheckpointStore } = {}): number {
    const { deliverTo, handled } = this.#consumer(handler, options.checkpointStore);
    for (;;) {
      this.#changed = false;
      const batches = runSync(this.source, this.#poll(), deliverTo);
      if (batches === 0 && !this.#changed) return handled();
    }
  }

  /** `drainEach` for asynchronous sources, handlers or checkpoint stores (each awaited before the next read). */
  async drainEachAsync(handler: (batch: ReaderBatch) => void | Promise<void>, options: { checkpointStore?: CheckpointStore } = {}): Promise<number> {
    const { deliverTo, handled } = this.#consumer(handler, options.checkpointStore);
    for (;;) {
      this.#changed = false;
      const batches = await runAsync(this.source, this.#poll(), deliverTo);
      if (batches === 0 && !this.#changed) return handled();
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
    this.#positionUnsaved = false;
    return store.save(this.checkpoint());
  }

  /**
   * Batches as they are read, waiting on the source's clock between empty polls (on a ManualClock: until the
   * clock is advanced past the poll interval, or a record is appended to an embedded stream). Ends when the
   * signal aborts or every shard has ended (a disabled stream read to the end). Each batch is read when the
   * loop asks for it, so an aborted loop has moved no shard past what it was given.
   *
   * With a `checkpointStore`, a batch's checkpoint is saved once the loop body has handled it: when the loop
   * asks for the next batch, or stops through the `signal` (abort from inside the body to stop after the
   * batch in hand). A `break`, `return` or `throw` out of the body does not save it: the async-iterator
   * protocol tells a generator the same thing for all three, and a throw means the batch failed, so the
   * batch counts as not handled and a reader resumed from the store reads it again (at least once). To stop
   * with `break` after handling a batch, save `batch.checkpoint` before breaking. The position is also saved
   * when it moves without a batch (the start, a reported loss), as by `drainEach`.
   */
  async *batches(options: { signal?: AbortSignal; checkpointStore?: CheckpointStore } = {}): AsyncGenerator<ReaderBatch, void, undefined> {
    const { signal, checkpointStore } = options;
    const savePosition = (value: unknown): unknown => (value === POSITION_MOVED ? this.#savePosition(checkpointStore) : undefined);
    while (!aborted(signal)) {
      await runAsync(this.source, this.#prepare(), savePosition);
      let delivered = 0;
      // One shard at a time: a batch is read only when the loop asks for it, so no read runs ahead of the
      // consumer (one round over many shards used to be read whole, then handed out).
      for (const cursor of [...this.#reading]) {
        const batch = await runAsync(this.source, this.#readShard(cursor), savePosition);
        if (batch !== undefined) {
          delivered++;
          yield batch;
          // The batch's own checkpoint: shards read later in the same round are not yet handled.
          if (checkpointStore !== undefined) await checkpointStore.save(batch.checkpoint);
          if (aborted(signal)) return; // a shard that just ended has its children found by the next poll
        }
        await runAsync(this.source, this.#childrenOf(cursor));
      }
      if (delivered > 0 || this.#changed) {
        this.#changed = false;
        continue;
      }
      if (this.#reading.length === 0 && this.#waiting.size === 0 && this.#childrenPending.size === 0) return;
      await this.#wait(signal);
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
    // Before the first poll the reader knows no shard: its start position, for every shard (LATEST is then
    // taken when the resumed reader first polls, as it would have been by this one).
    if (!this.#initialized) return this.#initialCheckpoint === undefined ? { [EVERY_SHARD]: this.#options.startAt } : { ...this.#initialCheckpoint };
    const checkpoint: Checkpoint = {};
    for (const cursor of this.#frontier) checkpoint[cursor.shardId] = SHARD_END;
    for (const cursor of this.#reading) checkpoint[cursor.shardId] = cursor.checkpointPosition;
    return checkpoint;
  }

  /**
   * Per-shard figures a user would look at, for the shards the reader holds: the ones it reads or waits for,
   * and finished ones until they have expired (then only the totals keep them: `lostRecords`).
   */
  metrics(): ShardMetrics[] {
    const now = this.source.now();
    return [...this.#cursors.values()].map((cursor) => {
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
    let total = this.#releasedLost;
    if (total === undefined) return undefined;
    for (const cursor of this.#cursors.values()) {
      const lost = cursor.loss.lost;
      if (lost === undefined) return undefined;
      total += lost;
    }
    return total;
  }

  /**
   * How many losses were reported whose size the source could not count: over the wire, any loss; on the
   * embedded stream, a loss in a shard it has forgotten, or at a position among records whose numbers it no
   * longer keeps (docs/consuming.md, "A loss that cannot be counted is still reported"). Each was one
   * `trimmed` event with `lostRecords` undefined, and made `lostRecords` undefined: the total is no longer
   * known, though a loss was reported.
   */
  get uncountedLosses(): number {
    return this.#uncountedLosses;
  }

  /** The shard lineage as a tree, with each shard's state (what the demo prints). */
  describe(): string {
    return formatLineage(this.source.streamArn, this.metrics());
  }

  toString(): string {
    return this.describe();
  }

  // ------------------------------------------------------------------ the steps

  /** One round: each batch is delivered as soon as it is read, before the next shard's GetRecords. Returns how many. */
  *#poll(): Step<number> {
    yield* this.#prepare();
    let delivered = 0;
    for (const cursor of [...this.#reading]) {
      const batch = yield* this.#readShard(cursor);
      if (batch !== undefined) {
        delivered++;
        yield* deliver(batch);
      }
      yield* this.#childrenOf(cursor);
    }
    return delivered;
  }

  /** Before a round: the first listing, and the children of shards whose lookup failed in an earlier round. */
  *#prepare(): Step<void> {
    if (!this.#initialized) yield* this.#initialize();
    // The start, saved before anything is read: a reader resumed from the store owes what this one owed.
    yield* this.#settle();
    this.#notOwed.clear();
    this.#broken = undefined;
    this.#releaseFinished();
    // Retried here, not in a loop at the failure: the error went to the caller of that poll (as the KCL's
    // ShutdownTask returns its exception and is run again by the ShardConsumer, after a backoff that here is
    // the caller's, or the source's, to choose), and nothing is lost by waiting for the next poll.
    // Until none is left: a lookup may add more (a forgotten child, ended as it would start: #startIfReady).
    while (this.#childrenPending.size > 0) for (const cursor of [...this.#childrenPending]) yield* this.#findChildren(cursor);
  }

  *#initialize(): Step<void> {
    const shards: ShardShape[] = [];
    let start: string | undefined;
    try {
      do {
        const page = yield* call('describeStream', start === undefined ? {} : { ExclusiveStartShardId: start });
        shards.push(...page.StreamDescription.Shards);
        start = page.StreamDescription.LastEvaluatedShardId;
      } while (start !== undefined);
    } catch (error) {
      // The stream is gone (disabled, then expired). A fresh reader owes nothing of it, so the error stands. A
      // resumed one was owed what followed its checkpoint: its shards are read from the checkpoint alone,
      // found gone, and their loss counted where the source can.
      if (!isStreamsError(error, 'ResourceNotFoundException') || this.#initialCheckpoint === undefined) throw error;
      shards.length = 0;
    }
    for (const shard of shards) this.#know(shard.ShardId, shard.ParentShardId);
    const checkpoint = this.#initialCheckpoint;
    if (checkpoint !== undefined) {
      this.#applyCheckpoint(checkpoint, shards);
    } else if (this.#options.startAt === 'LATEST') {
      for (const shard of shards) {
        const cursor = this.#cursors.get(shard.ShardId) as ShardCursor;
        if (shard.SequenceNumberRange.EndingSequenceNumber !== undefined) this.#finish(cursor, 'SKIPPED', false);
        else this.#begin(cursor, 'LATEST');
      }
    }
    this.#initialized = true;
    this.#positionUnsaved = true;
    for (const cursor of [...this.#waiting]) this.#startIfReady(cursor);
    // LATEST is where the stream is at the reader's start: taken now, before a batch is handed over (its
    // handler may write to the stream), so the start the position names is this instant for every shard.
    for (const cursor of [...this.#reading]) {
      if (cursor.start !== 'LATEST' || cursor.iterator !== undefined) continue;
      if (!(yield* this.#acquire(cursor))) this.#endShard(cursor, cursor.endedBy ?? 'GONE');
    }
  }

  #applyCheckpoint(checkpoint: Checkpoint, shards: readonly ShardShape[]): void {
    // Ancestors of any shard the checkpoint names are finished.
    const finished = new Set<string>();
    const visit = (shardId: string): void => {
      for (const parent of this.#cursors.get(shardId)?.parents ?? []) {
        if (finished.has(parent)) continue;
        finished.add(parent);
        visit(parent);
      }
    };
    for (const shardId of Object.keys(checkpoint)) visit(shardId);
    for (const [shardId, position] of Object.entries(checkpoint)) {
      let cursor = this.#cursors.get(shardId);
      if (cursor === undefined) {
        // A shard the stream no longer lists (expired while the reader was away). Reading it finds what was
        // lost; a finished one's children are looked up.
        if (finished.has(shardId)) continue;
        cursor = new ShardCursor(shardId, []);
        this.#cursors.set(shardId, cursor);
      }
      const notOwed = parseTrimHorizon(position);
      if (position === SHARD_END || finished.has(shardId)) {
        this.#finish(cursor, 'SHARD_END', false);
        // None of its children had started: they are found as at the end of a shard, since the listing above
        // lacks those that expired while the reader was away (CHILD_SHARDS, or the source, still names them).
        if (!finished.has(shardId)) this.#childrenPending.add(cursor);
      } else if (notOwed !== undefined) this.#begin(cursor, 'TRIM_HORIZON', notOwed);
      else if (position === 'LATEST') this.#begin(cursor, position);
      else {
        cursor.lastSequenceNumber = position;
        this.#begin(cursor, { afterSequenceNumber: position });
      }
    }
    for (const shard of shards) {
      if (finished.has(shard.ShardId)) {
        const cursor = this.#cursors.get(shard.ShardId) as ShardCursor;
        if (cursor.status !== 'done') this.#finish(cursor, 'SHARD_END', false);
      }
    }
  }

  /** Adds a shard the reader has not seen, waiting for its parents. */
  #know(shardId: string, parentShardId: string | undefined): ShardCursor {
    const known = this.#cursors.get(shardId);
    if (known !== undefined) return known;
    const lineage = this.source.shardLineage?.(shardId);
    const parents = lineage?.parents ?? (parentShardId === undefined ? [] : [parentShardId]);
    const cursor = new ShardCursor(shardId, [...parents]);
    this.#cursors.set(shardId, cursor);
    for (const parent of parents) {
      const parentCursor = this.#cursors.get(parent);
      if (parentCursor !== undefined && !parentCursor.children.includes(shardId)) parentCursor.children.push(shardId);
    }
    // Children known before this shard (a merge child reached through its other parent, or the child of an
    // expired shard adopted late) must be listed too: when this shard ends, CHILD_SHARDS no longer lists a
    // child that has expired, and only this list would start it.
    for (const waiting of this.#waiting) {
      if (waiting.parents.includes(shardId)) cursor.children.push(waiting.shardId);
    }
    this.#waiting.add(cursor);
    return cursor;
  }

  /** Starts a waiting shard once every parent is finished (a parent the stream no longer has counts as finished). */
  #startIfReady(cursor: ShardCursor): void {
    if (cursor.status !== 'waiting') return;
    let owed = false;
    for (const parent of cursor.parents) {
      const parentCursor = this.#cursors.get(parent) ?? this.#adoptExpired(parent);
      if (parentCursor !== undefined) {
        if (parentCursor.status !== 'done') return;
        owed = true;
        continue;
      }
      // Unknown to the reader: wait if the stream still has it (it will be discovered through its own parent).
      if (this.source.shardLineage?.(parent)?.exists === true) return;
    }
    // A child of shards this reader read owes every record it ever had: records trimmed before its first
    // GetShardIterator are lost, not "before the reader started" (without this, a child started just before a
    // clock jump past retention hid its trimmed records). Only a shard the reader starts from, with no known
    // parent, excuses what was trimmed before it started.
    if (owed && this.#isForgotten(cursor.shardId)) this.#endUnread(cursor);
    else this.#begin(cursor, 'TRIM_HORIZON', owed ? 0 : undefined);
  }

  /** Whether a parent's loss was reported uncounted by this reader: "lost after it, how many unknown". */
  #coveredByParent(cursor: ShardCursor): boolean {
    return cursor.parents.some((parent) => this.#cursors.get(parent)?.loss.uncountedReported === true);
  }

  /**
   * A shard whose turn came after the stream forgot it (it was known, then forgotten while it waited): nothing
   * of it can be read. It ends now, its children to be looked up before the next read, so a chain of them is
   * passed in one round, not one poll (and, under 'throw', one error) each. Its loss is reported, uncounted,
   * unless a parent's was: "lost after this position, how many unknown" already covers what followed it, and
   * a chain of forgotten shards is one loss, not one report each.
   */
  #endUnread(cursor: ShardCursor): void {
    // Reported or covered, it covers its own children in turn.
    if (this.#coveredByParent(cursor)) cursor.loss.cover();
    else if (!cursor.loss.uncountedReported) this.#announceLoss(cursor, undefined);
    this.#finish(cursor, 'TRIMMED', false);
    this.#childrenPending.add(cursor);
  }

  /**
   * Forgets finished shards the stream no longer has (they expired), once nothing can lead back to them: their
   * children are found and have all started, so no listing (live shards only), child lookup (made once, at a
   * shard's end) or lineage walk (which stops at the started child) names them again. A long-lived reader then
   * holds about one retention period of shards, not every shard it ever saw; their counts stay in the totals.
   * Looked for at most once a minute of source time: a shard released a little late costs nothing.
   */
  #releaseFinished(): void {
    const now = this.source.now();
    if (now < this.#nextRelease) return;
    this.#nextRelease = now + RELEASE_INTERVAL_MS;
    for (const cursor of this.#cursors.values()) {
      if (cursor.status !== 'done' || this.#childrenPending.has(cursor)) continue;
      if (cursor.children.some((child) => this.#cursors.get(child)?.status === 'waiting')) continue;
      if (cursor.endedBy !== 'TRIMMED' && cursor.endedBy !== 'GONE' && !this.#expiredAtSource(cursor.shardId)) continue;
      this.#cursors.delete(cursor.shardId);
      // A finished shard with no child (the end of a disabled stream) leaves the checkpoint once expired: a
      // resumed reader no longer sees it, nor its ancestors (they expired first).
      this.#frontier.delete(cursor);
      this.#releasedLost = this.#releasedLost === undefined || cursor.loss.lost === undefined ? undefined : this.#releasedLost + cursor.loss.lost;
    }
  }

  /**
   * Whether the source says a shard has expired: it lists it as gone, or no longer knows it at all (it forgot
   * it: the embedded stream after its horizon, sdkStreamSource a day after the shard left the listings).
   */
  #expiredAtSource(shardId: string): boolean {
    const shardLineage = this.source.shardLineage;
    if (shardLineage === undefined) return false;
    return shardLineage(shardId)?.exists !== true;
  }

  /**
   * Whether the stream has forgotten a shard (it expired long ago, beyond the horizon it remembers: see
   * docs/stream.md, "A stream that lives for months stays bounded"): a source that counts losses and tells
   * lineage no longer knows it. Nothing of it can be read, what it lost cannot be counted, and the links from
   * it to its children may be gone.
   */
  #isForgotten(shardId: string): boolean {
    return this.source.countTrimmedAfter !== undefined && this.source.shardLineage !== undefined && this.source.shardLineage(shardId) === undefined;
  }

  /**
   * The lineage is broken when the reader holds a shard the stream has forgotten: the shards that followed it
   * may be linked to it only through forgotten shards, so a lineage walk that reaches a forgotten shard has
   * reached a descendant of the reader's position, which is owed (#adoptForgotten). Otherwise (a fresh start,
   * or a reader that kept up) a forgotten ancestor is older than where the reader started: not owed. Worked
   * out once a round.
   */
  #lineageBroken(): boolean {
    if (this.#broken === undefined) {
      this.#broken = false;
      for (const cursor of this.#cursors.values()) {
        if (!this.#isForgotten(cursor.shardId)) continue;
        this.#broken = true;
        break;
      }
    }
    return this.#broken;
  }

  /**
   * A parent the reader never saw and the stream no longer has (it expired while nobody read it). When it
   * descends from a shard this reader knows, its records were owed: it joins the lineage as a waiting shard,
   * which, once started, finds them all trimmed and reports them lost, and its children wait for it as for
   * any parent. Without this, a reader away longer than a shard generation's life (a 25-hour gap with the
   * default 4-hour rollovers) lost the expired generations without a word. Undefined when the shard is live,
   * unknown to the source, or not owed (it is older than where the reader started).
   */
  #adoptExpired(shardId: string): ShardCursor | undefined {
    if (this.#notOwed.has(shardId)) return undefined;
    const lineage = this.source.shardLineage?.(shardId);
    if (lineage === undefined) return this.#isForgotten(shardId) && this.#lineageBroken() ? this.#adoptForgotten(shardId) : undefined;
    if (lineage.exists) return undefined;
    const parents = lineage.parents.map((parent) => this.#cursors.get(parent) ?? this.#adoptExpired(parent));
    if (parents.every((parent) => parent === undefined)) {
      this.#notOwed.add(shardId);
      return undefined;
    }
    const cursor = this.#know(shardId, undefined);
    this.#startIfReady(cursor);
    return cursor;
  }

  /**
   * A forgotten shard on the way from a shard the reader holds to its descendants (the lineage is broken): it
   * was owed, but neither its records nor its parents can be known. It joins the lineage as a finished shard
   * whose loss is reported once, uncounted, so its children are owed and start from their first record (their
   * own losses counted exactly). The forgotten shards before it, unknown even by ID, are covered by this report.
   */
  #adoptForgotten(shardId: string): ShardCursor {
    const cursor = this.#know(shardId, undefined);
    this.#reportLoss(cursor, true);
    this.#finish(cursor, 'TRIMMED', false);
    return cursor;
  }

  /**
   * Starts reading a shard. `notOwed`, for a TRIM_HORIZON start: how many of the shard's trimmed records the
   * reader does not owe (0 for a child of shards it read; a checkpoint's count); by default, those trimmed
   * before now (a shard the reader starts from excuses what was trimmed before it started).
   */
  #begin(cursor: ShardCursor, start: ShardCursor['start'], notOwed?: number): void {
    cursor.start = start;
    if (start === 'TRIM_HORIZON' && cursor.lastSequenceNumber === undefined) {
      // Taken now, not at the first GetShardIterator: a checkpoint in between must already say it.
      cursor.notOwed = notOwed ?? cursor.notOwed ?? this.source.countTrimmedAfter?.(cursor.shardId);
      cursor.loss.positionMoved();
    }
    cursor.status = 'reading';
    this.#waiting.delete(cursor);
    this.#reading.push(cursor);
    for (const parent of cursor.parents) {
      const parentCursor = this.#cursors.get(parent);
      if (parentCursor !== undefined) this.#frontier.delete(parentCursor);
    }
    this.#changed = true;
    this.#events.emit('shardStarted', { shardId: cursor.shardId, parentShardIds: [...cursor.parents] });
  }

  #finish(cursor: ShardCursor, endedBy: ShardEnd, announce = true): void {
    if (cursor.status === 'done') return;
    const wasReading = cursor.status === 'reading';
    cursor.status = 'done';
    cursor.endedBy = endedBy;
    cursor.iterator = undefined;
    this.#waiting.delete(cursor);
    if (wasReading) this.#reading = this.#reading.filter((other) => other !== cursor);
    if (!cursor.children.some((child) => this.#cursors.get(child)?.status !== 'waiting')) this.#frontier.add(cursor);
    // A child finished without being read (skipped by a LATEST start) names its parents' end as well as
    // starting would: without this, every closed shard a LATEST reader skipped stayed in its checkpoint.
    for (const parent of cursor.parents) {
      const parentCursor = this.#cursors.get(parent);
      if (parentCursor !== undefined) this.#frontier.delete(parentCursor);
    }
    this.#changed = true;
    if (announce) this.#events.emit('shardFinished', { shardId: cursor.shardId, endedBy, recordsRead: cursor.recordsRead });
  }

  /** One GetRecords call on a shard, with recovery from expired iterators and trimmed positions. */
  *#readShard(cursor: ShardCursor): Step<ReaderBatch | undefined> {
    for (let attempt = 0; attempt < 4; attempt++) {
      // A loss found on the way is handed over (saved, or raised) before anything after it is read.
      yield* this.#settle();
      if (cursor.iterator === undefined) {
        const acquired = yield* this.#acquire(cursor);
        if (!acquired) {
          yield* this.#endUnreadable(cursor, cursor.endedBy ?? 'GONE');
          return undefined;
        }
        yield* this.#settle();
      }
      let output;
      try {
        output = yield* call('getRecords', { ShardIterator: cursor.iterator as string, Limit: this.#options.limit });
      } catch (error) {
        // Throttled: the request was refused before it was served, so the iterator is still good (until it
        // expires). Keep it, as the KCL's KinesisDataFetcher keeps nextIterator on any failed GetRecords, so the
        // next poll retries the same page without spending a GetShardIterator call against the same limits.
        // The error goes to the caller: backing off is the source's (sdkStreamSource retries these) or theirs.
        if (isStreamsError(error, 'LimitExceededException')) throw error;
        cursor.iterator = undefined;
        if (cursor.lastSequenceNumber === undefined && cursor.start === 'LATEST') this.#leaveLatest(cursor);
        if (isStreamsError(error, 'ExpiredIteratorException')) {
          // AWS: iterators expire 15 minutes after they are issued; re-acquire from the last record read.
          cursor.expiredIterators++;
          this.#events.emit('iteratorExpired', { shardId: cursor.shardId, lastSequenceNumber: cursor.lastSequenceNumber });
          continue;
        }
        if (isStreamsError(error, 'TrimmedDataAccessException')) {
          if (this.#reportTrim(cursor)) continue;
          // Forgotten by the stream: ended at once, so the position saved with the loss says so (a TRIM_HORIZON
          // there would have a resumed reader report the same loss again).
          yield* this.#endUnreadable(cursor, 'TRIMMED');
          return undefined;
        }
        if (isStreamsError(error, 'ResourceNotFoundException')) {
          // As the KCL adapter: a shard (or stream) that is gone is the end of that shard.
          yield* this.#endUnreadable(cursor, 'GONE');
          return undefined;
        }
        throw error;
      }
      let records = output.Records;
      cursor.iterator = output.NextShardIterator;
      if (records.length > 0) {
        if (cursor.passOver > 0) records = this.#passOver(cursor, records);
        else if (cursor.skipBefore !== undefined) records = this.#passOverBeforeLatest(cursor, records);
      }
      let batch: ReaderBatch | undefined;
      if (records.length > 0) {
        const last = records[records.length - 1] as DynamoDBRecord;
        cursor.recordsRead += records.length;
        cursor.movedPast(last.dynamodb.SequenceNumber);
        cursor.lastRecordAt = last.dynamodb.ApproximateCreationDateTime.getTime();
        batch = {
          shardId: cursor.shardId,
          records,
          sequenceNumber: last.dynamodb.SequenceNumber,
          iteratorAgeMs: this.source.now() - cursor.lastRecordAt,
          checkpoint: this.checkpoint(),
        };
      }
      // AWS: no NextShardIterator once a closed shard has nothing more for this iterator.
      if (output.NextShardIterator === undefined) this.#endShard(cursor, 'SHARD_END');
      return batch;
    }
    yield* this.#settle();
    return undefined;
  }

  /**
   * Hands the consumer a position that moved without a batch (a store saves it), then raises the loss that
   * moved it, under onTrimmed 'throw': the loss is counted and passed once, so the next poll goes on after it.
   */
  *#settle(): Step<void> {
    if (this.#positionUnsaved) yield* deliver(POSITION_MOVED);
    const deferred = this.#deferredError;
    if (deferred !== undefined) {
      this.#deferredError = undefined;
      throw deferred.error;
    }
    const loss = this.#lossToRaise;
    if (loss === undefined) return;
    this.#lossToRaise = undefined;
    throw loss;
  }

  /**
   * A LATEST start lost its iterator (it expired, or a call failed) before anything was read from it. A new
   * LATEST would silently skip every record written meanwhile: the KCL does exactly that
   * (KinesisDataFetcher.restartIterator re-acquires at its last known "sequence number", here the LATEST
   * sentinel), and the Streams API has no way back (no AT_TIMESTAMP, no sequence number seen). So the shard is
   * re-read from TRIM_HORIZON, passing over what preceded the LATEST position: exactly, where the source counted
   * the shard's records when LATEST was taken (`notOwed`); otherwise the records created before the second it
   * was taken in. Records from that same second are then delivered too (ApproximateCreationDateTime has whole
   * seconds), as at-least-once allows; this assumes the source's clock (now()) agrees with the records' times.
   */
  #leaveLatest(cursor: ShardCursor): void {
    if (cursor.notOwed === undefined) {
      if (cursor.latestAt === undefined) return; // never taken: LATEST is still where to start
      cursor.skipBefore = cursor.latestAt - (cursor.latestAt % 1000);
    }
    cursor.start = 'TRIM_HORIZON';
  }

  /** Drops the leading records the position is after (`passOver`): not delivered, not counted as read. */
  #passOver(cursor: ShardCursor, records: DynamoDBRecord[]): DynamoDBRecord[] {
    const skip = Math.min(cursor.passOver, records.length);
    cursor.passOver -= skip;
    // Progress without a batch: a drain must not take this page for "caught up". The position stays
    // TRIM_HORIZON:n (exact) until a record is delivered.
    this.#changed = true;
    return records.slice(skip);
  }

  /**
   * Drops the leading records created before the cursor's `skipBefore` (they precede its LATEST position):
   * the position moves past them, but they are neither delivered nor counted as read.
   */
  #passOverBeforeLatest(cursor: ShardCursor, records: DynamoDBRecord[]): DynamoDBRecord[] {
    const before = cursor.skipBefore as number;
    let skip = 0;
    while (skip < records.length && (records[skip] as DynamoDBRecord).dynamodb.ApproximateCreationDateTime.getTime() < before) skip++;
    if (skip < records.length) cursor.skipBefore = undefined;
    if (skip === 0) return records;
    cursor.movedPast((records[skip - 1] as DynamoDBRecord).dynamodb.SequenceNumber);
    // Progress without a batch: a drain must not take this page for "caught up".
    this.#changed = true;
    return records.slice(skip);
  }

  /** Gets an iterator for the shard's current position. False when the shard can no longer be read. */
  *#acquire(cursor: ShardCursor): Step<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const input: GetShardIteratorInput =
        cursor.lastSequenceNumber !== undefined
          ? { ShardId: cursor.shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: cursor.lastSequenceNumber }
          : typeof cursor.start === 'string'
            ? { ShardId: cursor.shardId, ShardIteratorType: cursor.start }
            : { ShardId: cursor.shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: cursor.start.afterSequenceNumber };
      const type = input.ShardIteratorType;
      const nothingRead = cursor.lastSequenceNumber === undefined;
      if (nothingRead && cursor.notOwed === undefined && type === 'TRIM_HORIZON') {
        // Nothing read yet: remember how much was already trimmed, so a trim before the first read is counted exactly.
        cursor.notOwed = this.source.countTrimmedAfter?.(cursor.shardId);
      }
      // LATEST is "after every record the shard has now": counted before the call (a synchronous source has no
      // write in between), so a checkpoint can name it as TRIM_HORIZON:<n> and a restart loses nothing.
      const heldBeforeLatest = nothingRead && type === 'LATEST' ? this.source.countRecords?.(cursor.shardId) : undefined;
      // LATEST is where the stream is when the call is made: records created before this instant precede it.
      const requestedAt = this.source.now();
      try {
        const { ShardIterator } = yield* call('getShardIterator', input);
        // A position the stream accepts: a refusal from here on is a new loss, to be reported.
        cursor.loss.positionAccepted();
        cursor.latestAt = type === 'LATEST' ? requestedAt : undefined;
        if (type === 'LATEST') cursor.notOwed = heldBeforeLatest;
        if (type === 'TRIM_HORIZON') {
          // TRIM_HORIZON starts past whatever was trimmed without an error: when nothing was read since the shard
          // started (an iterator that expired, a child started before a clock jump), records trimmed in the
          // meantime would vanish unreported. Count them (raised under 'throw' before the iterator is used).
          this.#reportLoss(cursor, false);
          // The records not owed that are still there: passed over. Trimmed now, so counted as the iterator starts.
          const trimmed = cursor.notOwed === undefined ? undefined : this.source.countTrimmedAfter?.(cursor.shardId);
          cursor.passOver = trimmed === undefined ? 0 : Math.max(0, (cursor.notOwed as number) - trimmed);
        }
        cursor.iterator = ShardIterator;
        return true;
      } catch (error) {
        if (isStreamsError(error, 'TrimmedDataAccessException')) {
          // Even TRIM_HORIZON is trimmed: the whole shard expired. Count what it still owed us, then end it. So
          // too for a shard the stream has forgotten: nothing of it is left to read.
          if (!this.#reportTrim(cursor) || type === 'TRIM_HORIZON') {
            cursor.endedBy = 'TRIMMED';
            return false;
          }
          continue;
        }
        if (isStreamsError(error, 'ResourceNotFoundException')) {
          cursor.endedBy = 'GONE';
          return false;
        }
        throw error;
      }
    }
    return false;
  }

  /**
   * The position fell behind the trim horizon. Counts the records lost (exactly, where the source can), reports
   * them, and moves the shard to TRIM_HORIZON. False when the stream has forgotten the shard: the loss is
   * reported (uncounted), and nothing of the shard is left to read.
   */
  #reportTrim(cursor: ShardCursor): boolean {
    const forgotten = this.#isForgotten(cursor.shardId);
    // A forgotten shard nothing was read from, after a parent whose loss was reported uncounted: covered by it
    // (see #endUnread).
    if (forgotten && cursor.lastSequenceNumber === undefined && this.#coveredByParent(cursor)) cursor.loss.cover();
    else this.#reportLoss(cursor, true);
    cursor.start = 'TRIM_HORIZON';
    cursor.iterator = undefined;
    if (forgotten) return false;
    if (cursor.lastSequenceNumber !== undefined) {
      // Resume at the trim horizon from now on: every record trimmed so far was read or is counted above.
      cursor.notOwed = this.source.countTrimmedAfter?.(cursor.shardId);
      cursor.lastSequenceNumber = undefined;
      cursor.loss.positionMoved();
    }
    return true;
  }

  /**
   * Counts the records trimmed after the shard's position and not reported yet, and reports them (`trimmed`
   * event, `lostRecords`; raised at the next #settle under `onTrimmed: 'throw'`). `knownTrim`: the stream said
   * the position was trimmed (or is gone), so even a loss this source cannot count is reported; otherwise only
   * a counted loss is.
   */
  #reportLoss(cursor: ShardCursor, knownTrim: boolean): void {
    let lost: number | undefined;
    let trimmed: number | undefined;
    const count = this.source.countTrimmedAfter;
    if (count !== undefined) {
      if (cursor.lastSequenceNumber !== undefined) trimmed = count(cursor.shardId, cursor.lastSequenceNumber);
      else {
        // Undefined once the stream has forgotten the shard: a loss not known, never a loss of none.
        const all = count(cursor.shardId);
        trimmed = all === undefined ? undefined : all - (cursor.notOwed ?? 0);
      }
      lost = trimmed === undefined ? undefined : Math.max(0, trimmed - cursor.loss.reported);
    }
    if (!knownTrim && !(lost !== undefined && lost > 0)) return;
    // Uncounted, and already reported since the shard was last read: the same loss, refused again further on
    // (a whole expired shard refuses AFTER_SEQUENCE_NUMBER, then TRIM_HORIZON). Reported once. A source that
    // counts needs no such rule: the second refusal finds 0 more records lost.
    if (lost === undefined && cursor.loss.uncountedReported) return;
    if (trimmed !== undefined) cursor.loss.noteReported(trimmed);
    if (lost === 0) return;
    this.#announceLoss(cursor, lost);
  }

  /** Reports a loss (`lost` undefined: of unknown size) in the shard: counted, event, and raised under 'throw'. */
  #announceLoss(cursor: ShardCursor, lost: number | undefined): void {
    cursor.loss.record(lost);
    if (lost === undefined) this.#uncountedLosses++;
    // Counted, so the position is past the loss: a consumer with a store saves it at once, and no restart
    // reports it again. A drain goes one more round to hand it over (a loss found looking up children comes
    // after the round's last hand-over).
    this.#positionUnsaved = true;
    this.#changed = true;
    this.#events.emit('trimmed', { shardId: cursor.shardId, lostRecords: lost, after: cursor.lastSequenceNumber });
    if (this.#options.onTrimmed === 'throw') {
      const pending = this.#lossToRaise;
      const total = pending === undefined ? lost : pending.lostRecords === undefined || lost === undefined ? undefined : pending.lostRecords + lost;
      this.#lossToRaise = new RecordsTrimmedError(cursor.shardId, total);
    }
  }

  /**
   * A shard ended: finish it, its children to be found (#childrenOf) once the batch read with its end (if any)
   * is delivered. Not here: a lookup that failed here would throw away that batch, whose records the cursor
   * has already passed, and they would be lost for good.
   */
  #endShard(cursor: ShardCursor, endedBy: ShardEnd): void {
    // A shard (or the whole stream) that is gone took its unread records with it: a disabled stream expires
    // 24 hours after its last write, so they were all trimmed first. Count them rather than hide them; where
    // they cannot be counted (a source that cannot count, a shard the stream forgot) report that some may be
    // lost, as nobody can tell.
    if (endedBy === 'GONE') this.#reportLoss(cursor, true);
    this.#finish(cursor, endedBy);
    // Pending until the lookup succeeds: a failure leaves it for the next poll (#prepare).
    this.#childrenPending.add(cursor);
  }

  /**
   * Ends a shard that can no longer be read (its loss reported), and hands the position over. The children of
   * one the stream has forgotten are looked up first (no batch waits to be delivered before): a position saved
   * in between would name it with its children still to find, and a resumed reader, finding that the stream no
   * longer names them, would report what may have followed it as lost, again (#childrenForgotten).
   */
  *#endUnreadable(cursor: ShardCursor, endedBy: ShardEnd): Step<void> {
    this.#endShard(cursor, endedBy);
    if (this.#isForgotten(cursor.shardId)) yield* this.#findChildren(cursor);
    yield* this.#settle();
  }

  /** After a shard's read (and its batch's delivery): its children, when it has just ended. */
  *#childrenOf(cursor: ShardCursor): Step<void> {
    if (this.#childrenPending.has(cursor)) yield* this.#findChildren(cursor);
  }

  /** Finds a finished shard's children and starts those whose parents are all done. Retried until it succeeds. */
  *#findChildren(cursor: ShardCursor): Step<void> {
    let start: string | undefined;
    let streamGone = false;
    let enabled = false;
    do {
      let page;
      try {
        page = yield* call('describeStream', {
          ShardFilter: { Type: 'CHILD_SHARDS', ShardId: cursor.shardId },
          ...(start === undefined ? {} : { ExclusiveStartShardId: start }),
        });
      } catch (error) {
        if (!isStreamsError(error, 'ResourceNotFoundException')) throw error;
        streamGone = true; // the stream itself is gone: no listing names the children any more
        break;
      }
      for (const shard of page.StreamDescription.Shards) this.#adoptChild(cursor, this.#know(shard.ShardId, shard.ParentShardId));
      enabled = page.StreamDescription.StreamStatus === 'ENABLED';
      start = page.StreamDescription.LastEvaluatedShardId;
    } while (start !== undefined);
    // CHILD_SHARDS lists live shards only: a source that knows every child adds the expired ones (and all of
    // them once the stream is gone), so a branch that expired unread is walked, and its loss counted, too.
    for (const child of this.source.shardChildren?.(cursor.shardId) ?? []) this.#adoptChild(cursor, this.#know(child, undefined));
    // The children found, and any known before that have expired since (CHILD_SHARDS lists only live shards).
    for (const child of cursor.children) {
      const childCursor = this.#cursors.get(child);
      if (childCursor !== undefined) this.#startIfReady(childCursor);
    }
    if (cursor.children.length === 0 && this.#isForgotten(cursor.shardId)) this.#childrenForgotten(cursor, enabled);
    if (!streamGone && (cursor.endedBy === 'TRIMMED' || cursor.endedBy === 'GONE')) {
      // A shard that expired may have children that expired too: CHILD_SHARDS lists only live shards, so the
      // live descendants would never be found and the reader would stop (or its iterator end) on a stream that
      // still has records. Look at the whole stream; then every waiting shard may now adopt an expired parent
      // (#adoptExpired), such as a merge child whose other parent expired before the reader reached it.
      yield* this.#discoverAll();
      for (const waiting of [...this.#waiting]) this.#startIfReady(waiting);
    }
    this.#childrenPending.delete(cursor);
  }

  /**
   * The stream forgot a shard before the reader looked up its children, and names none of them any more. On an
   * enabled stream every branch leads to a live shard, and a lineage walk up from it finds the way back
   * (#adoptForgotten). On a disabled (or gone) one a branch that ended leads nowhere: its records may have
   * been lost unseen, so, unless the shard's own loss was reported uncounted (which covers what followed it),
   * that is reported once. Either way the shard leaves the checkpoint (nothing can follow it any more), so no
   * restart looks again, or reports it again.
   */
  #childrenForgotten(cursor: ShardCursor, streamEnabled: boolean): void {
    if (!streamEnabled && !cursor.loss.uncountedReported) this.#announceLoss(cursor, undefined);
    this.#frontier.delete(cursor);
  }

  #adoptChild(parent: ShardCursor, child: ShardCursor): void {
    if (!parent.children.includes(child.shardId)) parent.children.push(child.shardId);
  }

  /** Learns every live shard the reader does not know yet, from a full DescribeStream. */
  *#discoverAll(): Step<void> {
    let start: string | undefined;
    do {
      let page;
      try {
        page = yield* call('describeStream', start === undefined ? {} : { ExclusiveStartShardId: start });
      } catch (error) {
        if (isStreamsError(error, 'ResourceNotFoundException')) return; // the stream itself is gone
        throw error;
      }
      for (const shard of page.StreamDescription.Shards) this.#know(shard.ShardId, shard.ParentShardId);
      start = page.StreamDescription.LastEvaluatedShardId;
    } while (start !== undefined);
  }

  #wait(signal: AbortSignal | undefined): Promise<void> {
    // An abort while the poll was in flight has already fired its event: do not wait for the clock.
    if (aborted(signal)) return Promise.resolve();
    return new Promise((resolve) => {
      let settled = false;
      const cleanups: (() => void)[] = [];
      const done = (): void => {
        if (settled) return;
        settled = true;
        for (const cleanup of cleanups) cleanup();
        resolve();
      };
      const timer = this.source.schedule(this.source.now() + this.#options.pollIntervalMs, done);
      cleanups.push(() => timer.cancel());
      const unsubscribe = this.source.onRecords?.(done);
      if (unsubscribe !== undefined) cleanups.push(unsubscribe);
      if (signal !== undefined) {
        signal.addEventListener('abort', done, { once: true });
        cleanups.push(() => signal.removeEventListener('abort', done));
        // Aborted while the wait was being set up (by the source's schedule, say): 'abort' has fired already.
        if (signal.aborted) done();
      }
    });
  }
}

/** The driver's `deliver` for poll(): batches into the array; a moved position is left for a consumer with a store. */
function collectInto(batches: ReaderBatch[]): (value: unknown) => void {
  return (value) => {
    if (value !== POSITION_MOVED) batches.push(value as ReaderBatch);
  };
}

function aborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}
