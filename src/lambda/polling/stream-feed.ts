import type { StreamReader, ReaderBatch } from '../../reader/stream-reader.js';
import type { DescribeStreamOutput } from '../../stream/types.js';
import { isPromise } from '../../model/is-promise.js';
import type { Lane } from '../lanes/lane.js';
import { laneOf, partitionKeyOf, partitionKeyText } from '../lanes/lane-assignment.js';
import { intoLambdaRecord, type LambdaRecord } from '../invocation/lambda-event.js';
import type { MappingContext } from '../mapping/mapping-context.js';
import type { ShardWorkers } from '../lanes/shard-workers.js';
import type { ShardWorker } from '../lanes/shard-worker.js';

/** What the mapping does when the feed has news. */
export interface FeedHooks {
  /** A synchronous read handed over a shard's records: run the shard if it may run. */
  onBatch(worker: ShardWorker): void;
  /** A background read answered (its records are queued): run the lanes, and read again if it found records. */
  afterRead(): void;
  /** A background DescribeStream answered: `described`, read at once; else wait for the next poll to ask again. */
  afterDescribe(described: boolean): void;
}

/**
 * The mapping's reading side: a `StreamReader`'s records, noted for the checkpoint, converted, filtered and
 * queued in their partition key's lane. A synchronous source (the embedded stream) is read inline; one that
 * answers with promises (an AWS SDK source) in the background, one read at a time.
 */
export class StreamFeed {
  readonly reader: StreamReader;
  /** The source answers with promises: reads run in the background, one at a time. */
  readonly async: boolean;
  /** Records may have been appended, or shards started or finished, since the last read that found nothing. */
  sourceDirty = true;
  readonly #context: MappingContext;
  readonly #shards: ShardWorkers;
  readonly #filter: ((record: LambdaRecord) => boolean) | undefined;
  readonly #hooks: FeedHooks;
  /** The stream's partition key attribute (undefined until an asynchronous source has described the stream). */
  #partitionKey: string | undefined;
  #fetching = false;
  /** The last background read found records (or shards started or ended): read again without waiting for a poll. */
  #moreToRead = false;
  /** Reads started so far, and the last one that found nothing new (for sources that cannot say when records arrive). */
  #readsStarted = 0;
  #lastEmptyRead = -1;
  #pending = 0;
  #settledCount = 0;

  constructor(
    reader: StreamReader,
    context: MappingContext,
    shards: ShardWorkers,
    filter: ((record: LambdaRecord) => boolean) | undefined,
    hooks: FeedHooks,
  ) {
    this.reader = reader;
    this.#context = context;
    this.#shards = shards;
    this.#filter = filter;
    this.#hooks = hooks;
    const description = reader.source.describeStream({ Limit: 1 });
    this.async = isPromise(description);
    if (isPromise(description)) this.#describeAsync(description);
    else this.#partitionKey = partitionKeyOf(description);
    reader.on('shardStarted', ({ shardId, parentShardIds }) => {
      shards.worker(shardId, parentShardIds);
      this.sourceDirty = true;
    });
    reader.on('shardFinished', ({ shardId }) => {
      const worker = shards.get(shardId);
      if (worker !== undefined) worker.readDone = true;
      this.sourceDirty = true;
    });
    reader.on('trimmed', ({ shardId, lostRecords }) => {
      context.history.counts.lostToTrim += lostRecords ?? 0;
      context.history.emit('trimmed', { shardId, lostRecords });
    });
  }

  /** Background reads (or DescribeStream calls) not answered yet. */
  get pending(): number {
    return this.#pending;
  }

  /** Background reads (and DescribeStream calls) answered so far (so a wait can tell progress from none). */
  get settledCount(): number {
    return this.#settledCount;
  }

  /** The last background read found something: read again without waiting for the next poll. */
  get moreToRead(): boolean {
    return this.#moreToRead;
  }

  /** Reads started so far. */
  get readsStarted(): number {
    return this.#readsStarted;
  }

  /** Whether a read started after read number `since` found nothing new. */
  foundNothingSince(since: number): boolean {
    return this.#lastEmptyRead > since;
  }

  /**
   * Reads everything readable now (`drainEach`: each batch handed over as it is read, so a backlog never sits
   * in memory whole), handing each batch's shard to `onBatch` as its records arrive. False when it read
   * nothing and no shard started or finished. An asynchronous source is not read here (see `fetchAsync`).
   */
  fetch(): boolean {
    if (this.async) return false;
    const read = ++this.#readsStarted;
    this.sourceDirty = false;
    let batches = 0;
    this.reader.drainEach((batch) => {
      batches++;
      this.#hooks.onBatch(this.#distribute(batch));
    });
    const changed = this.sourceDirty;
    if (batches === 0 && !changed) this.#lastEmptyRead = read;
    return batches > 0 || changed;
  }

  /** A read of an asynchronous source, in the background; its batches are queued when it answers. */
  fetchAsync(): void {
    if (this.#fetching) return;
    if (this.#partitionKey === undefined) {
      this.#describeAsync(Promise.resolve().then(() => this.reader.source.describeStream({ Limit: 1 })));
      return;
    }
    const read = ++this.#readsStarted;
    this.#fetching = true;
    this.#pending++;
    this.sourceDirty = false;
    this.#moreToRead = false;
    this.reader
      .pollAsync()
      .then(
        (batches) => {
          if (this.#context.state === 'Deleting') return;
          for (const batch of batches) this.#distribute(batch);
          this.#moreToRead = batches.length > 0 || this.sourceDirty;
          if (!this.#moreToRead) this.#lastEmptyRead = read;
        },
        (error: unknown) => {
          // A read that failed (throttled, the network) is tried again at the next poll.
          this.#context.history.emit('pollError', { error });
        },
      )
      .finally(() => {
        this.#fetching = false;
        this.#pending--;
        this.#settledCount++;
        this.sourceDirty = this.#moreToRead;
        this.#hooks.afterRead();
      });
  }

  /** Learns the partition key from an asynchronous source's DescribeStream (again at the next poll if it fails). */
  #describeAsync(description: Promise<DescribeStreamOutput>): void {
    this.#fetching = true;
    this.#pending++;
    description
      .then(
        (output) => {
          this.#partitionKey = partitionKeyOf(output);
        },
        (error: unknown) => this.#context.history.emit('pollError', { error }),
      )
      .finally(() => {
        this.#fetching = false;
        this.#pending--;
        this.#settledCount++;
        this.sourceDirty = true;
        this.#hooks.afterDescribe(this.#partitionKey !== undefined);
      });
  }

  #distribute(batch: ReaderBatch): ShardWorker {
    const worker = this.#shards.get(batch.shardId) ?? this.#shards.worker(batch.shardId, []);
    const lanes = worker.lanes;
    const laneCount = lanes.length;
    const eventSourceArn = this.#context.eventSourceArn;
    for (const record of batch.records) {
      worker.noteRead(record.dynamodb.SequenceNumber);
      // The reader's records are fresh envelopes nobody else holds: converted in place.
      const partitionKey = laneCount === 1 ? undefined : record.dynamodb.Keys[this.#partitionKey as string];
      const lambdaRecord = intoLambdaRecord(record, eventSourceArn);
      if (this.#filter !== undefined && !this.#filter(lambdaRecord)) {
        // AWS: "the streams iterator advances past this record": skipped, never retried.
        this.#context.history.counts.recordsFiltered++;
        continue;
      }
      const lane =
        laneCount === 1 ? (lanes[0] as Lane) : (lanes[laneOf(partitionKeyText(partitionKey), laneCount)] as Lane);
      lane.push(lambdaRecord);
    }
    return worker;
  }
}
