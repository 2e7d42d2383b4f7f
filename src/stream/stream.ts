import type { Clock } from '../clock/clock.js';
import type { SeededRandom } from '../model/seeded-random.js';
import { ResourceNotFoundException, ValidationException } from '../errors.js';
import type { AttributeMap } from '../model/attribute-value.js';
import { keyAttributesSize, keySchemaElements, type KeySchema } from '../model/key-schema.js';
import type { EventIdKey } from './event-id.js';
import { midpoint } from './hash-range.js';
import type { Hasher } from './hasher.js';
import type { IteratorCodec, IteratorPosition } from './iterator-token.js';
import { includesNewImage, includesOldImage, toRecord, type RecordContext } from './record-view.js';
import { parseSequenceNumber, type SequenceCounter } from './sequence-number.js';
import { INSERT, MODIFY, REMOVE, SERVICE_REMOVE, type EventKind, type StreamShard } from './shard.js';
import { hasWritePolicies } from './write-policies.js';
import { toShardShape } from './shard-listing.js';
import type { RegistryFootprint, ShardRegistry } from './shard-registry.js';
import type { RoutingTable } from './routing-table.js';
import { ShardLayout } from './shard-layout.js';
import { StreamReads } from './stream-reads.js';
import { trimShardsNow } from './retention-trim.js';
import * as picture from './picture/index.js';
import { showValue } from '../model/show-value.js';
import { constraintViolation } from '../validation/validation-error.js';
import { EventHub, type Unsubscribe } from '../events/event-hub.js';
import { STREAM_EVENT_NAMES, type StreamEventName, type StreamEvents } from './stream-events.js';
import type { ResolvedStreamOptions } from './stream-options.js';
import { GET_RECORDS_LIMIT, checkDescribeRequest, checkIteratorRequest, checkLimit } from './stream-requests.js';
import type {
  DescribeStreamInput,
  DescribeStreamOutput,
  GetRecordsInput,
  GetRecordsOutput,
  GetShardIteratorInput,
  GetShardIteratorOutput,
  ShardInfo,
  StreamStatus,
  StreamViewType,
} from './types.js';

// The Database checks requests before it looks a stream up.
export { checkDescribeRequest, checkIteratorRequest, checkLimit } from './stream-requests.js';

/** What a Stream borrows from its Database. */
export interface StreamEnvironment {
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly hasher: Hasher;
  readonly counter: SequenceCounter;
  readonly iterators: IteratorCodec;
  readonly region: string;
  readonly events: EventHub<StreamEvents>;
}

export interface StreamInit {
  readonly arn: string;
  readonly label: string;
  readonly tableName: string;
  readonly keySchema: KeySchema;
  readonly viewType: StreamViewType;
  readonly options: ResolvedStreamOptions;
}

/**
 * A DynamoDB stream: hash-range shards over the table's partition keys, their lineage, retention, and the
 * Streams API reads (DescribeStream, GetShardIterator, GetRecords; ListStreams is the Database's). The table
 * calls `append` after each change; the shards over time are `ShardLayout`'s, the iterator reads `StreamReads`'.
 */
export class Stream {
  readonly arn: string;
  readonly label: string;
  readonly tableName: string;
  readonly viewType: StreamViewType;
  readonly keySchema: KeySchema;
  readonly createdAt: number;
  readonly options: ResolvedStreamOptions;

  readonly #env: StreamEnvironment;
  readonly #events: EventHub<StreamEvents>;
  readonly #context: RecordContext;
  readonly #layout: ShardLayout;
  readonly #shards: ShardRegistry;
  readonly #routing: RoutingTable;
  readonly #reads: StreamReads;
  /** Per event kind (INSERT, MODIFY, REMOVE, SERVICE_REMOVE): whether records carry NewImage / OldImage under the view type. */
  readonly #withNew: readonly boolean[];
  readonly #withOld: readonly boolean[];
  /** Whether any write policy (split on write rate, records or bytes per shard) is on: if not, a write skips them. */
  readonly #writePolicies: boolean;

  constructor(env: StreamEnvironment, init: StreamInit, onExpired: (stream: Stream) => void) {
    this.#env = env;
    this.#events = new EventHub(STREAM_EVENT_NAMES, env.events);
    this.arn = init.arn;
    this.label = init.label;
    this.tableName = init.tableName;
    this.viewType = init.viewType;
    this.keySchema = init.keySchema;
    this.options = init.options;
    this.#withNew = [INSERT, MODIFY, REMOVE, SERVICE_REMOVE].map((kind) => includesNewImage(init.viewType, kind));
    this.#withOld = [INSERT, MODIFY, REMOVE, SERVICE_REMOVE].map((kind) => includesOldImage(init.viewType, kind));
    this.#writePolicies = hasWritePolicies(init.options);
    this.createdAt = env.clock.now();
    // Drawn before the first shard IDs: the Database's seed fixes both, in this order.
    const eventIdKey = Array.from({ length: 4 }, () => env.random.nextUint32()) as unknown as EventIdKey;
    this.#context = { region: env.region, viewType: init.viewType, keySchema: init.keySchema, eventIdKey };
    const layoutInit = {
      arn: this.arn,
      keySchema: this.keySchema,
      options: this.options,
      events: this.#events,
      createdAt: this.createdAt,
    };
    this.#layout = new ShardLayout(env, layoutInit, () => {
      if (this.#events.wants('streamExpired'))
        this.#events.emit('streamExpired', { streamArn: this.arn, tableName: this.tableName });
      onExpired(this);
    });
    this.#shards = this.#layout.shards;
    this.#routing = this.#layout.routing;
    const { counter, iterators } = env;
    this.#reads = new StreamReads({
      arn: this.arn,
      shards: this.#shards,
      counter,
      iterators,
      context: this.#context,
      options: this.options,
    });
  }

  /** The clock the stream runs on (the Database's). */
  get clock(): Clock {
    return this.#env.clock;
  }

  /** ENABLED, or DISABLED once the table's stream was turned off or the table deleted. */
  get status(): StreamStatus {
    this.#sweep();
    return this.#layout.status;
  }

  /** True once a disabled stream's retention has passed: it no longer exists for the API. */
  get expired(): boolean {
    this.#sweep();
    return this.#layout.expired;
  }

  // ---------------------------------------------------------------- events

  on<E extends StreamEventName>(event: E, listener: (payload: StreamEvents[E]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  off<E extends StreamEventName>(event: E, listener: (payload: StreamEvents[E]) => void): void {
    this.#events.off(event, listener);
  }

  // ---------------------------------------------------------------- writes (called by the table)

  /**
   * Appends the record for one item change; after validation in the table, this cannot fail. `newSize` and
   * `oldSize` are the images' item sizes; the partition key is read only to route between several open shards.
   * @internal
   */
  append(
    kind: EventKind,
    newItem: AttributeMap | undefined,
    oldItem: AttributeMap | undefined,
    newSize: number,
    oldSize: number,
    keySize: number | undefined,
  ): void {
    const now = this.#env.clock.now();
    const layout = this.#layout;
    layout.sweep(now);
    if (layout.status !== 'ENABLED') return;
    const keySource = (newItem ?? oldItem) as AttributeMap;
    const shard = this.#routing.route(keySource);
    shard.trimToRetention(now, this.options.retentionMs);
    const withNew = this.#withNew[kind] as boolean;
    const withOld = this.#withOld[kind] as boolean;
    // AWS SizeBytes = size(Keys) + size(NewImage, if present) + size(OldImage, if present).
    const size =
      (keySize ?? keyAttributesSize(this.keySchema, keySource)) + (withNew ? newSize : 0) + (withOld ? oldSize : 0);
    const seq = this.#env.counter.take();
    shard.append(seq, now, kind, size, keySource, withNew ? newItem : undefined, withOld ? oldItem : undefined);
    if (this.#events.wants('record')) {
      const record = toRecord(this.#context, shard.log, shard.log.end - 1);
      this.#events.emit('record', { streamArn: this.arn, tableName: this.tableName, shardId: shard.id, record });
    }
    if (this.#writePolicies) layout.applyWritePolicies(shard, now);
  }

  /** Closes every open shard; the stream stays readable, DISABLED, for the retention period. @internal */
  disable(): void {
    const now = this.#env.clock.now();
    this.#layout.sweep(now);
    if (!this.#layout.disable(now)) return;
    if (this.#events.wants('streamStatus')) {
      this.#events.emit('streamStatus', { streamArn: this.arn, tableName: this.tableName, status: 'DISABLED' });
    }
  }

  /** Stops the stream's clock timer (the Database calls this when it closes). @internal */
  dispose(): void {
    this.#layout.dispose();
  }

  // ---------------------------------------------------------------- shard topology

  /** Every live shard with its lineage and hash range (shardline's view; AWS's is `describeStream`). */
  listShards(): ShardInfo[] {
    const now = this.#sweep();
    // Trimming is lazy (on reads and writes of a shard): trim here too, so `retainedRecords` counts only
    // records that are still readable.
    return [...this.#shards.live.values()].map((shard) => {
      shard.trimToRetention(now, this.options.retentionMs);
      return shard.info();
    });
  }

  /**
   * Splits an open shard: it closes, and two children cover [start, at-1] and [at, end]. `at` defaults to
   * the middle of the range.
   */
  splitShard(shardId: string, at?: bigint): [ShardInfo, ShardInfo] {
    const now = this.#sweep();
    const shard = this.#layout.openShardById(shardId);
    const splitAt = at ?? midpoint(shard.range);
    if (typeof splitAt !== 'bigint' || splitAt <= shard.range.start || splitAt > shard.range.end) {
      throw new ValidationException(
        `Invalid split point ${showValue(splitAt)}: it must be a bigint in (${shard.range.start}, ${shard.range.end}] so both children get part of the range`,
      );
    }
    const [low, high] = this.#layout.split(shard, splitAt, now);
    return [low.info(), high.info()];
  }

  /** Merges two adjacent open shards into one child that covers both ranges. */
  mergeShards(shardId: string, adjacentShardId: string): ShardInfo {
    const now = this.#sweep();
    const a = this.#layout.openShardById(shardId);
    const b = this.#layout.openShardById(adjacentShardId);
    const [low, high] = a.range.start < b.range.start ? [a, b] : [b, a];
    if (low === high || low.range.end + 1n !== high.range.start) {
      throw new ValidationException(
        `Shards ${shardId} and ${adjacentShardId} are not adjacent: only adjacent open shards can be merged`,
      );
    }
    return this.#layout.merge(low, high, now).info();
  }

  /** Closes an open shard and opens one child over the same range (what AWS does every ~4 hours). */
  rolloverShard(shardId: string): ShardInfo {
    const now = this.#sweep();
    return this.#layout.rollover(this.#layout.openShardById(shardId), now).info();
  }

  /** Trims every live shard to the retention period now (reads trim lazily); returns the records dropped. */
  trimNow(): number {
    return trimShardsNow(this.#shards.live.values(), this.#sweep(), this.options.retentionMs);
  }

  /** Every shard the stream knows over time (expired ones while it remembers them): docs/shard-picture.md. */
  shardHistory(): picture.ShardHistory {
    return picture.buildShardHistory(this, this.#sweep(), this.#shards);
  }
  /** The shard history as an SVG: time across, hash range down, lineage links, the trim horizon, record counts. */
  toSvg(options?: picture.SvgOptions): string {
    return picture.renderHistorySvg(this.shardHistory(), options);
  }
  /** The shard history as text for a terminal (the same picture in characters, and a table of the shards). */
  toText(options?: picture.TextOptions): string {
    return picture.renderHistoryText(this.shardHistory(), options);
  }

  /**
   * One shard's lineage and state, in O(1): a live shard, or (with `expired: true`) one that has expired.
   * Unknown shard: undefined.
   */
  shardInfo(shardId: string): (ShardInfo & { expired: boolean }) | undefined {
    this.#sweep();
    const live = this.#shards.live.get(shardId);
    if (live !== undefined) return { ...live.info(), expired: false };
    const expired = this.#shards.expired.get(shardId);
    return expired === undefined ? undefined : { ...expired.info(), expired: true };
  }

  /**
   * Records of a shard trimmed (or expired with it) after a sequence number, or in all: what a reader behind
   * the trim horizon lost. Undefined when not known: an unknown or forgotten shard, or a position among
   * trimmed records whose numbers were forgotten (see shard.ts).
   */
  countTrimmedAfter(shardId: string, sequenceNumber?: string): number | undefined {
    const now = this.#sweep();
    const shard = this.#shards.find(shardId);
    if (shard === undefined) return undefined;
    shard.trimToRetention(now, this.options.retentionMs);
    return shard.trimmedAfter(sequenceNumber === undefined ? -1 : parseSequenceNumber(sequenceNumber));
  }

  /**
   * Every remembered child of a shard, expired ones too (CHILD_SHARDS lists live ones only): readers find
   * and count through it what expired unread below a shard they read. Unknown shard: undefined.
   */
  childShardIds(shardId: string): string[] | undefined {
    this.#sweep();
    const children = this.#shards.children(shardId);
    // A forgotten shard's children that are still remembered are still named: a reader that held the forgotten
    // shard reaches them through it, even once the stream is gone and no listing leads to them.
    if (!this.#shards.has(shardId)) return children?.map((child) => child.id);
    return (children ?? []).map((child) => child.id);
  }

  /**
   * For tests that need the stream to forget within a few operations: how many expired shards it keeps once
   * they expired over a retention period ago (REMEMBERED_EXPIRED_SHARDS by default). Takes effect at the next
   * expiry. @internal
   */
  rememberExpiredShards(count: number): void {
    if (!Number.isInteger(count) || count < 0)
      throw new RangeError(`count must be an integer >= 0, got ${String(count)}`);
    this.#shards.rememberExpired(count);
  }

  /**
   * The sizes of what the stream holds beside its records, for tests that check it stays bounded over a long
   * run (structure sizes, not heap, so the check is deterministic). @internal
   */
  footprint(): RegistryFootprint & { dueActions: number } {
    this.#sweep();
    return { ...this.#shards.footprint(), dueActions: this.#layout.dueActions };
  }

  // ---------------------------------------------------------------- Streams API

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html */
  describeStream(input: DescribeStreamInput = {}): DescribeStreamOutput {
    this.#assertExists(this.#env.clock.now());
    const limit = checkDescribeRequest(input);
    const start = input.ExclusiveStartShardId;
    const filter = input.ShardFilter;
    if (filter !== undefined && filter !== null && filter.Type !== 'CHILD_SHARDS') {
      throw constraintViolation(filter.Type, 'shardFilter.type', 'satisfy enum value set: [CHILD_SHARDS]');
    }
    const noFilter = filter === undefined || filter === null;
    const { page, more } = noFilter
      ? this.#shards.listing.page(start, limit)
      : this.#shards.livePageOfChildren(filter.ShardId, start, limit);
    const description: DescribeStreamOutput['StreamDescription'] = {
      StreamArn: this.arn,
      StreamLabel: this.label,
      StreamStatus: this.#layout.status,
      StreamViewType: this.viewType,
      CreationRequestDateTime: new Date(this.createdAt),
      TableName: this.tableName,
      KeySchema: keySchemaElements(this.keySchema),
      Shards: page.map(toShardShape),
    };
    if (more) description.LastEvaluatedShardId = (page[page.length - 1] as StreamShard).id;
    return { StreamDescription: description };
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html */
  getShardIterator(input: GetShardIteratorInput): GetShardIteratorOutput {
    const now = this.#env.clock.now();
    this.#assertExists(now);
    const { type, parsed } = checkIteratorRequest(input);
    return this.#reads.issueIterator(input.ShardId, type, parsed, now);
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html */
  getRecords(input: GetRecordsInput): GetRecordsOutput {
    const now = this.#env.clock.now();
    const at = this.#env.iterators.decode(input?.ShardIterator);
    if (at.streamArn !== this.arn) throw new ValidationException('Invalid ShardIterator');
    return this.getRecordsFrom(at, input.Limit, now);
  }

  /** GetRecords from an iterator already decoded (the Database routes by the iterator's stream ARN). @internal */
  getRecordsFrom(
    iterator: IteratorPosition,
    limitInput: number | undefined,
    now = this.#env.clock.now(),
  ): GetRecordsOutput {
    const limit = checkLimit(limitInput, GET_RECORDS_LIMIT);
    this.#assertExists(now);
    return this.#reads.readRecords(iterator, limit, now);
  }

  // ---------------------------------------------------------------- internals

  /** Brings the layout up to now (due rollovers and expiries); returns now. */
  #sweep(): number {
    const now = this.#env.clock.now();
    this.#layout.sweep(now);
    return now;
  }

  #assertExists(now: number): void {
    this.#layout.sweep(now);
    if (this.#layout.expired)
      throw new ResourceNotFoundException(`Requested resource not found: Stream: ${this.arn} not found`);
  }
}
