import type { LambdaRecord } from './lambda-event.js';

/**
 * A record fetched from the stream, converted once to the Lambda event's shape, waiting in a lane until its
 * batch is handled. Everything else the mapping needs is read off it (no wrapper object per record: at a
 * million records a second, one allocation fewer each is a fifth of the garbage).
 */
export type QueuedRecord = LambdaRecord;

export function sequenceNumberOf(record: QueuedRecord): string {
  return (record.dynamodb as { SequenceNumber: string }).SequenceNumber;
}

/** ApproximateCreationDateTime in ms (what record age and tumbling windows are measured from). */
export function createdMsOf(record: QueuedRecord): number {
  return (record.dynamodb as { ApproximateCreationDateTime: number }).ApproximateCreationDateTime * 1000;
}

/** Start (ms) of the tumbling window of `windowMs` the record falls in. */
export function windowStartOf(record: QueuedRecord, windowMs: number): number {
  const created = createdMsOf(record);
  return created - (created % windowMs);
}

/** The next batches to try at the front of a lane, when a failure decided their size. */
export interface Segment {
  size: number;
  cause: 'bisect' | 'partial-remainder';
}

/** A tumbling window open in a lane: its start and the state the last successful invocation returned. */
export interface OpenWindow {
  start: number;
  state: Record<string, unknown>;
  /** Set when the state outgrew 1 MB: the window is closed early at the next invocation. */
  terminatedEarly: boolean;
}

/**
 * One of a shard's `ParallelizationFactor` lanes. Records of one partition key always go to the same lane,
 * and a lane runs one batch at a time, in order: that is how Lambda keeps "in-order processing ... for each
 * partition key" while a shard has several batches in flight. A lane whose batch fails blocks (retries) on
 * its own; the shard is finished only when every lane is empty.
 */
export class Lane {
  readonly index: number;
  readonly #queue: QueuedRecord[] = [];
  #head = 0;
  /** Bisected halves or a partial failure's remainder, to be tried next, front first. */
  segments: Segment[] = [];
  /** Retries already made of the batch at the front (Lambda's retry quota counts these). */
  retries = 0;
  /** Invocations of the records at the front since they last changed (a failure record's approximateInvokeCount). */
  invokes = 0;
  /** Whether the last invocation of the front batch was a function error (for the failure record). */
  lastWasFunctionError = false;
  /** No invocation before this time (a retry waits for the next poll). */
  retryAt = 0;
  inFlight = false;
  /** When the current batching window began (MaximumBatchingWindowInSeconds). */
  batchingSince: number | undefined;
  window: OpenWindow | undefined;

  constructor(index: number) {
    this.index = index;
  }

  get length(): number {
    return this.#queue.length - this.#head;
  }

  push(record: QueuedRecord): void {
    this.#queue.push(record);
  }

  /** The record `offset` places from the front. */
  at(offset: number): QueuedRecord {
    return this.#queue[this.#head + offset] as QueuedRecord;
  }

  /** The first `count` records, as a new array. */
  peek(count: number): QueuedRecord[] {
    return this.#queue.slice(this.#head, this.#head + count);
  }

  /** Removes the first `count` records (handled or discarded), and the segments they covered. */
  drop(count: number): void {
    this.#head += count;
    let left = count;
    while (left > 0 && this.segments.length > 0) {
      const first = this.segments[0] as Segment;
      if (first.size > left) {
        first.size -= left;
        left = 0;
      } else {
        left -= first.size;
        this.segments.shift();
      }
    }
    if (this.#head === this.#queue.length) {
      this.#queue.length = 0;
      this.#head = 0;
    } else if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
  }

  /** The front batch changed (handled, discarded, or split): its retry and invocation counts start again. */
  resetAttempts(): void {
    this.retries = 0;
    this.invokes = 0;
    this.lastWasFunctionError = false;
  }
}

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
   * Where Lambda's checkpoint for this shard is: the last sequence number such that it and every record
   * before it is handled (delivered, filtered out or discarded). A record still queued, in flight or waiting
   * for a retry in any lane holds it back, as a failing batch holds back AWS's checkpoint.
   */
  checkpoint(): string | undefined {
    let lowest: string | undefined;
    for (const lane of this.lanes) {
      if (lane.length === 0) continue;
      const head = sequenceNumberOf(lane.at(0));
      if (lowest === undefined || compareSequenceNumbers(head, lowest) < 0) lowest = head;
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

/** Sequence numbers are decimal strings of up to 40 digits: longer is larger, else compare as text. */
export function compareSequenceNumbers(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** FNV-1a over the partition key's canonical text: which lane a key's records go to. */
export function laneOf(partitionKey: string, lanes: number): number {
  if (lanes === 1) return 0;
  let hash = 0x811c9dc5;
  for (let i = 0; i < partitionKey.length; i++) {
    hash ^= partitionKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}
