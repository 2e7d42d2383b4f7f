import type { EventHub } from '../events/event-hub.js';
import type { DynamoDBRecord, GetShardIteratorInput } from '../stream/types.js';
import type { CursorGraph } from './cursor-graph.js';
import type { LossReporter } from './loss-reporter.js';
import type { ReaderBatch, StreamReaderEvents } from './reader-types.js';
import type { RoundState } from './round-state.js';
import { isStreamsError } from './sdk-errors.js';
import type { ShardCursor, ShardEnd } from './shard-cursor.js';
import type { ShardDiscovery } from './shard-discovery.js';
import { call, type Step } from './source-calls.js';
import type { StreamSource } from './stream-source.js';

/**
 * Reading one shard: a GetRecords call with recovery from expired iterators, trimmed positions and a shard or
 * stream that is gone. A throttled call keeps its iterator and goes to the caller.
 */
export class ShardReading {
  readonly #source: StreamSource;
  readonly #limit: number;
  readonly #events: EventHub<StreamReaderEvents>;
  readonly #round: RoundState;
  readonly #losses: LossReporter;
  readonly #graph: CursorGraph;
  readonly #discovery: ShardDiscovery;

  constructor(
    source: StreamSource,
    limit: number,
    parts: {
      events: EventHub<StreamReaderEvents>;
      round: RoundState;
      losses: LossReporter;
      graph: CursorGraph;
      discovery: ShardDiscovery;
    },
  ) {
    this.#source = source;
    this.#limit = limit;
    this.#events = parts.events;
    this.#round = parts.round;
    this.#losses = parts.losses;
    this.#graph = parts.graph;
    this.#discovery = parts.discovery;
  }

  /** One GetRecords call on a shard, with recovery from expired iterators and trimmed positions. */
  *read(cursor: ShardCursor): Step<ReaderBatch | undefined> {
    for (let attempt = 0; attempt < 4; attempt++) {
      // A loss found on the way is handed over (saved, or raised) before anything after it is read.
      yield* this.#round.settle();
      if (cursor.iterator === undefined) {
        const unreadable = yield* this.acquire(cursor);
        if (unreadable !== undefined) {
          yield* this.#endUnreadable(cursor, unreadable);
          return undefined;
        }
        yield* this.#round.settle();
      }
      let output;
      try {
        output = yield* call('getRecords', { ShardIterator: cursor.iterator as string, Limit: this.#limit });
      } catch (error) {
        // Throttled: refused before it was served, so the iterator is still good. Kept (as the KCL's
        // KinesisDataFetcher keeps nextIterator) for the next poll; the backoff is the source's or the caller's.
        if (isStreamsError(error, 'LimitExceededException')) throw error;
        cursor.dropIterator();
        if (cursor.lastSequenceNumber === undefined && cursor.start === 'LATEST') this.#leaveLatest(cursor);
        if (isStreamsError(error, 'ExpiredIteratorException')) {
          // AWS: iterators expire 15 minutes after they are issued; re-acquire from the last record read.
          cursor.iteratorExpired();
          this.#events.emit('iteratorExpired', {
            shardId: cursor.shardId,
            lastSequenceNumber: cursor.lastSequenceNumber,
          });
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
      cursor.advance(output.NextShardIterator);
      if (records.length > 0) {
        if (cursor.loss.passOver > 0) records = this.#passOver(cursor, records);
        else if (cursor.skipBefore !== undefined) records = this.#passOverBeforeLatest(cursor, records);
      }
      let batch: ReaderBatch | undefined;
      if (records.length > 0) {
        const last = records[records.length - 1] as DynamoDBRecord;
        cursor.delivered(last, records.length);
        batch = {
          shardId: cursor.shardId,
          records,
          sequenceNumber: last.dynamodb.SequenceNumber,
          iteratorAgeMs: this.#source.now() - (cursor.lastRecordAt as number),
          checkpoint: this.#graph.checkpoint(),
        };
      }
      // AWS: no NextShardIterator once a closed shard has nothing more for this iterator.
      if (output.NextShardIterator === undefined) this.#graph.endShard(cursor, 'SHARD_END');
      return batch;
    }
    yield* this.#round.settle();
    return undefined;
  }

  /**
   * Gets an iterator for the shard's current position. Returns how the shard ended when it can no longer be
   * read, undefined once an iterator is held.
   */
  *acquire(cursor: ShardCursor): Step<ShardEnd | undefined> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const input: GetShardIteratorInput =
        cursor.lastSequenceNumber !== undefined
          ? {
              ShardId: cursor.shardId,
              ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
              SequenceNumber: cursor.lastSequenceNumber,
            }
          : typeof cursor.start === 'string'
            ? { ShardId: cursor.shardId, ShardIteratorType: cursor.start }
            : {
                ShardId: cursor.shardId,
                ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
                SequenceNumber: cursor.start.afterSequenceNumber,
              };
      const type = input.ShardIteratorType;
      const nothingRead = cursor.lastSequenceNumber === undefined;
      if (nothingRead && cursor.loss.notOwed === undefined && type === 'TRIM_HORIZON') {
        // Nothing read yet: remember how much was already trimmed, so a trim before the first read is counted exactly.
        cursor.loss.excuseFirst(this.#source.countTrimmedAfter?.(cursor.shardId));
      }
      // LATEST is "after every record the shard has now": counted before the call (a synchronous source has no
      // write in between), so a checkpoint can name it as TRIM_HORIZON:<n> and a restart loses nothing.
      const heldBeforeLatest =
        nothingRead && type === 'LATEST' ? this.#source.countRecords?.(cursor.shardId) : undefined;
      // LATEST is where the stream is when the call is made: records created before this instant precede it.
      const requestedAt = this.#source.now();
      try {
        const { ShardIterator } = yield* call('getShardIterator', input);
        // A position the stream accepts: a refusal from here on is a new loss, to be reported.
        cursor.loss.positionAccepted();
        if (type === 'LATEST') cursor.loss.excuseFirst(heldBeforeLatest);
        if (type === 'TRIM_HORIZON') {
          // TRIM_HORIZON silently starts past what was trimmed since the shard started with nothing read (an
          // expired iterator, a clock jump): counted here, raised under 'throw' before the iterator is used.
          this.#losses.report(cursor, false);
          // The records not owed that are still there are passed over: trimmed now, so counted as the iterator starts.
          cursor.loss.iteratorAtTrimHorizon(
            cursor.loss.notOwed === undefined ? undefined : this.#source.countTrimmedAfter?.(cursor.shardId),
          );
        }
        cursor.holdIterator(ShardIterator, type === 'LATEST' ? requestedAt : undefined);
        return undefined;
      } catch (error) {
        if (isStreamsError(error, 'TrimmedDataAccessException')) {
          // Even TRIM_HORIZON is trimmed: the whole shard expired. Count what it still owed us, then end it. So
          // too for a shard the stream has forgotten: nothing of it is left to read.
          if (!this.#reportTrim(cursor) || type === 'TRIM_HORIZON') return 'TRIMMED';
          continue;
        }
        if (isStreamsError(error, 'ResourceNotFoundException')) return 'GONE';
        throw error;
      }
    }
    return 'GONE';
  }

  /**
   * The position fell behind the trim horizon. Counts the records lost (exactly, where the source can), reports
   * them, and moves the shard to TRIM_HORIZON. False when the stream has forgotten the shard: the loss is
   * reported (uncounted), and nothing of the shard is left to read.
   */
  #reportTrim(cursor: ShardCursor): boolean {
    const forgotten = this.#graph.isForgotten(cursor.shardId);
    // A forgotten shard nothing was read from, after a parent whose loss was reported uncounted: covered by it.
    if (forgotten && cursor.lastSequenceNumber === undefined && this.#graph.coveredByParent(cursor))
      cursor.loss.cover();
    else this.#losses.report(cursor, true);
    cursor.fellBehindTrimHorizon();
    if (forgotten) return false;
    // Resume at the trim horizon from now on: every record trimmed so far was read or is counted above.
    if (cursor.lastSequenceNumber !== undefined)
      cursor.restartAtTrimHorizon(this.#source.countTrimmedAfter?.(cursor.shardId));
    return true;
  }

  /**
   * Ends a shard that can no longer be read (its loss reported), and hands the position over. The children of
   * one the stream has forgotten are looked up first: a position saved in between would name it with its
   * children still to find, and a resumed reader would report what followed it as lost again.
   */
  *#endUnreadable(cursor: ShardCursor, endedBy: ShardEnd): Step<void> {
    this.#graph.endShard(cursor, endedBy);
    if (this.#graph.isForgotten(cursor.shardId)) yield* this.#discovery.findChildren(cursor);
    yield* this.#round.settle();
  }

  /**
   * A LATEST start lost its iterator before anything was read. A new LATEST would skip what was written
   * meanwhile (as the KCL does), so the shard is re-read from TRIM_HORIZON, passing over what preceded LATEST:
   * by count where the source counted, otherwise by creation time (whole seconds: at least once).
   */
  #leaveLatest(cursor: ShardCursor): void {
    if (cursor.loss.notOwed !== undefined) cursor.leaveLatest(undefined);
    else if (cursor.latestAt !== undefined) cursor.leaveLatest(cursor.latestAt - (cursor.latestAt % 1000));
    // Otherwise LATEST was never taken: it is still where to start.
  }

  /** Drops the leading records the position is after (`passOver`): not delivered, not counted as read. */
  #passOver(cursor: ShardCursor, records: DynamoDBRecord[]): DynamoDBRecord[] {
    const skip = cursor.loss.takePassOver(records.length);
    // The position stays TRIM_HORIZON:n (exact) until a record is delivered.
    this.#round.noteChange();
    return records.slice(skip);
  }

  /**
   * Drops the leading records created before the cursor's `skipBefore` (they precede its LATEST position):
   * the position moves past them, but they are neither delivered nor counted as read.
   */
  #passOverBeforeLatest(cursor: ShardCursor, records: DynamoDBRecord[]): DynamoDBRecord[] {
    const before = cursor.skipBefore as number;
    let skip = 0;
    while (
      skip < records.length &&
      (records[skip] as DynamoDBRecord).dynamodb.ApproximateCreationDateTime.getTime() < before
    )
      skip++;
    if (skip < records.length) cursor.passedLatest();
    if (skip === 0) return records;
    cursor.movedPast((records[skip - 1] as DynamoDBRecord).dynamodb.SequenceNumber);
    this.#round.noteChange();
    return records.slice(skip);
  }
}
