import { trimHorizonPosition } from './checkpoint.js';
import { LossLedger } from './loss-ledger.js';

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
  /** What this shard lost to trimming, and what of it was reported. */
  readonly loss = new LossLedger();
  /**
   * With nothing read yet: the shard's first `notOwed` records are not owed (trimmed before the reader started
   * the shard, already reported lost, or, for a LATEST start, every record the shard had when LATEST was
   * taken). Read from TRIM_HORIZON, those trimmed are no loss and those still retained are passed over.
   * Undefined where the source cannot count.
   */
  notOwed: number | undefined;
  /** Records still to pass over from the trim horizon, as `notOwed` says (counted when the iterator is acquired). */
  passOver = 0;
  endedBy: ShardEnd | undefined;
  /** When a LATEST iterator was last acquired with nothing read yet (source time, ms): where LATEST was. */
  latestAt: number | undefined;
  /**
   * Set when a LATEST iterator was lost before anything was read, on a source that cannot count: the shard is
   * re-read from TRIM_HORIZON and records created before this time (a whole second, as
   * ApproximateCreationDateTime) are passed over, not delivered, as they were before the LATEST position.
   */
  skipBefore: number | undefined;
  /** Child shard ids, as discovered. */
  readonly children: string[] = [];
  expiredIterators = 0;

  constructor(shardId: string, parents: readonly string[]) {
    this.shardId = shardId;
    this.parents = parents;
  }

  /**
   * The position moved past a record (delivered, or passed over): it is the position now, and what was not
   * owed or already reported lost before it is behind it.
   */
  movedPast(sequenceNumber: string): void {
    this.lastSequenceNumber = sequenceNumber;
    this.loss.positionMoved();
    this.notOwed = undefined;
  }

  /** The position a checkpoint records for a shard being read. */
  get checkpointPosition(): string {
    if (this.lastSequenceNumber !== undefined) return this.lastSequenceNumber;
    if (this.start === 'TRIM_HORIZON') {
      // Records already accounted for (not owed, or reported lost) ride along, so a reader resumed from this
      // checkpoint reports exactly those trimmed since, none twice, and delivers none that was not owed.
      return trimHorizonPosition(this.notOwed === undefined ? undefined : this.notOwed + this.loss.reported);
    }
    // A LATEST position the source counted is "after the shard's first n records", exact after a restart too;
    // uncounted, a resumed reader takes LATEST again (as the KCL does).
    if (this.start === 'LATEST') return this.notOwed === undefined ? 'LATEST' : trimHorizonPosition(this.notOwed + this.loss.reported);
    return this.start.afterSequenceNumber;
  }
}
