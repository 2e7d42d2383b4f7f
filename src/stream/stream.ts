import type { Clock, TimerHandle } from '../clock/clock.js';
import type { SeededRandom } from '../clock/seeded-random.js';
import {
  ResourceNotFoundException,
  TrimmedDataAccessException,
  ExpiredIteratorException,
  ValidationException,
} from '../errors.js';
import type { AttributeMap } from '../model/attribute-value.js';
import { utf8Length, valueSize } from '../model/item-size.js';
import { getAttribute } from '../model/attribute-value.js';
import type { KeySchema, KeySchemaElement } from '../model/key-schema.js';
import { DueQueue } from './due-queue.js';
import type { EventIdKey } from './event-id.js';
import { equalRanges, midpoint, type HashRange } from './hash-range.js';
import type { Hasher } from './hasher.js';
import type { IteratorCodec } from './iterator-token.js';
import { includesNewImage, includesOldImage, toRecord, type RecordContext } from './record-view.js';
import { parseSequenceNumber, type SequenceCounter } from './sequence-number.js';
import { Shard, INSERT, MODIFY, REMOVE, type EventKind } from './shard.js';
import { newShardId } from './shard-id.js';
import { hasWritePolicies, needsReshard } from './write-policies.js';
import { toShardShape } from './shard-listing.js';
import { ShardRegistry } from './shard-registry.js';
import { RoutingTable } from './routing-table.js';
import { showValue } from '../model/show-value.js';
import { constraintViolation } from '../validation/validation-error.js';
import { EventHub, type Unsubscribe } from '../events/event-hub.js';
import { STREAM_EVENT_NAMES, type StreamEventName, type StreamEvents } from './stream-events.js';
import type { ResolvedStreamOptions } from './stream-options.js';
import { GET_RECORDS_LIMIT, checkDescribeRequest, checkIteratorRequest, checkLimit } from './stream-requests.js';
import type {
  DescribeStreamInput,
  DescribeStreamOutput,
  DynamoDBRecord,
  GetRecordsInput,
  GetRecordsOutput,
  GetShardIteratorInput,
  GetShardIteratorOutput,
  ShardCloseReason,
  ShardInfo,
  ShardOrigin,
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

// AWS: at most 1 MB per GetRecords call.
const MAX_GET_RECORDS_BYTES = 1024 * 1024;
type DueAction =
  | { kind: 'rollover'; shard: Shard }
  | { kind: 'expire-shard'; shard: Shard }
  | { kind: 'forget-trimmed'; shard: Shard }
  | { kind: 'expire-stream' };

/**
 * A DynamoDB stream: hash-range shards over the table's partition keys, their lineage, retention, and the
 * four Streams API reads (DescribeStream, GetShardIterator, GetRecords; ListStreams is the Database's).
 * Knows nothing of tables: the table calls `append` after each change.
 *
 * Time-driven behaviour (rollover, shard expiry, the stream's own expiry once disabled) is queued by due time
 * and replayed in order whenever the stream is touched or its clock timer fires, so a clock that jumps 25
 * hours sees every intermediate shard open and close at the moment it would have.
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
  #status: StreamStatus = 'ENABLED';
  #expired = false;
  readonly #shards: ShardRegistry;
  readonly #routing: RoutingTable;
  readonly #due = new DueQueue<DueAction>();
  #timer: TimerHandle | undefined;
  #timerAt = Number.POSITIVE_INFINITY;
  readonly #onExpired: (stream: Stream) => void;
  /** Per event kind (INSERT, MODIFY, REMOVE): whether records carry NewImage / OldImage under the view type. */
  readonly #withNew: readonly boolean[];
  readonly #withOld: readonly boolean[];
  /** Whether any write policy (split on write rate, records or bytes per shard) is on: if not, a write skips them. */
  readonly #writePolicies: boolean;

  constructor(env: StreamEnvironment, init: StreamInit, onExpired: (stream: Stream) => void) {
    this.#env = env;
    this.#events = new EventHub(STREAM_EVENT_NAMES, env.events);
    this.#onExpired = onExpired;
    this.arn = init.arn;
    this.label = init.label;
    this.tableName = init.tableName;
    this.viewType = init.viewType;
    this.keySchema = init.keySchema;
    this.options = init.options;
    this.#withNew = [INSERT, MODIFY, REMOVE].map((kind) => includesNewImage(init.viewType, kind));
    this.#withOld = [INSERT, MODIFY, REMOVE].map((kind) => includesOldImage(init.viewType, kind));
    this.#writePolicies = hasWritePolicies(init.options);
    this.createdAt = env.clock.now();
    this.#shards = new ShardRegistry(this.createdAt, init.options.retentionMs);
    const key = [env.random.nextUint32(), env.random.nextUint32(), env.random.nextUint32(), env.random.nextUint32()] as const;
    this.#context = { region: env.region, viewType: init.viewType, keySchema: init.keySchema, eventIdKey: key as EventIdKey };
    this.#routing = new RoutingTable(init.keySchema, env.hasher);
    // equalRanges are in hash order.
    this.#routing.reset(equalRanges(init.options.initialShards).map((range) => this.#openShard(range, [], 'stream-created', this.createdAt)));
    this.#armTimer();
  }

  /** The clock the stream runs on (the Database's). */
  get clock(): Clock {
    return this.#env.clock;
  }

  /** ENABLED, or DISABLED once the table's stream was turned off or the table deleted. */
  get status(): StreamStatus {
    this.#sweep();
    return this.#status;
  }

  /** True once a disabled stream's retention has passed: it no longer exists for the API. */
  get expired(): boolean {
    this.#sweep();
    return this.#expired;
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
   * Appends the record for one item change and returns nothing: after validation in the table, this cannot
   * fail. `newSize`/`oldSize` are the images' item sizes. The partition key is read from the item (the new
   * image, or the old one for a REMOVE) only when there is more than one open shard to route between.
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
    this.#sweep(now);
    if (this.#status !== 'ENABLED') return;
    const keySource = (newItem ?? oldItem) as AttributeMap;
    const shard = this.#routing.route(keySource);
    this.#trim(shard, now);
    const withNew = this.#withNew[kind] as boolean;
    const withOld = this.#withOld[kind] as boolean;
    // AWS SizeBytes = size(Keys) + size(NewImage, if present) + size(OldImage, if present).
    const size = (keySize ?? this.#keysSize(keySource)) + (withNew ? newSize : 0) + (withOld ? oldSize : 0);
    const seq = this.#env.counter.take();
    shard.append(seq, now, kind, size, keySource, withNew ? newItem : undefined, withOld ? oldItem : undefined);
    if (this.#events.wants('record')) {
      const record = toRecord(this.#context, shard.log, shard.log.end - 1);
      this.#events.emit('record', { streamArn: this.arn, tableName: this.tableName, shardId: shard.id, record });
    }
    if (this.#writePolicies) this.#applyWritePolicies(shard, now);
  }

  /** Closes every open shard; the stream stays readable, DISABLED, for the retention period. @internal */
  disable(): void {
    const now = this.#env.clock.now();
    this.#sweep(now);
    if (this.#status === 'DISABLED') return;
    for (const shard of this.#routing.shards) this.#closeShard(shard, now, 'stream-disabled');
    this.#routing.reset([]);
    this.#status = 'DISABLED';
    this.#due.push(now + this.options.retentionMs + 1, { kind: 'expire-stream' });
    this.#armTimer();
    if (this.#events.wants('streamStatus')) {
      this.#events.emit('streamStatus', { streamArn: this.arn, tableName: this.tableName, status: 'DISABLED' });
    }
  }

  /** Stops the stream's clock timer (the Database calls this when it closes). @internal */
  dispose(): void {
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  // ---------------------------------------------------------------- shard topology

  /** Every live shard with its lineage and hash range (shardline's view; AWS's is `describeStream`). */
  listShards(): ShardInfo[] {
    const now = this.#env.clock.now();
    this.#sweep(now);
    // Trimming is lazy (on reads and writes of a shard): trim here too, so `retainedRecords` counts only
    // records that are still readable.
    return [...this.#shards.live.values()].map((shard) => {
      this.#trim(shard, now);
      return shard.info();
    });
  }

  /**
   * Splits an open shard: it closes, and two children cover [start, at-1] and [at, end]. `at` defaults to
   * the middle of the range.
   */
  splitShard(shardId: string, at?: bigint): [ShardInfo, ShardInfo] {
    const now = this.#env.clock.now();
    this.#sweep(now);
    const shard = this.#openShardById(shardId);
    const splitAt = at ?? midpoint(shard.range);
    if (typeof splitAt !== 'bigint' || splitAt <= shard.range.start || splitAt > shard.range.end) {
      throw new ValidationException(
        `Invalid split point ${showValue(splitAt)}: it must be a bigint in (${shard.range.start}, ${shard.range.end}] so both children get part of the range`,
      );
    }
    const [low, high] = this.#split(shard, splitAt, now);
    return [low.info(), high.info()];
  }

  /** Merges two adjacent open shards into one child that covers both ranges. */
  mergeShards(shardId: string, adjacentShardId: string): ShardInfo {
    const now = this.#env.clock.now();
    this.#sweep(now);
    const a = this.#openShardById(shardId);
    const b = this.#openShardById(adjacentShardId);
    const [low, high] = a.range.start < b.range.start ? [a, b] : [b, a];
    if (low === high || low.range.end + 1n !== high.range.start) {
      throw new ValidationException(`Shards ${shardId} and ${adjacentShardId} are not adjacent: only adjacent open shards can be merged`);
    }
    this.#closeShard(low, now, 'merge');
    this.#closeShard(high, now, 'merge');
    const child = this.#openShard({ start: low.range.start, end: high.range.end }, [low.id, high.id], 'merge', now);
    this.#routing.replace(low, 2, [child]);
    this.#armTimer();
    return child.info();
  }

  /** Closes an open shard and opens one child over the same range (what AWS does every ~4 hours). */
  rolloverShard(shardId: string): ShardInfo {
    const now = this.#env.clock.now();
    this.#sweep(now);
    const shard = this.#openShardById(shardId);
    const child = this.#rollover(shard, now);
    this.#armTimer();
    return child.info();
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
   * How many records of a shard were trimmed (or expired with it) after the given sequence number; with no
   * sequence number, how many were trimmed in all. shardline's own: readers use it to report exactly what a
   * consumer lost when its position fell behind the trim horizon. Undefined when the answer is not known: an
   * unknown (or forgotten) shard, or a position among records whose sequence numbers are no longer kept (over
   * twice the retention old, and older than the 256 newest of those: see shard.ts).
   */
  countTrimmedAfter(shardId: string, sequenceNumber?: string): number | undefined {
    const now = this.#env.clock.now();
    this.#sweep(now);
    const shard = this.#shards.find(shardId);
    if (shard === undefined) return undefined;
    this.#trim(shard, now);
    return shard.trimmedAfter(sequenceNumber === undefined ? -1 : parseSequenceNumber(sequenceNumber));
  }

  /**
   * Every child a shard ever had, expired ones too, even once the stream is gone (DescribeStream's CHILD_SHARDS
   * lists live ones only): readers use it to find, and count, what expired unread below a shard they read.
   * A forgotten shard: the children the stream still remembers (forgotten ones are gone). Unknown shard:
   * undefined.
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
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be an integer >= 0, got ${String(count)}`);
    this.#shards.rememberExpired(count);
  }

  /**
   * The sizes of what the stream holds beside its records, for tests that check it stays bounded over a long
   * run (structure sizes, not heap, so the check is deterministic). @internal
   */
  footprint(): { liveShards: number; expiredShards: number; trimmedSequenceNumbers: number; childLists: number; listing: number; dueActions: number } {
    this.#sweep();
    let trimmedSequenceNumbers = 0;
    const { live, expired } = this.#shards;
    for (const shard of live.values()) trimmedSequenceNumbers += shard.trimmedHeld;
    for (const shard of expired.values()) trimmedSequenceNumbers += shard.trimmedHeld;
    return {
      liveShards: live.size,
      expiredShards: expired.size,
      trimmedSequenceNumbers,
      childLists: this.#shards.childLists,
      listing: this.#shards.listing.length,
      dueActions: this.#due.size,
    };
  }

  // ---------------------------------------------------------------- Streams API

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_DescribeStream.html */
  describeStream(input: DescribeStreamInput = {}): DescribeStreamOutput {
    this.#assertExists();
    const limit = checkDescribeRequest(input);
    const start = input.ExclusiveStartShardId;
    const filter = input.ShardFilter;
    let page: Shard[];
    let more: boolean;
    if (filter !== undefined && filter !== null) {
      if (filter.Type !== 'CHILD_SHARDS') {
        throw constraintViolation(filter.Type, 'shardFilter.type', 'satisfy enum value set: [CHILD_SHARDS]');
      }
      let shards = (this.#shards.children(filter.ShardId) ?? []).filter((shard) => this.#shards.live.get(shard.id) === shard);
      if (start !== undefined) shards = shards.filter(this.#shards.listing.isAfter(start));
      page = shards.slice(0, limit);
      more = shards.length > page.length;
    } else {
      ({ page, more } = this.#shards.listing.page(start, limit));
    }
    const description: DescribeStreamOutput['StreamDescription'] = {
      StreamArn: this.arn,
      StreamLabel: this.label,
      StreamStatus: this.#status,
      StreamViewType: this.viewType,
      CreationRequestDateTime: new Date(this.createdAt),
      TableName: this.tableName,
      KeySchema: this.#keySchemaElements(),
      Shards: page.map(toShardShape),
    };
    if (more) description.LastEvaluatedShardId = (page[page.length - 1] as Shard).id;
    return { StreamDescription: description };
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html */
  getShardIterator(input: GetShardIteratorInput): GetShardIteratorOutput {
    const now = this.#env.clock.now();
    this.#assertExists(now);
    const { type, parsed } = checkIteratorRequest(input);
    const shard = this.#shards.live.get(input.ShardId);
    if (shard === undefined) {
      if (this.#shards.isExpired(input.ShardId)) throw new TrimmedDataAccessException();
      throw new ResourceNotFoundException('Shard does not exist');
    }
    this.#trim(shard, now);
    let position: number;
    switch (type) {
      case 'TRIM_HORIZON':
        position = Math.max(shard.startSeq, shard.trimmedThrough + 1);
        break;
      case 'LATEST':
        // Just after the most recent record: the next record this shard can get, or past the end if closed.
        position = shard.isOpen ? this.#env.counter.peek() : (shard.endSeq as number) + 1;
        break;
      case 'AT_SEQUENCE_NUMBER':
      case 'AFTER_SEQUENCE_NUMBER': {
        // DynamoDB Local: a number below the shard's first one is "Invalid SequenceNumber for the shard";
        // one past the end is accepted and reads as empty.
        if (parsed < shard.startSeq) throw new ValidationException('Invalid SequenceNumber for the shard');
        position = type === 'AT_SEQUENCE_NUMBER' ? parsed : Math.min(parsed + 1, Number.MAX_SAFE_INTEGER);
        if (position <= shard.trimmedThrough) throw new TrimmedDataAccessException();
        break;
      }
    }
    return { ShardIterator: this.#env.iterators.encode({ streamArn: this.arn, shardId: shard.id, position, issuedAt: now }) };
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html */
  getRecords(input: GetRecordsInput): GetRecordsOutput {
    const now = this.#env.clock.now();
    const at = this.#env.iterators.decode(input?.ShardIterator);
    if (at.streamArn !== this.arn) throw new ValidationException('Invalid ShardIterator');
    return this.readAt(at.shardId, at.position, at.issuedAt, input.Limit, now);
  }

  /** GetRecords once the iterator is decoded (the Database routes by the iterator's stream ARN). @internal */
  readAt(shardId: string, position: number, issuedAt: number, limitInput: number | undefined, now = this.#env.clock.now()): GetRecordsOutput {
    const limit = checkLimit(limitInput, GET_RECORDS_LIMIT);
    this.#assertExists(now);
    // AWS: "A shard iterator expires 15 minutes after it is returned to the requester."
    if (now - issuedAt > this.options.iteratorLifetimeMs) throw new ExpiredIteratorException();
    const shard = this.#shards.live.get(shardId);
    if (shard === undefined) {
      if (this.#shards.isExpired(shardId)) throw new TrimmedDataAccessException();
      throw new ResourceNotFoundException('Invalid ShardId in ShardIterator');
    }
    this.#trim(shard, now);
    // The record the iterator points at was trimmed after the iterator was issued.
    if (position <= shard.trimmedThrough) throw new TrimmedDataAccessException();
    const records: DynamoDBRecord[] = [];
    const log = shard.log;
    const end = log.end;
    let index = log.indexOf(position);
    let bytes = 0;
    let next = position;
    while (index < end && records.length < limit) {
      const size = log.sizeAt(index);
      if (records.length > 0 && bytes + size > MAX_GET_RECORDS_BYTES) break;
      bytes += size;
      records.push(toRecord(this.#context, log, index));
      next = log.seqAt(index) + 1;
      index++;
    }
    const output: GetRecordsOutput = { Records: records };
    // AWS: NextShardIterator is null once "the shard has been closed and the requested iterator will not
    // return any more data"; DynamoDB Local leaves it out in the same call that returns the last records.
    const exhausted = !shard.isOpen && index >= end;
    if (!exhausted) {
      output.NextShardIterator = this.#env.iterators.encode({ streamArn: this.arn, shardId, position: next, issuedAt: now });
    }
    return output;
  }

  // ---------------------------------------------------------------- internals

  #assertExists(now = this.#env.clock.now()): void {
    this.#sweep(now);
    if (this.#expired) throw new ResourceNotFoundException(`Requested resource not found: Stream: ${this.arn} not found`);
  }

  #keySchemaElements(): KeySchemaElement[] {
    const elements: KeySchemaElement[] = [{ AttributeName: this.keySchema.partitionKey.name, KeyType: 'HASH' }];
    if (this.keySchema.sortKey !== undefined) elements.push({ AttributeName: this.keySchema.sortKey.name, KeyType: 'RANGE' });
    return elements;
  }

  #keysSize(item: AttributeMap): number {
    const { partitionKey, sortKey } = this.keySchema;
    let size = utf8Length(partitionKey.name) + valueSize(getAttribute(item, partitionKey.name) as never);
    if (sortKey !== undefined) size += utf8Length(sortKey.name) + valueSize(getAttribute(item, sortKey.name) as never);
    return size;
  }

  /** Trims a shard to the retention; the numbers of trimmed records over twice the retention old may be forgotten. */
  #trim(shard: Shard, now: number): void {
    const retention = this.options.retentionMs;
    shard.trim(now - retention, now - 2 * retention);
  }

  #openShardById(shardId: string): Shard {
    if (this.#status !== 'ENABLED') throw new ValidationException(`Stream ${this.arn} is ${this.#status}: its shards are closed`);
    const shard = this.#shards.live.get(shardId);
    if (shard === undefined) throw new ResourceNotFoundException('Shard does not exist');
    if (!shard.isOpen) throw new ValidationException(`Shard ${shardId} is closed: only open shards can be split, merged or rolled over`);
    return shard;
  }

  #openShard(range: HashRange, parents: string[], origin: ShardOrigin, at: number): Shard {
    const id = newShardId(at, this.#env.random, (candidate) => this.#shards.has(candidate));
    // StartingSequenceNumber is the next number to be issued: as DynamoDB Local, it equals the shard's first
    // record's number unless another shard writes first.
    const shard = new Shard({ id, order: this.#shards.nextOrder(), parentIds: parents, range, createdAt: at, origin, startSeq: this.#env.counter.peek() });
    this.#shards.add(shard);
    if (this.options.rolloverAfterMs !== undefined) this.#due.push(at + this.options.rolloverAfterMs, { kind: 'rollover', shard });
    if (this.#events.wants('shardOpened')) this.#events.emit('shardOpened', { streamArn: this.arn, shard: shard.info() });
    return shard;
  }

  #closeShard(shard: Shard, at: number, reason: ShardCloseReason): void {
    // A shard that closes empty takes a number of its own as its EndingSequenceNumber, so the number names
    // no record of another shard (sequence numbers are not dense; AWS says so).
    shard.close(at, shard.lastSeq === undefined ? this.#env.counter.take() : undefined);
    // A closed shard disappears once its newest record is past retention (or, if it never had one, once
    // its creation is).
    const expiresAt = Math.max(at, (shard.lastRecordAt ?? shard.createdAt) + this.options.retentionMs + 1);
    this.#due.push(expiresAt, { kind: 'expire-shard', shard });
    if (this.#events.wants('shardClosed')) this.#events.emit('shardClosed', { streamArn: this.arn, shard: shard.info(), reason });
  }

  #split(shard: Shard, at: bigint, now: number): [Shard, Shard] {
    this.#closeShard(shard, now, 'split');
    const low = this.#openShard({ start: shard.range.start, end: at - 1n }, [shard.id], 'split', now);
    const high = this.#openShard({ start: at, end: shard.range.end }, [shard.id], 'split', now);
    this.#routing.replace(shard, 1, [low, high]);
    this.#armTimer();
    return [low, high];
  }

  #rollover(shard: Shard, at: number): Shard {
    this.#closeShard(shard, at, 'rollover');
    const child = this.#openShard(shard.range, [shard.id], 'rollover', at);
    this.#routing.replace(shard, 1, [child]);
    return child;
  }

  /** Replaces a shard a write policy says is full: split in two, or rolled over if its range is one hash. */
  #applyWritePolicies(shard: Shard, now: number): void {
    if (!needsReshard(shard, this.options, now)) return;
    if (shard.range.end > shard.range.start) {
      this.#split(shard, midpoint(shard.range), now);
    } else {
      // A range of a single hash cannot split: close it and continue in a fresh shard.
      this.#rollover(shard, now);
      this.#armTimer();
    }
  }

  /** Replays every due rollover and expiry up to `now`, in time order. Cheap when nothing is due. */
  #sweep(now = this.#env.clock.now()): void {
    if (now < this.#due.nextAt) return;
    for (let due = this.#due.popDue(now); due !== undefined; due = this.#due.popDue(now)) {
      const action = due.value;
      switch (action.kind) {
        case 'rollover':
          // Stale when the shard closed early (split, merge, disable) or the stream was disabled.
          if (!action.shard.isOpen || this.#status !== 'ENABLED') break;
          this.#rollover(action.shard, due.at);
          break;
        case 'expire-shard':
          this.#shards.expire(action.shard, due.at);
          // Its records are all past retention now; a retention later, past twice the retention.
          this.#due.push(due.at + this.options.retentionMs, { kind: 'forget-trimmed', shard: action.shard });
          if (this.#events.wants('shardExpired')) this.#events.emit('shardExpired', { streamArn: this.arn, shardId: action.shard.id });
          break;
        case 'forget-trimmed':
          if (this.#shards.expired.get(action.shard.id) === action.shard) action.shard.forgetTrimmedBefore(due.at - 2 * this.options.retentionMs);
          break;
        case 'expire-stream':
          this.#expired = true;
          this.#due.clear();
          this.dispose();
          if (this.#events.wants('streamExpired')) this.#events.emit('streamExpired', { streamArn: this.arn, tableName: this.tableName });
          this.#onExpired(this);
          return;
      }
    }
    this.#armTimer();
  }

  /** Keeps one clock timer at the next due time, so events fire on time even when nobody calls the stream. */
  #armTimer(): void {
    const at = this.#due.nextAt;
    if (at === this.#timerAt) return;
    this.#timer?.cancel();
    this.#timerAt = at;
    this.#timer = Number.isFinite(at) ? this.#env.clock.schedule(at, () => {
      this.#timerAt = Number.POSITIVE_INFINITY;
      this.#timer = undefined;
      this.#sweep();
    }) : undefined;
  }
}
