import type { Unsubscribe } from '../events/event-hub.js';
import type { Stream } from '../stream/stream.js';
import type { DynamoDBRecord } from '../stream/types.js';
import type { Table } from '../table/table.js';

/**
 * Collects a stream's records from the moment it is made: every shard's, through splits, merges and rollovers
 * (it listens to the stream's `record` event, which fires before each write returns, so nothing is polled and
 * nothing is missed). Records stay until a matcher consumes them, `take()` or `clear()`, or `stop()`.
 */
export class StreamRecorder {
  /** The stream recorded (a table's is the stream that was enabled when recording started). */
  readonly stream: Stream;
  #records: DynamoDBRecord[] = [];
  #stop: Unsubscribe | undefined;

  constructor(stream: Stream) {
    this.stream = stream;
    this.#stop = stream.on('record', ({ record }) => {
      this.#records.push(record);
    });
  }

  /** The records not consumed yet, in the order they were written (by sequence number). */
  get records(): readonly DynamoDBRecord[] {
    return this.#records;
  }

  /** Whether `stop()` was called. */
  get stopped(): boolean {
    return this.#stop === undefined;
  }

  /** Returns the records not consumed yet and forgets them. */
  take(): DynamoDBRecord[] {
    const records = this.#records;
    this.#records = [];
    return records;
  }

  /** Forgets the records not consumed yet. */
  clear(): void {
    this.#records = [];
  }

  /** Stops recording; what was recorded stays. */
  stop(): void {
    this.#stop?.();
    this.#stop = undefined;
  }

  /** Removes the records at these indexes (of `records`): a matcher consumed them. @internal */
  consume(indexes: readonly number[]): void {
    const gone = new Set(indexes);
    this.#records = this.#records.filter((_, index) => !gone.has(index));
  }
}

/** A table (its enabled stream) or a stream. */
export type Recordable = Table | Stream;

/**
 * Starts recording a table's stream records (or a stream's) from now on. A table without an enabled stream is a
 * TypeError: it has nothing to record.
 */
export function recordStream(source: Recordable): StreamRecorder {
  if (isStream(source)) return new StreamRecorder(source);
  const stream = (source as Partial<Table> | undefined)?.stream;
  if (stream === undefined) {
    const name = (source as Partial<Table> | undefined)?.name;
    throw new TypeError(
      typeof name === 'string'
        ? `Table '${name}' has no enabled stream to record`
        : 'recordStream needs a table with a stream, or a stream',
    );
  }
  return new StreamRecorder(stream);
}

/** A Stream, told by its methods rather than `instanceof`, so that a copy of the class from another build passes. */
export function isStream(value: unknown): value is Stream {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Stream>).getRecords === 'function' &&
    typeof (value as Partial<Stream>).describeStream === 'function'
  );
}

/** A StreamRecorder, told by its methods, as a Stream is. */
export function isRecorder(value: unknown): value is StreamRecorder {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<StreamRecorder>).consume === 'function' &&
    typeof (value as Partial<StreamRecorder>).take === 'function' &&
    Array.isArray((value as Partial<StreamRecorder>).records)
  );
}
