/**
 * The sources the reader suites run over, with `describe.each`: the embedded stream, and the same stream read
 * through the real AWS SDK v3 DynamoDB Streams clients, wired in process to the database by createAwsHandler.
 * The database and the SDK source share one ManualClock, so iterator expiry, trimming and the reader's poll
 * waits all move together. Tests wait for what they need (ScheduleWatch), never a fixed number of turns.
 */
import {
  DescribeStreamCommand,
  DynamoDBStreams,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import { StreamReader, type Clock, type StreamReaderEvents, type StreamSource } from '../../src/index.js';
import { sdkStreamSource } from '../../src/public/reader.js';
import { embeddedSource } from '../../src/reader/index.js';
import { ids, type ReaderFixture } from '../reader/helpers.js';
import { clientConfig, sdkMode } from '../wire/helpers.js';

export interface SourceKind {
  name: string;
  /** Whether the source counts records lost to trimming (the embedded one can; over the wire nobody can). */
  countsLoss: boolean;
  make(fixture: ReaderFixture): StreamSource;
}

export const SOURCES: SourceKind[] = [
  { name: 'embeddedSource(stream)', countsLoss: true, make: ({ stream }) => embeddedSource(stream) },
  {
    name: 'sdkStreamSource(new DynamoDBStreams(...)) over createAwsHandler(db)',
    countsLoss: false,
    make: ({ db, clock, stream }) => sdkStreamSource(sdkMode(new DynamoDBStreams(clientConfig(db)), db), { streamArn: stream.arn, clock }),
  },
  {
    name: 'sdkStreamSource(new DynamoDBStreamsClient(...), { commands }) over createAwsHandler(db)',
    countsLoss: false,
    make: ({ db, clock, stream }) =>
      sdkStreamSource(sdkMode(new DynamoDBStreamsClient(clientConfig(db)), db), {
        streamArn: stream.arn,
        clock,
        commands: { DescribeStreamCommand, GetShardIteratorCommand, GetRecordsCommand },
      }),
  },
];

/** The reader's shardStarted / shardFinished events, as `+id` and `-id`. */
export function lifecycle(reader: StreamReader): string[] {
  const log: string[] = [];
  reader.on('shardStarted', ({ shardId }: StreamReaderEvents['shardStarted']) => log.push(`+${shardId}`));
  reader.on('shardFinished', ({ shardId }: StreamReaderEvents['shardFinished']) => log.push(`-${shardId}`));
  return log;
}

/**
 * A `for await` over the batches of a reader of `source` (its waits counted, `pollIntervalMs` 500, stopped by
 * `controller`), the ids of each batch's records collected into `seen`; `loop` settles when it ends.
 */
export function forAwaitLoop(source: StreamSource): { waits: ScheduleWatch; controller: AbortController; seen: string[]; loop: Promise<void> } {
  const waits = new ScheduleWatch();
  const reader = new StreamReader(waits.source(source), { pollIntervalMs: 500 });
  const controller = new AbortController();
  const seen: string[] = [];
  const loop = (async () => {
    for await (const batch of reader.batches({ signal: controller.signal })) seen.push(...ids(batch.records));
  })();
  return { waits, controller, seen, loop };
}

/** Each shard's status, by id. */
export function statuses(reader: StreamReader): Record<string, string> {
  return Object.fromEntries(reader.metrics().map((shard) => [shard.shardId, shard.status]));
}

/**
 * Counts the timers something schedules and lets a test wait for the n-th. A test that moves a ManualClock
 * must know the timer it means to fire is already scheduled; the number of event-loop turns an SDK round trip
 * takes to get there is not fixed (the client's first call reads its shared config files, which is real I/O
 * and slower under load), so waiting a fixed number of turns made tests flaky. This waits for the event.
 */
export class ScheduleWatch {
  #count = 0;
  #waiters: { count: number; resolve: () => void }[] = [];

  /** Timers scheduled so far. */
  get count(): number {
    return this.#count;
  }

  /** Resolves once `count` timers have been scheduled (at once if they already have). */
  reached(count: number): Promise<void> {
    if (this.#count >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  /** `clock`, with each schedule() counted (after the timer is registered, so it is there to be fired). */
  clock(clock: Clock): Clock {
    return {
      now: () => clock.now(),
      schedule: (atMs, callback) => {
        const timer = clock.schedule(atMs, callback);
        this.#scheduled();
        return timer;
      },
    };
  }

  /**
   * `source`, with each schedule() counted. The reader schedules on its source only to wait between empty
   * polls (sdkStreamSource's throttling backoff uses its own clock), so each count is the reader waiting.
   */
  source(source: StreamSource): StreamSource {
    const clock = this.clock({ now: () => source.now(), schedule: (atMs, callback) => source.schedule(atMs, callback) });
    return { ...source, schedule: (atMs, callback) => clock.schedule(atMs, callback) };
  }

  #scheduled(): void {
    this.#count++;
    const due = this.#waiters.filter((waiter) => waiter.count <= this.#count);
    this.#waiters = this.#waiters.filter((waiter) => waiter.count > this.#count);
    for (const waiter of due) waiter.resolve();
  }
}
