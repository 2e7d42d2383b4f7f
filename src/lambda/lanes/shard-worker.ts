import { Lane } from './lane.js';
import { compareSequenceNumbers, sequenceNumberOf } from './queued-record.js';

/** The mapping's state for one shard: its lineage, its lanes, and how far it got. */
export class ShardWorker {
  readonly shardId: string;
  readonly parentShardIds: readonly string[];
  readonly lanes: Lane[];
  /** The reader reached the shard's end: no more records will come. */
  readDone = false;
  /** Read to its end and every record handled (children may start). */
  done = false;
  recordsDelivered = 0;
  /** ApproximateCreationDateTime (ms) of the last record of the last successful batch. */
  lastDeliveredCreatedMs: number | undefined;
  /** Sequence numbers read and not yet behind the checkpoint, in shard order (filtered records too). */
  readonly #read: string[] = [];
  #readHead = 0;
  #checkpoint: string | undefined;

  constructor(shardId: string, parentShardIds: readonly string[], lanes: number) {
    this.shardId = shardId;
    this.parentShardIds = parentShardIds;
    this.lanes = Array.from({ length: lanes }, (_, index) => new Lane(index));
  }

  /** Notes a record read from the shard (before filtering), in shard order. */
  noteRead(sequenceNumber: string): void {
    this.#read.push(sequenceNumber);
  }

  /**
   * The last sequence number that, with every record before it, is handled (delivered, filtered, discarded).
   * A record queued, in flight or retrying holds it back, as a failing batch holds AWS's; so does an open
   * tumbling window, whose records AWS checkpoints only once its final invocation succeeds.
   */
  checkpoint(): string | undefined {
    let lowest: string | undefined;
    for (const lane of this.lanes) {
      const held = lane.window?.firstSequenceNumber ?? (lane.length > 0 ? sequenceNumberOf(lane.at(0)) : undefined);
      if (held !== undefined && (lowest === undefined || compareSequenceNumbers(held, lowest) < 0)) lowest = held;
    }
    while (this.#readHead < this.#read.length) {
      const next = this.#read[this.#readHead] as string;
      if (lowest !== undefined && compareSequenceNumbers(next, lowest) >= 0) break;
      this.#checkpoint = next;
      this.#readHead++;
    }
    if (this.#readHead > 4096 && this.#readHead * 2 > this.#read.length) {
      this.#read.splice(0, this.#readHead);
      this.#readHead = 0;
    }
    return this.#checkpoint;
  }

  get pending(): number {
    let total = 0;
    for (const lane of this.lanes) total += lane.length;
    return total;
  }

  /** Nothing queued, in flight, or in an open tumbling window. */
  get empty(): boolean {
    return this.lanes.every((lane) => lane.length === 0 && !lane.inFlight && lane.window === undefined);
  }
}
