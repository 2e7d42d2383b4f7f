import { trimHorizonPosition } from './checkpoint.js';

/** Where a shard's reading begins when nothing has been read from it yet. */
export type StartPosition = 'TRIM_HORIZON' | 'LATEST' | { afterSequenceNumber: string };

/** How a finished shard ended. */
export type ShardEnd = 'SHARD_END' | 'TRIMMED' | 'GONE' | 'SKIPPED';

/**
 * The reader's state for one shard: waiting for its parents, reading, or done. One position per shard.
 */
export class ShardCursor {
  readonly shardId: string;
  parents: readonly string[];
  status: 'waiting' | 'reading' | 'done' = 'waiting';
  start: StartPosition = 'TRIM_HORIZON';
  /** The current shard iterator, when one is held. */
  iterator: string | undefined;
  /** The last record delivered (or the checkpoint's position). */
  lastSequenceNumber: string | undefined;
  /** ApproximateCreationDateTime (ms) of the last record delivered. */
  lastRecordAt: number | undefined;
  recordsRead = 0;
  /** Records known lost to trimming (undefined once some loss could not be counted). */
  lostRecords: number | undefined = 0;
  /** Trimmed records after the current position already reported, so no loss is counted twice. */
  reportedLoss = 0;
  /** The shard's trimmed total when reading began with nothing read, to count later trims exactly. */
  trimmedBeforeStart: number | undefined;
  /**
   * A loss the source could not count was reported and the shard has not been read since (no iterator acquired
   * after it): "records after this position were lost, how many unknown" already covers whatever else the
   * stream refuses before the next read, such as TRIM_HORIZON once the whole shard has expired.
   */
  uncountedLossReported = false;
  endedBy: ShardEnd | undefined;
  /** When a LATEST iterator was last acquired with nothing read yet (source time, ms): where LATEST was. */
  latestAt: number | undefined;
  /**
   * Set when a LATEST iterator expired before anything was read: the shard is re-read from TRIM_HORIZON and
   * records created before this time (a whole second, as ApproximateCreationDateTime) are passed over, not
   * delivered, as they were before the reader's LATEST position.
   */
  skipBefore: number | undefined;
  /** Re-read from TRIM_HORIZON after an expired LATEST: whether owed records were trimmed is judged on the next page. */
  lossAfterLatestUnchecked = false;
  /** Child shard ids, as discovered. */
  readonly children: string[] = [];
  expiredIterators = 0;

  constructor(shardId: string, parents: readonly string[]) {
    this.shardId = shardId;
    this.parents = parents;
  }

  /** The position a checkpoint records for a shard being read. */
  get checkpointPosition(): string {
    if (this.lastSequenceNumber !== undefined) return this.lastSequenceNumber;
    if (this.start === 'TRIM_HORIZON') {
      // Trimmed records already accounted for (not owed, or reported lost) ride along, so a reader resumed
      // from this checkpoint reports exactly those trimmed since, and none twice.
      return trimHorizonPosition(this.trimmedBeforeStart === undefined ? undefined : this.trimmedBeforeStart + this.reportedLoss);
    }
    return typeof this.start === 'string' ? this.start : this.start.afterSequenceNumber;
  }
}
