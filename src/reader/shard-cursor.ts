import type { DynamoDBRecord } from '../stream/types.js';
import { trimHorizonPosition } from './checkpoint.js';
import { LossLedger } from './loss-ledger.js';

/** Where a shard's reading begins when nothing has been read from it yet. */
export type StartPosition = 'TRIM_HORIZON' | 'LATEST' | { afterSequenceNumber: string };

/** How a finished shard ended. */
export type ShardEnd = 'SHARD_END' | 'TRIMMED' | 'GONE' | 'SKIPPED';

export type CursorStatus = 'waiting' | 'reading' | 'done';

/**
 * The reader's state for one shard: waiting for its parents, reading, or done. One position per shard: the
 * last record read, or, with nothing read yet, where reading starts.
 */
export class ShardCursor {
  readonly shardId: string;
  readonly parents: readonly string[];
  /** What this shard lost to trimming, what of it was reported, and which of its records are not owed. */
  readonly loss = new LossLedger();
  readonly #children: string[] = [];
  #status: CursorStatus = 'waiting';
  #start: StartPosition = 'TRIM_HORIZON';
  #iterator: string | undefined;
  #lastSequenceNumber: string | undefined;
  #lastRecordAt: number | undefined;
  #recordsRead = 0;
  #endedBy: ShardEnd | undefined;
  #latestAt: number | undefined;
  #skipBefore: number | undefined;
  #expiredIterators = 0;

  constructor(shardId: string, parents: readonly string[]) {
    this.shardId = shardId;
    this.parents = parents;
  }

  get status(): CursorStatus {
    return this.#status;
  }

  get start(): StartPosition {
    return this.#start;
  }

  /** The current shard iterator, when one is held. */
  get iterator(): string | undefined {
    return this.#iterator;
  }

  /** The last record delivered (or the checkpoint's position). */
  get lastSequenceNumber(): string | undefined {
    return this.#lastSequenceNumber;
  }

  /** ApproximateCreationDateTime (ms) of the last record delivered. */
  get lastRecordAt(): number | undefined {
    return this.#lastRecordAt;
  }

  get recordsRead(): number {
    return this.#recordsRead;
  }

  get endedBy(): ShardEnd | undefined {
    return this.#endedBy;
  }

  /** When a LATEST iterator was last acquired with nothing read yet (source time, ms): where LATEST was. */
  get latestAt(): number | undefined {
    return this.#latestAt;
  }

  /**
   * Set when a LATEST iterator was lost before anything was read, on a source that cannot count: records
   * created before this time (a whole second, as ApproximateCreationDateTime) precede the LATEST position.
   */
  get skipBefore(): number | undefined {
    return this.#skipBefore;
  }

  get expiredIterators(): number {
    return this.#expiredIterators;
  }

  /** Child shard ids, as discovered. */
  get children(): readonly string[] {
    return this.#children;
  }

  addChild(shardId: string): void {
    if (!this.#children.includes(shardId)) this.#children.push(shardId);
  }

  /** Reading starts (or, after a lost position, starts again) at `start`. */
  begin(start: StartPosition): void {
    this.#start = start;
    this.#status = 'reading';
  }

  /** The position is after a record read before (a checkpoint's). */
  resumeAfter(sequenceNumber: string): void {
    this.#lastSequenceNumber = sequenceNumber;
  }

  finish(endedBy: ShardEnd): void {
    this.#status = 'done';
    this.#endedBy = endedBy;
    this.#iterator = undefined;
  }

  /** An iterator acquired for the position; `latestAt` when it is a LATEST one taken with nothing read. */
  holdIterator(iterator: string | undefined, latestAt: number | undefined): void {
    this.#iterator = iterator;
    this.#latestAt = latestAt;
  }

  /** A page was read: the next iterator (undefined at a closed shard's end). */
  advance(nextIterator: string | undefined): void {
    this.#iterator = nextIterator;
  }

  dropIterator(): void {
    this.#iterator = undefined;
  }

  iteratorExpired(): void {
    this.#expiredIterators++;
  }

  /**
   * The position moved past a record (delivered, or passed over): it is the position now, and what was not
   * owed or already reported lost before it is behind it.
   */
  movedPast(sequenceNumber: string): void {
    this.#lastSequenceNumber = sequenceNumber;
    this.loss.movedPast();
  }

  /** `count` records were delivered, `last` the last of them. */
  delivered(last: DynamoDBRecord, count: number): void {
    this.#recordsRead += count;
    this.movedPast(last.dynamodb.SequenceNumber);
    this.#lastRecordAt = last.dynamodb.ApproximateCreationDateTime.getTime();
  }

  /** The position fell behind the trim horizon (its loss already counted): the shard goes on at TRIM_HORIZON. */
  fellBehindTrimHorizon(): void {
    this.#start = 'TRIM_HORIZON';
    this.#iterator = undefined;
  }

  /** What was read is behind the trim horizon too: nothing read, and the first `trimmed` records not owed. */
  restartAtTrimHorizon(trimmed: number | undefined): void {
    this.loss.restart(trimmed);
    this.#lastSequenceNumber = undefined;
  }

  /** A LATEST start read again from TRIM_HORIZON, passing over the records created before `skipBefore`, if set. */
  leaveLatest(skipBefore: number | undefined): void {
    if (skipBefore !== undefined) this.#skipBefore = skipBefore;
    this.#start = 'TRIM_HORIZON';
  }

  /** A record created at or after `skipBefore` was reached: nothing more to pass over. */
  passedLatest(): void {
    this.#skipBefore = undefined;
  }

  /** The position a checkpoint records for a shard being read. */
  get checkpointPosition(): string {
    if (this.#lastSequenceNumber !== undefined) return this.#lastSequenceNumber;
    // Records already accounted for (not owed, or reported lost) ride along, so a reader resumed from this
    // checkpoint reports exactly those trimmed since, none twice, and delivers none that was not owed.
    if (this.#start === 'TRIM_HORIZON') return trimHorizonPosition(this.loss.accountedFor);
    // A LATEST position the source counted is "after the shard's first n records", exact after a restart too;
    // uncounted, a resumed reader takes LATEST again (as the KCL does).
    if (this.#start === 'LATEST') {
      const accountedFor = this.loss.accountedFor;
      return accountedFor === undefined ? 'LATEST' : trimHorizonPosition(accountedFor);
    }
    return this.#start.afterSequenceNumber;
  }
}
