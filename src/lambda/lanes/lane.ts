import type { QueuedRecord } from './queued-record.js';
import type { OpenWindow } from '../batching/tumbling-window.js';

/** The next batches to try at the front of a lane, when a failure decided their size. */
export interface Segment {
  size: number;
  cause: 'bisect' | 'partial-remainder';
}

/**
 * One of a shard's `ParallelizationFactor` lanes. Records of one partition key always go to the same lane
 * (lane-assignment.ts), and a lane runs one batch at a time, in order: that is how Lambda keeps "in-order
 * processing ... for each partition key" while a shard has several batches in flight. A lane whose batch
 * fails blocks (retries) on its own; the shard is finished only when every lane is empty.
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
    this.#trimSegments(count);
    if (this.#head === this.#queue.length) {
      this.#queue.length = 0;
      this.#head = 0;
    } else if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue.splice(0, this.#head);
      this.#head = 0;
    }
  }

  /** Replaces `count` records' worth of front segments with `pieces` (a split of the front batch). */
  replaceFront(count: number, pieces: Segment[]): void {
    this.#trimSegments(count);
    this.segments.unshift(...pieces);
  }

  /** The front batch changed (handled, discarded, or split): its retry and invocation counts start again. */
  resetAttempts(): void {
    this.retries = 0;
    this.invokes = 0;
    this.lastWasFunctionError = false;
  }

  #trimSegments(count: number): void {
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
  }
}
