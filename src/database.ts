import { durationToMs, type Clock, type Duration, type TimerHandle } from './clock/clock.js';
import { checkDatabaseOptions, checkRequestMembers } from './database-options.js';
import { SystemClock } from './clock/system-clock.js';
import { randomSeed } from './clock/random-seed.js';
import { SeededRandom } from './model/seeded-random.js';
import { ResourceInUseException, ResourceNotFoundException, ValidationException } from './errors.js';
import { loadHasher, type Hasher } from './stream/hasher.js';
import { IteratorCodec } from './stream/iterator-token.js';
import { SequenceCounter } from './stream/sequence-number.js';
import type { Stream } from './stream/stream.js';
import { checkDescribeRequest, checkIteratorRequest } from './stream/stream-requests.js';
import { EventHub, type Unsubscribe } from './events/event-hub.js';
import { STREAM_EVENT_NAMES, type StreamEventName, type StreamEvents } from './stream/stream-events.js';
import type { StreamOptions } from './stream/stream-options.js';
import type {
  DescribeStreamInput,
  DescribeStreamOutput,
  GetRecordsInput,
  GetRecordsOutput,
  GetShardIteratorInput,
  GetShardIteratorOutput,
  ListStreamsInput,
  ListStreamsOutput,
  StreamViewType,
} from './stream/types.js';
import type {
  BatchWriteItemInput,
  BatchWriteItemOutput,
  DeleteItemInput,
  DeleteItemOutput,
  DocumentTransactItem,
  GetItemInput,
  GetItemOutput,
  PutItemInput,
  PutItemOutput,
  QueryInput,
  QueryOutput,
  ScanInput,
  ScanOutput,
  TransactGetItemsInput,
  TransactGetItemsOutput,
  TransactWriteItemsInput,
  TransactWriteItemsOutput,
  UpdateItemInput,
  UpdateItemOutput,
} from './table/item-operations.js';
import { transactItemsOf } from './table/document-style.js';
import {
  checkStreamSpecification,
  defineTable,
  type CreateTableInput,
  type StreamSpecification,
  type TableDescription,
  type UpdateTableInput,
} from './table/table-definition.js';
import { checkType } from './table/index-members.js';
import { planIndexUpdates } from './table/index-updates.js';
import { applyIndexChanges, checkNoIndexBeingCreated, type IndexBackfill } from './database/index-lifecycle.js';
import { Table, type TableHost } from './table/table.js';
import { batchWriteItem } from './database/batch-write.js';
import { StreamRegistry } from './database/stream-registry.js';
import { describeTable, type TableStreams } from './database/table-description.js';
import { TableRegistry, type ListTablesInput, type ListTablesOutput } from './database/table-registry.js';
import { transactWriteItems } from './database/transact-write.js';
import { transactGetItems } from './database/transact-get.js';
import { TimeToLiveUpdates } from './database/time-to-live-updates.js';
import type {
  DescribeTimeToLiveInput,
  DescribeTimeToLiveOutput,
  UpdateTimeToLiveInput,
  UpdateTimeToLiveOutput,
} from './table/time-to-live.js';
import { expiryDelayOf, type TimeToLiveOptions } from './database/expiry-delay.js';
import type { AttributeMap } from './model/attribute-value.js';

export type { ListTablesInput, ListTablesOutput } from './database/table-registry.js';

export interface DatabaseOptions {
  /** Where time comes from. Default: the system clock. Tests pass a `ManualClock`. */
  clock?: Clock;
  /** Seed for every generated id (shard ids, eventIDs, iterator keys). Default: a random seed, readable as `db.seed`. */
  seed?: number;
  /** Region in ARNs and records' `awsRegion`. Default `us-east-1`. */
  region?: string;
  /** Account in ARNs. Default `000000000000` (as DynamoDB Local). */
  accountId?: string;
  /** Defaults for every stream's options (tables may override with `streamOptions`). */
  streamDefaults?: StreamOptions;
  /**
   * How long a GSI that UpdateTable creates stays CREATING (read from the clock; it cannot be queried meanwhile).
   * Default 0: ACTIVE at once.
   */
  indexBackfillTime?: Duration;
  /**
   * Time to live: `delay`, when the TTL service deletes an expired item (`'immediate'`, a Duration after the expiry,
   * or `{ within: Duration }`, seeded random; default `{ within: { hours: 48 } }`, as AWS), and `transitionTime`,
   * how long UpdateTimeToLive's ENABLING/DISABLING lasts (default 0). docs/ttl.md.
   */
  timeToLive?: TimeToLiveOptions;
}

/**
 * One AWS account in one region: tables, their streams, the clock and the seed. Everything is in memory
 * and synchronous; `create` is async only because the xxhash wasm module loads once.
 */
export class Database {
  readonly clock: Clock;
  readonly seed: number;
  readonly region: string;
  readonly accountId: string;

  readonly #iterators: IteratorCodec;
  readonly #events = new EventHub<StreamEvents>(STREAM_EVENT_NAMES);
  readonly #tables = new TableRegistry();
  readonly #streams: StreamRegistry;
  readonly #host: TableHost;
  readonly #backfill: IndexBackfill;
  readonly #timeToLive: TimeToLiveUpdates;

  private constructor(options: DatabaseOptions, hasher: Hasher) {
    this.clock = options.clock ?? new SystemClock();
    this.seed = options.seed ?? randomSeed();
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    const random = new SeededRandom(this.seed);
    this.#iterators = new IteratorCodec(hasher, random.hex(16));
    this.#streams = new StreamRegistry(
      {
        clock: this.clock,
        random,
        hasher,
        counter: new SequenceCounter(),
        iterators: this.#iterators,
        region: this.region,
        events: this.#events,
      },
      this.accountId,
      options.streamDefaults ?? {},
    );
    this.#backfill = {
      clock: this.clock,
      backfillMs: options.indexBackfillTime === undefined ? 0 : durationToMs(options.indexBackfillTime),
      timers: new Set<TimerHandle>(),
    };
    this.#timeToLive = new TimeToLiveUpdates(
      this.clock,
      options.timeToLive?.transitionTime === undefined ? 0 : durationToMs(options.timeToLive.transitionTime),
    );
    this.#host = {
      describe: (table) => describeTable(table, this.#streams.of(table), this.region, this.accountId),
      assertLive: (table) => this.#tables.assertLive(table),
      expiry: {
        clock: this.clock,
        delayMs: expiryDelayOf(options.timeToLive, this.seed),
        timers: new Set(),
        closed: false,
      },
    };
  }

  /** A bad option (an unknown key, a value of the wrong type, a bad `streamDefaults`) is a ValidationException that names it. */
  static async create(options: DatabaseOptions = {}): Promise<Database> {
    checkDatabaseOptions(options);
    return new Database(options, await loadHasher());
  }

  /** Listen to every stream's events. Returns the unsubscribe function. */
  on<E extends StreamEventName>(event: E, listener: (payload: StreamEvents[E]) => void): Unsubscribe {
    return this.#events.on(event, listener);
  }

  off<E extends StreamEventName>(event: E, listener: (payload: StreamEvents[E]) => void): void {
    this.#events.off(event, listener);
  }

  /** Cancels the streams', the index backfills' and the TTL transitions' clock timers. The Database stays readable. */
  close(): void {
    this.#streams.close();
    this.#timeToLive.close();
    for (const timer of this.#backfill.timers) timer.cancel();
    this.#backfill.timers.clear();
    this.#host.expiry.closed = true;
    for (const timer of this.#host.expiry.timers) timer.cancel();
    this.#host.expiry.timers.clear();
  }

  /**
   * Deletes, in every table with TTL enabled, each item expired by now whatever the delay policy, as the TTL
   * service (REMOVE records with its userIdentity). Returns the deleted items of each table that lost any.
   */
  sweepExpiredItems(): { TableName: string; Items: AttributeMap[] }[] {
    const swept: { TableName: string; Items: AttributeMap[] }[] = [];
    for (const table of this.#tables.all()) {
      const items = table.sweepExpiredItems();
      if (items.length > 0) swept.push({ TableName: table.name, Items: items });
    }
    return swept;
  }

  // ------------------------------------------------------------------ tables

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html. Returns the table. */
  createTable(input: CreateTableInput): Table {
    if (input !== null && typeof input === 'object') checkRequestMembers('CreateTable', input);
    const definition = defineTable(input);
    if (this.#tables.has(definition.tableName)) throw new ResourceInUseException('Cannot create preexisting table');
    const streams: TableStreams = { current: undefined, latest: undefined };
    const table = new Table(this.#host, definition, this.clock.now(), streams);
    // Resolve stream options now, so bad options reject the CreateTable and change nothing.
    const viewType =
      input.StreamSpecification?.StreamEnabled === true ? input.StreamSpecification.StreamViewType : undefined;
    const options = this.#streams.resolveOptions(definition.streamOptions);
    this.#tables.add(table);
    this.#streams.track(table, streams);
    if (viewType !== undefined) this.#streams.enable(table, viewType, options);
    return table;
  }

  /** The table with this name (throws ValidationException for an invalid name, ResourceNotFoundException for an absent one). */
  table(name: string): Table {
    return this.#tables.get(name);
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html */
  describeTable(input: { TableName: string }): { Table: TableDescription } {
    return { Table: this.table(input?.TableName).describe() };
  }

  /**
   * Deletes a table. Its stream becomes DISABLED (open shards close) and stays readable for the retention
   * period, then disappears (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteTable.html).
   */
  deleteTable(input: { TableName: string }): { TableDescription: TableDescription } {
    const table = this.table(input?.TableName);
    checkNoIndexBeingCreated(table);
    // AWS answers DELETING (DynamoDB Local says ACTIVE); the table is gone as soon as this returns.
    const description: TableDescription = { ...table.describe(), TableStatus: 'DELETING' };
    this.#streams.forget(table);
    this.#timeToLive.forget(table);
    this.#tables.delete(table);
    table.clear();
    return { TableDescription: description };
  }

  /**
   * Enables or disables the table's stream, and creates, deletes or changes the throughput of GSIs
   * (`GlobalSecondaryIndexUpdates`, one Create or Delete per call). Disabling closes the stream's open shards; the
   * stream stays readable, DISABLED, for the retention period. Enabling again creates a new stream, with a new label
   * and ARN. A new GSI is filled from the table's items and is CREATING for `indexBackfillTime`.
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
   */
  updateTable(input: UpdateTableInput): { TableDescription: TableDescription } {
    if (input !== null && typeof input === 'object') checkRequestMembers('UpdateTable', input);
    const table = this.table(input?.TableName);
    const spec = input.StreamSpecification;
    const updates = input.GlobalSecondaryIndexUpdates;
    const hasSpec = spec !== undefined && spec !== null;
    if (updates !== undefined && updates !== null) checkType('List', updates);
    // AWS: an empty list alone is "nothing to update"; beside another change it is refused.
    if (!hasSpec && (updates === undefined || updates === null || updates.length === 0))
      throw new ValidationException('Nothing to update');
    if (updates?.length === 0)
      throw new ValidationException(
        'One or more parameter values were invalid: List of GlobalSecondaryIndexUpdates is empty',
      );
    // Every index change is checked before the stream changes, and the stream's checks come before its change.
    const changes =
      updates === undefined || updates === null
        ? []
        : planIndexUpdates(
            updates,
            input.AttributeDefinitions,
            { name: table.name, definition: table.definition, indexes: table.indexes.all() },
            hasSpec,
          );
    if (hasSpec) this.#updateStream(table, spec, input.streamOptions);
    return { TableDescription: applyIndexChanges(table, changes, this.#backfill) };
  }

  #updateStream(table: Table, spec: StreamSpecification, streamOptions: StreamOptions | undefined): void {
    checkStreamSpecification(spec);
    const streams = this.#streams.of(table) as TableStreams;
    if (spec.StreamEnabled === true) {
      if (streams.current !== undefined) throw new ValidationException('Table already has an enabled stream');
      // Only a member left out means "the table's own": null, like any value that is not options, is refused.
      const options = streamOptions === undefined ? table.definition.streamOptions : streamOptions;
      this.#streams.enable(table, spec.StreamViewType as StreamViewType, this.#streams.resolveOptions(options));
    } else {
      if (streamOptions !== undefined)
        throw new ValidationException('streamOptions apply to the stream an UpdateTable enables; this one disables it');
      if (streams.current === undefined) throw new ValidationException('Table has no stream to disable');
      this.#streams.disable(table);
    }
  }

  /**
   * Turns the table's time to live on or off: one change an hour (on the clock), ENABLING then ENABLED after
   * `timeToLive.transitionTime`. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html
   */
  updateTimeToLive(input: UpdateTimeToLiveInput): UpdateTimeToLiveOutput {
    return this.#timeToLive.update(input, (name) => this.table(name));
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html */
  describeTimeToLive(input: DescribeTimeToLiveInput): DescribeTimeToLiveOutput {
    return this.#timeToLive.describe(input, (name) => this.table(name));
  }

  /** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ListTables.html (names in ascending order). */
  listTables(input: ListTablesInput = {}): ListTablesOutput {
    return this.#tables.list(input);
  }

  // ------------------------------------------------------------------ items, by table name (AWS shapes)

  putItem(input: PutItemInput & { TableName: string }): PutItemOutput {
    return this.table(input?.TableName).putItem(input);
  }

  getItem(input: GetItemInput & { TableName: string }): GetItemOutput {
    return this.table(input?.TableName).getItem(input);
  }

  deleteItem(input: DeleteItemInput & { TableName: string }): DeleteItemOutput {
    return this.table(input?.TableName).deleteItem(input);
  }

  updateItem(input: UpdateItemInput & { TableName: string }): UpdateItemOutput {
    return this.table(input?.TableName).updateItem(input);
  }

  /** Query with the legacy KeyConditions (see `Table.query`). */
  query(input: QueryInput & { TableName: string }): QueryOutput {
    return this.table(input?.TableName).query(input);
  }

  /** Scan, in key order (see `Table.scan`). */
  scan(input: ScanInput & { TableName: string }): ScanOutput {
    return this.table(input?.TableName).scan(input);
  }

  /**
   * Up to 25 puts and deletes across tables. Every request is validated before any is applied, so a bad
   * request fails the whole call and changes nothing. https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html
   */
  batchWriteItem(input: BatchWriteItemInput): BatchWriteItemOutput {
    return batchWriteItem(input, (name) => this.table(name));
  }

  /**
   * Up to 100 writes and condition checks across tables, all or nothing: if any condition fails, the call
   * throws TransactionCanceledException with one reason per item, in request order, and changes nothing.
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
   */
  transactWriteItems(input: TransactWriteItemsInput): TransactWriteItemsOutput {
    return transactWriteItems(input, (name) => this.table(name));
  }

  /**
   * Up to 100 reads across tables, each with its projection, at one point in time.
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
   */
  transactGetItems(input: TransactGetItemsInput): TransactGetItemsOutput {
    return transactGetItems(input, (name) => this.table(name));
  }

  /** `transactWriteItems` with plain JavaScript values. */
  transactWrite(items: DocumentTransactItem[]): void {
    this.transactWriteItems(transactItemsOf(items));
  }

  // ------------------------------------------------------------------ streams

  /** The stream with this ARN, while it exists (ENABLED, or DISABLED within retention). */
  stream(streamArn: string): Stream {
    return this.#streams.get(streamArn);
  }

  /**
   * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_ListStreams.html
   * As DynamoDB Local: pages follow ascending ARN order, and each page lists its streams newest first.
   */
  listStreams(input: ListStreamsInput = {}): ListStreamsOutput {
    return this.#streams.list(input);
  }

  describeStream(input: DescribeStreamInput & { StreamArn: string }): DescribeStreamOutput {
    checkDescribeRequest(input);
    return this.stream(input?.StreamArn).describeStream(input);
  }

  getShardIterator(input: GetShardIteratorInput & { StreamArn: string }): GetShardIteratorOutput {
    checkIteratorRequest(input);
    const stream = this.#streams.find(input?.StreamArn);
    // DynamoDB Local's text for GetShardIterator on an unknown stream.
    if (stream === undefined) throw new ResourceNotFoundException('Stream does not exist');
    return stream.getShardIterator(input);
  }

  getRecords(input: GetRecordsInput): GetRecordsOutput {
    const at = this.#iterators.decode(input?.ShardIterator);
    return this.stream(at.streamArn).getRecordsFrom(at, input.Limit);
  }
}
